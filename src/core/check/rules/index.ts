import { NIRISATION_RULES } from './nirisation';
import type { DigcompResult, Severity } from '../../model/types';
import { ACCESS_RULES } from './access';
import { BIRTHPLACE_RULES } from './birthplace';
import { CERTIFICATION_RULES } from './certification';
import { DATE_RULES } from './dates';
import { DIGCOMP_RULES } from './digcomp';
import { LEVEL_RULES } from './levels';
import { SCORING_RULES } from './scoring';
import type { RowContext, RowRule } from './types';

/**
 * Business rules that the dictionary and the CDC guides state in prose and the XSD does not enforce, each
 * attached to the dictionary field where its problem is shown. Errors are what the CDC certainly rejects or
 * the dictionary certainly requires; warnings are likely mistakes and nirisation risks.
 */

export type { DigcompRule, RowContext, RowRule, RuleInput } from './types';
export { DIGCOMP_RULES } from './digcomp';

export const ROW_RULES: readonly RowRule[] = [
  ...CERTIFICATION_RULES,
  ...DATE_RULES,
  ...LEVEL_RULES,
  ...SCORING_RULES,
  ...ACCESS_RULES,
  ...BIRTHPLACE_RULES,
  ...NIRISATION_RULES,
];

export function runRowRules(context: RowContext): void {
  const { passage, dictionary, sheet, issues, filled, today } = context;
  const chosen = dictionary.chosenOptions((id) => filled.has(id));
  const applies = (id: string) => dictionary.applies(id, chosen);
  const input = { dictionary, values: passage.values, passage, filled, today, applies };
  for (const rule of ROW_RULES) {
    const params = rule.test(input);
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

/** Runs the DIGCOMP rules on the results of one passage; `filledOf` gives the filled fields of a DIGCOMP row. */
export function runDigcompRules(
  context: RowContext,
  filledOf: (result: DigcompResult) => ReadonlySet<string>,
): void {
  const { passage, dictionary, digcompSheet, issues } = context;
  for (const result of passage.digcomp) {
    for (const rule of DIGCOMP_RULES) {
      const params = rule.test(result, passage, filledOf(result));
      if (!params) continue;
      const column = digcompSheet.columns[rule.field];
      issues.add(
        rule.severity,
        rule.code,
        { sheet: digcompSheet.name, row: result.row, cell: column ? `${column}${result.row}` : '' },
        dictionary.field(rule.field),
        params,
      );
    }
  }
}

/** One line of the rule list (docs, the pane's help, reviews). */
export interface RuleSummary {
  readonly field: string;
  readonly code: string;
  readonly severity: Severity;
  readonly source: string;
}

/** Every business rule, row and DIGCOMP, in the order they run. */
export function listRules(): RuleSummary[] {
  return [...ROW_RULES, ...DIGCOMP_RULES].map(({ field, code, severity, source }) => ({
    field,
    code,
    severity,
    source,
  }));
}
