import { validPassage } from '../../support/workbook';
import { sendsOverview, sendsOverviewAfter } from '../../../src/core/tracking/sends';
import { trackingOfDeposit } from '../../../src/core/tracking/history';
import { trackedWorkbook } from '../../support/tracked-workbook';
import { DICTIONARY } from '../../support/dictionary';

/** Where the sends stand, read from the workbook's own cells: what the pane says once the workbook is reopened. */

const history = {
  name: 'Historique',
  rows: [
    { row: 2, cells: { idFlux: 'F1', fileName: 'premier.xml' } },
    { row: 3, cells: { idFlux: 'F2', fileName: 'second.xml' } },
  ],
};

const data = trackedWorkbook(
  [
    { cells: validPassage({ '5.1': 'NEW' }) },
    { cells: validPassage({ '5.1': 'A' }), tracking: { status: 'Exporté — à déposer', idFlux: 'F2' } },
    { cells: validPassage({ '5.1': 'B' }), tracking: { status: 'Envoyé', idFlux: 'F1' } },
    { cells: validPassage({ '5.1': 'C' }), tracking: { status: 'Envoyé', idFlux: 'F1' } },
    { cells: validPassage({ '5.1': 'D' }), tracking: { status: 'Déposé', idFlux: 'F0' } },
    { cells: validPassage({ '5.1': 'E' }), tracking: { status: 'Exporté', idFlux: 'INCONNU' } },
  ],
  { history },
);

describe('the sends of a workbook, from its statuses and its Historique', () => {
  it('counts rows by status (« Envoyé » read as exported) and names each file still to deposit', () => {
    const overview = sendsOverview(data);
    expect(overview.counts).toEqual({ toSend: 1, exported: 4, deposited: 1, accepted: 0, rejected: 0 });
    // In the order of the Historique; a file it does not know comes last, without a name.
    expect(overview.toDeposit).toEqual([
      { idFlux: 'F1', fileName: 'premier.xml', rows: 2 },
      { idFlux: 'F2', fileName: 'second.xml', rows: 1 },
      { idFlux: 'INCONNU', rows: 1 },
    ]);
  });

  it('after « J’ai déposé » for one file, only that file leaves the list', () => {
    const updates = trackingOfDeposit(data, ['F1'], DICTIONARY, new Date('2026-03-02T09:30:00Z'));
    expect(updates.map((u) => u.row)).toEqual([4, 5]);
    const after = sendsOverviewAfter(data, { updates });
    expect(after.counts).toMatchObject({ exported: 2, deposited: 3 });
    expect(after.toDeposit.map((f) => f.idFlux)).toEqual(['F2', 'INCONNU']);
  });

  it('after an export, its file is listed with the name its history line gives', () => {
    const after = sendsOverviewAfter(data, {
      updates: [
        {
          row: 2,
          idTechnique: 'NEW',
          values: { status: 'exported', message: '', action: '', statusDate: '', idFlux: 'F3' },
        },
      ],
      history: [{ idFlux: 'F3', fileName: 'troisieme.xml', dateTime: '', passages: 1, mode: 'notSent' }],
    });
    expect(after.counts.toSend).toBe(0);
    expect(after.toDeposit.map((f) => f.fileName)).toEqual([
      'premier.xml',
      'second.xml',
      'troisieme.xml',
      undefined,
    ]);
  });
});
