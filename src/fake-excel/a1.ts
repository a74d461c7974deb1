/**
 * A1 address arithmetic for the in-memory Excel fake (and for the adapter's address grouping).
 * Rows and columns are 0-based internally, like Office.js `rowIndex`/`columnIndex`.
 */

import { columnIndex, columnLetter } from '../core/template/layout';

/** Excel's grid size (every version since 2007). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetAreas {
  /** Sheet name when the address was qualified ("Feuil1!A1"), else undefined. */
  readonly sheet: string | undefined;
  readonly areas: readonly Rect[];
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

export class AddressError extends Error {}

function parseEndpoint(text: string): { row?: number; col?: number } {
  const cell = CELL.exec(text);
  if (cell) return { col: columnIndex(cell[1]), row: Number(cell[2]) - 1 };
  const column = COLUMN.exec(text);
  if (column) return { col: columnIndex(column[1]) };
  const row = ROW.exec(text);
  if (row) return { row: Number(row[1]) - 1 };
  throw new AddressError(`Invalid address part "${text}"`);
}

/** "A1", "A1:C3", "A:A", "1:1" (no sheet part) → Rect. */
export function parseRect(text: string): Rect {
  const [first, second, extra] = text.trim().split(':');
  if (extra !== undefined || !first) throw new AddressError(`Invalid address "${text}"`);
  const a = parseEndpoint(first);
  const b = second === undefined ? a : parseEndpoint(second);
  const wholeColumns = a.row === undefined && b.row === undefined;
  const wholeRows = a.col === undefined && b.col === undefined;
  if (second === undefined && (wholeColumns || wholeRows))
    throw new AddressError(`Invalid address "${text}"`);
  if ((a.row === undefined) !== (b.row === undefined) || (a.col === undefined) !== (b.col === undefined)) {
    throw new AddressError(`Invalid address "${text}"`);
  }
  const top = wholeColumns ? 0 : Math.min(a.row ?? 0, b.row ?? 0);
  const bottom = wholeColumns ? MAX_ROWS - 1 : Math.max(a.row ?? 0, b.row ?? 0);
  const left = wholeRows ? 0 : Math.min(a.col ?? 0, b.col ?? 0);
  const right = wholeRows ? MAX_COLUMNS - 1 : Math.max(a.col ?? 0, b.col ?? 0);
  if (bottom >= MAX_ROWS || right >= MAX_COLUMNS)
    throw new AddressError(`Address outside the grid "${text}"`);
  return { top, left, bottom, right };
}

/** Splits "'Feuil 1'!A1" into sheet and local part; quotes doubled inside a quoted name are unescaped. */
export function splitSheet(text: string): { sheet: string | undefined; local: string } {
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { sheet: undefined, local: text };
  let sheet = text.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: text.slice(bang + 1) };
}

/** "A1:B2,D4" or "Feuil1!A1:B2,Feuil1!D4" → areas of one sheet (";" between areas when that is the separator). */
export function parseAreas(text: string, separator: ',' | ';' = ','): SheetAreas {
  let sheet: string | undefined;
  const areas = text.split(separator).map((part) => {
    const split = splitSheet(part.trim());
    if (split.sheet !== undefined) {
      if (sheet !== undefined && sheet !== split.sheet) throw new AddressError('Areas on different sheets');
      sheet = split.sheet;
    }
    return parseRect(split.local);
  });
  return { sheet, areas };
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function rectAddress(rect: Rect): string {
  const start = cellAddress(rect.top, rect.left);
  if (rect.top === rect.bottom && rect.left === rect.right) return start;
  return `${start}:${cellAddress(rect.bottom, rect.right)}`;
}

/** Sheet name as Excel writes it in an address: quoted when it holds anything but letters, digits, _. */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** "Feuil1!A1:B2, Feuil1!D4": RangeAreas.address is always comma-delimited, with a space (multiple-ranges article). */
export function qualifiedAddress(sheet: string, rects: readonly Rect[]): string {
  return rects.map((r) => `${quoteSheet(sheet)}!${rectAddress(r)}`).join(', ');
}

/**
 * A range without row or column bounds ("A:A", "2:2", `getRange()`, a selection of whole columns). Reads of
 * cell-level properties return null and writes of them fail (docs "Read or write to an unbounded range",
 * excel/excel-add-ins-ranges-unbounded.md).
 */
export function isUnbounded(rect: Rect): boolean {
  return (
    (rect.top === 0 && rect.bottom === MAX_ROWS - 1) || (rect.left === 0 && rect.right === MAX_COLUMNS - 1)
  );
}

export function rectRows(rect: Rect): number {
  return rect.bottom - rect.top + 1;
}

export function rectColumns(rect: Rect): number {
  return rect.right - rect.left + 1;
}

export function rectCells(rect: Rect): number {
  return rectRows(rect) * rectColumns(rect);
}

export function contains(rect: Rect, row: number, col: number): boolean {
  return row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function rectInside(inner: Rect, outer: Rect): boolean {
  return (
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom &&
    inner.left >= outer.left &&
    inner.right <= outer.right
  );
}
