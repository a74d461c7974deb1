import { contains, intersects, parseRect, rectInside, type Rect } from './a1';

/**
 * State of the in-memory workbook behind the Office.js fake. Tests and the e2e stub read and write
 * it directly (as a user typing in Excel would); add-in code only reaches it through the proxies.
 */

export type FakeValue = string | number | boolean;

export type BorderEdge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight';

export interface CellFormat {
  readonly numberFormat: string;
  /** null = no fill (Office.js reports "#FFFFFF" for it; see fillColorAsOfficeReports). */
  readonly fillColor: string | null;
  readonly fontColor: string;
  /** Points; Excel's default font is 11 pt. */
  readonly fontSize: number;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly wrapText: boolean;
  readonly borders: Readonly<Partial<Record<BorderEdge, { readonly style: string; readonly color: string }>>>;
  /**
   * Range.format.protection.locked (ExcelApi 1.2, typings FormatProtection l.42968): every cell is locked until the
   * user unlocks it (Excel's default), which matters only once the sheet is protected.
   */
  readonly locked: boolean;
}

export const DEFAULT_FORMAT: CellFormat = {
  numberFormat: 'General',
  fillColor: null,
  fontColor: '#000000',
  fontSize: 11,
  bold: false,
  italic: false,
  wrapText: false,
  borders: {},
  locked: true,
};

/** A format change applied to a rectangle; later patches win. Keeps whole-column formats cheap. */
interface FormatPatch {
  readonly rect: Rect;
  readonly patch: Partial<CellFormat>;
}

export interface DataValidationModel {
  areas: Rect[];
  rule: Record<string, unknown>;
  prompt?: { showPrompt: boolean; title: string; message: string };
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string };
  ignoreBlanks: boolean;
}

export interface ConditionalFormatModel {
  readonly id: string;
  readonly areas: Rect[];
  readonly type: 'Custom';
  formula: string;
  fillColor: string | null;
  fontColor: string | null;
  /** ConditionalRangeFont.bold (ExcelApi 1.6); null = not set by the rule. */
  bold: boolean | null;
  /** ConditionalRangeBorderCollection (ExcelApi 1.6): thin lines only, style and colour per edge. */
  borders: Partial<Record<BorderEdge, { style: string; color: string }>>;
  stopIfTrue: boolean;
}

/**
 * Excel.WorksheetProtectionOptions (ExcelApi 1.2, typings l.38281+). The typings do not say which API writes each
 * option permits: the fake applies Excel's user-interface meaning, « à confirmer » in docs/recette-excel.md.
 */
export interface ProtectionOptions {
  readonly allowFormatCells: boolean;
  readonly allowFormatColumns: boolean;
  readonly allowFormatRows: boolean;
  readonly allowEditObjects: boolean;
}

export const DEFAULT_PROTECTION_OPTIONS: ProtectionOptions = {
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowEditObjects: false,
};

export interface TableModel {
  name: string;
  sheet: SheetModel;
  /** Header row included when showHeaders. */
  rect: Rect;
  showHeaders: boolean;
  style: string;
}

export interface DisplayedLook {
  readonly fill: string | null;
  readonly bold: boolean;
  readonly borders: Readonly<Partial<Record<BorderEdge, { readonly style: string; readonly color: string }>>>;
}

let nextId = 1;
export function newId(prefix: string): string {
  return `${prefix}${nextId++}`;
}

export class SheetModel {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  readonly id = newId('{sheet-');
  private readonly rows = new Map<number, (FakeValue | undefined)[]>();
  private readonly formats: FormatPatch[] = [];
  readonly notes = new Map<string, string>();
  readonly dataValidations: DataValidationModel[] = [];
  /** Index = priority (0 = first evaluated), as Excel orders them. */
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  frozen = { rows: 0, columns: 0 };
  /** Worksheet.protection (ExcelApi 1.2): set by the user (Révision › Protéger la feuille). */
  protection: { protected: boolean; options: ProtectionOptions } = {
    protected: false,
    options: DEFAULT_PROTECTION_OPTIONS,
  };

  constructor(name: string) {
    this.name = name;
  }

  value(row: number, col: number): FakeValue | undefined {
    return this.rows.get(row)?.[col];
  }

