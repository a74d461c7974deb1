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

/** Sections in the order they are listed; any other (an XSD problem on another sheet) comes after them. */
export const SECTION_ORDER: readonly SheetRole[] = ['parameters', 'passages', 'digcomp'];

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
    SECTION_ORDER.find((role) => sheets[role] === sheet);
  const sectionRank = (sheet: string): number => {
    const role = roleOf(sheet);
    return role === undefined ? SECTION_ORDER.length : SECTION_ORDER.indexOf(role);
  };
  const groups = new Map<string, { sheet: string; row: number; issues: Issue[] }>();
  for (const issue of issues) {
    const key = `${issue.sheet}\u0000${issue.row}`;
    const group = groups.get(key) ?? { sheet: issue.sheet, row: issue.row, issues: [] };
    group.issues.push(issue);
    groups.set(key, group);
  }
  const sections = new Map<string, ProblemGroup[]>();
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
    const list = sections.get(group.sheet) ?? [];
    list.push({ key, sheet: group.sheet, role, row: group.row, issues: group.issues, holder, passageRow });
    sections.set(group.sheet, list);
  }
  return [...sections.entries()]
    .sort(([a], [b]) => sectionRank(a) - sectionRank(b) || a.localeCompare(b))
    .map(([sheet, list]) => {
      list.sort((a, b) => a.row - b.row);
      return {
        sheet,
        role: roleOf(sheet),
        groups: list,
        count: list.reduce((n, g) => n + g.issues.length, 0),
      };
    });
}
