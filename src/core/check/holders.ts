import type { Issue, Passage } from '../model/types';

/**
 * Who the problems are about: the holder's name of each passage row with a problem, and the passage each DIGCOMP
 * row with a problem belongs to. Kept for those rows only, so the check's result stays small across a worker
 * (the passages themselves are not sent back to the pane).
 */

export interface Holders {
  /** Passages sheet row → « DURAND Léa ». */
  readonly names: Readonly<Record<number, string>>;
  /** DIGCOMP sheet row → Passages sheet row. */
  readonly digcompPassage: Readonly<Record<number, number>>;
}

/** Name fields of a holder, in the order tried: civil status, then the CPF file. */
const NAME_FIELDS: readonly (readonly [string, string])[] = [
  ['8.1', '8.3'],
  ['9.2', '9.3'],
];

/** « DURAND Léa », from the values the check read; undefined when the row has no readable name. */
export function holderName(values: Readonly<Record<string, string>>): string | undefined {
  for (const [last, first] of NAME_FIELDS) {
    const parts = [values[last], values[first]].filter((v): v is string => v !== undefined && v !== '');
    if (parts.length > 0) return parts.join(' ');
  }
  return undefined;
}

export function holdersOfIssues(
  passages: readonly Passage[],
  issues: readonly Issue[],
  sheets: { readonly passages: string; readonly digcomp: string },
): Holders {
  const passageRows = new Set<number>();
  const digcompRows = new Set<number>();
  for (const issue of issues) {
    if (issue.row === 0) continue;
    if (issue.sheet === sheets.passages) passageRows.add(issue.row);
    else if (issue.sheet === sheets.digcomp) digcompRows.add(issue.row);
  }
  const names: Record<number, string> = {};
  const digcompPassage: Record<number, number> = {};
  for (const passage of passages) {
    let wanted = passageRows.has(passage.row);
    for (const result of passage.digcomp)
      if (digcompRows.has(result.row)) {
        digcompPassage[result.row] = passage.row;
        wanted = true;
      }
    const name = wanted ? holderName(passage.values) : undefined;
    if (name !== undefined) names[passage.row] = name;
  }
  return { names, digcompPassage };
}
