import { normalizeCell } from '../../../src/core/check/normalize';
import { templateCellFromXml } from '../../../src/core/import/template-cells';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const ctx = { date1904: false };

describe('cells made from XML values', () => {
  it('turn every list code into a label that the check reads back as the same code', () => {
    const listed = dictionary.fields.filter((f) => f.enumeration !== undefined && f.scope !== 'notInSchema');
    expect(listed.length).toBeGreaterThan(10);
    for (const field of listed) {
      for (const entry of field.enumeration ?? []) {
        const cell = templateCellFromXml(field, entry.code);
        expect({ field: field.id, cell }).toEqual({
          field: field.id,
          cell: { value: entry.label, conforming: true },
        });
        expect(normalizeCell(field, cell.value, ctx)).toEqual({ kind: 'value', value: entry.code });
      }
    }
  });

  it('accept the other XSD spellings of booleans (1, 0, surrounding blanks)', () => {
    const field = dictionary.field('5.5');
    expect(templateCellFromXml(field, '1').value).toBe('Oui');
    expect(templateCellFromXml(field, ' false ').value).toBe('Non');
    expect(templateCellFromXml(field, 'Oui')).toEqual({ value: 'Oui', conforming: false });
  });

  it('make real dates (UTC midnight, as exceljs reads them) only from valid CDC dates', () => {
    const field = dictionary.field('5.10');
    expect(templateCellFromXml(field, '2024-02-29')).toEqual({
      value: new Date(Date.UTC(2024, 1, 29)),
      conforming: true,
    });
    for (const bad of ['2023-02-29', '15/06/2024', '1850-01-01', '2024-6-1', '2024-06-01Z', 'bientôt']) {
      expect(templateCellFromXml(field, bad)).toEqual({ value: bad, conforming: false });
    }
  });

  it('make numbers of integers within their bounds, and keep anything else as written', () => {
    const year = dictionary.field('8.6');
    expect(templateCellFromXml(year, '1996')).toEqual({ value: 1996, conforming: true });
    expect(templateCellFromXml(year, '96')).toEqual({ value: '96', conforming: false });
    expect(templateCellFromXml(dictionary.field('8.7'), '07')).toEqual({ value: 7, conforming: true });
  });

  it('keep codes as text with their leading zeros, and flag wrong lengths without changing them', () => {
    expect(templateCellFromXml(dictionary.field('8.10'), '01004')).toEqual({
      value: '01004',
      conforming: true,
    });
    expect(templateCellFromXml(dictionary.field('8.10'), '1004')).toEqual({
      value: '1004',
      conforming: false,
    });
    expect(templateCellFromXml(dictionary.field('8.1'), '  Dupont ')).toEqual({
      value: '  Dupont ',
      conforming: true,
    });
  });

  it('keep a list value that is not exactly a code as written (enumerations keep whitespace)', () => {
    expect(templateCellFromXml(dictionary.field('8.9'), 'H')).toEqual({ value: 'H', conforming: false });
    expect(templateCellFromXml(dictionary.field('8.9'), ' M')).toEqual({ value: ' M', conforming: false });
  });
});
