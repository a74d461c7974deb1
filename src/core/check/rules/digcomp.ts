import { DIGCOMP_COMPETENCES, DIGCOMP_DOMAINS } from '../../../dictionary';
import { listLabels } from '../../../i18n/check-messages';
import type { DigcompRule } from './types';

/** Rules of each DIGCOMP result (dictionary 6.2–6.4): complete, and a competence that exists in its domain. */

const DOMAIN_LIST = listLabels(DIGCOMP_DOMAINS);

const missingRule = (field: string): DigcompRule => ({
  field,
  code: 'digcompIncomplete',
  severity: 'error',
  source: '6.2, 6.3 et 6.4 à remplir pour chaque compétence (dictionnaire bloc 6)',
  // `filled`, not `values`: a refused value is already reported on its cell.
  test: (result, _passage, filled) => (!filled.has(field) ? {} : undefined),
});

export const DIGCOMP_RULES: readonly DigcompRule[] = [
  missingRule('6.2'),
  missingRule('6.3'),
  missingRule('6.4'),
  {
    field: '6.3',
    code: 'digcompDomainUnknown',
    severity: 'error',
    source: '6.3 de 1 à 5 (dictionnaire 6.3)',
    test: ({ values }) =>
      values['6.3'] !== undefined && DIGCOMP_COMPETENCES[values['6.3']] === undefined
        ? { value: values['6.3'], expected: DOMAIN_LIST }
        : undefined,
  },
  {
    field: '6.4',
    code: 'digcompCompetenceUnknown',
    severity: 'error',
    source: '6.4 selon 6.3 : 1→1–3, 2→1–6, 3→1–4, 4→1–4, 5→1–4 (dictionnaire 6.4)',
    test: ({ values }) => {
      const competences = DIGCOMP_COMPETENCES[values['6.3'] ?? ''];
      const competence = values['6.4'];
      if (competences === undefined || competence === undefined) return undefined;
      const n = Number(competence);
      return Number.isInteger(n) && n >= 1 && n <= competences.length
        ? undefined
        : { value: competence, other: values['6.3'], max: competences.length };
    },
  },
  {
    field: '6.4',
    code: 'digcompDuplicate',
    severity: 'warning',
    source: 'une fois par compétence (dictionnaire bloc 6)',
    test: (result, passage) => {
      const { values } = result;
      if (values['6.3'] === undefined || values['6.4'] === undefined) return undefined;
      const first = passage.digcomp.find(
        (d) => d.values['6.3'] === values['6.3'] && d.values['6.4'] === values['6.4'],
      );
      return first && first.row !== result.row
        ? { value: `${values['6.3']}.${values['6.4']}`, rows: String(first.row) }
        : undefined;
    },
  },
];
