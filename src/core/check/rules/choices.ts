import { filledOptions, leafFields, type ChoiceNode, type Dictionary } from '../../../dictionary';
import { fieldName } from '../../../i18n/check-messages';
import type { RowRule } from './types';

/**
 * Rows that fill several options of an exclusive choice (src/dictionary/choices.ts): both identity blocks, or an
 * INSEE code and a postal code of birth. What happens is the choice's own data (whenSeveral): 'refused' is an
 * error shown on the first field of the option the row would use, 'firstKept' a warning on the option left out.
 */

/** The first 'refused' choice the row fills several options of: its required fields are then not reported. */
export function refusedChoice(
  dictionary: Dictionary,
  filled: (id: string) => boolean,
): ChoiceNode | undefined {
  return dictionary.choices.find((c) => c.whenSeveral === 'refused' && filledOptions(c, filled).length > 1);
}

export const CHOICE_RULES: readonly RowRule[] = [
  {
    id: 'identityConflict',
    field: '9.1',
    code: 'identityConflict',
    severity: 'error',
    source:
      'un seul bloc d’identification par passage : bloc 8 ou bloc 9 (XSD, choix identificationTitulaire)',
    test: ({ dictionary, filled }) => {
      const choice = refusedChoice(dictionary, (id) => filled.has(id));
      if (!choice) return undefined;
      const [first, second] = filledOptions(choice, (id) => filled.has(id));
      return { at: leafFields(first)[0], value: first.label ?? first.tag, other: second.label ?? second.tag };
    },
  },
  {
    id: 'birthplaceBoth',
    field: '8.11',
    code: 'birthplaceBoth',
    severity: 'warning',
    informational: true,
    source:
      'code INSEE (8.10) ou code postal (8.11) de naissance, pas les deux (XSD, choix codeCommuneNaissance)',
    test: ({ dictionary, filled }) => {
      const has = (id: string) => filled.has(id);
      if (refusedChoice(dictionary, has)) return undefined;
      for (const choice of dictionary.choices) {
        if (choice.whenSeveral !== 'firstKept') continue;
        const [kept, dropped] = filledOptions(choice, has);
        if (dropped === undefined) continue;
        return { at: leafFields(dropped)[0], other: fieldName(dictionary.field(leafFields(kept)[0])) };
      }
      return undefined;
    },
  },
];
