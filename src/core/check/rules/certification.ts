import type { Dictionary } from '../../../dictionary';
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

const typeLists = new WeakMap<Dictionary, { codes: ReadonlySet<string>; labels: string }>();

/** The certification types the dictionary lists (4.1), once per dictionary. */
function listedTypes(dictionary: Dictionary): { codes: ReadonlySet<string>; labels: string } {
  let found = typeLists.get(dictionary);
  if (!found) {
    const suggestions = dictionary.field('4.1').suggestions ?? [];
    found = { codes: new Set(suggestions.map((s) => s.code)), labels: listLabels(suggestions) };
    typeLists.set(dictionary, found);
  }
  return found;
}

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
    test: ({ dictionary, values: v }) => {
      const listed = listedTypes(dictionary);
      return v['4.1'] !== undefined && !listed.codes.has(v['4.1']) && !ANY_REPERTORY_CODE.test(v['4.2'] ?? '')
        ? { value: v['4.1'], expected: listed.labels }
        : undefined;
    },
  },
];
