import type { Dictionary, EnumValue } from '../../dictionary';
import { templateText } from '../../i18n/template';
import {
  buildTemplateLayout,
  columnLetter,
  FIRST_DATA_ROW,
  HEADER_ROW,
  TEXT_FORMAT,
  type LayoutColumn,
  type TemplateLayout,
  type TrackingColumn,
} from './layout';
import { liveRules, TEMPLATE_ROWS } from './live-rules';
import { templateVersionText, VERSION_LABEL, type ColumnAddition } from './template-version';

/**
 * The template as the writers render it, decided once: sheets, cells with their text, styles and notes, column
 * widths and number formats, the Excel table of each data sheet, drop-down lists with their alerts, and the live
 * conditional formats. The add-in (src/office/render-template.ts, Office.js) and the CLI (src/xlsx/render-template.ts,
 * exceljs) only translate it into their API; a test builds the template through both and compares them cell by cell.
 */

/** Colours as "#RRGGBB". */
export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Font size in points. */
  readonly size?: number;
  readonly color?: string;
  readonly fill?: string;
  readonly wrap?: boolean;
  /** Colour of a thin line around the cell: a cell to fill in, seen without relying on colour alone. */
  readonly border?: string;
}

/** Help on a cell. Before ExcelApi 1.18 the add-in cannot write notes: it shows `fallback` as an input message. */
export interface NoteSpec {
  readonly text: string;
  readonly fallback?: { readonly range: string; readonly title: string };
}

export interface CellSpec {
  /** A1 address. */
  readonly address: string;
  readonly value?: string;
  readonly style?: CellStyle;
  readonly numberFormat?: string;
  readonly note?: NoteSpec;
}

export interface ColumnSpec {
  readonly column: string;
  /** Width in characters. */
  readonly width: number;
  /** Number format of the data rows (from the first data row to the bottom of the sheet). */
  readonly numberFormat?: string;
}

export interface ListValidationSpec {
  /** A1 range of the cells, e.g. "E2:E5001". */
  readonly range: string;
  /** Where the values are, without "=": "'Listes'!$A$2:$A$3". */
  readonly source: string;
  readonly alert: {
    readonly style: 'stop' | 'information';
    readonly title: string;
    readonly message: string;
  };
}

export interface LiveFormatSpec {
  readonly range: string;
  /** Formula relative to the range's top-left cell, without "=". */
  readonly formula: string;
  readonly fill: string;
}

export interface TableSpec {
  readonly name: string;
  /** Header row and one empty row: "A1:AV2". */
  readonly range: string;
  readonly style: string;
}

export interface SheetSpec {
  readonly name: string;
  readonly hidden: boolean;
  readonly frozenRows: number;
  readonly table?: TableSpec;
  readonly columns: readonly ColumnSpec[];
  /** Heights in points. */
  readonly rowHeights: readonly { readonly row: number; readonly height: number }[];
  readonly cells: readonly CellSpec[];
  readonly validations: readonly ListValidationSpec[];
  readonly liveFormats: readonly LiveFormatSpec[];
}

export interface TemplateSpec {
  readonly layout: TemplateLayout;
  /** In tab order. */
  readonly sheets: readonly SheetSpec[];
  /** The sheet shown first. */
  readonly activeSheet: string;
}

/** Fills: headers by kind, and the live formats (distinct from the check's highlights, #FFC7CE and #FFEB9C). */
export const TEMPLATE_COLORS = {
  requiredHeader: '#F4B183',
  optionalHeader: '#D9E1F2',
  trackingHeader: '#E7E6E6',
  missing: '#FFF2CC',
  /** An empty parameter: stronger than `missing`, since the whole file waits for it. */
  missingParameter: '#FFE699',
  /** The box around each parameter to fill in (4.6:1 against white). */
  parameterBorder: '#C65911',
  wrongLength: '#F8CBAD',
  versionText: '#808080',
} as const;

const TABLE_STYLE = 'TableStyleLight1';
const HEADER_HEIGHT = 60;
const LAST_TEMPLATE_ROW = FIRST_DATA_ROW + TEMPLATE_ROWS - 1;
const dataRange = (column: string) => `${column}${FIRST_DATA_ROW}:${column}${LAST_TEMPLATE_ROW}`;

/** A column of the lists sheet: the values of one field's drop-down list. */
export interface ListColumn {
  readonly column: string;
  readonly field: string;
  readonly header: string;
  readonly values: readonly EnumValue[];
}

