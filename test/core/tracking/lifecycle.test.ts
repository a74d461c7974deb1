import { validPassage } from '../../support/workbook';
import { checkWorkbook } from '../../../src/core/check/check';
import { prepareExport, trackingOfPreparedExport } from '../../../src/core/export/export';
import type { CellValue, TrackingKey, WorkbookData } from '../../../src/core/model/types';
import {
  CDC_STATUS_LABELS,
  passageFingerprint,
  readStatus,
  selectPassagesForExport,
  trackingOfDeposit,
} from '../../../src/core/tracking';
import { trackedWorkbook } from '../../support/tracked-workbook';
import { DICTIONARY } from '../../support/dictionary';
import type { RowInput } from '../../support/workbook';

/**
 * The status lifecycle of issue 13: À envoyer → Exporté — à déposer → Déposé → Accepté / Rejeté → (fixed, exported
 * again) Exporté — à déposer; rejected rows shown where they are until corrected; unchanged ones kept out of a
 * « Rejetés » export.
 */

const now = new Date('2026-03-02T09:30:00Z');
const DAY_MONTH =
  'Aucun titulaire ne correspond aux critères obligatoires enrichis du jour et du mois de naissance';

/** The fingerprint the export keeps for a row with these cells. */
function fingerprintOf(cells: RowInput): string {
  const check = checkWorkbook(trackedWorkbook([{ cells }]), { dictionary: DICTIONARY, today: now });
  return passageFingerprint(check.passages[0]);
}

const rejected = (
  cells: RowInput,
  extra: Partial<Record<TrackingKey, CellValue>> = {},
): { cells: RowInput; tracking: Partial<Record<TrackingKey, CellValue>> } => ({
  cells,
  tracking: { status: 'Rejeté', message: DAY_MONTH, idFlux: 'flux-1', ...extra },
});

describe('statuses', () => {
  it('reads each label back, and the « Envoyé » of earlier versions as Exporté', () => {
    for (const [status, label] of Object.entries(CDC_STATUS_LABELS))
      expect(readStatus(label)).toEqual({ status, recognized: true });
    expect(readStatus('Envoyé').status).toBe('exported');
    expect(readStatus('envoyes').status).toBe('exported');
    expect(readStatus('Exporté - à déposer').status).toBe('exported');
    expect(readStatus('déposés').status).toBe('deposited');
  });

  it('« Non envoyés » leaves out the rows exported or deposited, not only the answered ones', () => {
    const data = trackedWorkbook([
      { cells: validPassage({ '5.1': 'NEW' }) },
      { cells: validPassage({ '5.1': 'EXP' }), tracking: { status: 'Exporté — à déposer' } },
      { cells: validPassage({ '5.1': 'OLD' }), tracking: { status: 'Envoyé' } },
      { cells: validPassage({ '5.1': 'DEP' }), tracking: { status: 'Déposé' } },
    ]);
    const selection = selectPassagesForExport(data, 'notSent', DICTIONARY);
    expect(selection.rows).toEqual([2]);
    expect(selection.leftOut).toMatchObject({ exported: 2, deposited: 1 });
  });
});

describe('an export', () => {
  it('marks its rows « Exporté — à déposer » with the file’s idFlux and the fingerprint of what it sent', () => {
    const cells = validPassage({ '5.1': 'A' });
    const data = trackedWorkbook([{ cells }]);
    const prepared = prepareExport(data, { dictionary: DICTIONARY, now, today: now, idFlux: 'flux-9' });
    if (!prepared.ok) throw new Error('valid workbook expected');
    const { updates } = trackingOfPreparedExport(data, prepared.prepared, ['envoi.xml'], DICTIONARY);
    expect(updates[0].values).toMatchObject({
      status: 'exported',
      idFlux: 'flux-9',
      message: '',
      fingerprint: fingerprintOf(cells),
    });
    expect(updates[0].values.lastRejection).toBeUndefined();
  });

  it('sending a rejected row again keeps the CDC’s message in « Dernier rejet »', () => {
    const cells = validPassage({ '5.1': 'A', '8.7': 5 });
    const data = trackedWorkbook([
      rejected(cells, { fingerprint: fingerprintOf(validPassage({ '5.1': 'A' })) }),
    ]);
    const prepared = prepareExport(data, { dictionary: DICTIONARY, now, today: now, mode: 'rejected' });
    if (!prepared.ok) throw new Error('valid workbook expected');
    const { updates } = trackingOfPreparedExport(data, prepared.prepared, ['envoi.xml'], DICTIONARY);
    expect(updates[0].values).toMatchObject({ status: 'exported', message: '', lastRejection: DAY_MONTH });
  });

  it('« J’ai déposé le fichier » turns only that file’s rows still waiting into « Déposé »', () => {
    const data = trackedWorkbook([
      { cells: validPassage({ '5.1': 'A' }), tracking: { status: 'Exporté — à déposer', idFlux: 'f1' } },
      { cells: validPassage({ '5.1': 'B' }), tracking: { status: 'Exporté — à déposer', idFlux: 'f2' } },
      { cells: validPassage({ '5.1': 'C' }), tracking: { status: 'Accepté', idFlux: 'f1' } },
    ]);
    const updates = trackingOfDeposit(data, ['f1'], DICTIONARY, now);
    expect(updates.map((u) => [u.idTechnique, u.values.status])).toEqual([['A', 'deposited']]);
  });
});

