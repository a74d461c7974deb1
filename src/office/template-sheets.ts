/// <reference types="office-js" />
import type { TemplateLayout } from '../core/template/layout';

/**
 * Where the template's sheets are, whatever the user called them. The passages and DIGCOMP sheets are found by
 * their table first (`workbook.tables.getItemOrNullObject`, ExcelApi 1.4, and `Table.worksheet`, ExcelApi 1.2):
 * renaming a sheet keeps its tables, and a table name is unique in the workbook. The other sheets have no table
 * and are found by name.
 */

export interface TemplateSheetNames {
  /** Every sheet of the workbook, in tab order. */
  readonly all: readonly string[];
  readonly parameters?: string;
  readonly passages?: string;
  readonly digcomp?: string;
  readonly history?: string;
  readonly lists?: string;
}

/** Queues what it needs to know; the returned function answers after the next `context.sync()`. */
export function probeTemplateSheets(
  context: Excel.RequestContext,
  layout: TemplateLayout,
): () => TemplateSheetNames {
  const sheets = context.workbook.worksheets.load('items/name');
  const tables = [layout.passages.table, layout.digcomp.table].map((name) =>
    context.workbook.tables.getItemOrNullObject(name).load('name,worksheet/name'),
  );
  return () => {
    const names = sheets.items.map((s) => s.name);
    const byName = (wanted: string) => names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    const byTable = (table: Excel.Table, wanted: string) =>
      table.isNullObject ? byName(wanted) : table.worksheet.name;
    return {
      all: names,
      parameters: byName(layout.parameters.name),
      passages: byTable(tables[0], layout.passages.name),
      digcomp: byTable(tables[1], layout.digcomp.name),
      history: byName(layout.history.name),
      lists: byName(layout.lists.name),
    };
  };
}

/** The sheets a check reads and marks: parameters, passages, DIGCOMP (those that exist). */
export function checkedSheets(names: TemplateSheetNames): string[] {
  return [names.parameters, names.passages, names.digcomp].filter((n): n is string => n !== undefined);
}
