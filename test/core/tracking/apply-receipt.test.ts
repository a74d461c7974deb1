import { validPassage } from '../../support/workbook';
import { prepareExport } from '../../../src/core/export/export';
import { parseReceipt } from '../../../src/core/receipt/parse-receipt';
import type { Receipt } from '../../../src/core/receipt/types';
import { buildFluxXml } from '../../../src/core/xml/flux-writer';
import { applyReceipt } from '../../../src/core/tracking/apply-receipt';
import { trackedWorkbook } from '../../support/tracked-workbook';
import { DICTIONARY } from '../../support/dictionary';

const now = new Date('2026-03-02T09:30:00Z');

function receipt(xml: string): Receipt {
  const parsed = parseReceipt(xml);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.receipt;
}

const functional = (ko: [string, string][], ok: string[], idFlux = 'flux-1') =>
  receipt(
    `<rapport><nomFichier>envoi.xml</nomFichier><idFlux>${idFlux}</idFlux><idTraitement>77</idTraitement><PassagesKO>` +
      ko
        .map(
          ([id, m]) =>
            `<passage><idTechnique>${id}</idTechnique><messageErreur>${m}</messageErreur></passage>`,
        )
        .join('') +
      `</PassagesKO><PassagesOK>${ok.map((id) => `<idTechnique>${id}</idTechnique>`).join('')}</PassagesOK></rapport>`,
  );

const sent = (id: string, idFlux = 'flux-1') => ({
  cells: validPassage({ '5.1': id }),
  tracking: { status: 'Envoyé', idFlux },
});

/** The sends the accusés of these tests answer: flux-1, then flux-2 (a later send). */
const HISTORY = {
  name: 'Historique',
  rows: [
    { row: 2, cells: { idFlux: 'flux-1', fileName: 'envoi.xml' } },
    { row: 3, cells: { idFlux: 'flux-2', fileName: 'envoi-2.xml' } },
  ],
};
const tracked = (rows: Parameters<typeof trackedWorkbook>[0]) => trackedWorkbook(rows, { history: HISTORY });

const NO_HOLDER = 'Aucun titulaire ne correspond aux critères obligatoires';
const ALREADY =
  "Le passage certification avec le bcr émetteur 03VML243 et l'id technique partenaire A existe déjà en base";

