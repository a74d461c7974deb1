import ExcelJS from 'exceljs';
import { columnIndex, columnLetter } from '../../../src/core/template/layout';
import { buildTemplateSpec, TEMPLATE_COLORS } from '../../../src/core/template/template-spec';
import { FakeExcel } from '../../../src/fake-excel';
import { rectAddress, type Rect } from '../../../src/fake-excel/a1';
import type { SheetModel, TableModel } from '../../../src/fake-excel/model';
import { createExcelWorkbookPort } from '../../../src/office/workbook-port';
import { createTemplateWorkbook } from '../../../src/xlsx/xlsx-template';
import { DICTIONARY } from '../../support/dictionary';

/**
 * One template, two writers: the CLI's (exceljs, read back from the .xlsx it writes) and the add-in's (Office.js,
 * on the fake Excel) render the same spec, so they must give the same workbook cell by cell: sheets, values,
 * styles, notes, widths, number formats, tables, drop-down lists with their alerts, and live formats.
 */

interface CellView {
  value?: string | number | boolean;
  bold?: true;
  italic?: true;
  size?: number;
  color?: string;
  fill?: string;
  wrap?: true;
  note?: string;
}

interface SheetView {
  name: string;
  hidden: boolean;
  frozenRows: number;
  tables: { name: string; range: string; style: string }[];
  cells: Record<string, CellView>;
  /** By column letter: width in characters, number format of the first and last template data rows. */
  columns: Record<string, { width: number; format: string }>;
  headerHeight?: number;
  /** By column letter: the list of the first data row, and whether the last template row has it too. */
  validations: Record<
    string,
    { source: string; style: string; title: string; message: string; rows: string }
  >;
  formats: { range: string; formula: string; fill: string }[];
}

const LAST_TEMPLATE_ROW = 5001;
const hex = (argb: string | undefined) => (argb ? `#${argb.slice(-6).toUpperCase()}` : undefined);
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== false)) as T;

// ---- the CLI's workbook, as the file it writes reads back ----

type DataValidationModel = Record<string, ExcelJS.DataValidation | undefined>;
type ConditionalFormatting = {
  ref: string;
  rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[];
};

function xlsxSheet(ws: ExcelJS.Worksheet, width: number): SheetView {
  const cells: Record<string, CellView> = {};
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const view = clean<CellView>({
        value: cell.value === null ? undefined : (cell.value as string),
        bold: cell.font?.bold ? true : undefined,
        italic: cell.font?.italic ? true : undefined,
        size: cell.font?.size !== undefined && cell.font.size !== 11 ? cell.font.size : undefined,
        color: hex(cell.font?.color?.argb),
        fill: fill?.pattern === 'solid' ? hex(fill.fgColor?.argb) : undefined,
        wrap: cell.alignment?.wrapText ? true : undefined,
        note: typeof cell.note === 'string' ? cell.note : undefined,
      });
      if (Object.keys(view).length > 0) cells[cell.address] = view;
    }),
  );
  const columns: SheetView['columns'] = {};
  const validations: SheetView['validations'] = {};
  const model = (ws as unknown as { dataValidations: { model: DataValidationModel } }).dataValidations.model;
  for (let i = 0; i < width; i++) {
    const letter = columnLetter(i);
    columns[letter] = {
      width: ws.getColumn(letter).width ?? 0,
      format: ws.getCell(`${letter}2`).numFmt ?? 'General',
    };
    const dv = model[`${letter}2`];
    if (dv) {
      validations[letter] = {
        source: dv.formulae?.[0] as string,
        style: dv.errorStyle ?? 'stop',
        title: dv.errorTitle ?? '',
        message: dv.error ?? '',
        rows: `${model[`${letter}${LAST_TEMPLATE_ROW}`] ? 'to 5001' : 'short'}${model[`${letter}${LAST_TEMPLATE_ROW + 1}`] ? '+' : ''}`,
      };
    }
  }
  const formattings = (ws as unknown as { conditionalFormattings: ConditionalFormatting[] })
    .conditionalFormattings;
  const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
  const tables = (
    ws as unknown as {
      tables: Record<string, { model: { name: string; tableRef: string; style: { theme: string } } }>;
    }
  ).tables;
  return {
    name: ws.name,
    hidden: ws.state !== 'visible',
    frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
    tables: Object.values(tables).map((t) => ({
      name: t.model.name,
      range: t.model.tableRef,
      style: t.model.style.theme,
    })),
    cells,
    columns,
    ...(ws.getRow(1).height ? { headerHeight: ws.getRow(1).height } : {}),
    validations,
    formats: formattings.flatMap((cf) =>
      cf.rules.map((r) => ({
        range: cf.ref,
        formula: r.formulae?.[0] ?? '',
        fill: hex(r.style?.fill?.bgColor?.argb) ?? '',
      })),
    ),
  };
}

