/// <reference types="office-js" />
import type {
  CellSpec,
  LiveFormatSpec,
  ListValidationSpec,
  SheetSpec,
  TemplateSpec,
} from '../core/template/template-spec';
import { FIRST_DATA_ROW } from '../core/template/layout';

/**
 * Renders the template spec (src/core/template/template-spec.ts) with Office.js. Every decision (texts, styles,
 * lists, alerts, live formats) is the spec's; this file only knows how Office.js writes each of them.
 */

/** Excel's last row: number formats cover whole columns so pasted rows get them too. */
export const LAST_ROW = 1_048_576;
/** Data validation input message limits enforced by Excel. */
const PROMPT_TITLE_MAX = 32;
const PROMPT_MESSAGE_MAX = 255;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Column width in points from a width in characters (Excel: 7 px per character + 5 px padding). */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/**
 * One number format for every cell of a range: a 1×1 array (`numberFormat` is typed any[][], typings l.38665).
 * A 1×1 array applied to a whole range is user-verified on Windows, Mac and the web (docs-pr #5400); a scalar
 * is undocumented, so we never send one.
 */
export function setNumberFormat(range: Excel.Range, format: string): void {
  range.numberFormat = [[format]];
}

/** The title an input message of help gets (Excel cuts titles at 32 characters). */
export function promptTitle(title: string): string {
  return clip(title, PROMPT_TITLE_MAX);
}

/** Titles of every input message of help the template writes (before ExcelApi 1.18). */
export function templatePromptTitles(spec: TemplateSpec): Set<string> {
  const titles = spec.sheets.flatMap((sheet) => sheet.cells.map((cell) => cell.note?.fallback?.title));
  return new Set(titles.filter((t): t is string => t !== undefined).map(promptTitle));
}

const ALERT_STYLE = { stop: 'Stop', information: 'Information' } as const;
const BOX_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

export interface RenderOptions {
  /** ExcelApi 1.18: help as notes; otherwise as data-validation input messages. */
  readonly notes: boolean;
}

/** One cell: number format first (so a text stays text), value, style, then its help. */
export function renderCell(sheet: Excel.Worksheet, cell: CellSpec, options: RenderOptions): void {
  const range = sheet.getRange(cell.address);
  if (cell.numberFormat !== undefined) setNumberFormat(range, cell.numberFormat);
  if (cell.value !== undefined) range.values = [[cell.value]];
  const style = cell.style;
  if (style?.bold) range.format.font.bold = true;
  if (style?.italic) range.format.font.italic = true;
  if (style?.size !== undefined) range.format.font.size = style.size;
  if (style?.color !== undefined) range.format.font.color = style.color;
  if (style?.fill !== undefined) range.format.fill.color = style.fill;
  if (style?.wrap) range.format.wrapText = true;
  if (style?.border !== undefined) {
    for (const edge of BOX_EDGES) {
      const border = range.format.borders.getItem(edge);
      border.style = 'Continuous';
      border.color = style.border;
    }
  }
  if (!cell.note) return;
  // Through a Range: which sheet a bare "A1" means when this sheet is not the active one is undocumented
  // (NoteCollection.add, typings l.65467; the samples activate the sheet first).
  if (options.notes) sheet.notes.add(range, cell.note.text);
  else if (cell.note.fallback) {
    // Before ExcelApi 1.18 there is no notes API: the help shows when a cell it is about is selected.
    sheet.getRange(cell.note.fallback.range).dataValidation.prompt = {
      showPrompt: true,
      title: promptTitle(cell.note.fallback.title),
      message: clip(cell.note.text, PROMPT_MESSAGE_MAX),
    };
  }
}

export function renderColumn(
  sheet: Excel.Worksheet,
  column: { readonly column: string; readonly width: number; readonly numberFormat?: string },
): void {
  const letter = column.column;
  sheet.getRange(`${letter}:${letter}`).format.columnWidth = widthInPoints(column.width);
  if (column.numberFormat !== undefined)
    setNumberFormat(sheet.getRange(`${letter}${FIRST_DATA_ROW}:${letter}${LAST_ROW}`), column.numberFormat);
}

export function renderValidation(sheet: Excel.Worksheet, validation: ListValidationSpec): void {
  const range = sheet.getRange(validation.range);
  range.dataValidation.rule = { list: { inCellDropDown: true, source: `=${validation.source}` } };
  range.dataValidation.errorAlert = {
    showAlert: true,
    style: ALERT_STYLE[validation.alert.style],
    title: validation.alert.title,
    message: validation.alert.message,
  };
}

export function renderLiveFormat(sheet: Excel.Worksheet, format: LiveFormatSpec): void {
  const cf = sheet.getRange(format.range).conditionalFormats.add('Custom');
  cf.custom.rule.formula = `=${format.formula}`;
  cf.custom.format.fill.color = format.fill;
}

/** A sheet of the spec into a new worksheet. */
export function renderSheet(sheet: Excel.Worksheet, spec: SheetSpec, options: RenderOptions): void {
  for (const column of spec.columns) renderColumn(sheet, column);
  // Values before the table: its header row takes the header cells' texts.
  for (const cell of spec.cells) renderCell(sheet, { ...cell, note: undefined }, options);
  if (spec.table) {
    const table = sheet.tables.add(`'${spec.name}'!${spec.table.range}`, true);
    table.name = spec.table.name;
    table.style = spec.table.style;
  }
  for (const { row, height } of spec.rowHeights) sheet.getRange(`A${row}`).format.rowHeight = height;
  if (spec.frozenRows > 0) sheet.freezePanes.freezeRows(spec.frozenRows);
  // Validations before the help: an input message is set on the validation of its range.
  for (const validation of spec.validations) renderValidation(sheet, validation);
  for (const cell of spec.cells)
    if (cell.note) renderCell(sheet, { address: cell.address, note: cell.note }, options);
  for (const format of spec.liveFormats) renderLiveFormat(sheet, format);
  if (spec.hidden) sheet.visibility = 'Hidden';
}
