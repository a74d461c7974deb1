import type { EnumValue, FieldDef } from '../../dictionary';
import { findForbiddenXmlChar } from '../xml/escape';
import { excerpt, listLabels, type IssueCode, type MessageParams } from '../../i18n/check-messages';
import type { CellError, CellValue } from '../model/types';
import { booleanMeant, frenchDateWords, listValueMeant, monthNumber, ordinalNumber } from './suggestions';

/**
 * Interprets what people really type into a cell, for one dictionary field, and returns the
 * canonical XML lexical value — or why it cannot be sent. Never guesses: a value that Excel may
 * have damaged (a postal code that lost its leading zero, a two-digit year) is reported.
 */

export type Normalized =
  | { readonly kind: 'empty' }
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'invalid'; readonly code: IssueCode; readonly params: MessageParams };

export interface NormalizeContext {
  /** Workbook uses the 1904 date system. */
  readonly date1904: boolean;
}

const EMPTY: Normalized = { kind: 'empty' };
const ok = (value: string): Normalized => ({ kind: 'value', value });
const invalid = (code: IssueCode, params: MessageParams = {}): Normalized => ({
  kind: 'invalid',
  code,
  params,
});

function isCellError(value: CellValue): value is CellError {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && 'error' in value;
}

/** Lower case, no accents, single spaces: for matching labels the way people type them. */
export function foldForMatch(text: string): string {
  let folded = foldedTexts.get(text);
  if (folded === undefined) {
    folded = fold(text);
    if (foldedTexts.size < MEMO_LIMIT) foldedTexts.set(text, folded);
  }
  return folded;
}

/**
 * Memos of pure per-cell work. A workbook repeats the same few values down a column (lists, dates, cities,
 * first names): at 100 000 rows, normalizing and folding each cell again was about a third of the check.
 * Bounded, so that a workbook of all-distinct values costs a lookup per cell and no more memory than this.
 */
const MEMO_LIMIT = 20_000;
const foldedTexts = new Map<string, string>();

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_'’-]+/g, ' ')
    .trim();
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const NON_ASCII = /[^\x00-\x7f]/;

/** Trim and compose Unicode (NFC), so "é" typed as e + accent counts as one character. */
function cleanText(text: string): string {
  // ASCII text is already NFC; skipping ICU for it is 3× faster on large sheets.
  return (NON_ASCII.test(text) ? text.normalize('NFC') : text).trim();
}

function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// ---- dates ----

const MS_PER_DAY = 86_400_000;

/** ISO date of an Excel serial, or undefined for serials that are no real date (0, 1900-02-29). */
/** Serial day → ISO date, per date system: the same few thousand dates recur across 100 000 rows. */
const serialDates = [new Map<number, string | undefined>(), new Map<number, string | undefined>()];

export function excelSerialToIsoDate(serial: number, date1904: boolean): string | undefined {
  const days = Math.floor(serial);
  if (!Number.isFinite(serial) || days < 1) return undefined;
  const memo = serialDates[date1904 ? 1 : 0];
  if (memo.has(days)) return memo.get(days);
  const iso = serialDayToIsoDate(days, date1904);
  if (memo.size < 100_000) memo.set(days, iso);
  return iso;
}

function serialDayToIsoDate(days: number, date1904: boolean): string | undefined {
  let epoch: number;
  if (date1904) epoch = Date.UTC(1904, 0, 1);
  else if (days === 60)
    return undefined; // Lotus 1-2-3's phantom 29 February 1900
  else epoch = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * MS_PER_DAY).toISOString().slice(0, 10);
}

