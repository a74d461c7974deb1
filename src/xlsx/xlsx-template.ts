import ExcelJS from 'exceljs';
import {
  buildTemplateLayout,
  columnLetter,
  FIRST_DATA_ROW,
  HEADER_ROW,
  liveRules,
  TEMPLATE_ROWS,
  type HistoryColumn,
  type LayoutColumn,
  type TemplateLayout,
  type TrackingColumn,
} from '../core/template/layout';

/**
 * Renders the template layout (src/core/template) as an .xlsx workbook with exceljs,
 * for the CLI and for people without the add-in. The add-in renders the same layout with Office.js.
 */

export const COLORS = {
  requiredHeader: 'FFF4B183',
  optionalHeader: 'FFD9E1F2',
  liveError: 'FFFFC7CE',
  trackingHeader: 'FFE7E6E6',
} as const;

/** exceljs supports range data validations but its typings omit them. */
type WorksheetWithValidations = ExcelJS.Worksheet & {
  readonly dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
};

export interface ListPlacement {
  /** Absolute reference to the list values on the lists sheet. */
  readonly ref: string;
}

export function writeLists(workbook: ExcelJS.Workbook, layout: TemplateLayout): Map<string, ListPlacement> {
  const sheet = workbook.addWorksheet(layout.lists.name, { state: 'hidden' });
  const placements = new Map<string, ListPlacement>();
  const seen = new Set<string>();
  let index = 0;
  for (const column of [...layout.passages.columns, ...layout.digcomp.columns]) {
    if (!column.list || seen.has(column.field)) continue;
    seen.add(column.field);
    const letter = columnLetter(index++);
    sheet.getCell(`${letter}1`).value = column.header;
    column.list.forEach((item, i) => {
      sheet.getCell(`${letter}${i + 2}`).value = item.label;
    });
    placements.set(column.field, {
      ref: `'${layout.lists.name}'!$${letter}$2:$${letter}$${column.list.length + 1}`,
    });
  }
  return placements;
}

/** Values to put in a new template: tests, examples and benchmarks fill it this way. */
export interface TemplateContent {
  /** Flux-level values by dictionary id. */
  readonly parameters?: Readonly<Record<string, ExcelJS.CellValue>>;
  /** Passage rows, each keyed by dictionary id. */
  readonly passages?: readonly Readonly<Record<string, ExcelJS.CellValue>>[];
  readonly digcomp?: readonly Readonly<Record<string, ExcelJS.CellValue>>[];
}

export function writeParameters(
  workbook: ExcelJS.Workbook,
  layout: TemplateLayout,
  values: TemplateContent['parameters'],
): void {
  const sheet = workbook.addWorksheet(layout.parameters.name);
  sheet.getColumn(1).width = 48;
  sheet.getColumn(2).width = 24;
  sheet.getColumn(2).numFmt = '@';
  sheet.getCell('A1').value = 'Paramètres du fichier CDC';
  sheet.getCell('A1').font = { bold: true, size: 14 };
  for (const p of layout.parameters.cells) {
    const label = sheet.getCell(p.labelCell);
    label.value = p.label;
    label.font = { bold: true };
    label.note = p.note;
    const cell = sheet.getCell(p.cell);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    if (values?.[p.field] !== undefined) cell.value = values[p.field];
  }
  const versionRow = Number(layout.parameters.versionCell.slice(1));
  sheet.getCell(`A${versionRow}`).value = 'Version du modèle (ne pas modifier)';
  sheet.getCell(layout.parameters.versionCell).value =
    `modèle ${layout.templateVersion} – XSD ${layout.schemaVersion}`;
  sheet.getCell(`A${versionRow}`).font = { italic: true, color: { argb: 'FF808080' } };
  sheet.getCell(layout.parameters.versionCell).font = { italic: true, color: { argb: 'FF808080' } };
}

/** Header cell of a template column: its note, bold, wrapped, coloured by whether it is mandatory. */
export function styleHeaderCell(cell: ExcelJS.Cell, column: LayoutColumn): void {
  cell.note = column.note;
  cell.font = { bold: true };
  cell.alignment = { wrapText: true, vertical: 'top' };
  cell.fill = {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: column.required ? COLORS.requiredHeader : COLORS.optionalHeader },
  };
}

