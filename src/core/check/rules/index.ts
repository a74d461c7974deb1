import type { Severity, SourceSheet } from '../../model/types';
import { otherRowsText, type IssueCode, type MessageParams } from '../../../i18n/check-messages';
import { cellOf, type IssueCollector } from '../issue-collector';
import { ACCESS_RULES } from './access';
import { BIRTHPLACE_RULES } from './birthplace';
import { CERTIFICATION_RULES } from './certification';
import { CHOICE_RULES } from './choices';
import { CROSS_ROW_RULES } from './cross-row';
import { DATE_RULES } from './dates';
import { DIGCOMP_RULES } from './digcomp';
import { LEVEL_RULES } from './levels';
import { NIRISATION_RULES } from './nirisation';
import { SCORING_RULES } from './scoring';
import type { CrossRowInput, RowContext, RowRule, RuleMeta } from './types';
import type { DigcompResult } from '../../model/types';

/**
 * The rule registry: every business rule that the dictionary and the CDC guides state in prose and the XSD does
 * not enforce, each attached to the dictionary field where its problem is shown. Row rules look at one passage,
 * DIGCOMP rules at one result, cross-row rules at all the passages (duplicates, deadlines). Errors are what the
 * CDC certainly rejects or the dictionary certainly requires; warnings are likely mistakes and nirisation risks.
 * docs/regles.md is generated from listRules(); test/core/check/rules/rules.test.ts has a case for each rule.
 */

export type { CrossRowFinding, CrossRowRule, DigcompRule, RowContext, RowRule, RuleInput } from './types';
export { refusedChoice } from './choices';

export const ROW_RULES: readonly RowRule[] = [
  ...CHOICE_RULES,
  ...CERTIFICATION_RULES,
  ...DATE_RULES,
  ...LEVEL_RULES,
  ...SCORING_RULES,
  ...ACCESS_RULES,
  ...BIRTHPLACE_RULES,
  ...NIRISATION_RULES,
];
export { CROSS_ROW_RULES, DIGCOMP_RULES };

export function runRowRules(context: RowContext): void {
  const { passage, dictionary, sheet, issues, filled, today } = context;
  const chosen = dictionary.chosenOptions((id) => filled.has(id));
  const applies = (id: string) => dictionary.applies(id, chosen);
  const input = { dictionary, values: passage.values, passage, filled, today, applies };
  for (const rule of ROW_RULES) {
    const finding = rule.test(input);
    if (!finding) continue;
    const { at, ...params } = finding;
    const field = at ?? rule.field;
    issues.add(rule.severity, rule.code, cellOf(sheet, passage.row, field), dictionary.field(field), params);
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
      issues.add(
        rule.severity,
        rule.code,
        cellOf(digcompSheet, result.row, rule.field),
        dictionary.field(rule.field),
        params,
      );
    }
  }
}

/** Other rows of a group named in each row's text; the rest are counted (« … et 99 997 autres »). */
export const LISTED_OTHER_ROWS = 10;

/** Runs the rules over all the passages of the sheet. */
export function runCrossRowRules(input: CrossRowInput, sheet: SourceSheet, issues: IssueCollector): void {
  for (const rule of CROSS_ROW_RULES) {
    const field = input.dictionary.field(rule.field);
    for (const finding of rule.run(input)) {
      if ('row' in finding) {
        issues.add(rule.severity, rule.code, cellOf(sheet, finding.row, rule.field), field, finding.params);
        continue;
      }
      // Every row of the group is highlighted; its text names the first other rows of the group and counts
      // the others: O(LISTED_OTHER_ROWS) per row, however large the group. The texts are shared between rows
      // that name the same rows (all but the first few), and the issues share the group's key.
      const { group, params } = finding;
      const key = `${rule.code}@${group[0]}`;
      const head = group.slice(0, LISTED_OTHER_ROWS + 1);
      const texts = new Map<string, MessageParams>();
      for (const row of group) {
        const shown = head.filter((r) => r !== row).slice(0, LISTED_OTHER_ROWS);
        const rows = otherRowsText(shown, group.length - 1 - shown.length);
        let rowParams = texts.get(rows);
        if (rowParams === undefined) texts.set(rows, (rowParams = { ...params, rows }));
        issues.add(rule.severity, rule.code, cellOf(sheet, row, rule.field), field, rowParams, key);
      }
    }
  }
}

/** One line of the rule list (docs, the pane's help, reviews). */
export interface RuleSummary {
  readonly id: string;
  readonly field: string;
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly source: string;
  /** Row, DIGCOMP result, or several rows together. */
  readonly kind: 'row' | 'digcomp' | 'rows';
  /** Whether breaking it predicts a rejection by the CDC (errors always do: they block the export). */
  readonly predictsRejection: boolean;
}

function summary(rule: RuleMeta, kind: RuleSummary['kind'], shared: ReadonlySet<string>): RuleSummary {
  return {
    id: rule.id ?? (shared.has(rule.code) ? `${rule.code}/${rule.field}` : rule.code),
    field: rule.field,
    code: rule.code,
    severity: rule.severity,
    source: rule.source,
    kind,
    predictsRejection: rule.informational !== true,
  };
}

/** Every rule, row, DIGCOMP and cross-row, in the order they run. */
export function listRules(): RuleSummary[] {
  const all: [RuleMeta, RuleSummary['kind']][] = [
    ...ROW_RULES.map((r) => [r, 'row'] as [RuleMeta, RuleSummary['kind']]),
    ...DIGCOMP_RULES.map((r) => [r, 'digcomp'] as [RuleMeta, RuleSummary['kind']]),
    ...CROSS_ROW_RULES.map((r) => [r, 'rows'] as [RuleMeta, RuleSummary['kind']]),
  ];
  const counts = new Map<string, number>();
  for (const [r] of all) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  const shared = new Set([...counts].filter(([, n]) => n > 1).map(([code]) => code));
  return all.map(([rule, kind]) => summary(rule, kind, shared));
}

/** Codes of the warnings that predict no rejection (the passage stays "prête"). */
export function informationalCodes(): ReadonlySet<string> {
  return new Set(
    listRules()
      .filter((r) => !r.predictsRejection)
      .map((r) => r.code),
  );
}