// ---- the add-in's workbook, on the fake Excel ----

const charactersOf = (points: number) => Math.round(((points / 0.75 - 5) / 7) * 100) / 100;

function fakeSheet(sheet: SheetModel, tables: readonly TableModel[], width: number): SheetView {
  const cells: Record<string, CellView> = {};
  const used: Rect = sheet.usedRect() ?? { top: 0, left: 0, bottom: 0, right: 0 };
  const noted = [...sheet.notes.keys()].map((a) => ({
    row: Number(a.replace(/^[A-Z]+/, '')) - 1,
    col: columnIndex(a.replace(/\d+$/, '')),
  }));
  const addresses = new Map<string, { row: number; col: number }>();
  for (let r = used.top; r <= used.bottom; r++)
    for (let c = used.left; c <= used.right; c++)
      if (sheet.value(r, c) !== undefined) addresses.set(`${columnLetter(c)}${r + 1}`, { row: r, col: c });
  for (const n of noted) addresses.set(`${columnLetter(n.col)}${n.row + 1}`, n);
  for (const [address, { row, col }] of addresses) {
    const format = sheet.format(row, col);
    const view = clean<CellView>({
      value: sheet.value(row, col),
      bold: format.bold ? true : undefined,
      italic: format.italic ? true : undefined,
      size: format.fontSize !== 11 ? format.fontSize : undefined,
      color: format.fontColor !== '#000000' ? format.fontColor.toUpperCase() : undefined,
      fill: format.fillColor?.toUpperCase() ?? undefined,
      wrap: format.wrapText ? true : undefined,
      note: sheet.notes.get(address),
    });
    if (Object.keys(view).length > 0) cells[address] = view;
  }
  const columns: SheetView['columns'] = {};
  const validations: SheetView['validations'] = {};
  for (let i = 0; i < width; i++) {
    const letter = columnLetter(i);
    const points = sheet.columnWidths.get(i);
    columns[letter] = {
      width: points === undefined ? 0 : charactersOf(points),
      format: sheet.format(1, i).numberFormat,
    };
    const dv = sheet.dataValidationAt(1, i);
    const list = dv?.rule.list as { source: string } | undefined;
    if (dv && list) {
      validations[letter] = {
        source: list.source.replace(/^=/, ''),
        style: (dv.errorAlert?.style ?? 'Stop').toLowerCase(),
        title: dv.errorAlert?.title ?? '',
        message: dv.errorAlert?.message ?? '',
        rows: `${sheet.dataValidationAt(LAST_TEMPLATE_ROW - 1, i) ? 'to 5001' : 'short'}${sheet.dataValidationAt(LAST_TEMPLATE_ROW, i) ? '+' : ''}`,
      };
    }
  }
  return {
    name: sheet.name,
    hidden: sheet.visibility !== 'Visible',
    frozenRows: sheet.frozen.rows,
    tables: tables
      .filter((t) => t.sheet === sheet)
      .map((t) => ({ name: t.name, range: rectAddress(t.rect), style: t.style })),
    cells,
    columns,
    ...(sheet.rowHeights.get(0) ? { headerHeight: sheet.rowHeights.get(0) } : {}),
    validations,
    formats: sheet.conditionalFormats.map((cf) => ({
      range: cf.areas.map(rectAddress).join(','),
      formula: cf.formula.replace(/^=/, ''),
      fill: cf.fillColor?.toUpperCase() ?? '',
    })),
  };
}

