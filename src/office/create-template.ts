/// <reference types="office-js" />
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  type LayoutColumn,
  type TemplateLayout,
  type TrackingColumn,
} from '../core/template/layout';
import { templateVersionText, VERSION_LABEL } from '../core/template/template-version';
import { columnLetter } from '../core/template/layout';
import type { EnumValue } from '../dictionary';
import { getDictionary } from '../dictionary';
import { templateText } from '../i18n/pane';
import type { ExcelRun } from './excel-run';

/**
 * Renders the template layout (src/core/template) with Office.js: sheets Paramètres, Passages
 * and DIGCOMP, each data sheet holding one Excel table, and a hidden Listes sheet as the source of
 * the drop-down lists. It never writes into a sheet that already exists.
 */

export type TemplateOutcome =
  | { readonly status: 'created'; readonly created: readonly string[] }
  | { readonly status: 'exists'; readonly existing: readonly string[]; readonly missing: readonly string[] };

export interface TemplateOptions {
  /** Create only the sheets that are missing (after the user agreed). */
  readonly addMissing?: boolean;
  /** ExcelApi 1.18: header help as notes; otherwise as data-validation input messages. */
  readonly notes: boolean;
}

/** Excel's last row: formats, lists and rules cover whole columns so pasted rows get them too. */
export const LAST_ROW = 1_048_576;
/** Data validation input message limits enforced by Excel. */
const PROMPT_TITLE_MAX = 32;
const PROMPT_MESSAGE_MAX = 255;
/** Fills of the template's own rules (distinct from the check highlights). */
const MISSING_FILL = '#FFF2CC';
const TOO_LONG_FILL = '#F8CBAD';

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Column width in points from a width in characters (Excel: 7 px per character + 5 px padding). */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** Columns of the Listes sheet: one per field with a list, in the order they first appear. */
export function listColumns(
  layout: TemplateLayout,
): { field: string; tag: string; values: readonly EnumValue[]; column: string }[] {
  const seen = new Map<string, { field: string; tag: string; values: readonly EnumValue[] }>();
  for (const c of [...layout.passages.columns, ...layout.digcomp.columns]) {
    if (c.list && !seen.has(c.field)) seen.set(c.field, { field: c.field, tag: c.tag, values: c.list });
  }
  return [...seen.values()].map((entry, i) => ({ ...entry, column: columnLetter(i) }));
}

function fillListsSheet(sheet: Excel.Worksheet, lists: ReturnType<typeof listColumns>): void {
  if (lists.length === 0) return;
  const height = Math.max(...lists.map((l) => l.values.length)) + 1;
  const grid = Array.from({ length: height }, (_, row) =>
    lists.map((l) => (row === 0 ? `${l.field} ${l.tag}` : (l.values[row - 1]?.label ?? ''))),
  );
  const last = columnLetter(lists.length - 1);
  const range = sheet.getRange(`A1:${last}${height}`);
  range.numberFormat = grid.map((row) => row.map(() => '@'));
  range.values = grid;
  sheet.getRange(`A1:${last}1`).format.font.bold = true;
  sheet.getRange(`A:${last}`).format.columnWidth = widthInPoints(40);
}

function listSource(
  listsSheet: string,
  lists: ReturnType<typeof listColumns>,
  field: string,
): string | undefined {
  const list = lists.find((l) => l.field === field);
  if (!list) return undefined;
  return `='${listsSheet}'!$${list.column}$2:$${list.column}$${list.values.length + 1}`;
}

function maxLengthOf(field: string): number | undefined {
  const def = getDictionary().field(field);
  return def.kind === 'string' ? (def.maxLength ?? def.length) : undefined;
}