  setValue(row: number, col: number, value: FakeValue | undefined): void {
    const empty = value === undefined || value === '';
    let cells = this.rows.get(row);
    if (!cells) {
      if (empty) return;
      cells = [];
      this.rows.set(row, cells);
    }
    cells[col] = empty ? undefined : value;
  }

  /** Bounding box of the cells holding a value, or undefined for an empty sheet. */
  usedRect(): Rect | undefined {
    let top = Infinity;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    for (const [row, cells] of this.rows) {
      cells.forEach((value, col) => {
        if (value === undefined) return;
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
        left = Math.min(left, col);
        right = Math.max(right, col);
      });
    }
    return bottom < 0 ? undefined : { top, left, bottom, right };
  }

  /** Bounding box of the cells holding a value inside `within`, or undefined when none does. */
  usedRectWithin(within: Rect): Rect | undefined {
    const used = this.usedRect();
    if (!used || !intersects(used, within)) return undefined;
    let top = Infinity;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    for (const [row, cells] of this.rows) {
      if (row < within.top || row > within.bottom) continue;
      cells.forEach((value, col) => {
        if (value === undefined || col < within.left || col > within.right) return;
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
        left = Math.min(left, col);
        right = Math.max(right, col);
      });
    }
    return bottom < 0 ? undefined : { top, left, bottom, right };
  }

  patchFormat(rect: Rect, patch: Partial<CellFormat>): void {
    this.formats.push({ rect, patch });
  }

  /** Removes every format of the rectangle (Range.clear("Formats")). */
  clearFormats(rect: Rect): void {
    this.formats.push({ rect, patch: { ...DEFAULT_FORMAT } });
  }

  /** The cell's own format (what the user set), ignoring conditional formats. */
  format(row: number, col: number): CellFormat {
    let result: CellFormat = DEFAULT_FORMAT;
    for (const { rect, patch } of this.formats) {
      if (contains(rect, row, col)) result = { ...result, ...patch };
    }
    return result;
  }

  /** All data validations whose areas cover the cell, last one wins. */
  dataValidationAt(row: number, col: number): DataValidationModel | undefined {
    for (let i = this.dataValidations.length - 1; i >= 0; i--) {
      const dv = this.dataValidations[i];
      if (dv.areas.some((a) => contains(a, row, col))) return dv;
    }
    return undefined;
  }

  /** Setting a rule on a range replaces the rules of those cells (Excel keeps one rule per cell). */
  replaceDataValidation(areas: Rect[], next: DataValidationModel | undefined): void {
    for (let i = this.dataValidations.length - 1; i >= 0; i--) {
      const dv = this.dataValidations[i];
      dv.areas = dv.areas.filter((a) => !areas.some((b) => rectInside(a, b)));
      if (dv.areas.length === 0) this.dataValidations.splice(i, 1);
    }
    if (next) this.dataValidations.push(next);
  }

  conditionalFormatsAt(row: number, col: number): ConditionalFormatModel[] {
    return this.conditionalFormats.filter((cf) => cf.areas.some((a) => contains(a, row, col)));
  }

  conditionalFormatsIntersecting(areas: readonly Rect[]): ConditionalFormatModel[] {
    return this.conditionalFormats.filter((cf) => cf.areas.some((a) => areas.some((b) => intersects(a, b))));
  }
}

/**
 * Formulas the fake can evaluate for display purposes: constants that are always TRUE
 * (`=TRUE`, `=ISTEXT("…")`). Anything else is reported as not evaluable (undefined).
 */
export function evaluateConstantFormula(formula: string): boolean | undefined {
  const f = formula.trim().toUpperCase();
  if (f === '=TRUE' || f === '=TRUE()') return true;
  if (f === '=FALSE' || f === '=FALSE()') return false;
  if (/^=ISTEXT\(".*"\)$/.test(f)) return true;
  return undefined;
}

/**
 * What writes do in a workbook opened read-only. No document says (`Workbook.readOnly`, ExcelApi 1.8, typings
 * l.36925, only reports the mode): both variants are modelled until the recette decides (« à confirmer »).
 */
export type ReadOnlyWrites = 'succeed' | 'AccessDenied';

/** The separator between areas Excel accepts in `getRanges` addresses (see FakeExcelOptions.listSeparator). */
export type ListSeparator = ',' | ';';

