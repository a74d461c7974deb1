import { frenchDate } from '../normalize';
import { usesTitulaire, type RowRule, type RuleInput } from './types';
import {
  civilStatusWord,
  containsName,
  looksLikeSeveralFirstNames,
  sameName,
  unexpectedNameCharacters,
} from './names';

/**
 * Nirisation readiness: what predicts that the CDC will not find the holder in the SNGI. Matching is a funnel
 * (accusé de traitement V3 p.4): nom de naissance + prénom + sexe + année, then + jour and mois, then + commune.
 * All warnings: the file is accepted, the passage may come back KO.
 */

/** Outside these ages at the delivery date, the birth year (8.6) is most likely mistyped. */
export const MIN_AGE_AT_AWARD = 14;
export const MAX_AGE_AT_AWARD = 85;

const titulaire = (rule: RowRule): RowRule => ({
  ...rule,
  test: (input: RuleInput) => (usesTitulaire(input) ? rule.test(input) : undefined),
});

const NAME_FIELDS = ['8.1', '8.2', '8.3', '8.4', '8.5', '9.2', '9.3'];

const nameCharactersRule = (field: string): RowRule => ({
  field,
  code: 'nameUnexpectedCharacters',
  severity: 'warning',
  source: `${field} tel qu’à l’état civil (accusé de traitement V3 p.5 : la ponctuation compte)`,
  test: ({ values }) => {
    const name = values[field];
    const found = name === undefined ? undefined : unexpectedNameCharacters(name);
    return found ? { value: name, other: found } : undefined;
  },
});

const severalFirstNamesRule = (field: string): RowRule => ({
  field,
  code: 'severalFirstNames',
  severity: 'warning',
  source: `${field} premier prénom seul (dictionnaire 8.3–8.5 ; accusé de traitement V3 p.5)`,
  test: ({ values }) => {
    const name = values[field];
    return name !== undefined && looksLikeSeveralFirstNames(name) ? { value: name } : undefined;
  },
});

const civilStatusRule = (field: string): RowRule => ({
  field,
  code: 'civilStatusMarker',
  severity: 'warning',
  source: `${field} nom seul (dictionnaire 8.1, 8.2)`,
  test: ({ values }) => {
    const name = values[field];
    const word = name === undefined ? undefined : civilStatusWord(name);
    return word ? { value: name, other: word } : undefined;
  },
});

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

export const NIRISATION_RULES: readonly RowRule[] = [
  titulaire({
    field: '8.7',
    code: 'birthMonthMissing',
    severity: 'warning',
    source: '8.7, 2e critère de la nirisation (accusé de traitement V3 p.4)',
    test: ({ filled }) => (filled.has('8.7') ? undefined : {}),
  }),
  titulaire({
    field: '8.8',
    code: 'birthDayMissing',
    severity: 'warning',
    source: '8.8, 2e critère de la nirisation (accusé de traitement V3 p.4)',
    test: ({ filled }) => (filled.has('8.8') ? undefined : {}),
  }),
  {
    field: '8.8',
    code: 'birthDateImpossible',
    severity: 'warning',
    source: '8.6–8.8 date réelle',
    test: ({ values: v }) => {
      if (v['8.6'] === undefined || v['8.7'] === undefined || v['8.8'] === undefined) return undefined;
      const [year, month, day] = [Number(v['8.6']), Number(v['8.7']), Number(v['8.8'])];
      return day > daysInMonth(year, month)
        ? { value: `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}` }
        : undefined;
    },
  },
  {
    field: '8.6',
    code: 'implausibleAge',
    severity: 'warning',
    source: `8.6 / 5.10 : âge de ${MIN_AGE_AT_AWARD} à ${MAX_AGE_AT_AWARD} ans à la délivrance`,
    test: ({ values: v }) => {
      if (v['8.6'] === undefined || v['5.10'] === undefined) return undefined;
      const age = Number(v['5.10'].slice(0, 4)) - Number(v['8.6']);
      return age < MIN_AGE_AT_AWARD || age > MAX_AGE_AT_AWARD
        ? { value: v['8.6'], other: frenchDate(v['5.10']), count: age }
        : undefined;
    },
  },
  ...NAME_FIELDS.map(nameCharactersRule),
  severalFirstNamesRule('8.3'),
  severalFirstNamesRule('9.3'),
  civilStatusRule('8.1'),
  civilStatusRule('8.2'),
  {
    field: '8.2',
    code: 'usageNameSameAsBirthName',
    severity: 'warning',
    source: '8.2 nom d’usage, différent du nom de naissance 8.1 (dictionnaire 8.2)',
    test: ({ values: v }) =>
      v['8.1'] !== undefined && v['8.2'] !== undefined && sameName(v['8.1'], v['8.2']) ? {} : undefined,
  },
  {
    field: '8.1',
    code: 'usageNameInBirthName',
    severity: 'warning',
    source: '8.1 nom de naissance seul, le nom d’usage en 8.2 (dictionnaire 8.1, 8.2)',
    test: ({ values: v }) =>
      v['8.1'] !== undefined && v['8.2'] !== undefined && containsName(v['8.1'], v['8.2'])
        ? { value: v['8.1'], other: v['8.2'] }
        : undefined,
  },
];