/** One column per field with a list, in the order the fields first appear. */
export function listColumns(layout: TemplateLayout): ListColumn[] {
  const seen = new Map<string, LayoutColumn>();
  for (const c of [...layout.passages.columns, ...layout.digcomp.columns])
    if (c.list && !seen.has(c.field)) seen.set(c.field, c);
  return [...seen.values()].map((c, i) => ({
    column: columnLetter(i),
    field: c.field,
    header: c.header,
    values: c.list ?? [],
  }));
}

/** Where a list's values are, for a validation's source. */
export function listSource(listsSheet: string, column: string, length: number): string {
  return `'${listsSheet}'!$${column}$2:$${column}$${length + 1}`;
}

/** The drop-down list of a column: closed lists stop a wrong value, suggestions only inform. */
export function listValidation(range: string, source: string, strict: boolean): ListValidationSpec {
  return {
    range,
    source,
    alert: strict
      ? {
          style: 'stop',
          title: templateText.strictListAlertTitle,
          message: templateText.strictListAlertMessage,
        }
      : {
          style: 'information',
          title: templateText.suggestionAlertTitle,
          message: templateText.suggestionAlertMessage,
        },
  };
}

/** The header cell of a dictionary column or a round-trip column. */
export function headerCell(
  address: string,
  column: Pick<LayoutColumn, 'header' | 'note'> & {
    readonly required?: boolean;
    readonly promptTitle?: string;
  },
  tracking: boolean,
): CellSpec {
  const letter = address.replace(/\d+$/, '');
  const title = column.promptTitle;
  return {
    address,
    value: column.header,
    style: {
      bold: true,
      wrap: true,
      ...(tracking ? { italic: true } : {}),
      fill: tracking
        ? TEMPLATE_COLORS.trackingHeader
        : column.required
          ? TEMPLATE_COLORS.requiredHeader
          : TEMPLATE_COLORS.optionalHeader,
    },
    note: {
      text: column.note,
      ...(title !== undefined ? { fallback: { range: dataRange(letter), title } } : {}),
    },
  };
}

function dataSheet(
  part: {
    readonly name: string;
    readonly table: string;
    readonly columns: readonly LayoutColumn[];
    readonly trackingColumns?: readonly TrackingColumn[];
  },
  lists: readonly ListColumn[],
  listsSheet: string,
  dictionary: Dictionary,
  withLiveRules: boolean,
): SheetSpec {
  const tracking = part.trackingColumns ?? [];
  const all = [...part.columns, ...tracking];
  const last = all[all.length - 1].column;
  const validations: ListValidationSpec[] = [];
  for (const c of part.columns) {
    const list = lists.find((l) => l.field === c.field);
    if (list)
      validations.push(
        listValidation(
          dataRange(c.column),
          listSource(listsSheet, list.column, list.values.length),
          c.strictList,
        ),
      );
  }
  const liveFormats = withLiveRules
    ? liveRules(part.columns, dictionary).map((rule) => ({
        range: dataRange(rule.column),
        formula: rule.formula,
        fill: rule.why === 'required' ? TEMPLATE_COLORS.missing : TEMPLATE_COLORS.wrongLength,
      }))
    : [];
  return {
    name: part.name,
    hidden: false,
    frozenRows: HEADER_ROW,
    table: { name: part.table, range: `A${HEADER_ROW}:${last}${FIRST_DATA_ROW}`, style: TABLE_STYLE },
    columns: all.map((c) => ({ column: c.column, width: c.width, numberFormat: c.numberFormat })),
    rowHeights: [{ row: HEADER_ROW, height: HEADER_HEIGHT }],
    cells: [
      ...part.columns.map((c) =>
        headerCell(`${c.column}${HEADER_ROW}`, { ...c, promptTitle: `${c.field} ${c.tag}` }, false),
      ),
      ...tracking.map((c) => headerCell(`${c.column}${HEADER_ROW}`, c, true)),
    ],
    validations,
    liveFormats,
  };
}

/** The version cell, read back by the upgrade (template-version.ts). */
export function versionCells(labelCell: string, cell: string, text: string): CellSpec[] {
  const style = { italic: true, color: TEMPLATE_COLORS.versionText };
  return [
    { address: labelCell, value: VERSION_LABEL, style },
    // Text format: a bare "1.1.2" would be read as a date in some locales.
    { address: cell, value: text, style, numberFormat: TEXT_FORMAT },
  ];
}

