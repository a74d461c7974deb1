import fc from 'fast-check';
import { normalizeCell } from '../../src/core/check/normalize';
import type { CellValue, Issue } from '../../src/core/model/types';
import { type FieldDef } from '../../src/dictionary';
import { OFFICIAL_XSD } from '../support/cli';
import { VALID_PARAMETERS, workbook, type RowInput } from '../support/workbook';
import { validRow, validRows } from '../support/workbook-arbitraries';
import { batches, casesFor, fuzzParameters } from '../support/fuzz-budget';
import { brokenCell, INVISIBLES, rawLexical } from '../support/cell-mutations';
import { cellAddress, checkAndExport, escapeForTest, setElementText } from '../support/export-pipeline';
import { xmllintVerdicts } from '../support/xmllint-batch';
import { DICTIONARY } from '../support/dictionary';

/**
 * Differential fuzzing of check + export against the CDC's own XSD (native xmllint):
 * - nothing we accept may be rejected by the official XSD;
 * - every value the official XSD rejects is reported by check on its cell, or is turned by normalization
 *   into a value that the XSD accepts (a label into its code, 15/06/2024 into 2024-06-15, spaces trimmed);
 * - where check is stricter than the XSD, it is for one of the reasons listed in STRICTER_BY_DESIGN.
 */

const dictionary = DICTIONARY;
const FLUX_FIELDS = dictionary.fieldsOfScope('flux').map((f) => f.id);

/**
 * Values the official XSD accepts and we refuse on purpose: each reason protects the user's data from a
 * silent loss (Excel's own conversions) or the CDC's matching from an invisible difference.
 */
