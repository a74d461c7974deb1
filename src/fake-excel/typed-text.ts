import { evaluateConstantFormula, type FakeValue } from './model';

/**
 * What Excel stores when `Range.values` receives a string. Sources:
 * - typings l.38744-38745 (Range.values, docs "excel.range#values"): "If the returned value starts with a plus
 *   ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula." and "Locale-shaped strings
 *   (such as the date "19-8-2025" in nl-NL or fr-FR …) are stored as text instead of as dates";
 * - office-js #1559 (maintainer, "by design"): the APIs parse with en-US rules whatever the user's locale, so
 *   "01/02/2024" is 2 January 2024, and "13/02/2024" stays text;
 * - office-js #229: an ISO date string becomes a date and the cell's number format changes to m/d/yyyy.
 * Unsourced, modelled as the stricter choice and listed « à confirmer » in docs/recette-excel.md: "@" starts a
 * formula; "TRUE"/"FALSE" become booleans; "10%" becomes 0.1; digit strings lose their leading zeros; a leading
 * apostrophe marks text and is not stored; a cell formatted as text ("@") keeps the string as is; "3,5" stays
 * text. The fake evaluates constant formulas only; any other formula shows #NAME?, so a message written
 * carelessly cannot pass a test.
 */

export interface EnteredValue {
  readonly value: FakeValue;
  /** The number format Excel gives the cell when it recognises a date or a percentage in a General cell. */
  readonly numberFormat?: string;
}

/** What the fake shows for a formula it cannot evaluate. */
export const FORMULA_ERROR = '#NAME?';

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?$/i;
const PERCENT = /^([+-]?\d+(?:\.\d+)?)%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})([/-])(\d{1,2})\2(\d{2}|\d{4})$/;

/** Excel's serial day number of a calendar date, or undefined when the date does not exist. */
function serialOf(year: number, month: number, day: number, date1904: boolean): number | undefined {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return Math.round((time - epoch) / 86_400_000);
}

/** Excel's two-digit year rule: 00–29 → 2000s, 30–99 → 1900s. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

function dateValue(text: string, date1904: boolean): number | undefined {
  const iso = ISO_DATE.exec(text);
  if (iso) return serialOf(Number(iso[1]), Number(iso[2]), Number(iso[3]), date1904);
  const us = US_DATE.exec(text);
  // en-US order (#1559): month first.
  if (us) return serialOf(fullYear(us[4]), Number(us[1]), Number(us[3]), date1904);
  return undefined;
}

export function enteredValue(value: FakeValue, numberFormat: string, date1904 = false): EnteredValue {
  if (typeof value !== 'string' || numberFormat === '@') return { value };
  if (value.startsWith("'")) return { value: value.slice(1) };
  const trimmed = value.trim();
  if (trimmed === '') return { value };
  const general = numberFormat === 'General';
  if (/\d/.test(trimmed) && NUMBER.test(trimmed)) return { value: Number(trimmed.replace(/,/g, '')) };
  const percent = PERCENT.exec(trimmed);
  if (percent) return { value: Number(percent[1]) / 100, ...(general ? { numberFormat: '0%' } : {}) };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  const serial = dateValue(trimmed, date1904);
  if (serial !== undefined) return { value: serial, ...(general ? { numberFormat: 'm/d/yyyy' } : {}) };
  if (/^[=+\-@]/.test(value)) {
    const constant = evaluateConstantFormula(value.startsWith('=') ? value : `=${value}`);
    return { value: constant ?? FORMULA_ERROR };
  }
  return { value };
}
