import { exportWorkbook } from '../../../src/core/export/export';
import { validPassage, workbook } from '../../support/workbook';
import { DICTIONARY } from '../../support/dictionary';

/**
 * Two exports in the same second (the add-in exports 5 rows in well under a second) must not download under
 * the same name: the history would record two sends of one file name.
 */

const now = new Date('2026-11-23T10:15:00Z');
const rows = [validPassage({ '5.1': 'P-1' }), validPassage({ '5.1': 'P-2' })];

function withHistory(fileNames: string[]) {
  const data = workbook(rows);
  return {
    ...data,
    history: {
      name: 'Historique',
      rows: fileNames.map((fileName, i) => ({ row: i + 2, cells: { fileName } })),
    },
  };
}

describe('the file name of an export', () => {
  it('is the certificateur and the Paris time when no earlier send used it', async () => {
    const outcome = await exportWorkbook(withHistory(['cdc-E564ACB0-20261123-101500.xml']), {
      dictionary: DICTIONARY,
      now,
      today: now,
    });
    if (!outcome.ok) throw new Error('refused');
    expect(outcome.fileName).toBe('cdc-E564ACB0-20261123-111500.xml');
  });

  it('is numbered when a send in the history already has that name, and the history line says so', async () => {
    const outcome = await exportWorkbook(
      withHistory(['cdc-E564ACB0-20261123-111500.xml', 'cdc-E564ACB0-20261123-111500_2.xml']),
      { dictionary: DICTIONARY, now, today: now },
    );
    if (!outcome.ok) throw new Error('refused');
    expect(outcome.fileName).toBe('cdc-E564ACB0-20261123-111500_3.xml');
    expect(outcome.tracking.history.map((h) => h.fileName)).toEqual(['cdc-E564ACB0-20261123-111500_3.xml']);
  });
});
