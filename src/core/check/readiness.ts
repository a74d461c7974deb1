import type { PassageDeadline } from './deadlines';
import type { IssueCode } from '../../i18n/check-messages';
import type { Issue, Passage } from '../model/types';
import { informationalCodes } from './rules';

/**
 * How ready each passage is to be accepted by the CDC, from the issues found on its row (and on its DIGCOMP
 * rows): "bloquée" while an error remains (the export is refused), "à risque" when a warning predicts a KO
 * (nirisation, business rules), "prête" otherwise.
 */

export type ReadinessLevel = 'prete' | 'a-risque' | 'bloquee';

export interface RowReadiness {
  /** Excel row of the passage. */
  readonly row: number;
  readonly level: ReadinessLevel;
  /** Codes of the issues that set the level (errors when blocked, warnings when at risk), without repeats. */
  readonly codes: readonly string[];
}

export interface ReadinessSummary {
  readonly ready: number;
  readonly atRisk: number;
  readonly blocked: number;
  /** Passages past their sending deadline. */
  readonly overdue: number;
  /** Passages whose deadline is at most DUE_SOON_DAYS away. */
  readonly dueSoon: number;
}

/**
 * Warnings that are true but predict no rejection: they are listed, and leave a passage "prête". Rules say so
 * themselves in the registry (`informational`); the others come from reading the sheet: an optional column
 * missing from the header, a link whose shown text differs from the address sent.
 */
export const INFORMATIONAL_WARNINGS: ReadonlySet<string> = new Set<string>([
  ...informationalCodes(),
  'missingColumn' satisfies IssueCode,
  'hyperlinkText' satisfies IssueCode,
]);

export function assessReadiness(
  passages: readonly Passage[],
  issues: readonly Issue[],
  sheets: { readonly passages: string; readonly digcomp: string },
): RowReadiness[] {
  const passageOfDigcompRow = new Map<number, number>();
  for (const p of passages) for (const d of p.digcomp) passageOfDigcompRow.set(d.row, p.row);
  // Codes by row, in arrays: a row has a few codes at most, and 100 000 rows of one group each have one.
  const errors = new Map<number, string[]>();
  const risks = new Map<number, string[]>();
  // An error outside any row (parameters, a missing mandatory column) blocks the whole file.
  const fileErrors = new Set<string>();
  for (const issue of issues) {
    if (issue.severity === 'warning' && INFORMATIONAL_WARNINGS.has(issue.code)) continue;
    const row =
      issue.row === 0
        ? undefined
        : issue.sheet === sheets.passages
          ? issue.row
          : issue.sheet === sheets.digcomp
            ? passageOfDigcompRow.get(issue.row)
            : undefined;
    if (row === undefined) {
      if (issue.severity === 'error') fileErrors.add(issue.code);
      continue;
    }
    const target = issue.severity === 'error' ? errors : risks;
    const codes = target.get(row);
    if (codes === undefined) target.set(row, [issue.code]);
    else if (!codes.includes(issue.code)) codes.push(issue.code);
  }
  const fileCodes = [...fileErrors];
  return passages.map(({ row }) => {
    const rowErrors = errors.get(row);
    if (fileCodes.length > 0 || rowErrors !== undefined) {
      const blocking = rowErrors === undefined ? fileCodes : [...new Set([...fileCodes, ...rowErrors])];
      return { row, level: 'bloquee', codes: blocking };
    }
    const risky = risks.get(row);
    return risky ? { row, level: 'a-risque', codes: risky } : { row, level: 'prete', codes: [] };
  });
}

export function summarizeReadiness(
  readiness: readonly RowReadiness[],
  deadlines: readonly PassageDeadline[],
): ReadinessSummary {
  const count = <T>(items: readonly T[], keep: (item: T) => boolean) => items.filter(keep).length;
  return {
    ready: count(readiness, (r) => r.level === 'prete'),
    atRisk: count(readiness, (r) => r.level === 'a-risque'),
    blocked: count(readiness, (r) => r.level === 'bloquee'),
    overdue: count(deadlines, (d) => d.status === 'overdue'),
    dueSoon: count(deadlines, (d) => d.status === 'dueSoon'),
  };
}
