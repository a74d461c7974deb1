import type { Dictionary, FieldDef } from '../../dictionary';
import { excelSerialToIsoDate, foldForMatch } from '../check/normalize';
import type { CellValue } from '../model/types';
import { isBlank } from '../template/grid';
import { BIRTH_DATE_PARTS, BIRTH_DATE_TARGET, VALUE_SYNONYMS } from './synonyms';

/**
 * Converts a cell of another spreadsheet into what a user would type in the template for a field: real dates,
 * whole numbers, the French label of a list or of Oui/Non (what the template's drop-down lists offer; the export
 * turns them into CDC codes), text untouched. A value that cannot be converted is kept exactly as it was, so the
 * check shows it on its cell — never dropped, never guessed (a code typed as a number keeps its number, so the
 * check can say that Excel lost its leading zeros).
 */

export type Conversion =
  | { readonly kind: 'empty' }
  | { readonly kind: 'converted'; readonly cells: Readonly<Record<string, CellValue>> }
  /** Only part of the value could be used (a birth year without month and day). */
  | { readonly kind: 'partial'; readonly cells: Readonly<Record<string, CellValue>>; readonly value: string }
  | { readonly kind: 'kept'; readonly cells: Readonly<Record<string, CellValue>>; readonly value: string };

export interface ConversionContext {
  readonly date1904: boolean;
  readonly dictionary: Dictionary;
}

const TRUE_WORDS = new Set(['oui', 'o', 'vrai', 'true', '1', 'yes', 'y', 'x']);
const FALSE_WORDS = new Set(['non', 'n', 'faux', 'false', '0', 'no']);

/** A cell's value as text, for messages. */
export function shown(value: CellValue): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null) return value.error;
  return String(value);
}

interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function realDate(year: number, month: number, day: number): Ymd | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    ? { year, month, day }
    : undefined;
}

/** A date from a cell: an Excel date, a serial, or text as French and ISO exports write it (time part ignored). */
export function dateOfCell(value: CellValue, date1904: boolean): Ymd | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? undefined
      : realDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    const iso = excelSerialToIsoDate(value, date1904);
    return iso
      ? realDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))
      : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // Day first, as in France; a two-digit year is ambiguous and left to the user.
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) return realDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return undefined;
}

const toDate = (d: Ymd) => new Date(Date.UTC(d.year, d.month - 1, d.day));

function listEntry(field: FieldDef, value: CellValue): string | undefined {
  const values = field.enumeration ?? [];
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) return undefined;
  const exact = values.find((v) => v.code === text);
  if (exact) return exact.label;
  const folded = foldForMatch(text);
  const byName = values.find((v) => foldForMatch(v.code) === folded || foldForMatch(v.label) === folded);
  if (byName) return byName.label;
  const synonyms = VALUE_SYNONYMS[field.id] ?? {};
  const code = Object.keys(synonyms).find((c) => synonyms[c].some((s) => foldForMatch(s) === folded));
  return values.find((v) => v.code === code)?.label;
}

function booleanLabel(field: FieldDef, value: CellValue): string | undefined {
  let truth: boolean | undefined;
  if (typeof value === 'boolean') truth = value;
  else if (typeof value === 'number' && (value === 0 || value === 1)) truth = value === 1;
  else if (typeof value === 'string') {
    const word = foldForMatch(value);
    truth = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
  }
  if (truth === undefined) return undefined;
  return field.enumeration?.find((e) => e.code === String(truth))?.label;
}

function intOf(value: CellValue): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

function convertField(field: FieldDef, value: CellValue, ctx: ConversionContext): Conversion {
  const kept: Conversion = { kind: 'kept', cells: { [field.id]: value }, value: shown(value) };
  const one = (v: CellValue): Conversion => ({ kind: 'converted', cells: { [field.id]: v } });
  // Excel errors stay errors: the check explains them on their cell.
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return one(value);
  switch (field.kind) {
    case 'date': {
      const date = dateOfCell(value, ctx.date1904);
      return date ? one(toDate(date)) : kept;
    }
    case 'int': {
      const n = intOf(value);
      return n === undefined ? kept : one(n);
    }
    case 'boolean': {
      const label = booleanLabel(field, value);
      return label === undefined ? kept : one(label);
    }
    case 'enum': {
      const label = listEntry(field, value);
      return label === undefined ? kept : one(label);
    }
    case 'string':
    case 'dateTime':
      return one(value);
  }
}

function convertBirthDate(value: CellValue, ctx: ConversionContext): Conversion {
  const [yearId, monthId, dayId] = BIRTH_DATE_PARTS;
  // A whole number that reads as a year (1900–2099) is a year, not the Excel serial of a day in 1905.
  const year = intOf(value);
  if (year !== undefined && year >= 1900 && year <= 2099) {
    return { kind: 'partial', cells: { [yearId]: year }, value: String(year) };
  }
  const date = dateOfCell(value, ctx.date1904);
  if (!date) return { kind: 'kept', cells: { [yearId]: value }, value: shown(value) };
  return { kind: 'converted', cells: { [yearId]: date.year, [monthId]: date.month, [dayId]: date.day } };
}

/** Converts one source cell for a mapping target (a dictionary id or BIRTH_DATE_TARGET). */
export function convertForTarget(target: string, value: CellValue, ctx: ConversionContext): Conversion {
  if (isBlank(value)) return { kind: 'empty' };
  if (target === BIRTH_DATE_TARGET) return convertBirthDate(value, ctx);
  return convertField(ctx.dictionary.field(target), value, ctx);
}
