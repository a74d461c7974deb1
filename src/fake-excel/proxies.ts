import {
  AddressError,
  cellAddress,
  MAX_COLUMNS,
  MAX_ROWS,
  parseAreas,
  qualifiedAddress,
  rectCells,
  rectColumns,
  rectRows,
  intersects,
  isUnbounded,
  splitSheet,
  type Rect,
} from './a1';
import { BatchQueue, jsonBytes } from './context';
import { ErrorCode, FakeOfficeError } from './errors';
import { enteredValue } from './typed-text';
import { checkWritable, type WriteKind } from './write-guard';
import {
  newId,
  type CellFormat,
  type BorderEdge,
  type ConditionalFormatModel,
  type DataValidationModel,
  type FakeValue,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
} from './model';

/**
 * Proxy objects with Office.js semantics: property reads need load() + sync(), writes and method
 * calls are queued and applied at sync, and the workbook rejects what Excel rejects.
 * Only the API surface the add-in uses is implemented; anything else is absent (a TypeError in
 * tests is better than a mock that accepts everything).
 */

export interface FakeEnvironment {
  readonly model: WorkbookModel;
  readonly queue: BatchQueue;
  /** Requirement set ExcelApi 1.18 (notes) is available. */
  readonly notesApi: boolean;
  /** The host supports this ExcelApi requirement set. */
  readonly apiVersionAtLeast: (version: string) => boolean;
}

/** Refuses a write the workbook's protection or read-only mode forbids (see write-guard.ts). */
function guard(
  env: FakeEnvironment,
  sheet: SheetModel | undefined,
  kind: WriteKind,
  rects?: readonly Rect[],
) {
  checkWritable(env.model, sheet, kind, rects);
}

const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_ROW_HEIGHT = 15;
/** Limits of Excel's data validation dialog, also enforced by Office.js. */
const DV_TITLE_MAX = 32;
const DV_MESSAGE_MAX = 255;
const COLOR = /^#[0-9A-Fa-f]{6}$/;
const NAMED_COLORS = new Set([
  'red',
  'yellow',
  'green',
  'blue',
  'white',
  'black',
  'orange',
  'purple',
  'gray',
]);

function invalid(message: string): FakeOfficeError {
  return new FakeOfficeError(ErrorCode.invalidArgument, message);
}

function checkColor(color: unknown): string {
  if (typeof color !== 'string' || !(COLOR.test(color) || NAMED_COLORS.has(color.toLowerCase()))) {
    throw invalid(`Invalid color ${String(color)}`);
  }
  return color.toUpperCase();
}

function propertyList(names: string | string[] | undefined, all: readonly string[]): string[] {
  if (names === undefined) return [...all];
  const list = Array.isArray(names) ? names : names.split(',');
  return list.map((n) => n.trim()).filter(Boolean);
}

export interface Capture {
  readonly bytes: number;
  readonly commit: () => void;
}

/** Base of every proxy: load/sync bookkeeping and the PropertyNotLoaded guard. */
abstract class ClientObject<T> {
  protected readonly loadedProps = new Map<string, unknown>();
  private readonly children = new Map<string, unknown>();

  constructor(
    protected readonly env: FakeEnvironment,
    protected readonly resolve: () => T,
  ) {}

  /** Properties loaded when load() is called without arguments. */
  protected abstract readonly scalarProps: readonly string[];

  /** Reads one property from the target at sync time; returns the value and the cells it read. */
  protected abstract read(target: T, prop: string): { value: unknown; cells?: number };

  load(names?: string | string[]): this {
    const props = propertyList(names, this.scalarProps);
    this.env.queue.enqueue(jsonBytes(props), () => this.capture(props));
    return this;
  }

  /**
   * Reads `props` now (inside a sync). Paths such as "format/fill/color" load through navigation
   * properties, as Office.js allows.
   */
  capture(props: readonly string[]): Capture {
    const target = this.resolve();
    const own: [string, unknown][] = [];
    const nested: Capture[] = [];
    for (const prop of props) {
      const slash = prop.indexOf('/');
      if (slash > 0) {
        const child = (this as unknown as Record<string, unknown>)[prop.slice(0, slash)];
        if (!(child instanceof ClientObject)) return this.unknownProperty(prop);
        nested.push(child.capture([prop.slice(slash + 1)]));
        continue;
      }
      const { value, cells } = this.read(target, prop);
      if (cells !== undefined) this.env.queue.noteCellsRead(cells);
      own.push([prop, value]);
    }
    return {
      bytes:
        own.reduce((sum, [prop, value]) => sum + prop.length + 3 + jsonBytes(value), 2) +
        nested.reduce((s, n) => s + n.bytes, 0),
      commit: () => {
        own.forEach(([prop, value]) => this.loadedProps.set(prop, value));
        nested.forEach((n) => n.commit());
      },
    };
  }

  /** Navigation properties return the same proxy each time, so loads through them stick. */
  protected child<C>(name: string, make: () => C): C {
    if (!this.children.has(name)) this.children.set(name, make());
    return this.children.get(name) as C;
  }

