import { validPassage } from '../../support/workbook';
import { selectPassagesForExport } from '../../../src/core/tracking/selection';
import { trackedWorkbook } from '../../support/tracked-workbook';
import { DICTIONARY } from '../../support/dictionary';

const data = trackedWorkbook(
  [
    { cells: validPassage({ '5.1': 'NEW', '5.14': 'Oui' }) },
    { cells: validPassage({ '5.1': 'TODO' }), tracking: { status: 'À envoyer' } },
    { cells: validPassage({ '5.1': 'SENT' }), tracking: { status: 'Envoyé', idFlux: 'f1' } },
    { cells: validPassage({ '5.1': 'OK' }), tracking: { status: 'Accepté' } },
    { cells: validPassage({ '5.1': 'KO' }), tracking: { status: 'rejete' } },
  ],
  {
    digcomp: [
      { '5.1': 'NEW', '6.2': 3, '6.3': '1', '6.4': '1' },
      { '5.1': 'KO', '6.2': 3, '6.3': '1', '6.4': '2' },
    ],
  },
);

describe('export modes', () => {
  it('"tous" sends every row, whatever its status', () => {
    const selection = selectPassagesForExport(data, 'all', DICTIONARY);
    expect(selection.rows).toEqual([2, 3, 4, 5, 6]);
    expect(selection.data).toBe(data);
  });

  it('"non envoyés" sends the rows with no status or "À envoyer", with their DIGCOMP results only', () => {
    const selection = selectPassagesForExport(data, 'notSent', DICTIONARY);
    expect(selection.rows).toEqual([2, 3]);
    expect(selection.leftOut).toEqual({ toSend: 0, exported: 1, deposited: 0, accepted: 1, rejected: 1 });
    expect(selection.data.digcomp.rows.map((r) => r.cells['5.1'])).toEqual(['NEW']);
    expect(selection.issues).toEqual([]);
  });

  it('"rejetés" sends exactly the rejected rows, the status read without accents or case', () => {
    const selection = selectPassagesForExport(data, 'rejected', DICTIONARY);
    expect(selection.rows).toEqual([6]);
    expect(selection.data.passages.rows.map((r) => r.cells['5.1'])).toEqual(['KO']);
    expect(selection.data.digcomp.rows.map((r) => r.cells['5.1'])).toEqual(['KO']);
  });

  it('warns about a status it cannot read and treats the row as to send', () => {
    const odd = trackedWorkbook([{ cells: validPassage({ '5.1': 'X' }), tracking: { status: 'peut-être' } }]);
    const selection = selectPassagesForExport(odd, 'notSent', DICTIONARY);
    expect(selection.rows).toEqual([2]);
    expect(selection.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'unknownStatus',
        cell: 'AZ2',
        message: expect.stringMatching(/« peut-être »/),
      }),
    ]);
  });

  it('refuses a new row reusing the idTechnique of a row already sent, which the CDC would take for a duplicate', () => {
    const reused = trackedWorkbook([
      { cells: validPassage({ '5.1': 'P-1' }), tracking: { status: 'Accepté' } },
      { cells: validPassage({ '5.1': ' P-1 ' }) },
    ]);
    const selection = selectPassagesForExport(reused, 'notSent', DICTIONARY);
    expect(selection.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'idTechniqueReused',
        row: 3,
        field: '5.1',
        message: expect.stringMatching(/ligne 2/),
      }),
    ]);
  });
});