describe('applying a functional accusé', () => {
  it('marks OK passages Accepté, with the date of the import and no message', () => {
    const result = applyReceipt(tracked([sent('A'), sent('B')]), functional([], ['A', 'B']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.counts).toEqual({ accepted: 2, rejected: 0, deposited: 0, unmatched: 0, unchanged: 0 });
    expect(result.changes.updates).toEqual([
      {
        row: 2,
        idTechnique: 'A',
        values: { status: 'accepted', message: '', action: '', statusDate: '2026-03-02T10:30:00+01:00' },
      },
      {
        row: 3,
        idTechnique: 'B',
        values: { status: 'accepted', message: '', action: '', statusDate: '2026-03-02T10:30:00+01:00' },
      },
    ]);
  });

  it('marks KO passages Rejeté with the CDC message and what to do', () => {
    const result = applyReceipt(tracked([sent('A')]), functional([['A', NO_HOLDER]], []), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.counts.rejected).toBe(1);
    const [update] = result.changes.updates;
    expect(update.values.status).toBe('rejected');
    expect(update.values.message).toBe(NO_HOLDER);
    expect(update.values.action).toContain(DICTIONARY.field('8.1').label);
    expect(result.rows[0].explanations[0].code).toBe('noHolderMandatory');
  });

  it('counts "existe déjà en base" as accepted, keeping the message', () => {
    const result = applyReceipt(tracked([sent('A'), sent('B')]), functional([['A', ALREADY]], ['B']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.counts).toEqual({ accepted: 2, rejected: 0, deposited: 0, unmatched: 0, unchanged: 0 });
    expect(result.changes.updates[0].values).toMatchObject({ status: 'accepted', message: ALREADY });
  });

  it('handles a mixed accusé: each row gets its own status, in row order', () => {
    const data = tracked([sent('A'), sent('B'), sent('C'), { cells: validPassage({ '5.1': 'D' }) }]);
    const result = applyReceipt(
      data,
      functional(
        [
          ['C', 'Plusieurs titulaires ont été identifiés'],
          ['A', NO_HOLDER],
        ],
        ['B'],
      ),
      { dictionary: DICTIONARY, now },
    );
    expect(result.changes.updates.map((u) => [u.row, u.values.status])).toEqual([
      [2, 'rejected'],
      [3, 'accepted'],
      [4, 'rejected'],
    ]);
  });

  it('lists passages of the accusé that no row carries, instead of dropping them', () => {
    const result = applyReceipt(tracked([sent('A')]), functional([['Z', NO_HOLDER]], ['A', 'Y']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.unmatched).toEqual([
      { idTechnique: 'Z', status: 'rejected', message: NO_HOLDER },
      { idTechnique: 'Y', status: 'accepted', message: '' },
    ]);
    expect(result.counts).toMatchObject({ accepted: 1, rejected: 0, unmatched: 2 });
    expect(result.notices.join()).toMatch(/2 passage\(s\) de l’accusé ne correspondent à aucune ligne/);
    expect(result.changes.historyResults?.[0].result).toMatch(
      /1 accepté\(s\), 0 rejeté\(s\), 2 absent\(s\) du classeur \(traitement 77\)/,
    );
  });

  it('merges duplicated entries; a passage both OK and KO is kept Rejeté, which is safe to resend', () => {
    const result = applyReceipt(
      tracked([sent('A'), sent('B')]),
      functional(
        [
          ['A', NO_HOLDER],
          ['A', NO_HOLDER],
        ],
        ['B', 'B', 'A'],
      ),
      { dictionary: DICTIONARY, now },
    );
    expect(result.changes.updates.map((u) => [u.idTechnique, u.values.status, u.values.message])).toEqual([
      ['A', 'rejected', NO_HOLDER],
      ['B', 'accepted', ''],
    ]);
    expect(result.notices.join('\n')).toMatch(/plusieurs fois dans l’accusé/);
    expect(result.notices.join('\n')).toMatch(
      /« A » figure à la fois parmi les passages acceptés et rejetés/,
    );
  });

  it('gives the status to every row of a repeated idTechnique, naming the first rows and counting the rest', () => {
    const result = applyReceipt(tracked(Array.from({ length: 30 }, () => sent('A'))), functional([], ['A']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.changes.updates).toHaveLength(30);
    expect(result.notices).toEqual([
      expect.stringContaining('plusieurs lignes (2, 3, 4, 5, 6, 7, 8, 9, 10, 11 et 20 autres)'),
    ]);
  });

  it('leaves alone a row sent again since in another file', () => {
    const result = applyReceipt(
      tracked([sent('A', 'flux-2'), sent('B')]),
      functional([['A', NO_HOLDER]], ['B']),
      { dictionary: DICTIONARY, now },
    );
    expect(result.changes.updates.map((u) => u.idTechnique)).toEqual(['B']);
    expect(result.stale).toEqual([{ row: 2, idTechnique: 'A', idFlux: 'flux-2' }]);
  });

  it('matches an idTechnique typed as a number in the sheet', () => {
    const data = tracked([{ cells: validPassage({ '5.1': 1979262 }) }]);
    expect(
      applyReceipt(data, functional([], ['1979262']), { dictionary: DICTIONARY, now }).counts.accepted,
    ).toBe(1);
  });
});

describe('an accusé matched to the send it answers (issue 13)', () => {
  it('changes nothing for an accusé whose idFlux is not in the history, and names the file and the send', () => {
    const data = tracked([sent('A'), sent('B')]);
    const result = applyReceipt(data, functional([['A', NO_HOLDER]], ['B'], 'flux-ailleurs'), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.outcome).toBe('unknownSend');
    expect(result.send).toEqual({ known: false, idFlux: 'flux-ailleurs', fileName: 'envoi.xml' });
    // No false « renvoyées depuis » warning, no history line, no count of what was not applied.
    expect(result.changes).toEqual({ updates: [] });
    expect(result.stale).toEqual([]);
    expect(result.counts).toEqual({ accepted: 0, rejected: 0, deposited: 0, unmatched: 0, unchanged: 0 });
    expect(result.notices).toEqual([
      expect.stringMatching(
        /envoi\.xml \(identifiant flux-ailleurs\), qui n’est pas dans la feuille Historique/,
      ),
    ]);
  });

  it('forced, applies it by idTechnique', () => {
    const data = tracked([sent('A', 'flux-x'), sent('B', 'flux-x')]);
    const result = applyReceipt(data, functional([['A', NO_HOLDER]], ['B'], 'flux-x'), {
      dictionary: DICTIONARY,
      now,
      force: true,
    });
    expect(result.outcome).toBe('applied');
    expect(result.changes.updates.map((u) => [u.idTechnique, u.values.status])).toEqual([
      ['A', 'rejected'],
      ['B', 'accepted'],
    ]);
  });

  it('says « stale » only when the history shows a later send of the row', () => {
    // A went out again in flux-2 (later in the history): the accusé of flux-1 leaves it alone. C's cell names a
    // send the history does not know: nothing says it went out later, so the accusé applies.
    const data = tracked([sent('A', 'flux-2'), sent('B'), sent('C', 'flux-inconnu')]);
    const result = applyReceipt(data, functional([['A', NO_HOLDER]], ['B', 'C']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.stale).toEqual([{ row: 2, idTechnique: 'A', idFlux: 'flux-2' }]);
    expect(result.changes.updates.map((u) => u.idTechnique)).toEqual(['B', 'C']);
    expect(result.counts).toMatchObject({ accepted: 2, rejected: 0 });
    // The accusé of flux-2 itself applies to A, even though flux-1 is earlier.
    const later = applyReceipt(data, functional([['A', NO_HOLDER]], [], 'flux-2'), {
      dictionary: DICTIONARY,
      now,
    });
    expect(later.stale).toEqual([]);
    expect(later.counts.rejected).toBe(1);
  });

  it('counts only the rows it changes, after leaving out the stale ones, in the summary and the history line', () => {
    const data = tracked([
      sent('A', 'flux-2'),
      { cells: validPassage({ '5.1': 'B' }), tracking: { status: 'Accepté', idFlux: 'flux-1' } },
      sent('C'),
    ]);
    const result = applyReceipt(data, functional([['A', NO_HOLDER]], ['B', 'C']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.counts).toMatchObject({ accepted: 1, rejected: 0, unchanged: 1 });
    expect(result.changes.historyResults?.[0].result).toMatch(/1 accepté\(s\), 0 rejeté\(s\)/);
  });

  it('an accusé about none of the workbook’s passages writes nothing, not even a history line', () => {
    const result = applyReceipt(tracked([sent('A')]), functional([['Z', NO_HOLDER]], ['Y']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.outcome).toBe('noPassageOfWorkbook');
    expect(result.changes).toEqual({ updates: [] });
    expect(result.notices[0]).toBe(
      'Cet accusé ne concerne aucun passage de ce classeur (aucun de ses identifiants techniques n’y figure). Rien n’a été modifié.',
    );
    expect(result.unmatched).toHaveLength(2);
  });

  it('imported twice, the second time changes nothing and says so', () => {
    const once = applyReceipt(tracked([sent('A')]), functional([['A', NO_HOLDER]], []), {
      dictionary: DICTIONARY,
      now,
    });
    const values = once.changes.updates[0].values;
    const after = tracked([
      {
        cells: validPassage({ '5.1': 'A' }),
        tracking: { status: 'Rejeté', message: values.message, action: values.action, idFlux: 'flux-1' },
      },
    ]);
    const twice = applyReceipt(after, functional([['A', NO_HOLDER]], []), { dictionary: DICTIONARY, now });
    expect(twice.outcome).toBe('alreadyApplied');
    expect(twice.changes).toEqual({ updates: [] });
  });

  it('marks « Déposé » the rows of the answered file that the accusé does not list', () => {
    const data = tracked([sent('A'), sent('B'), sent('C', 'flux-2')]);
    const result = applyReceipt(data, functional([], ['A']), { dictionary: DICTIONARY, now });
    expect(result.changes.updates.map((u) => [u.idTechnique, u.values.status])).toEqual([
      ['A', 'accepted'],
      ['B', 'deposited'],
    ]);
    expect(result.counts.deposited).toBe(1);
  });
});

describe('applying an XSD-rejection report', () => {
  const rows = [sent('A'), sent('B'), { cells: validPassage({ '5.1': 'C' }) }];
  const history = {
    name: 'Historique',
    rows: [{ row: 2, cells: { idFlux: 'flux-1', fileName: 'envoi.xml' } }],
  };
  const report = (errors: string) =>
    receipt(
      `<rapport><nomFichier>envoi.xml</nomFichier><idDemande>474</idDemande><erreurs>${errors}</erreurs></rapport>`,
    );

  it('marks every passage of the rejected file Rejeté, found through the history, and says the version is at stake', () => {
    const data = trackedWorkbook(rows, { history });
    const result = applyReceipt(
      data,
      report(
        "<erreur><type>XSD</type><message>cvc-elt.1.a : Déclaration de l'élément 'cpf:flux' introuvable.</message><ligne>2</ligne><colonne>52</colonne></erreur>",
      ),
      { dictionary: DICTIONARY, now },
    );
    expect(result.changes.updates.map((u) => [u.idTechnique, u.values.status])).toEqual([
      ['A', 'rejected'],
      ['B', 'rejected'],
    ]);
    expect(result.changes.updates[0].values.message).toMatch(/refusé au contrôle de format/);
    expect(result.notices.join()).toMatch(/format plus récent/);
    expect(result.changes.historyResults).toEqual([
      { fileName: 'envoi.xml', result: expect.stringMatching(/refusé au contrôle de format \(1 erreur/) },
    ]);
  });

  it('changes nothing when its file is not in the history, and says so', () => {
    const result = applyReceipt(
      trackedWorkbook(rows),
      report('<erreur><type>XSD</type><message>x</message></erreur>'),
      { dictionary: DICTIONARY, now },
    );
    expect(result.outcome).toBe('unknownSend');
    expect(result.changes).toEqual({ updates: [] });
    expect(result.notices[0]).toMatch(/envoi\.xml, qui n’est pas dans la feuille Historique/);
  });

  it('forced without the history, still changes nothing when it cannot know which rows were in the file', () => {
    const result = applyReceipt(
      trackedWorkbook(rows),
      report('<erreur><type>XSD</type><message>x</message></erreur>'),
      { dictionary: DICTIONARY, now, force: true },
    );
    expect(result.changes.updates).toEqual([]);
    expect(result.changes.historyResults).toBeUndefined();
    expect(result.notices.join()).toMatch(/Impossible de savoir quelles lignes/);
  });

  it('shows each error at its row and field when the deposited file is given, without the validator codes', () => {
    const data = trackedWorkbook(rows, { history });
    const prepared = prepareExport(data, { dictionary: DICTIONARY, now, today: now, idFlux: 'flux-1' });
    if (!prepared.ok) throw new Error('valid workbook expected');
    const xml = buildFluxXml(prepared.prepared.flux, DICTIONARY);
    const lines = xml.split('\n');
    const sexeOfB = lines.findIndex(
      (l, i) => l.includes('<cpf:sexe>') && lines.slice(0, i).some((p) => p.includes('>B<')),
    );
    const result = applyReceipt(
      data,
      report(
        `<erreur><type>XSD</type><message>cvc-enumeration-valid : La valeur 'H' n'est pas un facet valide par rapport à l'énumération '[M, F]'.</message>` +
          `<ligne>${sexeOfB + 1}</ligne><colonne>${lines[sexeOfB].length}</colonne></erreur>`,
      ),
      { dictionary: DICTIONARY, now, sentXml: xml },
    );
    expect(result.xsdErrors).toEqual([
      expect.objectContaining({
        idTechnique: 'B',
        row: 3,
        field: '8.9',
        message: expect.stringMatching(/feuille « Passages », ligne 3.*Sexe/),
      }),
    ]);
    const b = result.changes.updates.find((u) => u.idTechnique === 'B');
    expect(b?.values.message).toMatch(/^La valeur 'H' n'est pas un facet valide/);
    expect(JSON.stringify([result.changes, result.rows, result.xsdErrors.map((e) => e.message)])).not.toMatch(
      /cvc-/,
    );
    expect(result.changes.updates.map((u) => u.idTechnique)).toEqual(['A', 'B', 'C']);
  });
});
