import { frenchDate } from '../normalize';
import { sendingDeadline } from '../deadlines';
import type { RowRule } from './types';

/** Date rules: order of the dates of a passage, and dates that cannot be right. */

/** The sending obligation applies to certifications delivered from this date (guide général V5 §2.8). */
export const OBLIGATION_START = '2021-07-01';
/** Exam and enrolment dates further back than this before the delivery are most likely mistyped years. */
export const MAX_YEARS_BEFORE_AWARD = 10;

const before = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && b < a;

function yearsBefore(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) - years).padStart(4, '0')}${iso.slice(4)}`;
}

const futureRule = (field: string): RowRule => ({
  field,
  code: 'futureDate',
  severity: 'warning',
  source: `${field} (date réelle passée)`,
  test: ({ values, today }) =>
    values[field] !== undefined && values[field] > today
      ? { value: frenchDate(values[field]), other: frenchDate(today) }
      : undefined,
});

const farBeforeAwardRule = (field: string): RowRule => ({
  field,
  code: 'dateFarBeforeAward',
  severity: 'warning',
  source: `${field} / 5.10`,
  test: ({ values }) => {
    const date = values[field];
    const award = values['5.10'];
    if (date === undefined || award === undefined) return undefined;
    return date < yearsBefore(award, MAX_YEARS_BEFORE_AWARD)
      ? { value: frenchDate(date), other: frenchDate(award), limit: MAX_YEARS_BEFORE_AWARD }
      : undefined;
  },
});

export const DATE_RULES: readonly RowRule[] = [
  {
    field: '5.7',
    code: 'examEndBeforeStart',
    severity: 'error',
    source: '5.7 ≥ 5.6 (dictionnaire 5.7 ; accusé de traitement, KO « date de fin … antérieure »)',
    test: ({ values: v }) =>
      before(v['5.6'], v['5.7']) ? { value: frenchDate(v['5.7']), other: frenchDate(v['5.6']) } : undefined,
  },
  {
    field: '5.11',
    code: 'validityEndBeforeStart',
    severity: 'error',
    source: '5.11 ≥ 5.10 (accusé de traitement, KO « date de fin de validité inférieure »)',
    test: ({ values: v }) =>
      before(v['5.10'], v['5.11'])
        ? { value: frenchDate(v['5.11']), other: frenchDate(v['5.10']) }
        : undefined,
  },
  futureRule('5.10'),
  futureRule('5.6'),
  futureRule('5.7'),
  futureRule('7.4'),
  {
    field: '5.10',
    code: 'awardBeforeObligation',
    severity: 'warning',
    source: '5.10 ≥ 01/07/2021 (guide général V5 §2.8)',
    test: ({ values: v }) =>
      v['5.10'] !== undefined && v['5.10'] < OBLIGATION_START ? { value: frenchDate(v['5.10']) } : undefined,
  },
  {
    field: '5.6',
    code: 'examAfterAward',
    severity: 'warning',
    source: '5.6 ≤ 5.10 (dictionnaire 5.6, 5.10)',
    test: ({ values: v }) =>
      before(v['5.6'], v['5.10']) ? { value: frenchDate(v['5.6']), other: frenchDate(v['5.10']) } : undefined,
  },
  {
    field: '7.4',
    code: 'enrolmentAfterAward',
    severity: 'warning',
    source: '7.4 ≤ 5.10 (dictionnaire 7.4)',
    test: ({ values: v }) =>
      before(v['7.4'], v['5.10']) ? { value: frenchDate(v['7.4']), other: frenchDate(v['5.10']) } : undefined,
  },
  farBeforeAwardRule('5.6'),
  farBeforeAwardRule('7.4'),
  {
    field: '5.5',
    code: 'provisionalResultOld',
    severity: 'warning',
    informational: true,
    source: '5.5 (dictionnaire : résultats définitifs 3 mois après la publication)',
    test: ({ values: v, today }) =>
      v['5.5'] === 'false' && v['5.10'] !== undefined && sendingDeadline(v['5.10']) < today
        ? { value: frenchDate(v['5.10']) }
        : undefined,
  },
];
