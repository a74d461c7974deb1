import { StringDecoder } from 'node:string_decoder';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import type { ZipEntry } from './zip-directory';

/**
 * Reading and writing SpreadsheetML parts as text, without a workbook model (ECMA-376 part 1, 18.3 worksheets,
 * 18.4 shared strings): a sheet is cut into the text around its rows and the rows themselves, a row into its
 * cells, so a copy can rewrite a few cells and pass every other byte through. Used by the tracking copy
 * (xlsx-tracking-patch.ts).
 */

/** The uncompressed text of a zip entry, chunk by chunk (UTF-8 sequences never split). */
export async function* entryText(file: string, entry: ZipEntry, dataStart: number): AsyncGenerator<string> {
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`${entry.name}: method ${entry.method}`);
  if (entry.compressedSize === 0) return;
  const source = createReadStream(file, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
    highWaterMark: 1 << 20,
  });
  const decoder = new StringDecoder('utf8');
  const chunks = entry.method === 8 ? source.pipe(createInflateRaw()) : source;
  try {
    for await (const chunk of chunks as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      if (text.length > 0) yield text;
    }
    const rest = decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    source.destroy();
    if (chunks !== source) (chunks as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
}

export async function entryString(file: string, entry: ZipEntry, dataStart: number): Promise<string> {
  let out = '';
  for await (const text of entryText(file, entry, dataStart)) out += text;
  return out;
}

/** A piece of a sheet: the text between rows (passed through), or one `<row>` element whole. */
export type SheetPiece =
  { readonly kind: 'text'; readonly xml: string } | { readonly kind: 'row'; readonly xml: string };

export class OddSheetError extends Error {}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/**
 * Cuts a worksheet's XML into pieces: everything up to `<sheetData>`, each `<row>…</row>` (or `<row …/>`), the
 * text between rows, and everything from `</sheetData>`. Rows are found by their tags only: a sheet whose
 * elements carry a namespace prefix (`<x:row>`), has anything else than rows in `<sheetData>`, or has no
 * `<sheetData>` throws OddSheetError. An empty `<sheetData/>` comes out as `<sheetData>` … `</sheetData>`.
 */
export async function* sheetPieces(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<SheetPiece> {
  let buffer = '';
  let state: 'before' | 'rows' | 'after' = 'before';
  for await (const chunk of chunks) {
    buffer = buffer.length > 0 ? buffer + chunk : chunk;
    let at = 0;
    let done = 0;
    for (;;) {
      if (state === 'before') {
        const start = buffer.indexOf('<sheetData', at);
        if (start < 0) break;
        const end = buffer.indexOf('>', start);
        if (end < 0) break;
        const next = buffer[start + 10];
        if (next !== '>' && next !== '/' && !isSpace(next)) {
          at = start + 10;
          continue;
        }
        if (buffer[end - 1] === '/') {
          yield { kind: 'text', xml: `${buffer.slice(done, end - 1)}>` };
          buffer = `</sheetData>${buffer.slice(end + 1)}`;
          at = done = 0;
        } else {
          yield { kind: 'text', xml: buffer.slice(done, end + 1) };
          at = done = end + 1;
        }
        state = 'rows';
        continue;
      }
      if (state === 'rows') {
        const open = buffer.indexOf('<', at);
        if (open < 0) {
          if (buffer.slice(at).trim() !== '') throw new OddSheetError('text in sheetData');
          break;
        }
        if (buffer.length < open + 12) break;
        if (buffer.startsWith('</sheetData>', open)) {
          state = 'after';
          break;
        }
        if (
          !buffer.startsWith('<row', open) ||
          !(buffer[open + 4] === '>' || buffer[open + 4] === '/' || isSpace(buffer[open + 4]))
        )
          throw new OddSheetError(`unexpected element in sheetData: ${buffer.slice(open, open + 20)}`);
        const tagEnd = buffer.indexOf('>', open);
        if (tagEnd < 0) break;
        let end: number;
        if (buffer[tagEnd - 1] === '/') end = tagEnd + 1;
        else {
          const close = buffer.indexOf('</row>', tagEnd);
          if (close < 0) break;
          end = close + 6;
        }
        if (open > done) {
          const between = buffer.slice(done, open);
          if (between.trim() !== '') throw new OddSheetError('text in sheetData');
          yield { kind: 'text', xml: between };
        }
        yield { kind: 'row', xml: buffer.slice(open, end) };
        at = done = end;
        continue;
      }
      break;
    }
    if (state === 'after') {
      if (buffer.length > done) yield { kind: 'text', xml: buffer.slice(done) };
      buffer = '';
    } else buffer = buffer.slice(done);
  }
  const ended: string = state;
  if (ended === 'before') throw new OddSheetError('no <sheetData>');
  if (ended === 'rows') throw new OddSheetError('sheetData not closed');
}

/** 0-based column index of column letters (A → 0, AA → 26); -1 when they are not letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) return -1;
    n = n * 26 + (c - 64);
  }
  return letters.length === 0 ? -1 : n - 1;
}

/** The value of attribute `name` in a start tag, undecoded (`undefined` when absent). */
export function attribute(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    if (!isSpace(tag[at - 1])) continue;
    let i = from;
    while (isSpace(tag[i])) i++;
    if (tag[i] !== '=') continue;
    i++;
    while (isSpace(tag[i])) i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const end = tag.indexOf(quote, i + 1);
    return end < 0 ? undefined : tag.slice(i + 1, end);
  }
}

/** One `<c>` of a row, located in the row's XML. */
export interface CellXml {
  readonly start: number;
  readonly end: number;
  /** The start tag, `<c …>` or `<c …/>`. */
  readonly tag: string;
  /** 0-based column: from `r`, else the one after the previous cell (ECMA-376 18.3.1.4). */
  readonly column: number;
  readonly hasRef: boolean;
  /** What is inside the cell (`<v>`, `<f>`, `<is>`), '' for an empty element. */
  readonly inner: string;
}

export interface RowXml {
  /** The start tag, `<row …>` (or `<row …/>`). */
  readonly tag: string;
  /** 1-based row number: from `r`, else the one after the previous row. */
  readonly number: number;
  readonly cells: readonly CellXml[];
}

const CELL_REF = /^([A-Z]{1,3})(\d+)$/;

/** The row number in a row's start tag (`r`), or undefined. */
export function rowNumberOf(rowXml: string): number | undefined {
  const end = rowXml.indexOf('>');
  const r = attribute(rowXml.slice(0, end), 'r');
  if (r === undefined) return undefined;
  const n = Number(r);
  return Number.isSafeInteger(n) && n >= 1 ? n : Number.NaN;
}

/**
 * Parses the cells of a row. Throws OddSheetError on anything that is not a cell, on a cell reference that is not
 * in this row, and on cells out of column order (Excel's own order; a file breaking it is patched by the fallback).
 */
export function parseRow(rowXml: string, number: number): RowXml {
  const tagEnd = rowXml.indexOf('>');
  const tag = rowXml.slice(0, tagEnd + 1);
  const cells: CellXml[] = [];
  if (rowXml[tagEnd - 1] === '/') return { tag, number, cells };
  const contentEnd = rowXml.length - 6;
  let at = tagEnd + 1;
  let previous = -1;
  for (;;) {
    const open = rowXml.indexOf('<', at);
    if (open < 0 || open >= contentEnd) {
      if (rowXml.slice(at, contentEnd).trim() !== '') throw new OddSheetError(`text in row ${number}`);
      break;
    }
    if (rowXml.slice(at, open).trim() !== '') throw new OddSheetError(`text in row ${number}`);
    const next = rowXml[open + 2];
    if (rowXml[open + 1] !== 'c' || !(next === '>' || next === '/' || isSpace(next)))
      throw new OddSheetError(`row ${number}: unexpected ${rowXml.slice(open, open + 12)}`);
    const cellTagEnd = rowXml.indexOf('>', open);
    const cellTag = rowXml.slice(open, cellTagEnd + 1);
    let end: number;
    let inner = '';
    if (rowXml[cellTagEnd - 1] === '/') end = cellTagEnd + 1;
    else {
      const close = rowXml.indexOf('</c>', cellTagEnd);
      if (close < 0) throw new OddSheetError(`row ${number}: cell not closed`);
      inner = rowXml.slice(cellTagEnd + 1, close);
      end = close + 4;
    }
    const ref = attribute(cellTag, 'r');
    let column = previous + 1;
    if (ref !== undefined) {
      const m = CELL_REF.exec(ref);
      if (!m || Number(m[2]) !== number) throw new OddSheetError(`row ${number}: cell ${ref}`);
      column = columnIndex(m[1]);
    }
    if (column <= previous) throw new OddSheetError(`row ${number}: cells out of order`);
    cells.push({ start: open, end, tag: cellTag, column, hasRef: ref !== undefined, inner });
    previous = column;
    at = end;
  }
  return { tag, number, cells };
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and character references. */
export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]+|#\d+|lt|gt|amp|quot|apos);/g, (match, name: string) => {
    if (name[0] !== '#') return ENTITIES[name];
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/** The text of a string item (`<si>`, `<is>`): its `<t>` elements in order, phonetic runs (`<rPh>`) left out. */
export function stringItemText(xml: string): string {
  const withoutPhonetic = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1]);
  return out;
}