  protected loaded<V>(prop: string): V {
    if (!this.loadedProps.has(prop)) {
      throw new FakeOfficeError(
        ErrorCode.propertyNotLoaded,
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loadedProps.get(prop) as V;
  }

  /** Queues a change; `bytes` is the request size of its arguments. */
  protected write(bytes: number, apply: (target: T) => void): void {
    this.env.queue.enqueue(bytes, () => {
      apply(this.resolve());
      return { bytes: 0 };
    });
  }

  protected unknownProperty(prop: string): never {
    throw new FakeOfficeError(ErrorCode.invalidArgument, `Cannot load property '${prop}' (not in the fake).`);
  }
}

/** Proxies whose target may not exist (…OrNullObject): a load tells whether it does. */
abstract class NullableClientObject<T> extends ClientObject<T | null> {
  get isNullObject(): boolean {
    return this.loaded<boolean>('isNullObject');
  }

  override capture(props: readonly string[]): Capture {
    const all = ['isNullObject', ...props.filter((p) => p !== 'isNullObject')];
    // A null object answers isNullObject only; paths through it load nothing.
    return super.capture(this.resolve() === null ? all.filter((p) => !p.includes('/')) : all);
  }

  protected existing(): T {
    const target = this.resolve();
    if (target === null)
      throw new FakeOfficeError(ErrorCode.invalidOperation, 'The object is a null object.');
    return target;
  }

  /** Queues a change that needs the object to exist. */
  protected change(bytes: number, apply: (target: T) => void): void {
    this.write(bytes, () => apply(this.existing()));
  }

  protected abstract readExisting(target: T, prop: string): { value: unknown; cells?: number };

  protected read(target: T | null, prop: string): { value: unknown; cells?: number } {
    if (prop === 'isNullObject') return { value: target === null };
    if (target === null) return { value: undefined };
    return this.readExisting(target, prop);
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

export interface AreasTarget {
  readonly sheet: SheetModel;
  readonly areas: readonly Rect[];
}

/**
 * Areas of an address on `sheet`. Between areas Excel takes the list separator of the user's settings: the other
 * one is refused with InvalidArgument (#1167, #1985; see FakeExcelOptions.listSeparator).
 */
function resolveSheetAddress(
  model: WorkbookModel,
  sheet: SheetModel,
  address: string,
  separator: ',' | ';' = model.listSeparator,
): AreasTarget {
  const other = separator === ',' ? ';' : ',';
  if (splitOutsideQuotes(address, other).length > 1)
    throw invalid(
      `The argument is invalid or missing or has an incorrect format. (areas separated by "${other}")`,
    );
  let parsed;
  try {
    parsed = parseAreas(address, separator);
  } catch (error) {
    if (error instanceof AddressError) throw invalid(error.message);
    throw error;
  }
  if (parsed.sheet !== undefined && model.sheet(parsed.sheet) !== sheet) {
    throw invalid(`Address ${address} is not on sheet ${sheet.name}`);
  }
  return { sheet, areas: parsed.areas };
}

/** Parts of an address between `separator`s that are not inside a quoted sheet name. */
function splitOutsideQuotes(address: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function valueOut(value: FakeValue | undefined): FakeValue {
  return value === undefined ? '' : value;
}

function readGrid<V>(rect: Rect, cell: (row: number, col: number) => V): V[][] {
  const grid: V[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row: V[] = [];
    for (let c = rect.left; c <= rect.right; c++) row.push(cell(r, c));
    grid.push(row);
  }
  return grid;
}

/**
 * `Range.values` and `Range.numberFormat` are typed `any[][]` (typings l.38750, l.38665): a scalar is refused
 * (whether Excel accepts one is undocumented, « à confirmer »). An array has the range's exact shape, or is 1×1
 * for a number format applied to every cell (docs-pr #5400: `[["$#,##0.00"]]` on a whole column, verified by a
 * user on Windows, Mac and the web; older docs quoted in docs-reference #578).
 */
function checkShape(
  rect: Rect,
  input: unknown,
  what: 'values' | 'numberFormat',
): { scalar: unknown } | { grid: unknown[][] } {
  if (!Array.isArray(input) || input.some((row) => !Array.isArray(row)))
    throw invalid(`${what} takes a two-dimensional array (${JSON.stringify(input)?.slice(0, 40)}).`);
  const rows = rectRows(rect);
  const cols = rectColumns(rect);
  if (
    what === 'numberFormat' &&
    input.length === 1 &&
    (input[0] as unknown[]).length === 1 &&
    rows * cols > 1
  )
    return { scalar: (input[0] as unknown[])[0] };
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw invalid(
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: expected ${rows}×${cols}).`,
    );
  }
  return { grid: input as unknown[][] };
}

function cellValueIn(value: unknown): FakeValue | undefined | null {
  if (value === null) return null; // Office.js: null leaves the cell unchanged.
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw invalid(`Unsupported cell value ${JSON.stringify(value)}`);
}

export { enteredValue, FORMULA_ERROR } from './typed-text';

export class FakeRange extends NullableClientObject<AreasTarget> {
  protected readonly scalarProps = ['address', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex'];

  /** The cells this proxy stands for, resolved now (inside a sync): for APIs that take a Range argument. */
  resolveTarget(): AreasTarget | null {
    return this.resolve();
  }

  get address(): string {
    return this.loaded('address');
  }
  get rowCount(): number {
    return this.loaded('rowCount');
  }
  get columnCount(): number {
    return this.loaded('columnCount');
  }
  get rowIndex(): number {
    return this.loaded('rowIndex');
  }
  get columnIndex(): number {
    return this.loaded('columnIndex');
  }
  get values(): FakeValue[][] {
    return this.loaded('values');
  }
  set values(input: unknown[][]) {
    this.change(jsonBytes(input), (target) => {
      const rect = single(target);
      refuseUnbounded(rect, 'values');
      const shape = checkShape(rect, input, 'values');
      guard(this.env, target.sheet, 'values', [rect]);
      const { sheet } = target;
      for (let r = rect.top; r <= rect.bottom; r++) {
        for (let c = rect.left; c <= rect.right; c++) {
          const value = cellValueIn(
            'scalar' in shape ? shape.scalar : shape.grid[r - rect.top][c - rect.left],
          );
          if (value === null || value === undefined) continue;
          const entered = enteredValue(value, sheet.format(r, c).numberFormat, this.env.model.date1904);
          sheet.setValue(r, c, entered.value);
          if (entered.numberFormat)
            sheet.patchFormat(
              { top: r, bottom: r, left: c, right: c },
              { numberFormat: entered.numberFormat },
            );
        }
      }
    });
  }
  get numberFormat(): string[][] {
    return this.loaded('numberFormat');
  }
  set numberFormat(input: unknown[][]) {
    this.change(jsonBytes(input), (target) => {
      const rect = single(target);
      refuseUnbounded(rect, 'numberFormat');
      const shape = checkShape(rect, input, 'numberFormat');
      guard(this.env, target.sheet, 'format');
      if ('scalar' in shape) {
        if (typeof shape.scalar !== 'string') throw invalid('numberFormat must be a string');
        target.sheet.patchFormat(rect, { numberFormat: shape.scalar });
        return;
      }
      shape.grid.forEach((row, r) =>
        row.forEach((format, c) => {
          if (format === null) return;
          if (typeof format !== 'string') throw invalid('numberFormat must be a string');
          const at = rect.top + r;
          const col = rect.left + c;
          target.sheet.patchFormat({ top: at, bottom: at, left: col, right: col }, { numberFormat: format });
        }),
      );
    });
  }

  protected readExisting(target: AreasTarget, prop: string): { value: unknown; cells?: number } {
    const rect = single(target);
    switch (prop) {
      case 'address':
        return { value: qualifiedAddress(target.sheet.name, [rect]) };
      case 'rowCount':
        return { value: rectRows(rect) };
      case 'columnCount':
        return { value: rectColumns(rect) };
      case 'rowIndex':
        return { value: rect.top };
      case 'columnIndex':
        return { value: rect.left };
      case 'values':
        if (isUnbounded(rect)) return { value: null };
        return {
          value: readGridChecked(this.env, rect, (r, c) => valueOut(target.sheet.value(r, c))),
          cells: rectCells(rect),
        };
      case 'numberFormat':
        if (isUnbounded(rect)) return { value: null };
        return {
          value: readGridChecked(this.env, rect, (r, c) => target.sheet.format(r, c).numberFormat),
          cells: rectCells(rect),
        };
      default:
        return this.unknownProperty(prop);
    }
  }

  get format(): FakeRangeFormat {
    return this.child('format', () => new FakeRangeFormat(this.env, () => this.existing()));
  }
  get worksheet(): FakeWorksheet {
    return this.child('worksheet', () => new FakeWorksheet(this.env, () => this.existing().sheet));
  }
  get dataValidation(): FakeDataValidation {
    return this.child('dataValidation', () => new FakeDataValidation(this.env, () => this.existing()));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.child(
      'conditionalFormats',
      () => new FakeConditionalFormatCollection(this.env, () => this.existing()),
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived((rect) => ({
      top: rect.top + row,
      bottom: rect.top + row,
      left: rect.left + column,
      right: rect.left + column,
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived((rect) => ({
      top: rect.top + rowOffset,
      bottom: rect.bottom + rowOffset,
      left: rect.left + columnOffset,
      right: rect.right + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived((rect) => ({
      ...rect,
      bottom: rect.bottom + deltaRows,
      right: rect.right + deltaColumns,
    }));
  }

  /** ExcelApi 1.4: the part of this range that holds values, or a null object. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    void valuesOnly; // As for worksheets: the fake tracks values only.
    return new FakeRange(this.env, () => {
      const target = this.existing();
      const rect = target.sheet.usedRectWithin(single(target));
      return rect ? { sheet: target.sheet, areas: [rect] } : null;
    });
  }

  select(): void {
    this.change(0, (target) => {
      if (this.env.model.activeSheet !== target.sheet) {
        throw new FakeOfficeError(
          ErrorCode.invalidOperation,
          'Cannot select a range on a sheet that is not active.',
        );
      }
      this.env.model.selection = {
        sheet: target.sheet.name,
        address: qualifiedAddress(target.sheet.name, target.areas),
      };
    });
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.change(20, (target) => {
      const rect = single(target);
      if (applyTo !== 'Formats') guard(this.env, target.sheet, 'values', [rect]);
      if (applyTo !== 'Contents') guard(this.env, target.sheet, 'format');
      if (applyTo !== 'Formats') {
        for (let r = rect.top; r <= rect.bottom; r++) {
          for (let c = rect.left; c <= rect.right; c++) target.sheet.setValue(r, c, undefined);
        }
      }
      if (applyTo !== 'Contents') target.sheet.clearFormats(rect);
    });
  }

  private derived(transform: (rect: Rect) => Rect): FakeRange {
    return new FakeRange(this.env, () => {
      const target = this.existing();
      const rect = transform(single(target));
      if (
        rect.top < 0 ||
        rect.left < 0 ||
        rect.bottom >= MAX_ROWS ||
        rect.right >= MAX_COLUMNS ||
        rect.bottom < rect.top
      ) {
        throw invalid('The range is outside the grid.');
      }
      return { sheet: target.sheet, areas: [rect] };
    });
  }
}

function single(target: AreasTarget): Rect {
  if (target.areas.length !== 1) throw invalid('A Range has exactly one area.');
  return target.areas[0];
}

/** "You cannot set cell-level properties such as values, numberFormat, and formula on an unbounded range" (docs). */
function refuseUnbounded(rect: Rect, what: string): void {
  if (isUnbounded(rect)) throw invalid(`Cannot set ${what} on an unbounded range.`);
}

function readGridChecked<V>(env: FakeEnvironment, rect: Rect, cell: (r: number, c: number) => V): V[][] {
  env.queue.noteCellsRead(rectCells(rect));
  return readGrid(rect, cell);
}

/** Result of getRanges(): several areas of one sheet (ExcelApi 1.9). */
export class FakeRangeAreas extends ClientObject<AreasTarget> {
  protected readonly scalarProps = ['address', 'areaCount'];

  get address(): string {
    return this.loaded('address');
  }
  get areaCount(): number {
    return this.loaded('areaCount');
  }

  protected read(target: AreasTarget, prop: string): { value: unknown } {
    if (prop === 'address') return { value: qualifiedAddress(target.sheet.name, target.areas) };
    if (prop === 'areaCount') return { value: target.areas.length };
    return this.unknownProperty(prop);
  }

  get format(): FakeRangeFormat {
    return this.child('format', () => new FakeRangeFormat(this.env, this.resolve));
  }
  get dataValidation(): FakeDataValidation {
    return this.child('dataValidation', () => new FakeDataValidation(this.env, this.resolve));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.child(
      'conditionalFormats',
      () => new FakeConditionalFormatCollection(this.env, this.resolve),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Formats

function patchAll(env: FakeEnvironment, target: AreasTarget, patch: Partial<CellFormat>): void {
  guard(env, target.sheet, 'format');
  for (const rect of target.areas) target.sheet.patchFormat(rect, patch);
}

/** One value when every cell agrees, else null (what Office.js reports for mixed ranges). */
function uniform<V>(target: AreasTarget, get: (row: number, col: number) => V): V | null {
  let first: { value: V } | undefined;
  for (const rect of target.areas) {
    if (rectCells(rect) > 100_000) {
      // Whole-column reads: sample the corners, enough for a fake.
      for (const [r, c] of [
        [rect.top, rect.left],
        [rect.bottom, rect.right],
      ]) {
        const v = get(r, c);
        if (first && first.value !== v) return null;
        first ??= { value: v };
      }
      continue;
    }
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const v = get(r, c);
        if (first && first.value !== v) return null;
        first ??= { value: v };
      }
    }
  }
  return first ? first.value : null;
}

export class FakeRangeFormat extends ClientObject<AreasTarget> {
  protected readonly scalarProps = ['columnWidth', 'rowHeight', 'wrapText'];

  get columnWidth(): number {
    return this.loaded('columnWidth');
  }
  set columnWidth(width: number) {
    this.write(10, (target) => {
      if (!(width >= 0 && width <= 255 * 7.5)) throw invalid(`Invalid column width ${width}`);
      guard(this.env, target.sheet, 'columnWidth');
      for (const rect of target.areas)
        for (let c = rect.left; c <= rect.right; c++) target.sheet.columnWidths.set(c, width);
    });
  }
  get rowHeight(): number {
    return this.loaded('rowHeight');
  }
  set rowHeight(height: number) {
    this.write(10, (target) => {
      // Excel's row height ceiling is 409 points.
      if (!(height >= 0 && height <= 409)) throw invalid(`Invalid row height ${height}`);
      guard(this.env, target.sheet, 'rowHeight');
      for (const rect of target.areas)
        for (let r = rect.top; r <= rect.bottom; r++) target.sheet.rowHeights.set(r, height);
    });
  }
  get wrapText(): boolean | null {
    return this.loaded('wrapText');
  }
  set wrapText(wrap: boolean) {
    this.write(10, (target) => patchAll(this.env, target, { wrapText: wrap }));
  }

  protected read(target: AreasTarget, prop: string): { value: unknown } {
    switch (prop) {
      case 'columnWidth':
        return {
          value: uniform(target, (_r, c) => target.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH),
        };
      case 'rowHeight':
        return { value: uniform(target, (r) => target.sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT) };
      case 'wrapText':
        return { value: uniform(target, (r, c) => target.sheet.format(r, c).wrapText) };
      default:
        return this.unknownProperty(prop);
    }
  }

  get fill(): FakeRangeFill {
    return this.child('fill', () => new FakeRangeFill(this.env, this.resolve));
  }
  get font(): FakeRangeFont {
    return this.child('font', () => new FakeRangeFont(this.env, this.resolve));
  }
  get borders(): FakeBorderCollection {
    return this.child('borders', () => new FakeBorderCollection(this.env, this.resolve));
  }
}

export class FakeRangeFill extends ClientObject<AreasTarget> {
  protected readonly scalarProps = ['color'];

  /** Office.js reports "#FFFFFF" for a cell without fill, and null when cells differ. */
  get color(): string | null {
    return this.loaded('color');
  }
  set color(color: string) {
    this.write(jsonBytes(color), (target) => patchAll(this.env, target, { fillColor: checkColor(color) }));
  }

  clear(): void {
    this.write(10, (target) => patchAll(this.env, target, { fillColor: null }));
  }

  protected read(target: AreasTarget, prop: string): { value: unknown } {
    if (prop !== 'color') return this.unknownProperty(prop);
    return { value: uniform(target, (r, c) => target.sheet.format(r, c).fillColor ?? '#FFFFFF') };
  }
}

export class FakeRangeFont extends ClientObject<AreasTarget> {
  protected readonly scalarProps = ['color', 'bold', 'italic', 'size'];

  get color(): string | null {
    return this.loaded('color');
  }
  set color(color: string) {
    this.write(jsonBytes(color), (target) => patchAll(this.env, target, { fontColor: checkColor(color) }));
  }
  get bold(): boolean | null {
    return this.loaded('bold');
  }
  set bold(bold: boolean) {
    this.write(10, (target) => patchAll(this.env, target, { bold }));
  }
  get italic(): boolean | null {
    return this.loaded('italic');
  }
  set italic(italic: boolean) {
    this.write(10, (target) => patchAll(this.env, target, { italic }));
  }
  /** RangeFont.size (ExcelApi 1.1): Excel accepts 1 to 409 points. */
  get size(): number | null {
    return this.loaded('size');
  }
  set size(size: number) {
    this.write(10, (target) => {
      if (!(size >= 1 && size <= 409)) throw invalid(`Invalid font size ${size}`);
      patchAll(this.env, target, { fontSize: size });
    });
  }

  protected read(target: AreasTarget, prop: string): { value: unknown } {
    switch (prop) {
      case 'color':
        return { value: uniform(target, (r, c) => target.sheet.format(r, c).fontColor) };
      case 'bold':
        return { value: uniform(target, (r, c) => target.sheet.format(r, c).bold) };
      case 'size':
        return { value: uniform(target, (r, c) => target.sheet.format(r, c).fontSize) };
      case 'italic':
        return { value: uniform(target, (r, c) => target.sheet.format(r, c).italic) };
      default:
        return this.unknownProperty(prop);
    }
  }
}

export class FakeBorderCollection {
  constructor(
    private readonly env: FakeEnvironment,
    private readonly resolve: () => AreasTarget,
  ) {}

  getItem(edge: BorderEdge): FakeRangeBorder {
    return new FakeRangeBorder(this.env, this.resolve, edge);
  }
}

export class FakeRangeBorder extends ClientObject<AreasTarget> {
  protected readonly scalarProps = ['style', 'color'];

  constructor(
    env: FakeEnvironment,
    resolve: () => AreasTarget,
    private readonly edge: BorderEdge,
  ) {
    super(env, resolve);
  }

  get style(): string | null {
    return this.loaded('style');
  }
  set style(style: string) {
    this.write(10, (target) => this.patch(target, { style }));
  }
  get color(): string | null {
    return this.loaded('color');
  }
  set color(color: string) {
    this.write(10, (target) => this.patch(target, { color: checkColor(color) }));
  }

  private patch(target: AreasTarget, change: { style?: string; color?: string }): void {
    guard(this.env, target.sheet, 'format');
    for (const rect of target.areas) {
      for (let r = rect.top; r <= rect.bottom; r++) {
        for (let c = rect.left; c <= rect.right; c++) {
          const borders = target.sheet.format(r, c).borders;
          const current = borders[this.edge] ?? { style: 'None', color: '#000000' };
          target.sheet.patchFormat(
            { top: r, bottom: r, left: c, right: c },
            { borders: { ...borders, [this.edge]: { ...current, ...change } } },
          );
        }
      }
    }
  }

  protected read(target: AreasTarget, prop: string): { value: unknown } {
    if (prop !== 'style' && prop !== 'color') return this.unknownProperty(prop);
    const fallback = prop === 'style' ? 'None' : '#000000';
    return {
      value: uniform(target, (r, c) => target.sheet.format(r, c).borders[this.edge]?.[prop] ?? fallback),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation

type RuleKey = 'list' | 'textLength' | 'wholeNumber' | 'decimal' | 'date' | 'time' | 'custom';
const RULE_KEYS: readonly RuleKey[] = [
  'list',
  'textLength',
  'wholeNumber',
  'decimal',
  'date',
  'time',
  'custom',
];

const DV_TYPES: Record<RuleKey, string> = {
  list: 'List',
  textLength: 'TextLength',
  wholeNumber: 'WholeNumber',
  decimal: 'Decimal',
  date: 'Date',
  time: 'Time',
  custom: 'Custom',
};

function checkRule(rule: Record<string, unknown>): void {
  const keys = Object.keys(rule);
  if (keys.length !== 1 || !RULE_KEYS.includes(keys[0] as RuleKey))
    throw invalid('A data validation rule has exactly one type.');
  if ('list' in rule) {
    const list = rule.list as { source?: unknown };
    if (typeof list.source !== 'string' || list.source === '') throw invalid('A list rule needs a source.');
    // Excel limits a typed (comma-separated) list to 255 characters; references have no such limit.
    if (!list.source.startsWith('=') && list.source.length > 255)
      throw invalid('List source longer than 255 characters.');
  }
}

function checkText(value: unknown, max: number, what: string): string {
  if (typeof value !== 'string') throw invalid(`${what} must be text`);
  if (value.length > max) throw invalid(`${what} longer than ${max} characters`);
  return value;
}

export class FakeDataValidation extends ClientObject<AreasTarget> {
  protected readonly scalarProps = ['type', 'rule', 'prompt', 'errorAlert', 'ignoreBlanks'];

  /** Excel.DataValidationType ("None" when the cells have no rule). */
  get type(): string {
    return this.loaded('type');
  }

  get rule(): Record<string, unknown> {
    return this.loaded('rule');
  }
  set rule(rule: Record<string, unknown>) {
    this.write(jsonBytes(rule), (target) => {
      checkRule(rule);
      guard(this.env, target.sheet, 'object');
      const current = this.current(target);
      target.sheet.replaceDataValidation([...target.areas], {
        areas: [...target.areas],
        rule: structuredClone(rule),
        ignoreBlanks: current?.ignoreBlanks ?? true,
        ...(current?.prompt ? { prompt: current.prompt } : {}),
        ...(current?.errorAlert ? { errorAlert: current.errorAlert } : {}),
      });
    });
  }
  get prompt(): DataValidationModel['prompt'] {
    return this.loaded('prompt');
  }
  set prompt(prompt: { showPrompt: boolean; title: string; message: string }) {
    this.write(jsonBytes(prompt), (target) => {
      guard(this.env, target.sheet, 'object');
      const checked = {
        showPrompt: Boolean(prompt.showPrompt),
        title: checkText(prompt.title, DV_TITLE_MAX, 'Prompt title'),
        message: checkText(prompt.message, DV_MESSAGE_MAX, 'Prompt message'),
      };
      this.update(target, (dv) => (dv.prompt = checked));
    });
  }
  get errorAlert(): DataValidationModel['errorAlert'] {
    return this.loaded('errorAlert');
  }
  set errorAlert(alert: { showAlert: boolean; style: string; title: string; message: string }) {
    this.write(jsonBytes(alert), (target) => {
      guard(this.env, target.sheet, 'object');
      if (!['Stop', 'Warning', 'Information'].includes(alert.style))
        throw invalid(`Invalid alert style ${alert.style}`);
      const checked = {
        showAlert: Boolean(alert.showAlert),
        style: alert.style,
        title: checkText(alert.title, DV_TITLE_MAX, 'Alert title'),
        message: checkText(alert.message, DV_MESSAGE_MAX, 'Alert message'),
      };
      this.update(target, (dv) => (dv.errorAlert = checked));
    });
  }

  clear(): void {
    this.write(10, (target) => {
      guard(this.env, target.sheet, 'object');
      target.sheet.replaceDataValidation([...target.areas], undefined);
    });
  }

  private current(target: AreasTarget): DataValidationModel | undefined {
    const first = target.areas[0];
    return target.sheet.dataValidationAt(first.top, first.left);
  }

  /** Prompt and alert without a rule are kept on an "any value" rule, as Excel does. */
  private update(target: AreasTarget, change: (dv: DataValidationModel) => void): void {
    const current = this.current(target);
    const next: DataValidationModel = current
      ? { ...current, areas: [...target.areas] }
      : { areas: [...target.areas], rule: {}, ignoreBlanks: true };
    change(next);
    target.sheet.replaceDataValidation([...target.areas], next);
  }

  protected read(target: AreasTarget, prop: string): { value: unknown } {
    const dv = this.current(target);
    switch (prop) {
      case 'type':
        // Excel.DataValidationType: "None" for "any value" (a prompt alone), else the rule's type in PascalCase.
        return { value: dv ? (DV_TYPES[Object.keys(dv.rule)[0] as RuleKey] ?? 'None') : 'None' };
      case 'rule':
        return { value: dv?.rule ?? {} };
      case 'prompt':
        return { value: dv?.prompt ?? { showPrompt: false, title: '', message: '' } };
      case 'errorAlert':
        return { value: dv?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' } };
      case 'ignoreBlanks':
        return { value: dv?.ignoreBlanks ?? true };
      default:
        return this.unknownProperty(prop);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

function checkFormula(formula: unknown): string {
  if (typeof formula !== 'string' || !formula.startsWith('=')) throw invalid('A formula starts with "=".');
  let depth = 0;
  let quoted = false;
  for (const ch of formula) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    if (depth < 0) break;
  }
  if (depth !== 0 || quoted) throw invalid(`Invalid formula ${formula}`);
  return formula;
}

export class FakeConditionalFormatCollection extends ClientObject<AreasTarget> {
  protected readonly scalarProps = ['items'];
  private itemProxies: FakeConditionalFormat[] | undefined;

  add(type: string): FakeConditionalFormat {
    if (type !== 'Custom') throw new Error(`Fake Excel: conditional format type ${type} is not implemented`);
    let created: ConditionalFormatModel | undefined;
    this.write(10, (target) => {
      guard(this.env, target.sheet, 'object');
      created = {
        id: newId(''),
        areas: [...target.areas],
        type: 'Custom',
        formula: '',
        fillColor: null,
        fontColor: null,
        bold: null,
        borders: {},
        stopIfTrue: false,
      };
      // Office.js adds new conditional formats at the top priority.
      target.sheet.conditionalFormats.unshift(created);
    });
    return new FakeConditionalFormat(this.env, () => {
      if (!created)
        throw new FakeOfficeError(ErrorCode.invalidOperation, 'Conditional format was not created.');
      return { sheet: this.resolve().sheet, cf: created };
    });
  }

  get items(): FakeConditionalFormat[] {
    this.loaded('items');
    return this.itemProxies ?? [];
  }

  /** `load('items/type,items/id')` style paths load those properties on each item. */
  override capture(props: readonly string[]): Capture {
    const itemProps = props.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    const target = this.resolve();
    const proxies = target.sheet
      .conditionalFormatsIntersecting(target.areas)
      .map((cf) => new FakeConditionalFormat(this.env, () => ({ sheet: target.sheet, cf })));
    const results = proxies.map((p) =>
      p.capture(itemProps.length ? itemProps : ['id', 'type', 'priority', 'stopIfTrue']),
    );
    return {
      bytes: results.reduce((sum, r) => sum + r.bytes, 2),
      commit: () => {
        results.forEach((r) => r.commit());
        this.itemProxies = proxies;
        this.loadedProps.set('items', true);
      },
    };
  }

  protected read(): { value: unknown } {
    return this.unknownProperty('items');
  }
}

interface CfTarget {
  readonly sheet: SheetModel;
  readonly cf: ConditionalFormatModel;
}

export class FakeConditionalFormat extends ClientObject<CfTarget> {
  protected readonly scalarProps = ['id', 'type', 'priority', 'stopIfTrue'];

  get id(): string {
    return this.loaded('id');
  }
  get type(): string {
    return this.loaded('type');
  }
  get priority(): number {
    return this.loaded('priority');
  }
  set priority(priority: number) {
    this.write(10, ({ sheet, cf }) => {
      guard(this.env, sheet, 'object');
      const list = sheet.conditionalFormats;
      list.splice(list.indexOf(cf), 1);
      list.splice(Math.max(0, Math.min(priority, list.length)), 0, cf);
    });
  }
  get stopIfTrue(): boolean {
    return this.loaded('stopIfTrue');
  }
  set stopIfTrue(stop: boolean) {
    this.write(10, ({ sheet, cf }) => {
      guard(this.env, sheet, 'object');
      cf.stopIfTrue = stop;
    });
  }

  get custom(): FakeCustomConditionalFormat {
    return this.child(
      'custom',
      () =>
        new FakeCustomConditionalFormat(this.env, () => {
          const target = this.resolve();
          if (target.cf.type !== 'Custom') {
            throw new FakeOfficeError(ErrorCode.invalidOperation, 'Not a custom conditional format.');
          }
          return target;
        }),
    );
  }

  delete(): void {
    this.write(10, ({ sheet, cf }) => {
      guard(this.env, sheet, 'object');
      const index = sheet.conditionalFormats.indexOf(cf);
      if (index < 0)
        throw new FakeOfficeError(ErrorCode.itemNotFound, 'The conditional format no longer exists.');
      sheet.conditionalFormats.splice(index, 1);
    });
  }

  protected read(target: CfTarget, prop: string): { value: unknown } {
    const { sheet, cf } = target;
    switch (prop) {
      case 'id':
        return { value: cf.id };
      case 'type':
        return { value: cf.type };
      case 'priority':
        return { value: sheet.conditionalFormats.indexOf(cf) };
      case 'stopIfTrue':
        return { value: cf.stopIfTrue };
      default:
        return this.unknownProperty(prop);
    }
  }
}

export class FakeCustomConditionalFormat extends ClientObject<CfTarget> {
  protected readonly scalarProps = [];

  get rule(): FakeConditionalFormatRule {
    return this.child('rule', () => new FakeConditionalFormatRule(this.env, this.resolve));
  }

  protected read(_target: CfTarget, prop: string): { value: unknown } {
    return this.unknownProperty(prop);
  }

  /**
   * ConditionalRangeFormat (ExcelApi 1.6, typings l.52879+): fill colour, font colour and bold, and thin borders
   * per edge with a line style (ConditionalRangeBorderLineStyle: None, Continuous, Dash, DashDot, DashDotDot, Dot).
   * There is no pattern fill and no border weight for conditional formats. Write-only in the fake.
   */
  get format(): FakeConditionalRangeFormat {
    const env = this.env;
    const resolve = this.resolve;
    const setter = (apply: (cf: ConditionalFormatModel) => void): void =>
      env.queue.enqueue(20, () => {
        const { sheet, cf } = resolve();
        guard(env, sheet, 'object');
        apply(cf);
        return { bytes: 0 };
      });
    const writeOnly = (what: string): never => {
      throw new FakeOfficeError(
        ErrorCode.propertyNotLoaded,
        `Conditional format ${what} is write-only in the fake.`,
      );
    };
    return {
      fill: {
        get color(): string {
          return writeOnly('fill color');
        },
        set color(color: string) {
          setter((cf) => (cf.fillColor = checkColor(color)));
        },
      },
      font: {
        get color(): string {
          return writeOnly('font color');
        },
        set color(color: string) {
          setter((cf) => (cf.fontColor = checkColor(color)));
        },
        get bold(): boolean {
          return writeOnly('bold');
        },
        set bold(bold: boolean) {
          setter((cf) => (cf.bold = Boolean(bold)));
        },
      },
      borders: {
        getItem: (edge: BorderEdge) => ({
          get style(): string {
            return writeOnly('border style');
          },
          set style(style: string) {
            setter((cf) => {
              if (!CF_BORDER_STYLES.includes(style))
                throw invalid(`Invalid conditional border style ${style}`);
              if (!['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'].includes(edge))
                throw invalid(`Invalid border index ${edge}`);
              cf.borders[edge] = { color: cf.borders[edge]?.color ?? '#000000', style };
            });
          },
          get color(): string {
            return writeOnly('border color');
          },
          set color(color: string) {
            setter((cf) => {
              cf.borders[edge] = { style: cf.borders[edge]?.style ?? 'Continuous', color: checkColor(color) };
            });
          },
        }),
      },
    };
  }
}

/** Excel.ConditionalRangeBorderLineStyle (typings l.61205). */
const CF_BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot'];

interface FakeConditionalRangeFormat {
  readonly fill: { color: string };
  readonly font: { color: string; bold: boolean };
  readonly borders: { getItem(edge: BorderEdge): { style: string; color: string } };
}

export class FakeConditionalFormatRule extends ClientObject<CfTarget> {
  protected readonly scalarProps = ['formula'];

  get formula(): string {
    return this.loaded('formula');
  }
  set formula(formula: string) {
    this.write(jsonBytes(formula), ({ sheet, cf }) => {
      guard(this.env, sheet, 'object');
      cf.formula = checkFormula(formula);
    });
  }

  protected read(target: CfTarget, prop: string): { value: unknown } {
    if (prop !== 'formula') return this.unknownProperty(prop);
    return { value: target.cf.formula };
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

function checkTableName(model: WorkbookModel, name: string, self?: TableModel): void {
  if (
    !TABLE_NAME.test(name) ||
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    /^[RrCc]$/.test(name) ||
    name.length > 255
  ) {
    throw invalid(`Invalid table name ${name}`);
  }
  const existing = model.table(name);
  if (existing && existing !== self)
    throw new FakeOfficeError(ErrorCode.itemAlreadyExists, `A table named ${name} exists.`);
  if (model.sheet(name)) throw new FakeOfficeError(ErrorCode.itemAlreadyExists, `Name ${name} is in use.`);
}

export class FakeTableCollection extends ClientObject<{ sheet: SheetModel | undefined }> {
  protected readonly scalarProps = ['count'];

  add(address: string, hasHeaders: boolean): FakeTable {
    let created: TableModel | undefined;
    this.write(jsonBytes(address), ({ sheet: scope }) => {
      const { sheet: named, areas } = parseAreas(address);
      const sheet = named !== undefined ? this.env.model.sheet(named) : (scope ?? this.env.model.activeSheet);
      if (!sheet) throw new FakeOfficeError(ErrorCode.itemNotFound, `No sheet for ${address}`);
      if (scope && sheet !== scope) throw invalid('The address is on another sheet.');
      if (areas.length !== 1) throw invalid('A table has one area.');
      guard(this.env, sheet, 'object');
      if (!hasHeaders) throw new Error('Fake Excel: tables without headers are not implemented');
      const rect = areas[0];
      if (rectRows(rect) < 2) throw invalid('A table with headers needs a header row and a data row.');
      if (this.env.model.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) {
        throw new FakeOfficeError(ErrorCode.invalidOperation, "A table can't overlap another table.");
      }
      // Excel turns header cells into unique texts ("Column1" for blanks, "Nom2" for repeats).
      const seen = new Set<string>();
      for (let c = rect.left; c <= rect.right; c++) {
        const raw = sheet.value(rect.top, c);
        let header = raw === undefined || raw === '' ? `Column${c - rect.left + 1}` : String(raw);
        for (let n = 2; seen.has(header.toLowerCase()); n++) header = `${String(raw)}${n}`;
        seen.add(header.toLowerCase());
        sheet.setValue(rect.top, c, header);
      }
      let n = this.env.model.tables.length + 1;
      while (this.env.model.table(`Table${n}`)) n++;
      created = { name: `Table${n}`, sheet, rect, showHeaders: true, style: 'TableStyleMedium2' };
      this.env.model.tables.push(created);
    });
    return new FakeTable(this.env, () => {
      if (!created) throw new FakeOfficeError(ErrorCode.invalidOperation, 'Table was not created.');
      return created;
    });
  }

  getItem(name: string): FakeTable {
    return new FakeTable(this.env, () => {
      const table = this.find(name);
      if (!table) throw new FakeOfficeError(ErrorCode.itemNotFound, `No table named ${name}`);
      return table;
    });
  }

  getItemOrNullObject(name: string): FakeTableOrNull {
    return new FakeTableOrNull(this.env, () => this.find(name) ?? null);
  }

  private find(name: string): TableModel | undefined {
    const table = this.env.model.table(name);
    const scope = this.resolve().sheet;
    return table && (!scope || table.sheet === scope) ? table : undefined;
  }

  protected read(target: { sheet: SheetModel | undefined }, prop: string): { value: unknown } {
    if (prop !== 'count') return this.unknownProperty(prop);
    return { value: this.env.model.tables.filter((t) => !target.sheet || t.sheet === target.sheet).length };
  }
}

function tableRange(
  env: FakeEnvironment,
  resolve: () => TableModel,
  part: 'all' | 'header' | 'body',
): FakeRange {
  return new FakeRange(env, () => {
    const table = resolve();
    const { rect } = table;
    const area =
      part === 'all'
        ? rect
        : part === 'header'
          ? { ...rect, bottom: rect.top }
          : { ...rect, top: rect.top + 1 };
    return { sheet: table.sheet, areas: [area] };
  });
}

export class FakeTable extends ClientObject<TableModel> {
  protected readonly scalarProps = ['name', 'style', 'showHeaders'];

  get name(): string {
    return this.loaded('name');
  }
  set name(name: string) {
    this.write(jsonBytes(name), (table) => {
      guard(this.env, table.sheet, 'object');
      checkTableName(this.env.model, name, table);
      table.name = name;
    });
  }
  get style(): string {
    return this.loaded('style');
  }
  set style(style: string) {
    this.write(jsonBytes(style), (table) => {
      guard(this.env, table.sheet, 'object');
      table.style = style;
    });
  }

  get worksheet(): FakeWorksheet {
    return this.child('worksheet', () => new FakeWorksheet(this.env, () => this.resolve().sheet));
  }

  get columns(): FakeTableColumnCollection {
    return this.child('columns', () => new FakeTableColumnCollection(this.env, this.resolve));
  }

  getRange(): FakeRange {
    return tableRange(this.env, this.resolve, 'all');
  }
  getHeaderRowRange(): FakeRange {
    return tableRange(this.env, this.resolve, 'header');
  }
  getDataBodyRange(): FakeRange {
    return tableRange(this.env, this.resolve, 'body');
  }

  protected read(table: TableModel, prop: string): { value: unknown } {
    switch (prop) {
      case 'name':
        return { value: table.name };
      case 'style':
        return { value: table.style };
      case 'showHeaders':
        return { value: table.showHeaders };
      default:
        return this.unknownProperty(prop);
    }
  }
}

/**
 * Table columns. Only appending at the right edge is modelled: Excel then takes the next sheet column
 * into the table. When that column holds values in the table's rows Excel shifts cells right instead,
 * which the fake does not implement (the add-in checks the column is empty before adding).
 */
export class FakeTableColumnCollection extends ClientObject<TableModel> {
  protected readonly scalarProps = ['count'];

  add(index?: number | null, values?: unknown[][], name?: string): void {
    this.write(jsonBytes([index ?? null, values ?? null, name ?? null]), (table) => {
      guard(this.env, table.sheet, 'object');
      const width = table.rect.right - table.rect.left + 1;
      if (index !== undefined && index !== null && index !== width)
        throw new Error('Fake Excel: only appending table columns is implemented');
      if (values !== undefined) throw new Error('Fake Excel: column values on add are not implemented');
      const col = table.rect.right + 1;
      if (col >= MAX_COLUMNS) throw invalid('The table cannot grow past the last column.');
      for (let r = table.rect.top; r <= table.rect.bottom; r++) {
        if (table.sheet.value(r, col) !== undefined)
          throw new Error('Fake Excel: adding a column over values (Excel shifts cells) is not implemented');
      }
      if (
        this.env.model.tables.some(
          (t) =>
            t !== table &&
            t.sheet === table.sheet &&
            intersects(t.rect, { ...table.rect, left: col, right: col }),
        )
      )
        throw new FakeOfficeError(ErrorCode.invalidOperation, "A table can't overlap another table.");
      // Header texts stay unique within a table, as Excel makes them.
      const taken = new Set<string>();
      for (let c = table.rect.left; c <= table.rect.right; c++)
        taken.add(String(table.sheet.value(table.rect.top, c) ?? '').toLowerCase());
      const base = name ?? `Column${width + 1}`;
      let header = base;
      for (let n = 2; taken.has(header.toLowerCase()); n++) header = `${base}${n}`;
      table.sheet.setValue(table.rect.top, col, header);
      table.rect = { ...table.rect, right: col };
    });
  }

  protected read(table: TableModel, prop: string): { value: unknown } {
    if (prop === 'count') return { value: table.rect.right - table.rect.left + 1 };
    return this.unknownProperty(prop);
  }
}

export class FakeTableOrNull extends NullableClientObject<TableModel> {
  protected readonly scalarProps = ['name'];

  get name(): string {
    return this.loaded('name');
  }
  get worksheet(): FakeWorksheet {
    return this.child('worksheet', () => new FakeWorksheet(this.env, () => this.existing().sheet));
  }

  getRange(): FakeRange {
    return tableRange(this.env, () => this.existing(), 'all');
  }
  getHeaderRowRange(): FakeRange {
    return tableRange(this.env, () => this.existing(), 'header');
  }
  getDataBodyRange(): FakeRange {
    return tableRange(this.env, () => this.existing(), 'body');
  }
  protected readExisting(table: TableModel, prop: string): { value: unknown } {
    if (prop === 'name') return { value: table.name };
    return this.unknownProperty(prop);
  }
}

// ---------------------------------------------------------------------------------------------
// Notes (ExcelApi 1.18)

/**
 * NoteCollection (ExcelApi 1.18, typings l.65467-65481): `add(cellAddress: Range | string, content)`, "If the string
 * is invalid, or the range is not a single cell, an `InvalidCellAddress` error is thrown". Which sheet a bare
 * address ("A1") designates is undocumented when the collection's sheet is not the active one, and for the
 * workbook's collection (the samples always activate the sheet first): the fake refuses both (the stricter
 * choice, « à confirmer »), so a note can never land on the wrong sheet in a test. A Range, or an address with
 * its sheet, is always understood. A second note on a cell is refused (InvalidArgument, « à confirmer »).
 */
export class FakeNoteCollection extends ClientObject<{ sheet: SheetModel | undefined }> {
  protected readonly scalarProps = ['count'];

  add(cellAddress: FakeRange | string, content: string): void {
    const bytes = jsonBytes(content) + (typeof cellAddress === 'string' ? cellAddress.length : 20);
    this.write(bytes, ({ sheet: scope }) => {
      this.requireApi();
      const { sheet, cell } = this.locate(scope, cellAddress);
      guard(this.env, sheet, 'object');
      if (sheet.notes.has(cell))
        throw new FakeOfficeError(ErrorCode.invalidArgument, `Cell ${cell} already has a note.`);
      sheet.notes.set(cell, String(content));
    });
  }

  /** The note of a cell, or a null object ("Gets a note by its cell address", typings). */
  getItemOrNullObject(key: string): FakeNote {
    return new FakeNote(this.env, () => {
      this.requireApi();
      const { sheet, cell } = this.locate(this.resolve().sheet, key);
      return sheet.notes.has(cell) ? { sheet, cell } : null;
    });
  }

  private requireApi(): void {
    if (!this.env.notesApi) throw new FakeOfficeError(ErrorCode.apiNotFound, 'Notes need ExcelApi 1.18.');
  }

  /** The sheet and A1 key of the single cell a note goes on. */
  private locate(
    scope: SheetModel | undefined,
    address: FakeRange | string,
  ): { sheet: SheetModel; cell: string } {
    const bad = (why: string) => new FakeOfficeError(ErrorCode.invalidCellAddress, why);
    let sheet: SheetModel | undefined;
    let rect: Rect;
    if (typeof address === 'string') {
      const split = splitSheet(address);
      if (split.sheet === undefined) {
        if (!scope) throw bad(`The workbook's notes need the sheet in the address (${address}).`);
        if (this.env.model.activeSheet !== scope)
          throw bad(`Bare address ${address} on ${scope.name}, which is not the active sheet.`);
        sheet = scope;
      } else sheet = this.env.model.sheet(split.sheet);
      if (!sheet) throw bad(`No sheet in ${address}`);
      let areas: readonly Rect[];
      try {
        areas = parseAreas(split.local).areas;
      } catch {
        throw bad(`Invalid address ${address}`);
      }
      if (areas.length !== 1) throw bad('A note goes on a single cell.');
      rect = areas[0];
    } else {
      const target = address.resolveTarget();
      if (!target || target.areas.length !== 1) throw bad('A note goes on a single cell.');
      sheet = target.sheet;
      rect = target.areas[0];
    }
    if (scope && sheet !== scope) throw bad(`The cell is not on ${scope.name}.`);
    if (rectCells(rect) !== 1) throw bad('A note goes on a single cell.');
    return { sheet, cell: cellAddressOf(rect) };
  }

  protected read(target: { sheet: SheetModel | undefined }, prop: string): { value: unknown } {
    this.requireApi();
    if (prop !== 'count') return this.unknownProperty(prop);
    const sheets = target.sheet ? [target.sheet] : this.env.model.sheets;
    return { value: sheets.reduce((n, s) => n + s.notes.size, 0) };
  }
}

/** Excel.Note (ExcelApi 1.18): its text (`content`) and `delete()`. */
export class FakeNote extends NullableClientObject<{ sheet: SheetModel; cell: string }> {
  protected readonly scalarProps = ['content'];

  get content(): string {
    return this.loaded('content');
  }

  delete(): void {
    this.change(10, ({ sheet, cell }) => {
      guard(this.env, sheet, 'object');
      sheet.notes.delete(cell);
    });
  }

  protected readExisting(target: { sheet: SheetModel; cell: string }, prop: string): { value: unknown } {
    if (prop === 'content') return { value: target.sheet.notes.get(target.cell) };
    return this.unknownProperty(prop);
  }
}

function cellAddressOf(rect: Rect): string {
  return cellAddress(rect.top, rect.left);
}

// ---------------------------------------------------------------------------------------------
// Worksheets

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;

export class FakeWorksheet extends NullableClientObject<SheetModel> {
  protected readonly scalarProps = ['name', 'visibility', 'position', 'id'];

  get name(): string {
    return this.loaded('name');
  }
  get id(): string {
    return this.loaded('id');
  }
  get position(): number {
    return this.loaded('position');
  }
  get visibility(): string {
    return this.loaded('visibility');
  }
  set visibility(visibility: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.write(20, (sheet) => {
      if (sheet === null) throw new FakeOfficeError(ErrorCode.invalidOperation, 'Null object.');
      guard(this.env, sheet, 'workbook');
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(visibility))
        throw invalid(`Invalid visibility ${visibility}`);
      const visible = this.env.model.sheets.filter((s) => s.visibility === 'Visible' && s !== sheet);
      if (visibility !== 'Visible' && visible.length === 0) {
        throw new FakeOfficeError(
          ErrorCode.invalidOperation,
          'A workbook must keep at least one visible sheet.',
        );
      }
      sheet.visibility = visibility;
      if (this.env.model.activeSheet === sheet && visibility !== 'Visible')
        this.env.model.activeSheet = visible[0];
    });
  }

  protected readExisting(sheet: SheetModel, prop: string): { value: unknown } {
    switch (prop) {
      case 'name':
        return { value: sheet.name };
      case 'id':
        return { value: sheet.id };
      case 'visibility':
        return { value: sheet.visibility };
      case 'position':
        return { value: this.env.model.sheets.indexOf(sheet) };
      default:
        return this.unknownProperty(prop);
    }
  }

  getRange(address?: string): FakeRange {
    this.notePath(address);
    return new FakeRange(this.env, () => {
      const sheet = this.existing();
      if (address === undefined || address === '') {
        return { sheet, areas: [{ top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 }] };
      }
      const target = resolveSheetAddress(this.env.model, sheet, address);
      single(target);
      return target;
    });
  }

  /** Office.js truncates longer addresses (PERF-NOTES); the fake refuses them so a bug cannot hide. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.env, () => {
      const sheet = this.existing();
      const rect = {
        top: startRow,
        left: startColumn,
        bottom: startRow + rowCount - 1,
        right: startColumn + columnCount - 1,
      };
      if (
        rowCount < 1 ||
        columnCount < 1 ||
        rect.top < 0 ||
        rect.left < 0 ||
        rect.bottom >= MAX_ROWS ||
        rect.right >= MAX_COLUMNS
      ) {
        throw invalid('The range is outside the grid.');
      }
      return { sheet, areas: [rect] };
    });
  }

  getRanges(address: string): FakeRangeAreas {
    this.notePath(address);
    return new FakeRangeAreas(this.env, () => {
      if (address.length > 8192)
        throw invalid(`getRanges address of ${address.length} characters (limit 8192).`);
      return resolveSheetAddress(this.env.model, this.existing(), address);
    });
  }

  /** Office.js sends the address with the request that creates the range object: count its bytes. */
  private notePath(address: string | undefined): void {
    this.env.queue.enqueue(jsonBytes(address ?? ''), () => ({ bytes: 0 }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    void valuesOnly; // The fake tracks values only: formatted-but-empty cells never extend the used range.
    return new FakeRange(this.env, () => {
      const sheet = this.existing();
      const rect = sheet.usedRect();
      return rect ? { sheet, areas: [rect] } : null;
    });
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    return new FakeRange(this.env, () => {
      const sheet = this.existing();
      return { sheet, areas: [sheet.usedRect() ?? { top: 0, left: 0, bottom: 0, right: 0 }] };
    });
  }

  activate(): void {
    this.write(10, () => {
      const sheet = this.existing();
      if (sheet.visibility !== 'Visible') {
        throw new FakeOfficeError(ErrorCode.invalidOperation, 'A hidden sheet cannot be activated.');
      }
      this.env.model.activeSheet = sheet;
    });
  }

  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.env, () => ({ sheet: this.existing() }));
  }

  get notes(): FakeNoteCollection {
    return new FakeNoteCollection(this.env, () => ({ sheet: this.existing() }));
  }

  get protection(): FakeWorksheetProtection {
    return this.child('protection', () => new FakeWorksheetProtection(this.env, () => this.existing()));
  }

  get freezePanes(): { freezeRows(count: number): void; unfreeze(): void } {
    const write = (apply: (sheet: SheetModel) => void): void =>
      this.env.queue.enqueue(10, () => {
        const sheet = this.existing();
        guard(this.env, sheet, 'object');
        apply(sheet);
        return { bytes: 0 };
      });
    return {
      freezeRows: (count: number) =>
        write((sheet) => {
          if (!(count >= 0 && count < MAX_ROWS)) throw invalid('Invalid row count');
          sheet.frozen = { rows: count, columns: 0 };
        }),
      unfreeze: () => write((sheet) => (sheet.frozen = { rows: 0, columns: 0 })),
    };
  }
}

/** Worksheet.protection (ExcelApi 1.2, typings l.38119+): read-only in the fake; the user protects sheets. */
export class FakeWorksheetProtection extends ClientObject<SheetModel> {
  protected readonly scalarProps = ['protected', 'options'];