/** The live conditional formats (empty mandatory cell, lengths) on the template rows. */
export function addLiveRules(sheet: ExcelJS.Worksheet, columns: readonly LayoutColumn[]): void {
  for (const rule of liveRules(columns)) {
    sheet.addConditionalFormatting({
      ref: `${rule.column}${FIRST_DATA_ROW}:${rule.column}${FIRST_DATA_ROW + TEMPLATE_ROWS - 1}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [rule.formula],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: COLORS.liveError } } },
        },
      ],
    });
  }
}

export function writeTableSheet(
  workbook: ExcelJS.Workbook,
  spec: {
    name: string;
    table: string;
    columns: readonly LayoutColumn[];
    trackingColumns?: readonly TrackingColumn[];
  },
  withLiveRules: boolean,
  rows: TemplateContent['passages'] = [],
): void {
  const tracking = spec.trackingColumns ?? [];
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 1 }],
  });
  sheet.addTable({
    name: spec.table,
    ref: `A${HEADER_ROW}`,
    headerRow: true,
    style: { theme: 'TableStyleLight1', showRowStripes: true },
    columns: [...spec.columns, ...tracking].map((c) => ({ name: c.header, filterButton: true })),
    // A table needs one row; an empty one is skipped by the readers.
    rows:
      rows.length > 0
        ? rows.map((r) => [...spec.columns.map((c) => r[c.field] ?? null), ...tracking.map(() => null)])
        : [[...spec.columns, ...tracking].map(() => null)],
  });
  writeTrackingHeaders(sheet, tracking);
  spec.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    column.numFmt = c.numberFormat;
    styleHeaderCell(sheet.getCell(`${c.column}${HEADER_ROW}`), c);
  });
  sheet.getRow(HEADER_ROW).height = 45;
  if (withLiveRules) addLiveRules(sheet, spec.columns);
}

/** Round-trip columns after the dictionary ones: grey, so they read as "filled by the tool, not sent". */
export function writeTrackingHeaders(
  sheet: ExcelJS.Worksheet,
  tracking: readonly TrackingColumn[],
  headerRow: number = HEADER_ROW,
): void {
  for (const c of tracking) {
    const column = sheet.getColumn(c.column);
    column.width = c.width;
    column.numFmt = c.numberFormat;
    const header = sheet.getCell(`${c.column}${headerRow}`);
    header.value = c.header;
    header.note = c.note;
    header.font = { bold: true, italic: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.trackingHeader } };
  }
}

/** The history of sends: one row per exported file, filled by the export. */
export function writeHistorySheet(workbook: ExcelJS.Workbook, layout: TemplateLayout): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(layout.history.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  writeHistoryHeaders(sheet, layout.history.columns);
  return sheet;
}

export function writeHistoryHeaders(sheet: ExcelJS.Worksheet, columns: readonly HistoryColumn[]): void {
  for (const c of columns) {
    const column = sheet.getColumn(c.column);
    column.width = c.width;
    column.numFmt = c.numberFormat;
    const header = sheet.getCell(`${c.column}${HEADER_ROW}`);
    header.value = c.header;
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.trackingHeader } };
  }
}

/** A new template workbook (parameters, passages, DIGCOMP, hidden lists). */
export function createTemplateWorkbook(version?: string, content: TemplateContent = {}): ExcelJS.Workbook {
  const layout = buildTemplateLayout(version);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Accrochage CDC pour Excel';
  workbook.created = new Date(0);
  writeParameters(workbook, layout, content.parameters);
  writeTableSheet(workbook, layout.passages, true, content.passages);
  writeTableSheet(workbook, layout.digcomp, false, content.digcomp);
  writeHistorySheet(workbook, layout);
  // The lists sheet comes last in the tab order; validations refer to it by name.
  const lists = writeLists(workbook, layout);
  for (const spec of [layout.passages, layout.digcomp]) addListValidations(workbook, spec, lists);
  return workbook;
}

export function addListValidations(
  workbook: ExcelJS.Workbook,
  spec: { name: string; columns: readonly LayoutColumn[] },
  lists: Map<string, ListPlacement>,
): void {
  const sheet = workbook.getWorksheet(spec.name) as WorksheetWithValidations | undefined;
  if (!sheet) return;
  for (const c of spec.columns) {
    const list = lists.get(c.field);
    if (!list) continue;
    sheet.dataValidations.add(
      `${c.column}${FIRST_DATA_ROW}:${c.column}${FIRST_DATA_ROW + TEMPLATE_ROWS - 1}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [list.ref],
        showErrorMessage: true,
        // Suggestions (certification type, DIGCOMP domain) accept other values: a warning, not a stop.
        errorStyle: c.strictList ? 'stop' : 'warning',
        errorTitle: 'Valeur hors liste',
        error: c.strictList
          ? 'Choisissez une valeur de la liste.'
          : 'Cette valeur ne fait pas partie des suggestions.',
      },
    );
  }
}
