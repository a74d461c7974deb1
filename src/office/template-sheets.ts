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

export interface TemplateSheetsProbe {
  /** The names, once the context has synced. */
  names(): TemplateSheetNames;
  /** The template's tables (null objects when absent), with `name` and `worksheet/name` loaded. */
  readonly tables: { readonly passages: Excel.Table; readonly digcomp: Excel.Table };
}

/** Queues what it needs to know; `names()` answers after the next `context.sync()`. */
export function probeTemplateSheets(
  context: Excel.RequestContext,
  layout: TemplateLayout,
): TemplateSheetsProbe {
  const sheets = context.workbook.worksheets.load('items/name');
  const [passages, digcomp] = [layout.passages.table, layout.digcomp.table].map((name) =>
    context.workbook.tables.getItemOrNullObject(name).load('name,worksheet/name'),
  );
  return {
    tables: { passages, digcomp },
    names: () => {
      const names = sheets.items.map((s) => s.name);
      const byName = (wanted: string) => names.find((n) => n.toLowerCase() === wanted.toLowerCase());
      const byTable = (table: Excel.Table, wanted: string) =>
        table.isNullObject ? byName(wanted) : table.worksheet.name;
      return {
        all: names,
        parameters: byName(layout.parameters.name),
        passages: byTable(passages, layout.passages.name),
        digcomp: byTable(digcomp, layout.digcomp.name),
        history: byName(layout.history.name),
        lists: byName(layout.lists.name),
      };
    },
  };
}

/** The sheets a check reads and marks: parameters, passages, DIGCOMP (those that exist). */
export function checkedSheets(names: TemplateSheetNames): string[] {
  return [names.parameters, names.passages, names.digcomp].filter((n): n is string => n !== undefined);
}

/** The name of a data sheet: its table's sheet when the table exists, else the layout's name (one round trip). */
export async function dataSheetName(
  context: Excel.RequestContext,
  sheetName: string,
  tableName: string,
): Promise<string> {
  const table = context.workbook.tables.getItemOrNullObject(tableName).load('worksheet/name');
  await context.sync();
  return table.isNullObject ? sheetName : table.worksheet.name;
}