/** `=LEN(TRIM(B2))=0`: the blank-cell test of the template's live formats (template-spec.ts). */
const BLANK_TEST = /^=LEN\(TRIM\((\$?)([A-Z]{1,3})(\$?)(\d+)\)\)=0$/;

/**
 * A conditional format's blank-cell test at one of its cells, as Excel evaluates it: the reference is relative to
 * the top-left cell of the format's first area unless anchored with $. Undefined for any other formula.
 */
export function evaluateBlankTest(
  cf: ConditionalFormatModel,
  sheet: SheetModel,
  row: number,
  col: number,
): boolean | undefined {
  const match = BLANK_TEST.exec(cf.formula.trim().toUpperCase());
  const origin = cf.areas[0];
  if (!match || !origin) return undefined;
  const reference = parseRect(`${match[2]}${match[4]}`);
  const r = reference.top + (match[3] ? 0 : row - origin.top);
  const c = reference.left + (match[1] ? 0 : col - origin.left);
  const value = sheet.value(r, c);
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  activeSheet: SheetModel | undefined;
  selection: { sheet: string; address: string } | undefined;
  /** Workbook settings (Excel.SettingCollection), saved with the file. */
  readonly settings = new Map<string, unknown>();
  /** The workbook was opened read-only (Workbook.readOnly), and what writes then do. */
  readOnly: { readonly writes: ReadOnlyWrites } | undefined;
  listSeparator: ListSeparator = ',';
  private editing = false;
  private editEnded: (() => void)[] = [];

  constructor(readonly date1904 = false) {
    this.addSheet('Feuil1');
  }

  /** The user is typing in a cell (Excel's Edit mode) until endCellEdit. */
  get cellEditing(): boolean {
    return this.editing;
  }

  startCellEdit(): void {
    this.editing = true;
  }

  endCellEdit(): void {
    this.editing = false;
    const waiting = this.editEnded;
    this.editEnded = [];
    for (const resume of waiting) resume();
  }

  /** Resolves when the user leaves Edit mode (at once when not editing). */
  whenCellEditEnds(): Promise<void> {
    if (!this.editing) return Promise.resolve();
    return new Promise((resolve) => this.editEnded.push(resolve));
  }

  addSheet(name: string): SheetModel {
    const sheet = new SheetModel(name);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  sheet(name: string): SheetModel | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  /** WorksheetCollection.getItem(key): "Gets a worksheet object using its name or ID" (typings). */
  sheetByNameOrId(key: string): SheetModel | undefined {
    return this.sheet(key) ?? this.sheets.find((s) => s.id === key);
  }

  /** Sheet by name, throwing (for tests that set data up). */
  requireSheet(name: string): SheetModel {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`No sheet named ${name}`);
    return sheet;
  }

  table(name: string): TableModel | undefined {
    const key = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === key);
  }

  /** The fill a user sees: the first true conditional format (by priority), else the cell's own fill. */
  displayedFill(sheetName: string, row: number, col: number): string | null {
    return this.displayedLook(sheetName, row, col).fill;
  }

  /**
   * Fill, bold and borders a user sees: for each, the first true conditional format (by priority) that sets it,
   * else the cell's own format (Excel draws rules over the cell's format without changing it).
   */
  displayedLook(sheetName: string, row: number, col: number): DisplayedLook {
    const sheet = this.requireSheet(sheetName);
    const own = sheet.format(row, col);
    let fill: string | null | undefined;
    let bold: boolean | undefined;
    const borders: Partial<Record<BorderEdge, { style: string; color: string }>> = {};
    for (const cf of sheet.conditionalFormatsAt(row, col)) {
      const result = evaluateConstantFormula(cf.formula) ?? evaluateBlankTest(cf, sheet, row, col);
      if (result !== true) continue;
      if (fill === undefined && cf.fillColor !== null) fill = cf.fillColor;
      if (bold === undefined && cf.bold !== null) bold = cf.bold;
      for (const [edge, border] of Object.entries(cf.borders) as [
        BorderEdge,
        { style: string; color: string },
      ][])
        borders[edge] ??= border;
    }
    return {
      fill: fill === undefined ? own.fillColor : fill,
      bold: bold ?? own.bold,
      borders: { ...own.borders, ...borders },
    };
  }
}