  get protected(): boolean {
    return this.loaded('protected');
  }
  get options(): Record<string, boolean> {
    return this.loaded('options');
  }

  protected read(sheet: SheetModel, prop: string): { value: unknown } {
    if (prop === 'protected') return { value: sheet.protection.protected };
    if (prop === 'options') return { value: { ...sheet.protection.options } };
    return this.unknownProperty(prop);
  }
}

export class FakeWorksheetCollection extends ClientObject<WorkbookModel> {
  protected readonly scalarProps = ['items'];
  private itemProxies: FakeWorksheet[] = [];

  add(name?: string): FakeWorksheet {
    let created: SheetModel | undefined;
    this.write(jsonBytes(name ?? ''), (model) => {
      guard(this.env, undefined, 'workbook');
      let sheetName = name;
      if (sheetName === undefined) {
        let n = model.sheets.length + 1;
        while (model.sheet(`Feuil${n}`)) n++;
        sheetName = `Feuil${n}`;
      }
      if (
        sheetName.length === 0 ||
        sheetName.length > 31 ||
        SHEET_NAME_FORBIDDEN.test(sheetName) ||
        /^'|'$/.test(sheetName)
      ) {
        throw invalid(`Invalid sheet name ${sheetName}`);
      }
      if (model.sheet(sheetName) || sheetName.toLowerCase() === 'history') {
        throw new FakeOfficeError(ErrorCode.itemAlreadyExists, `A sheet named ${sheetName} exists.`);
      }
      created = model.addSheet(sheetName);
    });
    return new FakeWorksheet(this.env, () => {
      if (!created) throw new FakeOfficeError(ErrorCode.invalidOperation, 'Sheet was not created.');
      return created;
    });
  }