describe('rejected rows in the check', () => {
  const check = (data: WorkbookData) => checkWorkbook(data, { dictionary: DICTIONARY, today: now });

  it('puts « Rejeté par la CDC » on the cells the message points at, with the message and what to do', () => {
    const result = check(trackedWorkbook([rejected(validPassage({ '5.1': 'A' }))]));
    const rejections = result.issues.filter((i) => i.code === 'rejectedByCdc');
    expect(rejections.map((i) => i.field).sort()).toEqual(['8.7', '8.8']);
    expect(rejections[0]).toMatchObject({ severity: 'warning', row: 2 });
    expect(rejections[0].text).toContain(DAY_MONTH);
    expect(rejections[0].text).toMatch(/jour et un mois inversés/);
    expect(result.summary.rejected).toBe(1);
  });

  it('a commune → its code and name; the reconciliation criteria → the identity', () => {
    const commune = check(
      trackedWorkbook([rejected(validPassage(), { message: 'Code commune de naissance inconnu' })]),
    );
    expect(commune.issues.filter((i) => i.code === 'rejectedByCdc').map((i) => i.field)).toEqual([
      '8.10',
      '8.12',
    ]);
    const reconciliation = check(
      trackedWorkbook([
        rejected(validPassage(), {
          message: 'Aucun titulaire ne correspond aux critères de réconciliation',
        }),
      ]),
    );
    expect(
      reconciliation.issues
        .filter((i) => i.code === 'rejectedByCdc')
        .map((i) => i.field)
        .sort(),
    ).toEqual(['8.1', '8.3', '8.6', '8.9']);
  });

  it('the whole row when the message says nothing more precise', () => {
    const result = check(trackedWorkbook([rejected(validPassage(), { message: 'Erreur technique 42' })]));
    const [issue] = result.issues.filter((i) => i.code === 'rejectedByCdc');
    expect(issue.cell).toMatch(/^A2:[A-Z]+2$/);
    expect(issue.field).toBe('');
  });

  it('warns that an unchanged rejected row would be rejected again, on its first identity cell', () => {
    const cells = validPassage({ '5.1': 'A' });
    const result = check(trackedWorkbook([rejected(cells, { fingerprint: fingerprintOf(cells) })]));
    expect(result.issues.filter((i) => i.code === 'unchangedSinceRejection')).toEqual([
      expect.objectContaining({ severity: 'warning', field: '8.1', row: 2 }),
    ]);
  });

  it('a row corrected since its rejection is no problem any more', () => {
    const cells = validPassage({ '5.1': 'A' });
    const fixed = { ...cells, '8.7': 5 };
    const result = check(trackedWorkbook([rejected(fixed, { fingerprint: fingerprintOf(cells) })]));
    expect(result.issues.filter((i) => /rejectedByCdc|unchangedSinceRejection/.test(i.code))).toEqual([]);
    expect(result.summary.rejected).toBeUndefined();
  });
});

describe('« Rejetés » export', () => {
  const a = validPassage({ '5.1': 'A' });
  const b = validPassage({ '5.1': 'B', '8.1': 'Durand' });
  const data = trackedWorkbook([
    rejected(a, { fingerprint: fingerprintOf(a) }),
    rejected({ ...b, '8.7': 5 }, { fingerprint: fingerprintOf(b) }),
  ]);

  it('leaves out the rows unchanged since the rejection and says which', () => {
    const selection = selectPassagesForExport(data, 'rejected', DICTIONARY, { today: now });
    expect(selection.rows).toEqual([3]);
    expect(selection.unchanged).toEqual([2]);
  });

  it('sends them too when the user confirms', () => {
    const selection = selectPassagesForExport(data, 'rejected', DICTIONARY, { includeUnchanged: true });
    expect(selection.rows).toEqual([2, 3]);
    expect(selection.unchanged).toEqual([]);
  });

  it('with nothing corrected, sends nothing and says why', () => {
    const only = trackedWorkbook([rejected(a, { fingerprint: fingerprintOf(a) })]);
    const prepared = prepareExport(only, { dictionary: DICTIONARY, now, today: now, mode: 'rejected' });
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.check.issues.map((i) => i.text).join()).toMatch(
      /1 rejeté\(s\) laissé\(s\) de côté car inchangé\(s\) depuis le rejet/,
    );
  });
});
