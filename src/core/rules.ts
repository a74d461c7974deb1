import type { Dictionary } from '../dictionary';
import type { IssueCollector } from './check';
import type { IssueCode, MessageParams } from './messages';
import { frenchDate } from './normalize';
import type { Passage, Severity, SourceSheet } from './types';

/**
 * Business rules that the dictionary states in prose and the XSD does not enforce.
 * Each rule is attached to the dictionary field where its problem is shown.
 */

export interface RowContext {
  readonly dictionary: Dictionary;
  readonly sheet: SourceSheet;
  readonly digcompSheet: SourceSheet;
  readonly passage: Passage;
  /** Fields whose cell holds something, valid or not. */
  readonly filled: ReadonlySet<string>;
  readonly today: Date;
  readonly issues: IssueCollector;
}

export interface RowRule {
  /** Dictionary id of the field the problem is shown on. */
  readonly field: string;
  readonly code: IssueCode;
  readonly severity: Severity;
  /**
   * Returns message parameters when the rule is broken, undefined otherwise. `values` holds valid cells only;
   * `filled` also has cells whose value was refused (already reported), which rules must not report again.
   */
  readonly test: (
    values: Readonly<Record<string, string>>,
    passage: Passage,
    filled: ReadonlySet<string>,
  ) => MessageParams | undefined;
}

const before = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && b < a;

export const ROW_RULES: readonly RowRule[] = [
  {
    field: '5.7',
    code: 'examEndBeforeStart',
    severity: 'error',
    test: (v) =>
      before(v['5.6'], v['5.7']) ? { value: frenchDate(v['5.7']), other: frenchDate(v['5.6']) } : undefined,
  },
  {
    field: '5.11',
    code: 'validityEndBeforeStart',
    severity: 'error',
    test: (v) =>
      before(v['5.10'], v['5.11']) ? { value: frenchDate(v['5.11']), other: frenchDate(v['5.10']) } : undefined,
  },
  {
    field: '5.13',
    code: 'languageLevelMissing',
    severity: 'error',
    test: (v, _p, filled) => (v['5.12'] === 'true' && !filled.has('5.13') ? {} : undefined),
  },
  {
    field: '5.13',
    code: 'languageLevelUnexpected',
    severity: 'error',
    test: (v) => (v['5.12'] === 'false' && v['5.13'] !== undefined ? {} : undefined),
  },
  {
    field: '5.14',
    code: 'digitalLevelMissing',
    severity: 'error',
    test: (v, p, filled) => (v['5.14'] === 'true' && !filled.has('6.1') && p.digcomp.length === 0 ? {} : undefined),
  },
  {
    field: '5.14',
    code: 'digitalLevelUnexpected',
    severity: 'error',
    test: (v, p) => (v['5.14'] === 'false' && (v['6.1'] !== undefined || p.digcomp.length > 0) ? {} : undefined),
  },
];

export function runRowRules(context: RowContext): void {
  const { passage, dictionary, sheet, issues, filled } = context;
  for (const rule of ROW_RULES) {
    const params = rule.test(passage.values, passage, filled);
    if (!params) continue;
    const column = sheet.columns[rule.field];
    issues.add(
      rule.severity,
      rule.code,
      { sheet: sheet.name, row: passage.row, cell: column ? `${column}${passage.row}` : '' },
      dictionary.field(rule.field),
      params,
    );
  }
}
