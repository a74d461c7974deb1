import fc from 'fast-check';
import { checkWorkbook } from '../../src/core/check/check';
import { exportWorkbook } from '../../src/core/export/export';
import { OFFICIAL_XSD } from '../support/cli';
import { passageColumn, workbook } from '../support/workbook';
import { validRow, validRows, xsdInvalidValue } from '../support/workbook-arbitraries';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { DICTIONARY } from '../support/dictionary';
import { exportedText } from '../support/export-pipeline';

/**
 * The property the whole product rests on: what we accept, the CDC's official XSD accepts; what the
 * official XSD would reject, `check` reports on the very cell that holds it.
 */

const dictionary = DICTIONARY;
const now = new Date('2026-06-01T08:00:00Z');
const today = now;

describe('random valid workbooks', () => {
  it('pass check and export to XML that the official XSD accepts (native xmllint)', async () => {
    const samples = fc.sample(validRows(6), { numRuns: 120, seed: 4242 });
    const documents: string[] = [];
    for (const rows of samples) {
      const data = workbook(rows);
      const result = checkWorkbook(data, { dictionary: DICTIONARY, today });
      expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
      const outcome = await exportWorkbook(data, { dictionary: DICTIONARY, now, today });
      if (!outcome.ok) throw new Error('export refused');
      documents.push(exportedText(outcome.files[0]));
    }
    for (const xml of documents) {
      const verdict = validateWithNativeXmllint(xml, OFFICIAL_XSD);
      if (!verdict.valid) throw new Error(`${verdict.output}\n${xml}`);
    }
  });
});

/** Fields that hold a value on every generated row, so a mutation always lands on an exported element. */
function exportedFieldsOf(row: Record<string, unknown>): string[] {
  return Object.keys(row).filter((id) => {
    const field = dictionary.field(id);
    return field.scope === 'passage' && xsdInvalidValue(field) !== undefined;
  });
}

describe('single-field mutations the official XSD rejects', () => {
  it('are reported by check on exactly that cell', () => {
    const mutation = validRow.chain((row) =>
      fc.constantFrom(...exportedFieldsOf(row)).chain((id) =>
        (xsdInvalidValue(dictionary.field(id)) as NonNullable<ReturnType<typeof xsdInvalidValue>>).map(
          (bad) => ({
            row: { ...row, '5.1': 'P-1' },
            id,
            bad,
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(mutation, ({ row, id, bad }) => {
        const result = checkWorkbook(workbook([{ ...row, [id]: bad.cell }]), {
          dictionary: DICTIONARY,
          today,
        });
        const errors = result.issues.filter((i) => i.severity === 'error');
        expect([...new Set(errors.map((i) => i.cell))]).toEqual([`${passageColumn(id)}2`]);
        expect(errors.every((i) => i.field === id)).toBe(true);
      }),
      { numRuns: 400, seed: 777 },
    );
  });

  it('are indeed rejected by the official XSD', async () => {
    // Differential check of the mutation generator itself, on a sample, with native xmllint.
    const samples = fc.sample(
      validRow.chain((row) =>
        fc.constantFrom(...exportedFieldsOf(row)).chain((id) =>
          (xsdInvalidValue(dictionary.field(id)) as NonNullable<ReturnType<typeof xsdInvalidValue>>).map(
            (bad) => ({
              row: { ...row, '5.1': 'P-1' },
              id,
              bad,
            }),
          ),
        ),
      ),
      { numRuns: 60, seed: 99 },
    );
    for (const { row, id, bad } of samples) {
      const outcome = await exportWorkbook(workbook([row]), { dictionary: DICTIONARY, now, today });
      if (!outcome.ok) throw new Error('base row must export');
      const tag = dictionary.field(id).tag;
      const escaped = bad.xmlText.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const pattern = new RegExp(`<cpf:${tag}>[^<]*</cpf:${tag}>`);
      const xml = exportedText(outcome.files[0]);
      expect(xml).toMatch(pattern);
      const mutated = xml.replace(pattern, `<cpf:${tag}>${escaped}</cpf:${tag}>`);
      const verdict = validateWithNativeXmllint(mutated, OFFICIAL_XSD);
      expect({ id, valid: verdict.valid }).toEqual({ id, valid: false });
    }
  });
});
