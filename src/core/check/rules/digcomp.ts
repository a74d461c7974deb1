import { DIGCOMP_COMPETENCES, DIGCOMP_DOMAINS } from '../../../dictionary';
import { listLabels } from '../../../i18n/check-messages';
import type { DigcompResult, Passage } from '../../model/types';
import type { DigcompRule } from './types';

/** Rules of each DIGCOMP result (dictionary 6.2–6.4): complete, and a competence that exists in its domain. */

const DOMAIN_LIST = listLabels(DIGCOMP_DOMAINS);

function competenceKey({ values }: DigcompResult): string | undefined {
  return values['6.3'] === undefined || values['6.4'] === undefined
    ? undefined
    : `${values['6.3']}.${values['6.4']}`;
}

/**
 * The first row of each competence among a passage's results, indexed once per passage: a passage may gather
 * any number of results (rows sharing its idTechnique), and each result is compared with the first of its
 * competence in constant time, not with every other result.
 */
const competenceRows = new WeakMap<Passage, Map<string, number>>();

function firstRowOfCompetence(passage: Passage, key: string): number | undefined {
  let rows = competenceRows.get(passage);
  if (rows === undefined) {
    rows = new Map();
    for (const result of passage.digcomp) {
      const competence = competenceKey(result);
      if (competence !== undefined && !rows.has(competence)) rows.set(competence, result.row);
    }
    competenceRows.set(passage, rows);
  }
  return rows.get(key);
}

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
      const key = competenceKey(result);
      if (key === undefined) return undefined;
      const first = firstRowOfCompetence(passage, key);
      return first !== undefined && first !== result.row
        ? { value: `${result.values['6.3']}.${result.values['6.4']}`, rows: String(first) }
        : undefined;
    },
  },
];