function isoFromParts(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function inCdcRange(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && year <= 2099;
}

function normalizeDateText(text: string): Normalized {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$/.exec(text);
  if (m) {
    if (m[3].length !== 4) return invalid('twoDigitYear', { value: excerpt(text) });
    return checkedDate(Number(m[3]), Number(m[2]), Number(m[1]), text);
  }
  const meant = frenchDateWords(text);
  return invalid('notADate', { value: excerpt(text), ...(meant ? { suggestion: meant } : {}) });
}

function checkedDate(year: number, month: number, day: number, shown: string): Normalized {
  const iso = isoFromParts(year, month, day);
  if (!iso) return invalid('notADate', { value: excerpt(shown) });
  if (!inCdcRange(iso)) return invalid('dateOutOfRange', { value: frenchDate(iso) });
  return ok(iso);
}

export function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Dates read by exceljs, by timestamp: rows share a few thousand distinct dates. */
const dateObjectResults = new Map<number, Normalized>();

function normalizeDateObject(value: Date): Normalized {
  // exceljs hands dates over as UTC midnight of the day shown in Excel.
  return checkedDate(
    value.getUTCFullYear(),
    value.getUTCMonth() + 1,
    value.getUTCDate(),
    value.toISOString(),
  );
}

function normalizeDate(value: Exclude<CellValue, null | undefined>, ctx: NormalizeContext): Normalized {
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return invalid('notADate', { value: String(value) });
    const known = dateObjectResults.get(time);
    if (known) return known;
    const result = normalizeDateObject(value);
    if (dateObjectResults.size < 100_000) dateObjectResults.set(time, result);
    return result;
  }
  if (typeof value === 'number') {
    const iso = excelSerialToIsoDate(value, ctx.date1904);
    if (!iso) return invalid('notADate', { value: String(value) });
    if (!inCdcRange(iso)) return invalid('dateOutOfRange', { value: frenchDate(iso) });
    return ok(iso);
  }
  if (typeof value === 'string') return normalizeDateText(value);
  return invalid('notADate', { value: String(value) });
}

// ---- booleans ----

