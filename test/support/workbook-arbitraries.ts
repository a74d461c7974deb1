import fc from 'fast-check';
import { type FieldDef } from '../../src/dictionary';
import type { CellValue } from '../../src/core/model/types';
import type { RowInput } from './workbook';
import { DICTIONARY } from './dictionary';

/**
 * Random workbook rows typed the way people type them (labels or codes, dates as Excel dates,
 * serials or text, numbers as text…), all of which the CDC must accept once normalized.
 */

const dictionary = DICTIONARY;

/** Characters people type in names and free text, including ones XML must escape. */
const TEXT_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'éèêëàâäîïôöùûüçÉÈÀÇœŒ',
  ...' -\'’.&<>"/()',
  '😀',
  '\u00a0',
];

function textOf(min: number, max: number): fc.Arbitrary<string> {
  // No surrounding blanks: normalization trims them, which would change the length checked.
  const inner = fc.array(fc.constantFrom(...TEXT_CHARS), {
    minLength: Math.max(0, min - 2),
    maxLength: Math.max(0, max - 2),
  });
  const edge = fc.constantFrom(...'abcXYZéÉ019😀'.split(/(?:)/u));
  if (max === 1) return edge;
  return fc.tuple(edge, inner, edge).map(([a, b, c]) => a + b.join('') + c);
}

const digitsOf = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** Days since 1970-01-01 for 1900-01-01 … 2099-12-31. */
const DAY_MIN = Date.UTC(1900, 0, 1) / 86_400_000;
const DAY_MAX = Date.UTC(2099, 11, 31) / 86_400_000;

export const isoDay = fc
  .integer({ min: DAY_MIN, max: DAY_MAX })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

/** A date cell for an ISO date, typed one of the ways Excel hands dates over. */
export function dateCell(iso: string): fc.Arbitrary<CellValue> {
  const [y, m, d] = iso.split('-');
  const utc = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const serial = utc / 86_400_000 + 25569; // days since 1899-12-30
  const cells: CellValue[] = [new Date(utc), `${d}/${m}/${y}`, iso];
  // Serials below 61 hit Excel's 1900 leap-year bug; we only use them where Excel itself is right.
  if (serial >= 61) cells.push(serial);
  return fc.constantFrom(...cells);
}

function enumCell(field: FieldDef): fc.Arbitrary<CellValue> {
  const values = field.enumeration ?? [];
  return fc
    .constantFrom(...values)
    .chain((v) => fc.constantFrom<CellValue>(v.code, v.label, v.label.toUpperCase()));
}

function intCell(min: number, max: number): fc.Arbitrary<CellValue> {
  return fc.integer({ min, max }).chain((n) => fc.constantFrom<CellValue>(n, String(n), ` ${n} `));
}

/** A valid cell for a field, in one of the forms users type. */
export function validCell(field: FieldDef): fc.Arbitrary<CellValue> {
  switch (field.kind) {
    case 'enum':
      return enumCell(field);
    case 'boolean':
      return fc.constantFrom<CellValue>(true, false, 'Oui', 'Non', 'VRAI', 'faux', 1, 0);
    case 'int':
      return intCell(field.minInclusive ?? -2147483648, field.maxInclusive ?? 2147483647);
    case 'date':
      return isoDay.chain(dateCell);
    case 'dateTime':
      throw new Error('generated field');
    case 'string': {
      if (field.code && field.digits) return digitsOf(field.digits);
      if (field.length !== undefined)
        return field.code ? digitsOf(field.length) : textOf(field.length, field.length);
      return textOf(field.minLength ?? 1, Math.min(field.maxLength ?? 255, 70));
    }
  }
}

const f = (id: string) => dictionary.field(id);

/** Optional passage fields free of cross-field rules. */
const FREE_OPTIONAL = ['4.3', '5.2', '5.3', '5.8', '5.9', '5.15', '5.16', '5.17', '7.1', '7.3', '7.4'];
const TITULAIRE_OPTIONAL = ['8.2', '8.4', '8.5', '8.7', '8.8', '8.12', '8.13', '8.14', '8.15'];

function optionalCells(ids: readonly string[]): fc.Arbitrary<RowInput> {
  return fc.record(Object.fromEntries(ids.map((id) => [id, validCell(f(id))])), {
    requiredKeys: [],
  }) as fc.Arbitrary<RowInput>;
}