  /** "Gets a worksheet object using its name or ID" (typings). */
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.env, () => {
      const sheet = this.env.model.sheetByNameOrId(key);
      if (!sheet) throw new FakeOfficeError(ErrorCode.itemNotFound, `No sheet named ${key}`);
      return sheet;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.env, () => this.env.model.sheetByNameOrId(key) ?? null);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.env, () => this.env.model.activeSheet ?? null);
  }

  get items(): FakeWorksheet[] {
    this.loaded('items');
    return this.itemProxies;
  }

  protected read(_model: WorkbookModel, prop: string): { value: unknown } {
    return this.unknownProperty(prop);
  }

  override capture(props: readonly string[]): Capture {
    const itemProps = props.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    const proxies = this.env.model.sheets.map((sheet) => new FakeWorksheet(this.env, () => sheet));
    const results = proxies.map((p) =>
      p.capture(itemProps.length ? itemProps : ['name', 'visibility', 'position', 'id']),
    );
    return {
      bytes: results.reduce((sum, r) => sum + r.bytes, 2),
      commit: () => {
        results.forEach((r) => r.commit());
        this.itemProxies = proxies;
        this.loadedProps.set('items', true);
      },
    };
  }
}

export class FakeFunctionResult extends ClientObject<number> {
  protected readonly scalarProps = ['value'];
  get value(): number {
    return this.loaded('value');
  }
  protected read(value: number, prop: string): { value: unknown } {
    if (prop !== 'value') return this.unknownProperty(prop);
    return { value };
  }
}