const TRUE_WORDS = new Set(['oui', 'o', 'vrai', 'true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['non', 'n', 'faux', 'false', '0', 'no']);

function normalizeBoolean(value: Exclude<CellValue, null | undefined>): Normalized {
  if (typeof value === 'boolean') return ok(value ? 'true' : 'false');
  if (typeof value === 'number') {
    if (value === 1) return ok('true');
    if (value === 0) return ok('false');
    return invalid('notABoolean', { value: String(value) });
  }
  if (typeof value === 'string') {
    const word = foldForMatch(value);
    if (TRUE_WORDS.has(word)) return ok('true');
    if (FALSE_WORDS.has(word)) return ok('false');
    const meant = booleanMeant(value);
    return invalid('notABoolean', { value: excerpt(value), ...(meant ? { suggestion: meant } : {}) });
  }
  return invalid('notABoolean', { value: String(value) });
}

// ---- integers ----

function normalizeInt(field: FieldDef, value: Exclude<CellValue, null | undefined>): Normalized {
  let n: number;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return invalid('notAnInteger', { value: String(value) });
    n = value;
  } else if (typeof value === 'string') {
    const text = cleanText(value);
    if (!/^[+-]?\d+$/.test(text)) {
      const meant = integerMeant(field, text);
      return invalid('notAnInteger', {
        value: excerpt(text),
        ...(meant !== undefined ? { suggestion: String(meant) } : {}),
      });
    }
    n = Number(text);
  } else {
    return invalid('notAnInteger', {
      value: value instanceof Date ? value.toISOString().slice(0, 10) : String(value),
    });
  }
  const min = field.minInclusive ?? -2147483648;
  const max = field.maxInclusive ?? 2147483647;
  if (n < min || n > max) return invalid('outOfRange', { value: String(n), min, max });
  return ok(String(n));
}

/** 7 for « juillet » in a month column (1 to 12), 1 for « 1er » in a day column: what the user meant. */
function integerMeant(field: FieldDef, text: string): number | undefined {
  const inRange = (n: number | undefined) =>
    n !== undefined &&
    n >= (field.minInclusive ?? -Infinity) &&
    n <= (field.maxInclusive ?? Infinity) &&
    n <= 31;
  const month = field.minInclusive === 1 && field.maxInclusive === 12 ? monthNumber(text) : undefined;
  if (inRange(month)) return month;
  const ordinal = ordinalNumber(text);
  return inRange(ordinal) ? ordinal : undefined;
}

// ---- lists ----

/** Folded code and label → code, built once per list: folding is the costly part of matching. */
const listIndexes = new WeakMap<readonly EnumValue[], Map<string, string>>();

function listIndex(values: readonly EnumValue[]): Map<string, string> {
  let index = listIndexes.get(values);
  if (!index) {
    index = new Map();
    for (const v of values) index.set(v.code, v.code);
    for (const v of values) {
      if (!index.has(foldForMatch(v.code))) index.set(foldForMatch(v.code), v.code);
      if (!index.has(foldForMatch(v.label))) index.set(foldForMatch(v.label), v.code);
    }
    listIndexes.set(values, index);
  }
  return index;
}

function matchListValue(values: readonly EnumValue[], text: string): string | undefined {
  const index = listIndex(values);
  const direct = index.get(text);
  if (direct !== undefined) return direct;
  const code = index.get(foldForMatch(text));
  // Remember how this user typed it: the next 99 999 rows typed the same way skip the folding.
  if (code !== undefined && index.size < 10_000) index.set(text, code);
  return code;
}

// ---- text ----

function numberAsCode(field: FieldDef, n: number): Normalized {
  if (!Number.isSafeInteger(n) || n < 0) return invalid('numberNotACode', { value: String(n) });
  const text = String(n);
  if (field.digits !== undefined && text.length < field.digits) {
    return invalid('leadingZerosLost', {
      value: text,
      limit: field.digits,
      suggestion: text.padStart(field.digits, '0'),
    });
  }
  return ok(text);
}

/**
 * A numeric code typed as text one digit short (« 1004 » for a 5-digit INSEE code): its leading zero was left out
 * (codes of départements 01 to 09). Shorter ones are no such slip, and get the length message. Only asked where the
 * length is refused anyway: a postal code column that takes up to 9 characters keeps its own rules.
 */
function missingLeadingZeros(field: FieldDef, text: string): Normalized | undefined {
  if (field.digits === undefined || !/^\d+$/.test(text) || text.length !== field.digits - 1) return undefined;
  return invalid('leadingZerosMissing', {
    value: text,
    count: text.length,
    limit: field.digits,
    suggestion: text.padStart(field.digits, '0'),
  });
}

function checkLength(field: FieldDef, text: string): Normalized {
  const length = codePointLength(text);
  if (field.length !== undefined && length !== field.length) {
    return invalid('wrongLength', { value: excerpt(text), count: length, limit: field.length });
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    return invalid('tooLong', { value: excerpt(text), count: length, limit: field.maxLength });
  }
  if (field.minLength !== undefined && length < field.minLength) {
    return invalid('tooShort', { value: excerpt(text), count: length, limit: field.minLength });
  }
  return ok(text);
}

function describeForbidden(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

// ---- what copy-paste brings along ----

/**
 * Error texts a workbook reader gives for formula cells whose result it cannot hand over: a formula in
 * error whose exact error the reader cannot see (exceljs's streaming reader reads it as NaN), and a formula
 * no spreadsheet ever calculated (no cached result in the file).
 */
export const FORMULA_ERROR = '#FORMULE!';
export const FORMULA_NOT_CALCULATED = '#NON_CALCULÉ!';

/**
 * Invisible format characters that arrive with copy-paste from web pages, PDFs or e-mails. Inside a value
 * they would reach the CDC, make its matching of the holder fail, and nobody could see why; a cell holding
 * nothing else counts as empty. Visible spaces (no-break space U+00A0, narrow no-break space U+202F) are
 * trimmed around a value like ordinary spaces and kept inside it as typed.
 */
const INVISIBLE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00ad, 'trait d’union conditionnel'],
  [0x180e, 'séparateur de voyelles mongol'],
  [0x200b, 'espace de largeur nulle'],
  [0x200c, 'antiliant sans chasse'],
  [0x200d, 'liant sans chasse'],
  [0x200e, 'marque de gauche à droite'],
  [0x200f, 'marque de droite à gauche'],
  [0x202a, 'marque de direction'],
  [0x202b, 'marque de direction'],
  [0x202c, 'marque de direction'],
  [0x202d, 'marque de direction'],
  [0x202e, 'marque de direction'],
  [0x2060, 'gluon de mots'],
  [0x2061, 'opérateur invisible'],
  [0x2062, 'opérateur invisible'],
  [0x2063, 'opérateur invisible'],
  [0x2064, 'opérateur invisible'],
  [0x2066, 'marque de direction'],
  [0x2067, 'marque de direction'],
  [0x2068, 'marque de direction'],
  [0x2069, 'marque de direction'],
  [0xfeff, 'espace insécable de largeur nulle'],
]);

