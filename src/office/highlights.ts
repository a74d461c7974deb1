/// <reference types="office-js" />
import type { Issue, Severity } from '../core/model/types';
import { chunkAreas, compactAreas } from './address-groups';
import type { ExcelRun } from './excel-run';

/**
 * Marks problem cells with conditional formats instead of changing their fill.
 *
 * Why: a conditional format is drawn over the cell's own format and removing it brings back exactly
 * what was there (fill, gradient or pattern fills, fonts, borders, notes, values), none of which we
 * read or write. Saving and restoring fills ourselves would be lossy: Office.js cannot read gradient
 * fills, and reports "#FFFFFF" both for "no fill" and for a white fill.
 *
 * Our rules are recognised by a marker inside their formula (`=ISTEXT("accrochage-cdc:…")`, always
 * TRUE), so they survive saving and reopening the workbook and never touch the user's own rules.
 */

export const HIGHLIGHT_MARKER = 'accrochage-cdc';

export const HIGHLIGHT_STYLE: Readonly<
  Record<Severity, { readonly fill: string; readonly font: string; readonly tag: string }>
> = {
  // Excel's built-in "Bad" and "Neutral" cell styles, familiar to users.
  error: { fill: '#FFC7CE', font: '#9C0006', tag: 'erreur' },
  warning: { fill: '#FFEB9C', font: '#9C5700', tag: 'avertissement' },
};

export function highlightFormula(severity: Severity): string {
  return `=ISTEXT("${HIGHLIGHT_MARKER}:${HIGHLIGHT_STYLE[severity].tag}")`;
}

export function isHighlightFormula(formula: string): boolean {
  return formula.includes(`"${HIGHLIGHT_MARKER}:`);
}

export interface HighlightSummary {
  /** Cells marked, by severity (a cell with an error and a warning counts as an error). */
  readonly errors: number;
  readonly warnings: number;
  /** Conditional formats added (one per address chunk). */
  readonly rules: number;
}

/** Cells per sheet and severity; an error hides a warning on the same cell. */
function cellsBySheet(issues: readonly Issue[]): Map<string, Record<Severity, Set<string>>> {
  const bySheet = new Map<string, Record<Severity, Set<string>>>();
  for (const issue of issues) {
    if (!issue.cell || !issue.sheet) continue;
    const entry = bySheet.get(issue.sheet) ?? { error: new Set<string>(), warning: new Set<string>() };
    entry[issue.severity].add(issue.cell.replace(/\$/g, '').toUpperCase());
    bySheet.set(issue.sheet, entry);
  }
  for (const entry of bySheet.values()) for (const cell of entry.error) entry.warning.delete(cell);
  return bySheet;
}

/** Deletes our rules on the given sheets (two round trips: rule types, then custom formulas). */
async function deleteHighlightRules(
  context: Excel.RequestContext,
  sheetNames: readonly string[],
): Promise<void> {
  const collections = sheetNames.map((name) =>
    context.workbook.worksheets.getItem(name).getRange().conditionalFormats.load('items/type'),
  );
  await context.sync();
  // Loading `custom` on a rule of another type fails, so formulas are loaded for custom rules only.
  const customs = collections.flatMap((collection) =>
    collection.items
      .filter((cf) => cf.type === 'Custom')
      .map((cf) => ({ cf, rule: cf.custom.rule.load('formula') })),
  );
  await context.sync();
  for (const { cf, rule } of customs) if (isHighlightFormula(rule.formula)) cf.delete();
}

/** Names of the sheets that exist among `names`. */
async function existingSheets(context: Excel.RequestContext, names: readonly string[]): Promise<string[]> {
  const sheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  const present = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  return names.filter((n) => present.has(n.toLowerCase()));
}

/**
 * Replaces the previous marks by marks for `issues` (so a re-check after a fix leaves no stale
 * mark). `sheetNames` are the sheets to clean even when they have no issue any more.
 */
export async function highlightIssues(
  run: ExcelRun,
  issues: readonly Issue[],
  sheetNames: readonly string[],
): Promise<HighlightSummary> {
  const bySheet = cellsBySheet(issues);
  return run(async (context) => {
    const sheets = await existingSheets(context, [...new Set([...sheetNames, ...bySheet.keys()])]);
    await deleteHighlightRules(context, sheets);
    let rules = 0;
    let errors = 0;
    let warnings = 0;
    for (const name of sheets) {
      const cells = bySheet.get(name);
      if (!cells) continue;
      const sheet = context.workbook.worksheets.getItem(name);
      errors += cells.error.size;
      warnings += cells.warning.size;
      // Warnings first: Office.js puts each new rule on top, so errors end up above warnings.
      for (const severity of ['warning', 'error'] as const) {
        for (const address of chunkAreas(compactAreas(cells[severity]))) {
          const cf = sheet.getRanges(address).conditionalFormats.add('Custom');
          cf.custom.rule.formula = highlightFormula(severity);
          cf.custom.format.fill.color = HIGHLIGHT_STYLE[severity].fill;
          cf.custom.format.font.color = HIGHLIGHT_STYLE[severity].font;
          rules++;
        }
      }
    }
    await context.sync();
    return { errors, warnings, rules };
  });
}

/** Removes every mark we made; the cells look exactly as before the check. */
export async function clearHighlights(run: ExcelRun, sheetNames: readonly string[]): Promise<void> {
  await run(async (context) => {
    const sheets = await existingSheets(context, sheetNames);
    await deleteHighlightRules(context, sheets);
    await context.sync();
  });
}
