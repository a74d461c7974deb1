import { getDictionary } from '../../../dictionary';
import { listLabels } from '../../../i18n/check-messages';
import type { RowRule } from './types';

/**
 * Certification rules (dictionary 4.1, 4.2): an RNCP or RS certification is identified by the code of its
 * France compétences file, prefix included ("RNCPXXXXX ou RSXXXX"); a code without its prefix or of the other
 * repertory gives the KO « Le statut de la certification … est KO » (accusé de traitement V3 p.3).
 */

/** The two repertories whose codes the CDC checks against France compétences. */
const REPERTORIES = ['RNCP', 'RS'] as const;
const REPERTORY_CODE: Readonly<Record<string, RegExp>> = { RNCP: /^RNCP\d+$/, RS: /^RS\d+$/ };
const ANY_REPERTORY_CODE = /^(RNCP|RS)\d+$/;
const NOT_ALPHANUMERIC = /[^A-Za-z0-9]/g;
const DIGITS_ONLY = /^\d+$/;

const typeField = getDictionary().field('4.1');
const LISTED_TYPES = new Set((typeField.suggestions ?? []).map((s) => s.code));
const TYPE_LIST = listLabels(typeField.suggestions ?? []);

/** The code the CDC expects for a mistyped one, when it can be told for sure (prefix missing, case, spaces). */
export function expectedRepertoryCode(type: string, code: string): string | undefined {
  const compact = code.replace(NOT_ALPHANUMERIC, '').toUpperCase();
  if (DIGITS_ONLY.test(compact)) return `${type}${compact}`;
  return REPERTORY_CODE[type].test(compact) ? compact : undefined;
}

export const CERTIFICATION_RULES: readonly RowRule[] = [
  {
    field: '4.2',
    code: 'certificationCodeMismatch',
    severity: 'error',
    source: '4.2 « RNCPXXXXX ou RSXXXX » selon 4.1 (dictionnaire 4.2 ; accusé de traitement V3 p.3)',
    test: ({ values: v }) => {
      const type = v['4.1'];
      const code = v['4.2'];
      if (code === undefined || !REPERTORIES.some((r) => r === type)) return undefined;
      if (REPERTORY_CODE[type].test(code)) return undefined;
      const expected = expectedRepertoryCode(type, code);
      return { value: code, other: type, ...(expected ? { expected } : {}) };
    },
  },
  {
    field: '4.1',
    code: 'certificationTypeForCode',
    severity: 'warning',
    source: '4.1 / 4.2 (dictionnaire 4.1 : « RNCP ou RS »)',
    test: ({ values: v }) => {
      const code = v['4.2'];
      const type = v['4.1'];
      if (code === undefined || type === undefined || REPERTORIES.some((r) => r === type)) return undefined;
      const prefix = ANY_REPERTORY_CODE.exec(code)?.[1];
      return prefix ? { value: code, other: type, expected: prefix } : undefined;
    },
  },
  {
    field: '4.1',
    code: 'certificationTypeUnlisted',
    severity: 'warning',
    source: '4.1 liste du dictionnaire (RNCP, RS, …)',
    test: ({ values: v }) =>
      v['4.1'] !== undefined && !LISTED_TYPES.has(v['4.1']) && !ANY_REPERTORY_CODE.test(v['4.2'] ?? '')
        ? { value: v['4.1'], expected: TYPE_LIST }
        : undefined,
  },
];
