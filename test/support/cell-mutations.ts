import fc from 'fast-check';
import type { FieldDef } from '../../src/dictionary';
import type { CellValue } from '../../src/core/model/types';
import { validCell } from './workbook-arbitraries';

/**
 * "Slightly broken" cells: what a valid value becomes after a paste from the web, a slip of the keyboard or
 * Excel's own guesses. Some of them are still acceptable once normalized (spaces around, a label typed in
 * capitals), most are not; the fuzz tests decide which by asking the official XSD.
 */

/** Characters that arrive with copy-paste and that people cannot see. */
export const INVISIBLES = [
  '\u00a0',
  '\u202f',
  '\u2007',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
];
/** Code points XML 1.0 forbids (a lone surrogate is one code unit). */
export const FORBIDDEN = [
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001f',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
];
const XML_SPECIALS = [
  '&',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '&amp;',
  '<!--',
  '-->',
  '<?x?>',
  '\r',
  '\n',
  '\t',
  '\r\n',
];
const ODD_TEXT = ['😀', '𝄞', 'e\u0301', 'x\u0301', 'ß', 'İ', 'ﬁ', '٣', '１', 'Ⅻ', '\u2028'];

const pieces = fc.constantFrom(
  ...INVISIBLES,
  ...FORBIDDEN,
  ...XML_SPECIALS,
  ...ODD_TEXT,
  ' ',
  '-',
  '0',
  '9',
  'a',
  'É',
);

/** Text of the valid cell, as a user would see it. */
function asText(value: CellValue): string {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString().slice(0, 10);
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return value.error;
  return String(value);
}

function insertAt(text: string, piece: string, position: number): string {
  const chars = [...text];
  const at = chars.length === 0 ? 0 : position % (chars.length + 1);
  return [...chars.slice(0, at), piece, ...chars.slice(at)].join('');
}

function textEdits(text: string): fc.Arbitrary<CellValue> {
  const chars = [...text];
  return fc.oneof(
    fc.tuple(pieces, fc.nat()).map(([p, at]) => insertAt(text, p, at)),
    fc
      .tuple(fc.constantFrom(' ', '  ', '\t', '\u00a0', '\n', '\u200b', '\ufeff'), fc.boolean())
      .map(([p, before]) => (before ? p + text : text + p)),
    fc
      .nat()
      .map((at) => (chars.length === 0 ? text : chars.filter((_, i) => i !== at % chars.length).join(''))),
    fc.nat().map((at) => (chars.length === 0 ? text : insertAt(text, chars[at % chars.length], at))),
    fc.constantFrom(text.toLowerCase(), text.toUpperCase(), `'${text}`, `="${text}"`),
    fc.constantFrom('', ' ', '\u200b', '\u00a0', '\ufeff\u200b', '\t\n'),
  );
}

function lengthEdges(field: FieldDef): fc.Arbitrary<CellValue> {
  const limits = [field.length, field.maxLength, field.minLength].filter((n): n is number => n !== undefined);
  if (limits.length === 0) return fc.constant('x');
  return fc
    .tuple(
      fc.constantFrom(...limits),
      fc.constantFrom(-1, 0, 1),
      fc.constantFrom('a', '😀', 'é', 'e\u0301', 'x\u0301', '9', '&'),
    )
    .map(([limit, delta, unit]) => unit.repeat(Math.max(0, limit + delta)));
}

function kindEdges(field: FieldDef): fc.Arbitrary<CellValue> {
  switch (field.kind) {
    case 'date':
      return fc.constantFrom<CellValue>(
        '29/02/2023',
        '29/02/2024',
        '31/04/2024',
        '2024-13-01',
        '2024-6-5',
        ' 2024-06-05 ',
        '2024-06-05T00:00:00',
        '05/06/24',
        '1/1/99',
        '31/12/1899',
        '01/01/1900',
        '31/12/2099',
        '01/01/2100',
        '0000-01-01',
        60,
        61,
        1,
        0,
        -5,
        2958466,
        45458.75,
        new Date(Date.UTC(1899, 11, 31)),
        new Date(Date.UTC(2100, 0, 1)),
        new Date(Number.NaN),
        'aujourd’hui',
      );
    case 'int':
      return fc.oneof(
        fc.constantFrom<CellValue>(
          '12.0',
          '1e3',
          '+5',
          '-0',
          '0012',
          ' 7 ',
          '7 ans',
          '١٢',
          '１２',
          '0x10',
          '',
          12.5,
          -1,
          0,
        ),
        fc.constantFrom<CellValue>(2147483648, -2147483649, 1e21, Number.MAX_SAFE_INTEGER),
        fc.integer({ min: (field.minInclusive ?? 0) - 3, max: (field.maxInclusive ?? 0) + 3 }),
        fc.integer({ min: (field.minInclusive ?? 0) - 3, max: (field.maxInclusive ?? 0) + 3 }).map(String),
      );
    case 'boolean':
      return fc.constantFrom<CellValue>(
        'OUI',
        'Oui ',
        'vrai',
        'x',
        '2',
        'oui oui',
        'true ',
        'T',
        1,
        2,
        0.5,
        -1,
      );
    case 'enum': {
      const values = field.enumeration ?? [];
      return fc
        .constantFrom(...values)
        .chain((v) =>
          fc.constantFrom<CellValue>(
            v.code.toLowerCase(),
            ` ${v.label} `,
            v.label.normalize('NFD'),
            v.code.replace(/_/g, ' '),
            v.code.replace(/_/g, '-'),
            `${v.code}_`,
            v.label.slice(0, Math.max(1, v.label.length - 2)),
            v.code.slice(1),
          ),
        );
    }
    case 'string':
      return fc.oneof(
        lengthEdges(field),
        fc.constantFrom<CellValue>(
          0,
          1004,
          75001,
          1e21,
          12.5,
          -3,
          true,
          false,
          new Date(Date.UTC(2024, 0, 2)),
        ),
        fc.constantFrom<CellValue>({ error: '#N/A' }, { error: '#REF!' }, { error: '#VALUE!' }),
      );
    default:
      return fc.constant('x');
  }
}

/** A broken (or merely unusual) cell for `field`, derived from a valid one or from the field's edges. */
export function brokenCell(field: FieldDef): fc.Arbitrary<CellValue> {
  return fc.oneof(
    { weight: 3, arbitrary: validCell(field).chain((valid) => textEdits(asText(valid))) },
    { weight: 3, arbitrary: kindEdges(field) },
    { weight: 1, arbitrary: lengthEdges(field) },
  );
}

/**
 * What the XML would hold if the cell were sent without any interpretation: the text shown for strings,
 * the number, true/false, the ISO day, or the error's text.
 */
export function rawLexical(value: CellValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return asText(value);
}