const STRICTER_BY_DESIGN: Readonly<Record<string, (cell: CellValue) => boolean>> = {
  // Excel dropped the leading zeros of a code typed as a number (01004 → 1004): never completed by guess.
  leadingZerosLost: (cell) => typeof cell === 'number',
  // A code typed as a number Excel may have rounded or written as 1E+21.
  numberNotACode: (cell) => typeof cell === 'number',
  // #N/A, #REF!: the text of an error is not data.
  excelError: (cell) => typeof cell === 'object' && cell !== null && !(cell instanceof Date),
  // Excel turned what was typed into a date in a text column.
  excelDateInTextField: (cell) => cell instanceof Date,
  // TRUE/FALSE in a text column is a typing accident, not a name.
  notInList: (cell) => typeof cell === 'boolean',
  // A cell holding only spaces and invisible characters is empty, whatever its length.
  required: (cell) => typeof cell === 'string' && stripInvisible(cell).trim() === '',
  // Zero-width characters inside a value would make the CDC's matching fail without anyone seeing why.
  invisibleChar: (cell) => typeof cell === 'string' && INVISIBLES.some((c) => cell.includes(c)),
  // A code starting with an apostrophe (copied from a CSV export of Excel) is not the code.
  leadingApostrophe: (cell) => typeof cell === 'string' && /^\s*['’]/.test(cell),
};

function stripInvisible(text: string): string {
  return [...text].filter((c) => !INVISIBLES.includes(c)).join('');
}

function describeCase(field: FieldDef, cell: CellValue): string {
  return `field ${field.id} (${field.tag}), cell ${JSON.stringify(cell, (_k, v: unknown) => (v instanceof Date ? `Date(${String(v.getTime())})` : v))}`;
}

/**
 * Errors about the value of the cell itself, reported on it: what normalization says of the cell, or that it
 * is empty. Cross-field rules of the dictionary (dates in order, 5.12 → 5.13…) are beyond what an XSD says.
 */
function errorsAt(issues: readonly Issue[], field: FieldDef, cellValue: CellValue): Issue[] {
  const { sheet, cell } = cellAddress(field);
  const normalized = normalizeCell(field, cellValue, { date1904: false });
  const cellCodes = new Set(['required', normalized.kind === 'invalid' ? normalized.code : '']);
  return issues.filter(
    (i) =>
      i.severity === 'error' &&
      i.sheet === sheet &&
      i.cell === cell &&
      i.field === field.id &&
      cellCodes.has(i.code),
  );
}

interface SingleCellCase {
  readonly row: RowInput;
  readonly field: FieldDef;
  readonly cell: CellValue;
}

/** A valid one-passage workbook with one cell (a passage field it fills, or a parameter) made unusual. */
const singleCellCase: fc.Arbitrary<SingleCellCase> = validRow.chain((row) => {
  const candidates = [
    ...Object.keys(row).filter((id) => dictionary.field(id).scope === 'passage'),
    ...FLUX_FIELDS,
  ];
  return fc.constantFrom(...candidates).chain((id) =>
    brokenCell(dictionary.field(id)).map((cell) => ({
      row: { ...row, '5.1': 'P-1' },
      field: dictionary.field(id),
      cell,
    })),
  );
});

function workbookWith({ row, field, cell }: SingleCellCase) {
  if (field.scope === 'flux')
    return workbook([row], { parameters: { ...VALID_PARAMETERS, [field.id]: cell } });
  return workbook([{ ...row, [field.id]: cell }]);
}

type Expectation =
  | { readonly kind: 'accepted'; readonly what: string }
  | { readonly kind: 'refused'; readonly codes: string[]; readonly cell: CellValue; readonly what: string };

describe('check + export against the official XSD (native xmllint)', () => {
  it('single unusual cells: accepted ⇒ the XSD accepts; the XSD rejects ⇒ reported on the cell', () => {
    const { numRuns, size } = batches(casesFor('singleCells'), 500);
    let stricter = 0;
    let skipped = 0;
    fc.assert(
      fc.property(fc.array(singleCellCase, { minLength: size, maxLength: size }), (cases) => {
        const documents: string[] = [];
        const expectations: Expectation[] = [];
        for (const c of cases) {
          const what = describeCase(c.field, c.cell);
          const { check, xml } = checkAndExport(workbookWith(c));
          const atCell = errorsAt(check.issues, c.field, c.cell);
          if (xml !== undefined) {
            // Check found nothing: the file we would hand over must pass the CDC's XSD.
            documents.push(xml);
            expectations.push({ kind: 'accepted', what });
            continue;
          }
          const base = checkAndExport(workbook([c.row])).xml;
          // A generated row that a newer business rule refuses gives no document to compare with.
          if (base === undefined) {
            skipped++;
            continue;
          }
          if (atCell.length === 0) {
            // The cell was accepted but another rule blocks the export: send the normalized value alone.
            const normalized = normalizeCell(c.field, c.cell, { date1904: false });
            if (normalized.kind !== 'value') continue;
            documents.push(setElementText(base, c.field, escapeForTest(normalized.value)));
            expectations.push({ kind: 'accepted', what: `${what} → ${JSON.stringify(normalized.value)}` });
            continue;
          }
          expect(
            atCell.every((i) => i.message.length > 20 && !/undefined|NaN|\[object/.test(i.message)),
          ).toBe(true);
          documents.push(setElementText(base, c.field, escapeForTest(rawLexical(c.cell))));
          expectations.push({ kind: 'refused', codes: atCell.map((i) => i.code), cell: c.cell, what });
        }
        const verdicts = xmllintVerdicts(documents, OFFICIAL_XSD);
        expectations.forEach((expectation, i) => {
          const verdict = verdicts[i];
          if (expectation.kind === 'accepted' && !verdict.valid) {
            throw new Error(
              `accepted by check, rejected by the official XSD: ${expectation.what}\n${verdict.messages}`,
            );
          }
          if (expectation.kind === 'refused' && verdict.valid) {
            stricter++;
            const unexplained = expectation.codes.filter(
              (code) => !STRICTER_BY_DESIGN[code]?.(expectation.cell),
            );
            if (unexplained.length > 0) {
              throw new Error(
                `refused by check (${unexplained.join(', ')}) but the official XSD accepts it: ${expectation.what}`,
              );
            }
          }
        });
      }),
      fuzzParameters(numRuns, 'single-cell differential'),
    );
    // The generator must reach both sides of the XSD, or the test proves little.
    expect(stricter).toBeGreaterThan(0);
    expect(skipped).toBeLessThan((numRuns * size) / 10);
  });

  it('random workbooks of valid and slightly broken rows: a workbook check accepts exports XML the XSD accepts', () => {
    const brokenRows = fc
      .tuple(validRows(8), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }))
      .chain(([rows, spots]) => {
        const edits = spots.map(([r, f]) => {
          const row = rows[r % rows.length];
          const ids = Object.keys(row).filter(
            (id) => id !== '5.1' && dictionary.field(id).scope === 'passage',
          );
          const id = ids[f % ids.length];
          return brokenCell(dictionary.field(id)).map((cell) => ({ index: r % rows.length, id, cell }));
        });
        return fc.tuple(fc.constant(rows), fc.tuple(...edits));
      })
      .map(([rows, edits]) => {
        const mutated = rows.map((r) => ({ ...r }));
        for (const { index, id, cell } of edits) mutated[index][id] = cell;
        return { original: rows, rows: mutated, edited: new Set(edits.map((e) => e.index)) };
      });
    const { numRuns, size } = batches(casesFor('workbooks'), 400);
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(brokenRows, { minLength: size, maxLength: size }), (cases) => {
        const documents: string[] = [];
        for (const { original, rows, edited } of cases) {
          const { check, xml } = checkAndExport(workbook(rows));
          // Rows nobody touched never get a new error because of a broken neighbour.
          const before = new Set(
            checkAndExport(workbook(original)).check.issues.map((i) => `${i.cell} ${i.code}`),
          );
          const untouched = check.issues.filter(
            (i) =>
              i.severity === 'error' &&
              i.row > 0 &&
              !edited.has(i.row - 2) &&
              !before.has(`${i.cell} ${i.code}`),
          );
          if (untouched.length > 0) throw new Error(`errors on untouched rows: ${JSON.stringify(untouched)}`);
          if (xml === undefined) {
            refused++;
            expect(check.issues.some((i) => i.severity === 'error' && i.cell !== '')).toBe(true);
          } else {
            accepted++;
            documents.push(xml);
          }
        }
        xmllintVerdicts(documents, OFFICIAL_XSD).forEach((verdict, i) => {
          if (!verdict.valid)
            throw new Error(
              `exported XML rejected by the official XSD:\n${verdict.messages}\n${documents[i]}`,
            );
        });
      }),
      fuzzParameters(numRuns, 'workbook differential'),
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
