import type { Holders } from '../core/check/holders';
import type { Issue } from '../core/model/types';
import { SHEET_NAMES } from '../core/template/layout';

/**
 * The problem list the way the user works: the parameters first (the whole file waits for them), then the passages,
 * then their DIGCOMP results; within a sheet, one group per row, titled with the holder's name. A new category of
 * problems (passages the CDC rejected, say) is one more section: give its issues their own `section` key and a
 * place in SECTION_ORDER.
 */

/** Sections in the order they are listed; any other (an XSD problem on another sheet) comes after them. */
export const SECTION_ORDER: readonly string[] = [
  SHEET_NAMES.parameters,
  SHEET_NAMES.passages,
  SHEET_NAMES.digcomp,
];

export interface ProblemGroup {
  readonly key: string;
  readonly sheet: string;
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
  readonly groups: readonly ProblemGroup[];
  readonly count: number;
}

const severityRank = (issue: Issue): number => (issue.severity === 'error' ? 0 : 1);

function sectionRank(sheet: string): number {
  const index = SECTION_ORDER.indexOf(sheet);
  return index === -1 ? SECTION_ORDER.length : index;
}

/** Sections in the user's order, each with its rows in sheet order and each row's cells left to right. */
export function groupProblems(
  issues: readonly Issue[],
  holders: Holders = { names: {}, digcompPassage: {} },
): ProblemSection[] {
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
    const passageRow =
      group.row === 0
        ? undefined
        : group.sheet === SHEET_NAMES.passages
          ? group.row
          : group.sheet === SHEET_NAMES.digcomp
            ? holders.digcompPassage[group.row]
            : undefined;
    const holder = passageRow === undefined ? undefined : holders.names[passageRow];
    const list = sections.get(group.sheet) ?? [];
    list.push({ key, sheet: group.sheet, row: group.row, issues: group.issues, holder, passageRow });
    sections.set(group.sheet, list);
  }
  return [...sections.entries()]
    .sort(([a], [b]) => sectionRank(a) - sectionRank(b) || a.localeCompare(b))
    .map(([sheet, list]) => {
      list.sort((a, b) => a.row - b.row);
      return { sheet, groups: list, count: list.reduce((n, g) => n + g.issues.length, 0) };
    });
}
