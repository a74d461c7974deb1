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

const NO_HOLDER = 'Aucun titulaire ne correspond aux critères obligatoires';
const ALREADY =
  "Le passage certification avec le bcr émetteur 03VML243 et l'id technique partenaire A existe déjà en base";

describe('applying a functional accusé', () => {
  it('marks OK passages Accepté, with the date of the import and no message', () => {
    const result = applyReceipt(trackedWorkbook([sent('A'), sent('B')]), functional([], ['A', 'B']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.counts).toEqual({ accepted: 2, rejected: 0, unmatched: 0 });
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
    const result = applyReceipt(trackedWorkbook([sent('A')]), functional([['A', NO_HOLDER]], []), {
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
    const result = applyReceipt(
      trackedWorkbook([sent('A'), sent('B')]),
      functional([['A', ALREADY]], ['B']),
      { dictionary: DICTIONARY, now },
    );
    expect(result.counts).toEqual({ accepted: 2, rejected: 0, unmatched: 0 });
    expect(result.changes.updates[0].values).toMatchObject({ status: 'accepted', message: ALREADY });
  });

  it('handles a mixed accusé: each row gets its own status, in row order', () => {
    const data = trackedWorkbook([sent('A'), sent('B'), sent('C'), { cells: validPassage({ '5.1': 'D' }) }]);
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
    const result = applyReceipt(trackedWorkbook([sent('A')]), functional([['Z', NO_HOLDER]], ['A', 'Y']), {
      dictionary: DICTIONARY,
      now,
    });
    expect(result.unmatched).toEqual([
      { idTechnique: 'Z', status: 'rejected', message: NO_HOLDER },
      { idTechnique: 'Y', status: 'accepted', message: '' },
    ]);
    expect(result.counts).toEqual({ accepted: 1, rejected: 0, unmatched: 2 });
    expect(result.notices.join()).toMatch(/2 passage\(s\) de l’accusé ne correspondent à aucune ligne/);
    expect(result.changes.historyResults?.[0].result).toMatch(
      /1 accepté\(s\), 0 rejeté\(s\), 2 absent\(s\) du classeur \(traitement 77\)/,
    );
  });

  it('merges duplicated entries; a passage both OK and KO is kept Rejeté, which is safe to resend', () => {
    const result = applyReceipt(
      trackedWorkbook([sent('A'), sent('B')]),
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
    const result = applyReceipt(
      trackedWorkbook(Array.from({ length: 30 }, () => sent('A'))),
      functional([], ['A']),
      { dictionary: DICTIONARY, now },
    );
    expect(result.changes.updates).toHaveLength(30);
    expect(result.notices).toEqual([
      expect.stringContaining('plusieurs lignes (2, 3, 4, 5, 6, 7, 8, 9, 10, 11 et 20 autres)'),
    ]);
  });

  it('leaves alone a row sent again since in another file', () => {
    const result = applyReceipt(
      trackedWorkbook([sent('A', 'flux-2'), sent('B')]),
      functional([['A', NO_HOLDER]], ['B']),
      { dictionary: DICTIONARY, now },
    );
    expect(result.changes.updates.map((u) => u.idTechnique)).toEqual(['B']);
    expect(result.stale).toEqual([{ row: 2, idTechnique: 'A', idFlux: 'flux-2' }]);
  });

  it('matches an idTechnique typed as a number in the sheet', () => {
    const data = trackedWorkbook([{ cells: validPassage({ '5.1': 1979262 }) }]);
    expect(
      applyReceipt(data, functional([], ['1979262']), { dictionary: DICTIONARY, now }).counts.accepted,
    ).toBe(1);
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

  it('changes nothing when it cannot know which rows were in the file, and says so', () => {
    const result = applyReceipt(
      trackedWorkbook(rows),
      report('<erreur><type>XSD</type><message>x</message></erreur>'),
      { dictionary: DICTIONARY, now },
    );
    expect(result.changes.updates).toEqual([]);
    expect(result.notices.join()).toMatch(/Impossible de savoir quelles lignes/);
  });

  it('shows each error at its row and field when the deposited file is given', () => {
    const data = trackedWorkbook(rows);
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
    expect(b?.values.message).toMatch(/cvc-enumeration-valid/);
    expect(result.changes.updates.map((u) => u.idTechnique)).toEqual(['A', 'B', 'C']);
  });
});
