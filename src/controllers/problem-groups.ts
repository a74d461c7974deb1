import type { CheckedSheets } from '../core/check/check';
import type { Holders } from '../core/check/holders';
import type { Issue } from '../core/model/types';
import { SHEET_NAMES } from '../core/template/layout';

/**
 * The problem list the way the user works: the parameters first (the whole file waits for them), then the passages,
 * then their DIGCOMP results; within a sheet, one group per row, titled with the holder's name. Sheets are known by
 * their role, not their name: the user may rename Passages and DIGCOMP (the check finds them by their table). A new
 * category of problems (passages the CDC rejected, say) is one more section: give its issues their own `section` key
 * and a place in SECTION_ORDER.
 */

/** What a sheet of the template is for. */
export type SheetRole = keyof CheckedSheets;

/** A section of the list: a sheet by its role, or the rows the CDC rejected (« Rejeté par la CDC »). */
export type SectionKey = SheetRole | 'rejected';

/**
 * Sections in the order they are listed; any other (an XSD problem on another sheet) comes after them. The rows the
 * CDC rejected come right after the parameters: they are what stands between the user and the CDC's « OK ».
 */
export const SECTION_ORDER: readonly SectionKey[] = ['parameters', 'rejected', 'passages', 'digcomp'];

/** Problems that say the CDC rejected the row: listed in their own section. */
export function isRejection(issue: Pick<Issue, 'code'>): boolean {
  return issue.code === 'rejectedByCdc' || issue.code === 'unchangedSinceRejection';
}

export interface ProblemGroup {
  readonly key: string;
  readonly sheet: string;
  /** What the sheet is for; undefined for a sheet outside the template's data. */
  readonly role?: SheetRole;
  /** Excel row (0: the sheet as a whole, or the parameters). */
  readonly row: number;
  /** « DURAND Léa » for a passage row or a DIGCOMP row linked to one; undefined when unknown. */
  readonly holder?: string;
  /** Passages sheet row of the holder (the row itself, or the passage a DIGCOMP row belongs to). */
  readonly passageRow?: number;
  readonly issues: readonly Issue[];
}

export interface ProblemSection {
  readonly sheet: string;
  readonly role?: SheetRole;
  /** « Rejeté par la CDC »: the rejected rows of the passages sheet (`role` is then 'passages'). */
  readonly rejected?: boolean;
  readonly groups: readonly ProblemGroup[];
  readonly count: number;
}

const severityRank = (issue: Issue): number => (issue.severity === 'error' ? 0 : 1);

/**
 * Sections in the user's order, each with its rows in sheet order and each row's cells left to right. `sheets`:
 * the names the check found (CheckResult.sheets); the template's names when unknown.
 */
export function groupProblems(
  issues: readonly Issue[],
  holders: Holders = { names: {}, digcompPassage: {} },
  sheets: CheckedSheets = SHEET_NAMES,
): ProblemSection[] {
  const roleOf = (sheet: string): SheetRole | undefined =>
    (['parameters', 'passages', 'digcomp'] as const).find((role) => sheets[role] === sheet);
  const sectionOf = (sheet: string, rejected: boolean): SectionKey | undefined =>
    rejected ? 'rejected' : roleOf(sheet);
  const sectionRank = (sheet: string, rejected: boolean): number => {
    const key = sectionOf(sheet, rejected);
    return key === undefined ? SECTION_ORDER.length : SECTION_ORDER.indexOf(key);
  };
  const groups = new Map<string, { sheet: string; row: number; rejected: boolean; issues: Issue[] }>();
  for (const issue of issues) {
    const rejected = isRejection(issue);
    const key = `${rejected ? 'rejected' : ''}\u0000${issue.sheet}\u0000${issue.row}`;
    const group = groups.get(key) ?? { sheet: issue.sheet, row: issue.row, rejected, issues: [] };
    group.issues.push(issue);
    groups.set(key, group);
  }
  const sections = new Map<string, { sheet: string; rejected: boolean; list: ProblemGroup[] }>();
  for (const [key, group] of groups) {
    group.issues.sort(
      (a, b) =>
        a.cell.length - b.cell.length || a.cell.localeCompare(b.cell) || severityRank(a) - severityRank(b),
    );
    const role = roleOf(group.sheet);
    const passageRow =
      group.row === 0
        ? undefined
        : role === 'passages'
          ? group.row
          : role === 'digcomp'
            ? holders.digcompPassage[group.row]
            : undefined;
    const holder = passageRow === undefined ? undefined : holders.names[passageRow];
    const sectionKey = `${group.rejected ? 'rejected' : ''}\u0000${group.sheet}`;
    const section = sections.get(sectionKey) ?? { sheet: group.sheet, rejected: group.rejected, list: [] };
    section.list.push({
      key,
      sheet: group.sheet,
      role,
      row: group.row,
      issues: group.issues,
      holder,
      passageRow,
    });
    sections.set(sectionKey, section);
  }
  return [...sections.values()]
    .sort(
      (a, b) =>
        sectionRank(a.sheet, a.rejected) - sectionRank(b.sheet, b.rejected) || a.sheet.localeCompare(b.sheet),
    )
    .map(({ sheet, rejected, list }) => {
      list.sort((a, b) => a.row - b.row);
      return {
        sheet,
        role: roleOf(sheet),
        ...(rejected ? { rejected: true } : {}),
        groups: list,
        count: list.reduce((n, g) => n + g.issues.length, 0),
      };
    });
}