function requiredCells(ids: readonly string[]): fc.Arbitrary<RowInput> {
  return fc.record(Object.fromEntries(ids.map((id) => [id, validCell(f(id))]))) as fc.Arbitrary<RowInput>;
}

const titulaire: fc.Arbitrary<RowInput> = fc
  .tuple(
    requiredCells(['8.1', '8.3', '8.6', '8.9']),
    optionalCells(TITULAIRE_OPTIONAL),
    fc.oneof(requiredCells(['8.10']), optionalCells(['8.11'])),
  )
  .map(([a, b, c]) => ({ ...a, ...b, ...c }));

const dossier = requiredCells(['9.1', '9.2', '9.3']);

/** Two ordered dates (end ≥ start) as cells, or only a start, or nothing. */
function datePair(startId: string, endId: string, startRequired: boolean): fc.Arbitrary<RowInput> {
  return fc.tuple(isoDay, isoDay, fc.integer({ min: 0, max: 2 })).chain(([a, b, mode]) => {
    const [start, end] = a <= b ? [a, b] : [b, a];
    if (!startRequired && mode === 0) return fc.constant({});
    if (mode === 1) return dateCell(start).map((s) => ({ [startId]: s }));
    return fc.tuple(dateCell(start), dateCell(end)).map(([s, e]) => ({ [startId]: s, [endId]: e }));
  });
}

const language = fc.oneof(
  fc.constant<RowInput>({ '5.12': 'Non' }),
  validCell(f('5.13')).map((level) => ({ '5.12': 'Oui', '5.13': level })),
);

const digital = fc.oneof(
  fc.constant<RowInput>({ '5.14': 'Non' }),
  validCell(f('6.1')).map((score) => ({ '5.14': 'Oui', '6.1': score })),
);

/** One valid passage row (its idTechnique is set by `validRows` to stay unique). */
export const validRow: fc.Arbitrary<RowInput> = fc
  .tuple(
    requiredCells(['4.1', '4.2', '5.4', '5.5']),
    optionalCells(FREE_OPTIONAL),
    datePair('5.10', '5.11', true),
    datePair('5.6', '5.7', false),
    language,
    digital,
    fc.oneof({ weight: 3, arbitrary: titulaire }, { weight: 1, arbitrary: dossier }),
  )
  .map((parts) => Object.assign({}, ...parts) as RowInput);

export const validRows = (max = 5): fc.Arbitrary<RowInput[]> =>
  fc
    .array(validRow, { minLength: 1, maxLength: max })
    .map((rows) => rows.map((r, i) => ({ ...r, '5.1': `P-${i + 1}` })));

/**
 * A raw value that the XSD rejects for a field, with the cell value a user would type to get it.
 * `xmlText` is what would reach the XML if nothing checked it.
 */
export function xsdInvalidValue(
  field: FieldDef,
): fc.Arbitrary<{ cell: CellValue; xmlText: string }> | undefined {
  const same = (s: string) => ({ cell: s, xmlText: s });
  switch (field.kind) {
    case 'enum':
      return fc.constantFrom('INCONNU', 'X', 'par-admission-2').map(same);
    case 'boolean':
      return fc.constantFrom('peut-être', 'oui oui', '2').map(same);
    case 'int': {
      const min = field.minInclusive ?? 0;
      const max = field.maxInclusive ?? 0;
      return fc
        .oneof(fc.integer({ min: max + 1, max: max + 5000 }), fc.integer({ min: min - 5000, max: min - 1 }))
        .map((n) => ({ cell: n, xmlText: String(n) }));
    }
    case 'date':
      return fc
        .constantFrom(
          ['31/02/2024', '2024-02-31'],
          ['15/06/1850', '1850-06-15'],
          ['01/01/2100', '2100-01-01'],
          ['bientôt', 'bientôt'],
        )
        .map(([cell, xmlText]) => ({ cell, xmlText }));
    case 'string': {
      if (field.length !== undefined) {
        const n = field.length;
        return fc
          .integer({ min: 1, max: n + 4 })
          .filter((k) => k !== n)
          .map((k) => same('A'.repeat(k)));
      }
      if (field.maxLength !== undefined) {
        return fc
          .integer({ min: field.maxLength + 1, max: field.maxLength + 30 })
          .map((k) => same('é'.repeat(k)));
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