/**
 * Live formats in a stable order: Office.js puts each new rule on top where exceljs appends, and the order cannot
 * matter here since no two of our rules can be true on the same cell (an empty cell is never of a wrong length).
 */
function sorted(view: SheetView | undefined): SheetView | undefined {
  if (!view) return view;
  const key = (f: SheetView['formats'][number]) => `${f.range} ${f.formula}`;
  return { ...view, formats: [...view.formats].sort((a, b) => key(a).localeCompare(key(b))) };
}

describe('the template built by the CLI and by the add-in', () => {
  const spec = buildTemplateSpec(DICTIONARY);
  const widthOf = (name: string) => spec.sheets.find((s) => s.name === name)?.columns.length ?? 0;
  let cli: SheetView[];
  let addin: SheetView[];
  const read = new ExcelJS.Workbook();
  const excel = new FakeExcel({ apiVersion: '1.18' });

  beforeAll(async () => {
    const written = await createTemplateWorkbook(DICTIONARY).xlsx.writeBuffer();
    await read.xlsx.load(written as ArrayBuffer);
    cli = read.worksheets.map((ws) => xlsxSheet(ws, widthOf(ws.name)));

    await createExcelWorkbookPort({
      run: excel.excelRun,
      notes: true,
      dictionary: DICTIONARY,
    }).createTemplate();
    const sheets = excel.model.sheets.filter((s) => s.name !== 'Feuil1');
    addin = sheets.map((s) => fakeSheet(s, excel.model.tables, widthOf(s.name)));
  });

  it('has the same sheets, in the same order, hidden alike', () => {
    expect(addin.map((s) => [s.name, s.hidden])).toEqual(cli.map((s) => [s.name, s.hidden]));
    expect(cli.map((s) => s.name)).toEqual(spec.sheets.map((s) => s.name));
  });

  it.each(['Paramètres', 'Passages', 'DIGCOMP', 'Historique', 'Listes'])(
    'gives sheet %s the same cells, formats, lists and live formats',
    (name) => {
      const fromCli = sorted(cli.find((s) => s.name === name));
      const fromAddin = sorted(addin.find((s) => s.name === name));
      expect(fromAddin).toEqual(fromCli);
    },
  );

  it('boxes each parameter to fill in, in both writers, and marks it while it is empty', () => {
    const cells = spec.layout.parameters.cells.map((c) => c.cell);
    const edges = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;
    const sheet = excel.model.requireSheet('Paramètres');
    const cliSheet = read.getWorksheet('Paramètres') as ExcelJS.Worksheet;
    for (const address of cells) {
      const row = Number(address.slice(1)) - 1;
      const borders = sheet.format(row, columnIndex(address.replace(/\d+$/, ''))).borders;
      expect(edges.map((e) => borders[e])).toEqual(
        edges.map(() => ({ style: 'Continuous', color: TEMPLATE_COLORS.parameterBorder })),
      );
      const border = cliSheet.getCell(address).border;
      expect(
        [border.top, border.bottom, border.left, border.right].map((b) => [b?.style, hex(b?.color?.argb)]),
      ).toEqual(edges.map(() => ['thin', TEMPLATE_COLORS.parameterBorder]));
    }
    const parameters = cli.find((s) => s.name === 'Paramètres') as SheetView;
    expect(parameters.formats).toEqual(
      cells.map((c) => ({ range: c, formula: `LEN(TRIM(${c}))=0`, fill: TEMPLATE_COLORS.missingParameter })),
    );
    // The add-in's empty parameters show marked (the fake evaluates the rule as Excel does).
    expect(excel.model.displayedFill('Paramètres', 1, 1)).toBe(TEMPLATE_COLORS.missingParameter);
  });

  it('is not empty where it matters', () => {
    const passages = cli.find((s) => s.name === 'Passages') as SheetView;
    expect(Object.keys(passages.validations).length).toBeGreaterThan(5);
    expect(passages.formats.length).toBeGreaterThan(20);
    expect(passages.tables).toEqual([
      { name: 'TablePassages', range: expect.stringMatching(/^A1:[A-Z]+2$/), style: 'TableStyleLight1' },
    ]);
    expect(Object.values(passages.cells).filter((c) => c.note).length).toBeGreaterThan(40);
  });
});