function renderDataSheet(
  sheet: Excel.Worksheet,
  part: {
    readonly name: string;
    readonly table: string;
    readonly columns: readonly LayoutColumn[];
    readonly trackingColumns?: readonly TrackingColumn[];
  },
  lists: ReturnType<typeof listColumns>,
  listsSheet: string,
  options: TemplateOptions,
): void {
  const columns = part.columns;
  const tracking = part.trackingColumns ?? [];
  const last = columns[columns.length - 1].column;
  const tableLast = tracking.length > 0 ? tracking[tracking.length - 1].column : last;
  sheet.getRange(`A${HEADER_ROW}:${tableLast}${HEADER_ROW}`).values = [
    [...columns, ...tracking].map((c) => c.header),
  ];
  const table = sheet.tables.add(`'${part.name}'!A${HEADER_ROW}:${tableLast}${FIRST_DATA_ROW}`, true);
  table.name = part.table;
  table.style = 'TableStyleLight9';

  const header = sheet.getRange(`A${HEADER_ROW}:${last}${HEADER_ROW}`);
  header.format.wrapText = true;
  header.format.rowHeight = 60;
  sheet.freezePanes.freezeRows(HEADER_ROW);

  for (const column of columns) {
    const letter = column.column;
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = widthInPoints(column.width);
    const data = sheet.getRange(`${letter}${FIRST_DATA_ROW}:${letter}${LAST_ROW}`);
    // Single value for the whole column: '@' keeps leading zeros of codes, dates show as dd/mm/yyyy.
    (data as unknown as { numberFormat: string }).numberFormat = column.numberFormat;
    const source = listSource(listsSheet, lists, column.field);
    if (source) {
      data.dataValidation.rule = { list: { inCellDropDown: true, source } };
      data.dataValidation.errorAlert = column.strictList
        ? {
            showAlert: true,
            style: 'Stop',
            title: templateText.strictListAlertTitle,
            message: templateText.strictListAlertMessage,
          }
        : {
            showAlert: true,
            style: 'Information',
            title: templateText.suggestionAlertTitle,
            message: templateText.suggestionAlertMessage,
          };
    }
    if (options.notes) {
      sheet.notes.add(`${letter}${HEADER_ROW}`, column.note);
    } else {
      // Before ExcelApi 1.18 there is no notes API: the help shows when a cell of the column is selected.
      data.dataValidation.prompt = {
        showPrompt: true,
        title: clip(`${column.field} ${column.tag}`, PROMPT_TITLE_MAX),
        message: clip(column.note, PROMPT_MESSAGE_MAX),
      };
    }
  }

  // Round-trip columns (CDC status…): filled by the tool, never exported.
  for (const column of tracking) {
    const letter = column.column;
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = widthInPoints(column.width);
    const data = sheet.getRange(`${letter}${FIRST_DATA_ROW}:${letter}${LAST_ROW}`);
    (data as unknown as { numberFormat: string }).numberFormat = column.numberFormat;
    sheet.getRange(`${letter}${HEADER_ROW}`).format.font.italic = true;
    if (options.notes) sheet.notes.add(`${letter}${HEADER_ROW}`, column.note);
  }

  // What a formula can tell while typing: an empty mandatory cell on a row that has data, text too long.
  const rowSpan = `$A${FIRST_DATA_ROW}:$${last}${FIRST_DATA_ROW}`;
  const required = columns.filter((c) => c.required);
  if (required.length > 0) {
    const areas = required.map((c) => `${c.column}${FIRST_DATA_ROW}:${c.column}${LAST_ROW}`).join(',');
    const first = required[0].column;
    const cf = sheet.getRanges(areas).conditionalFormats.add('Custom');
    cf.custom.rule.formula = `=AND(COUNTA(${rowSpan})>0,LEN(TRIM(${first}${FIRST_DATA_ROW}))=0)`;
    cf.custom.format.fill.color = MISSING_FILL;
  }
  const byMax = new Map<number, LayoutColumn[]>();
  for (const c of columns) {
    const max = maxLengthOf(c.field);
    if (max !== undefined && max < 32767) byMax.set(max, [...(byMax.get(max) ?? []), c]);
  }
  for (const [max, cols] of byMax) {
    const areas = cols.map((c) => `${c.column}${FIRST_DATA_ROW}:${c.column}${LAST_ROW}`).join(',');
    const cf = sheet.getRanges(areas).conditionalFormats.add('Custom');
    cf.custom.rule.formula = `=LEN(${cols[0].column}${FIRST_DATA_ROW})>${max}`;
    cf.custom.format.fill.color = TOO_LONG_FILL;
  }
}

