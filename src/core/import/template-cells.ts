import type { FieldDef } from '../../dictionary';
import type { CellValue } from '../model/types';

/**
 * Turns the text of a CDC element into the cell a user would have typed in the template: a real date for a
 * date, a number for an integer, the French label of a list or of Oui/Non, and text for everything else (codes
 * stay text, so their leading zeros survive). A value the XSD would refuse is kept exactly as written, as text,
 * so that the check shows it on its cell: nothing is corrected or dropped on the way in.
 */

export interface TemplateCell {
  readonly value: CellValue;
  /** False when the XSD refuses the text: the cell holds it unchanged. */
  readonly conforming: boolean;
}

/** Excel refuses longer cell texts. */
export const EXCEL_MAX_CELL_CHARS = 32767;

const kept = (text: string): TemplateCell => ({ value: text, conforming: false });

function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** xsd:date of the CDC: the pattern facet of the field and a day that exists. */
function dateCell(field: FieldDef, text: string): TemplateCell {
  // xsd:date collapses whitespace before checking its lexical form.
  const trimmed = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (!m || (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`).test(trimmed)))
    return kept(text);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return kept(text);
  return { value: date, conforming: true };
}

function intCell(field: FieldDef, text: string): TemplateCell {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return kept(text);
  const n = Number(trimmed);
  const min = field.minInclusive ?? -2147483648;
  const max = field.maxInclusive ?? 2147483647;
  return n >= min && n <= max ? { value: n, conforming: true } : kept(text);
}

/** xsd:boolean accepts true/false/1/0; the template shows the field's own labels (Oui/Non). */
function booleanCell(field: FieldDef, text: string): TemplateCell {
  const trimmed = text.trim();
  const code = trimmed === '1' ? 'true' : trimmed === '0' ? 'false' : trimmed;
  const entry = field.enumeration?.find((e) => e.code === code);
  return entry ? { value: entry.label, conforming: true } : kept(text);
}

function enumCell(field: FieldDef, text: string): TemplateCell {
  // Enumerations restrict xsd:string, which keeps whitespace: only the exact code is valid.
  const entry = field.enumeration?.find((e) => e.code === text);
  return entry ? { value: entry.label, conforming: true } : kept(text);
}

function stringCell(field: FieldDef, text: string): TemplateCell {
  const length = codePointLength(text);
  const conforming =
    (field.length === undefined || length === field.length) &&
    (field.minLength === undefined || length >= field.minLength) &&
    (field.maxLength === undefined || length <= field.maxLength);
  return { value: text, conforming };
}

/** The template cell for the text of one element carrying `field`. */
export function templateCellFromXml(field: FieldDef, text: string): TemplateCell {
  switch (field.kind) {
    case 'date':
      return dateCell(field, text);
    case 'int':
      return intCell(field, text);
    case 'boolean':
      return booleanCell(field, text);
    case 'enum':
      return enumCell(field, text);
    case 'string':
      return stringCell(field, text);
    case 'dateTime':
      return { value: text, conforming: true };
  }
}