/** One workbook setting (Excel.Setting, ExcelApi 1.4): a JSON value saved inside the workbook file. */
export class FakeSetting extends NullableClientObject<{ key: string; value: unknown }> {
  protected readonly scalarProps = ['key', 'value'];

  get key(): string {
    return this.loaded('key');
  }
  get value(): unknown {
    return this.loaded('value');
  }
  delete(): void {
    this.change(20, (target) => {
      guard(this.env, undefined, 'workbook');
      this.env.model.settings.delete(target.key);
    });
  }
  protected readExisting(target: { key: string; value: unknown }, prop: string): { value: unknown } {
    if (prop === 'key') return { value: target.key };
    if (prop === 'value') return { value: JSON.parse(JSON.stringify(target.value)) as unknown };
    return this.unknownProperty(prop);
  }
}

/** Excel.SettingCollection: settings travel with the workbook, visible to the add-in only. */
export class FakeSettingCollection extends ClientObject<WorkbookModel> {
  protected readonly scalarProps = [];

  add(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    this.write(jsonBytes(key) + jsonBytes(text), (model) => {
      guard(this.env, undefined, 'workbook');
      if (key.length === 0 || key.length > 255) throw invalid(`Invalid setting key ${key}`);
      // Excel stores a JSON copy: later changes to the object do not reach the workbook.
      model.settings.set(key, JSON.parse(text) as unknown);
    });
  }

  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.env, () => {
      const model = this.resolve();
      return model.settings.has(key) ? { key, value: model.settings.get(key) } : null;
    });
  }

  protected read(_model: WorkbookModel, prop: string): { value: unknown } {
    return this.unknownProperty(prop);
  }
}