/**
 * Shared strings wanted by index, read from the part in a stream and kept only if wanted: the table of a large
 * workbook (one string per distinct value) never sits in memory whole. Stops at the last index wanted.
 */
export async function readSharedStrings(
  chunks: AsyncIterable<string>,
  wanted: ReadonlySet<number>,
): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const last = Math.max(...wanted);
  let buffer = '';
  let index = 0;
  outer: for await (const chunk of chunks) {
    buffer = buffer.length > 0 ? buffer + chunk : chunk;
    let at = 0;
    for (;;) {
      const open = buffer.indexOf('<si', at);
      if (open < 0 || open + 3 >= buffer.length) break;
      const after = buffer[open + 3];
      if (after !== '>' && after !== '/' && !isSpace(after)) {
        at = open + 3;
        continue;
      }
      const tagEnd = buffer.indexOf('>', open);
      if (tagEnd < 0) break;
      let end: number;
      let inner = '';
      if (buffer[tagEnd - 1] === '/') end = tagEnd + 1;
      else {
        const close = buffer.indexOf('</si>', tagEnd);
        if (close < 0) break;
        inner = buffer.slice(tagEnd + 1, close);
        end = close + 5;
      }
      if (wanted.has(index)) found.set(index, stringItemText(inner));
      index++;
      at = end;
      if (index > last) break outer;
    }
    buffer = buffer.slice(at);
  }
  return found;
}

/**
 * Text as SpreadsheetML carries it (ECMA-376 22.9.2.19 ST_Xstring): the XML specials escaped; characters XML
 * cannot hold (controls other than tab and line feed, U+FFFE, U+FFFF) as `_xHHHH_`, like Excel; a carriage
 * return too (an XML parser would turn it into a line feed); a literal `_xHHHH_` protected as `_x005F_xHHHH_`;
 * a lone surrogate (not text) replaced by U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- exactly the characters XML cannot carry (and CR, see below)
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeCellText(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(NOT_IN_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Undoes the `_xHHHH_` escapes of ST_Xstring (ECMA-376), for this writer and for the reader (xlsx-reader.ts). */
export function decodeCellEscapes(value: string): string {
  if (!value.includes('_x')) return value;
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