function parametersSheet(layout: TemplateLayout): SheetSpec {
  const { cells, versionCell } = layout.parameters;
  return {
    name: layout.parameters.name,
    hidden: false,
    frozenRows: 0,
    columns: [
      { column: 'A', width: 55 },
      { column: 'B', width: 24 },
    ],
    rowHeights: [],
    cells: [
      { address: 'A1', value: templateText.parametersTitle, style: { bold: true, size: 14 } },
      ...cells.flatMap((c): CellSpec[] => [
        {
          address: c.labelCell,
          value: c.label,
          style: { bold: true },
          note: { text: c.note, fallback: { range: c.cell, title: `${c.field} ${c.tag}` } },
        },
        // Identifiers such as BCR codes are text: '@' before anything is typed keeps leading zeros.
        { address: c.cell, numberFormat: TEXT_FORMAT, style: { border: TEMPLATE_COLORS.parameterBorder } },
      ]),
      ...versionCells(`A${versionCell.slice(1)}`, versionCell, templateVersionText(layout)),
    ],
    validations: [],
    liveFormats: cells.map((c) => ({
      range: c.cell,
      formula: `LEN(TRIM(${c.cell}))=0`,
      fill: TEMPLATE_COLORS.missingParameter,
    })),
  };
}

/** History headers; also what the writers add when an older workbook lacks a history column. */
export function historyHeaderCell(address: string, header: string): CellSpec {
  return { address, value: header, style: { bold: true, fill: TEMPLATE_COLORS.trackingHeader } };
}

function historySheet(layout: TemplateLayout): SheetSpec {
  const columns = layout.history.columns;
  return {
    name: layout.history.name,
    hidden: false,
    frozenRows: HEADER_ROW,
    columns: columns.map((c) => ({ column: c.column, width: c.width, numberFormat: c.numberFormat })),
    rowHeights: [],
    cells: columns.map((c) => historyHeaderCell(`${c.column}${HEADER_ROW}`, c.header)),
    validations: [],
    liveFormats: [],
  };
}

/** The cells of one list column (header, then one label per row), as text. */
export function listCells(list: ListColumn): CellSpec[] {
  return [
    { address: `${list.column}1`, value: list.header, style: { bold: true }, numberFormat: TEXT_FORMAT },
    ...list.values.map((v, i) => ({
      address: `${list.column}${i + 2}`,
      value: v.label,
      numberFormat: TEXT_FORMAT,
    })),
  ];
}

function listsSheet(layout: TemplateLayout, lists: readonly ListColumn[]): SheetSpec {
  return {
    name: layout.lists.name,
    hidden: true,
    frozenRows: 0,
    columns: lists.map((l) => ({ column: l.column, width: 40 })),
    rowHeights: [],
    cells: lists.flatMap(listCells),
    validations: [],
    liveFormats: [],
  };
}

export function buildTemplateSpec(dictionary: Dictionary): TemplateSpec {
  return templateSpecOfLayout(buildTemplateLayout(dictionary), dictionary);
}

/** The spec of a given layout (tests build older templates from older layouts). */
export function templateSpecOfLayout(layout: TemplateLayout, dictionary: Dictionary): TemplateSpec {
  const lists = listColumns(layout);
  return {
    layout,
    sheets: [
      parametersSheet(layout),
      dataSheet(layout.passages, lists, layout.lists.name, dictionary, true),
      dataSheet(layout.digcomp, lists, layout.lists.name, dictionary, false),
      historySheet(layout),
      // Last in the tab order; the validations refer to it by name.
      listsSheet(layout, lists),
    ],
    activeSheet: layout.parameters.name,
  };
}

/** The sheet of the spec with this name. */
export function sheetSpec(spec: TemplateSpec, name: string): SheetSpec {
  const sheet = spec.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`No sheet ${name} in the template`);
  return sheet;
}

/** Data range of a column letter, for validations added by an upgrade. */
export { dataRange as templateDataRange };

/** What an upgrade renders for a column it adds at `addition.index`: the same as a new template's column. */
export function columnAdditionSpec(
  spec: TemplateSpec,
  addition: ColumnAddition,
): { column: ColumnSpec; header: CellSpec; validation?: ListValidationSpec } {
  const letter = columnLetter(addition.index);
  const { layout } = spec;
  const source = [...layout.passages.columns, ...layout.digcomp.columns].find(
    (c) => c.field === addition.field,
  );
  const header = headerCell(
    `${letter}${HEADER_ROW}`,
    {
      header: addition.header,
      note: addition.note,
      required: source?.required,
      ...(source ? { promptTitle: `${source.field} ${source.tag}` } : {}),
    },
    addition.field === undefined,
  );
  const list = addition.listColumn && addition.list ? addition.list : undefined;
  return {
    column: { column: letter, width: addition.width, numberFormat: addition.numberFormat },
    header,
    ...(list && addition.listColumn
      ? {
          validation: listValidation(
            dataRange(letter),
            listSource(layout.lists.name, addition.listColumn, list.length),
            addition.strictList,
          ),
        }
      : {}),
  };
}