function withoutInvisible(text: string): string {
  let out = '';
  for (const char of text) if (!INVISIBLE_NAMES.has(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

/** The first invisible character of `text`: its description and its 1-based position in characters. */
function findInvisible(text: string): { readonly name: string; readonly position: number } | undefined {
  let position = 0;
  for (const char of text) {
    position++;
    const code = char.codePointAt(0) ?? 0;
    const name = INVISIBLE_NAMES.get(code);
    if (name !== undefined) return { name: `${name}, ${describeForbidden(code)}`, position };
  }
  return undefined;
}

function cellErrorIssue(error: CellError): Normalized {
  if (error.error === FORMULA_ERROR) return invalid('formulaError');
  if (error.error === FORMULA_NOT_CALCULATED) return invalid('formulaNotCalculated');
  return invalid('excelError', { error: error.error });
}

/** Checks that hold for every text cell, whatever the field: characters, invisible ones, apostrophes. */
function checkText(field: FieldDef, value: string): Normalized | undefined {
  const forbidden = findForbiddenXmlChar(value);
  if (forbidden !== undefined) return invalid('forbiddenChar', { value: describeForbidden(forbidden) });
  const text = cleanText(value);
  const invisible = findInvisible(text);
  if (invisible) return invalid('invisibleChar', { value: invisible.name, count: invisible.position });
  // Excel's text prefix never reaches a cell's value; a literal one comes from a CSV export and is no code.
  if (field.code && /^['’‘]/.test(text))
    return invalid('leadingApostrophe', { value: excerpt(text), suggestion: text.slice(1).trim() });
  return undefined;
}

/** Interprets one cell for one field. */
/** Per field, per date system: what each primitive cell value normalizes to (results are never mutated). */
const normalizedCells = new WeakMap<FieldDef, Map<unknown, Normalized>[]>();

/** Interprets one cell for one field: a pure function of the field, the value and the date system, memoized. */
export function normalizeCell(field: FieldDef, value: CellValue, ctx: NormalizeContext): Normalized {
  if (value === null || value === undefined) return EMPTY;
  const type = typeof value;
  // Dates (exceljs reads date cells as Date objects) are remembered by their time, in memos of their own so
  // that a time never meets a number; cell errors are not remembered.
  const isDate = value instanceof Date;
  if (!isDate && type !== 'string' && type !== 'number' && type !== 'boolean')
    return interpretCell(field, value, ctx);
  let memos = normalizedCells.get(field);
  if (memos === undefined) normalizedCells.set(field, (memos = [new Map(), new Map(), new Map(), new Map()]));
  const memo = memos[(ctx.date1904 ? 1 : 0) + (isDate ? 2 : 0)];
  const key = isDate ? value.getTime() : value;
  let normalized = memo.get(key);
  if (normalized === undefined) {
    normalized = interpretCell(field, value, ctx);
    if (memo.size < MEMO_LIMIT) memo.set(key, normalized);
  }
  return normalized;
}

/** What normalizeCell computes, without its memo. */
export function interpretCell(field: FieldDef, value: CellValue, ctx: NormalizeContext): Normalized {
  if (value === null || value === undefined) return EMPTY;
  if (isCellError(value)) return cellErrorIssue(value);
  // A number too large for a date, in a cell formatted as a date (Excel shows #####).
  if (value instanceof Date && Number.isNaN(value.getTime())) return invalid('unreadableDate');
  if (typeof value === 'string') {
    if (cleanText(withoutInvisible(value)) === '') return EMPTY;
    const problem = checkText(field, value);
    if (problem) return problem;
  }

  switch (field.kind) {
    case 'date':
      return normalizeDate(typeof value === 'string' ? cleanText(value) : value, ctx);
    case 'boolean':
      return normalizeBoolean(value);
    case 'int':
      return normalizeInt(field, value);
    case 'dateTime':
      return typeof value === 'string' ? ok(cleanText(value)) : invalid('notADate', { value: String(value) });
    case 'enum': {
      const text = typeof value === 'string' ? cleanText(value) : String(value);
      const code = matchListValue(field.enumeration ?? [], text);
      if (code === undefined) {
        const meant = listValueMeant(field.enumeration ?? [], text);
        return invalid('notInList', {
          value: excerpt(text),
          expected: listLabels(field.enumeration ?? []),
          ...(meant !== undefined ? { suggestion: meant } : {}),
        });
      }
      return ok(code);
    }
    case 'string': {
      if (value instanceof Date)
        return invalid('excelDateInTextField', { value: frenchDate(value.toISOString()) });
      if (typeof value === 'boolean')
        return invalid('notInList', { value: value ? 'VRAI' : 'FAUX', expected: 'du texte' });
      if (typeof value === 'number') {
        const asCode = field.code ? numberAsCode(field, value) : ok(String(value));
        return asCode.kind === 'value' ? checkLength(field, asCode.value) : asCode;
      }
      let text = cleanText(value);
      if (field.suggestions) text = matchListValue(field.suggestions, text) ?? text;
      const checked = checkLength(field, text);
      // A length refusal that is a left-out leading zero says so, with the code meant.
      return checked.kind === 'invalid' ? (missingLeadingZeros(field, text) ?? checked) : checked;
    }
  }
}