export class FakeWorkbook extends ClientObject<WorkbookModel> {
  protected readonly scalarProps = ['readOnly'];

  constructor(env: FakeEnvironment) {
    super(env, () => env.model);
  }

  /** Workbook.readOnly (ExcelApi 1.8, typings l.36925-36930): "true if the workbook is open in read-only mode". */
  get readOnly(): boolean {
    return this.loaded('readOnly');
  }

  protected read(model: WorkbookModel, prop: string): { value: unknown } {
    if (prop === 'readOnly') {
      if (!this.env.apiVersionAtLeast('1.8'))
        throw new FakeOfficeError(ErrorCode.apiNotFound, 'Workbook.readOnly needs ExcelApi 1.8.');
      return { value: model.readOnly !== undefined };
    }
    return this.unknownProperty(prop);
  }

  /** The user's selection (one area), or A1 of the active sheet. */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.env, () => {
      const model = this.env.model;
      const selection = model.selection;
      const sheet = (selection && model.sheet(selection.sheet)) ?? model.activeSheet;
      if (!sheet) throw new FakeOfficeError(ErrorCode.invalidOperation, 'No active sheet.');
      if (!selection || !model.sheet(selection.sheet))
        return { sheet, areas: [{ top: 0, left: 0, bottom: 0, right: 0 }] };
      // The fake stores the selection as Range.address gives it: comma-delimited (multiple-ranges article).
      const target = resolveSheetAddress(model, sheet, selection.address.replace(/,\s*/g, ','), ',');
      if (target.areas.length !== 1)
        throw new FakeOfficeError(ErrorCode.invalidOperation, 'Multiple selections are not a Range.');
      return target;
    });
  }

  get settings(): FakeSettingCollection {
    return new FakeSettingCollection(this.env, () => this.env.model);
  }

  get worksheets(): FakeWorksheetCollection {
    return new FakeWorksheetCollection(this.env, () => this.env.model);
  }
  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.env, () => ({ sheet: undefined }));
  }
  get notes(): FakeNoteCollection {
    return new FakeNoteCollection(this.env, () => ({ sheet: undefined }));
  }
  get functions(): { date(year: number, month: number, day: number): FakeFunctionResult } {
    return {
      /** Excel's DATE(): serial day number in the workbook's date system. */
      date: (year, month, day) =>
        new FakeFunctionResult(this.env, () => {
          const days = Date.UTC(year, month - 1, day) / 86_400_000;
          const epoch = this.env.model.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
          return days - epoch / 86_400_000;
        }),
    };
  }
}