function renderParametersSheet(
  sheet: Excel.Worksheet,
  layout: TemplateLayout,
  options: TemplateOptions,
): void {
  const { cells, versionCell } = layout.parameters;
  sheet.getRange('A1').values = [[templateText.parametersTitle]];
  sheet.getRange('A1').format.font.bold = true;
  sheet.getRange('A:A').format.columnWidth = widthInPoints(55);
  sheet.getRange('B:B').format.columnWidth = widthInPoints(24);
  for (const cell of cells) {
    sheet.getRange(cell.labelCell).values = [[cell.label]];
    // Identifiers such as BCR codes are text: '@' before anything is typed keeps leading zeros.
    (sheet.getRange(cell.cell) as unknown as { numberFormat: string }).numberFormat = '@';
    if (options.notes) {
      sheet.notes.add(cell.labelCell, cell.note);
    } else {
      sheet.getRange(cell.cell).dataValidation.prompt = {
        showPrompt: true,
        title: clip(`${cell.field} ${cell.tag}`, PROMPT_TITLE_MAX),
        message: clip(cell.note, PROMPT_MESSAGE_MAX),
      };
    }
    const cf = sheet.getRange(cell.cell).conditionalFormats.add('Custom');
    cf.custom.rule.formula = `=LEN(TRIM(${cell.cell}))=0`;
    cf.custom.format.fill.color = MISSING_FILL;
  }
  writeVersionCell(sheet, `A${versionCell.slice(1)}`, versionCell, templateVersionText(layout));
}

/** The version of the template, read back by the upgrade (src/core/template-version.ts). */
export function writeVersionCell(
  sheet: Excel.Worksheet,
  labelCell: string,
  cell: string,
  text: string,
): void {
  sheet.getRange(labelCell).values = [[VERSION_LABEL]];
  const version = sheet.getRange(cell);
  // Text format: a bare "1.1.2" would be read as a date in some locales.
  (version as unknown as { numberFormat: string }).numberFormat = '@';
  version.values = [[text]];
  sheet.getRange(`${labelCell}:${cell}`).format.font.italic = true;
}

/** One row per export (filled by the export and the accusés): headers only. */
export function renderHistorySheet(sheet: Excel.Worksheet, layout: TemplateLayout): void {
  const columns = layout.history.columns;
  const last = columns[columns.length - 1].column;
  sheet.getRange(`A${HEADER_ROW}:${last}${HEADER_ROW}`).values = [columns.map((c) => c.header)];
  sheet.getRange(`A${HEADER_ROW}:${last}${HEADER_ROW}`).format.font.bold = true;
  for (const column of columns) {
    sheet.getRange(`${column.column}:${column.column}`).format.columnWidth = widthInPoints(column.width);
    const data = sheet.getRange(`${column.column}${FIRST_DATA_ROW}:${column.column}${LAST_ROW}`);
    (data as unknown as { numberFormat: string }).numberFormat = column.numberFormat;
  }
  sheet.freezePanes.freezeRows(HEADER_ROW);
}

export async function createTemplate(
  run: ExcelRun,
  layout: TemplateLayout,
  options: TemplateOptions,
): Promise<TemplateOutcome> {
  const sheetNames = [
    layout.parameters.name,
    layout.passages.name,
    layout.digcomp.name,
    layout.history.name,
    layout.lists.name,
  ];
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    const probes = sheetNames.map((name) => sheets.getItemOrNullObject(name).load('name'));
    const tables = [layout.passages.table, layout.digcomp.table].map((name) =>
      context.workbook.tables.getItemOrNullObject(name).load('name'),
    );
    await context.sync();

    const existing = sheetNames.filter((_, i) => !probes[i].isNullObject);
    const missing = sheetNames.filter((_, i) => probes[i].isNullObject);
    // A table name is workbook-wide: if ours is taken elsewhere, the sheet that needs it is not created.
    const tableTaken = (name: string): boolean =>
      tables.some((t) => !t.isNullObject && t.name.toLowerCase() === name.toLowerCase());
    if (existing.length > 0 && !options.addMissing) return { status: 'exists', existing, missing };
    const toCreate = missing.filter(
      (name) =>
        !(name === layout.passages.name && tableTaken(layout.passages.table)) &&
        !(name === layout.digcomp.name && tableTaken(layout.digcomp.table)),
    );
    if (toCreate.length === 0) return { status: 'exists', existing, missing };

    const lists = listColumns(layout);
    const created: Excel.Worksheet[] = [];
    for (const name of toCreate) {
      const sheet = sheets.add(name);
      created.push(sheet);
      if (name === layout.parameters.name) renderParametersSheet(sheet, layout, options);
      else if (name === layout.passages.name)
        renderDataSheet(sheet, layout.passages, lists, layout.lists.name, options);
      else if (name === layout.digcomp.name)
        renderDataSheet(sheet, layout.digcomp, lists, layout.lists.name, options);
      else if (name === layout.history.name) renderHistorySheet(sheet, layout);
      else {
        fillListsSheet(sheet, lists);
        sheet.visibility = 'Hidden';
      }
    }
    const first = created.find((_, i) => toCreate[i] !== layout.lists.name);
    first?.activate();
    await context.sync();
    return { status: 'created', created: toCreate };
  });
}
