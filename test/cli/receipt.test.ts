import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { exportCommand } from '../../src/cli/commands';
import { checkCommand } from '../../src/cli/commands';
import { receiptCommand } from '../../src/cli/receipt-command';
import { buildTemplateLayout } from '../../src/core/template/layout';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, OFFICIAL_XSD, SHARED_CDC, tempDir } from '../support/cli';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { DICTIONARY } from '../support/dictionary';

const layout = buildTemplateLayout(DICTIONARY);
const first = new Date('2026-11-23T10:15:00Z');
const later = new Date('2026-11-30T08:00:00Z');
const NO_HOLDER =
  'Aucun titulaire ne correspond aux critères obligatoires enrichis du jour et du mois de naissance';

async function writeExample(dir = tempDir()): Promise<string> {
  const file = path.join(dir, 'passages.xlsx');
  await createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID).xlsx.writeFile(file);
  return file;
}

const idsIn = (xml: string) =>
  [...xml.matchAll(/<cpf:idTechnique>([^<]*)<\/cpf:idTechnique>/g)].map((m) => m[1]);

function accuse(xmlFile: string, ko: readonly string[], extraOk: readonly string[] = []): string {
  const xml = readFileSync(xmlFile, 'utf8');
  const idFlux = /<cpf:idFlux>([^<]*)</.exec(xml)?.[1];
  const ids = idsIn(xml);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<rapport xmlns:ns2="urn:cdc:cpf:pc5:rapport:schema">` +
    `<nomFichier>${path.basename(xmlFile)}</nomFichier><idFlux>${idFlux}</idFlux><idTraitement>1</idTraitement><PassagesKO>` +
    ko
      .map(
        (id) =>
          `<passage><idTechnique>${id}</idTechnique><messageErreur>${NO_HOLDER}</messageErreur></passage>`,
      )
      .join('') +
    `</PassagesKO><PassagesOK>${[...ids.filter((id) => !ko.includes(id)), ...extraOk].map((id) => `<idTechnique>${id}</idTechnique>`).join('')}</PassagesOK></rapport>`
  );
}

/** Types a new value in a passage's cell of a tracking copy, as the user would in Excel. */
async function editPassage(file: string, id: string, field: string, value: number | string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(layout.passages.name) as ExcelJS.Worksheet;
  const idColumn = layout.passages.columns.find((c) => c.field === '5.1')?.column as string;
  const column = layout.passages.columns.find((c) => c.field === field)?.column as string;
  for (let row = 2; row <= sheet.rowCount; row++)
    if (String(sheet.getCell(`${idColumn}${row}`).value) === id)
      sheet.getCell(`${column}${row}`).value = value;
  await workbook.xlsx.writeFile(file);
}

async function statuses(file: string): Promise<Map<string, string | undefined>> {
  const data = await readTemplateWorkbook(file, DICTIONARY);
  return new Map(
    data.passages.rows.map((r) => [String(r.cells['5.1']), r.tracking?.status as string | undefined]),
  );
}

describe('accrochage receipt: the round trip export → accusé → re-export of the rejected passages', () => {
  it('marks each row, lists unknown passages, and the next "rejetes" export holds exactly the KO passages', async () => {
    const dir = tempDir();
    const book = await writeExample(dir);
    const before = readFileSync(book);
    const firstXml = path.join(dir, 'envoi-1.xml');

    // 1. First send: every row, recorded in a copy of the workbook.
    const exported = captureIO();
    expect(await exportCommand(exported, book, { output: firstXml, now: first })).toBe(0);
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    expect(exported.stdout.join('\n')).toMatch(
      /Suivi enregistré dans .*passages-suivi\.xlsx : 9 lignes marquées « Exporté — à déposer » .*Déposez le fichier/,
    );
    expect(readFileSync(book)).toEqual(before);
    expect([...(await statuses(suivi)).values()]).toEqual(Array(9).fill('Exporté — à déposer'));

    // 2. The accusé: two KO, the rest OK, plus one passage the workbook does not have.
    const ko = idsIn(readFileSync(firstXml, 'utf8')).slice(1, 3);
    const accuseFile = path.join(dir, 'accuse.xml');
    writeFileSync(accuseFile, accuse(firstXml, ko, ['INCONNU-1']));
    const io = captureIO();
    expect(await receiptCommand(io, accuseFile, suivi, { output: suivi, now: later, remplacer: true })).toBe(
      4,
    );
    const out = io.stdout.join('\n');
    expect(out).toMatch(/7 passages acceptés, 2 rejetés, 1 absent du classeur/);
    expect(out).toMatch(
      new RegExp(
        `REJETÉ Passages, ligne \\d+ \\(identifiant technique ${ko[0]}\\) : « ${NO_HOLDER} »\\. Que faire : .*jour`,
      ),
    );
    expect(out).toMatch(/ABSENT identifiant technique INCONNU-1 \(Accepté\)/);
    const after = await statuses(suivi);
    expect([...after.entries()].filter(([, s]) => s === 'Rejeté').map(([id]) => id)).toEqual(ko);
    expect([...after.values()].filter((s) => s === 'Accepté')).toHaveLength(7);

    // 3. Re-sending them unchanged: refused, nothing written, and the reason said.
    const secondXml = path.join(dir, 'envoi-2.xml');
    const unchanged = captureIO();
    const suiviBefore = readFileSync(suivi);
    expect(
      await exportCommand(unchanged, suivi, {
        output: secondXml,
        now: later,
        mode: 'rejetes',
        suivi,
        remplacer: true,
      }),
    ).toBe(1);
    expect(unchanged.stdout.join('\n')).toMatch(
      /2 rejeté\(s\) laissé\(s\) de côté car inchangé\(s\) depuis le rejet/,
    );
    expect(existsSync(secondXml)).toBe(false);
    expect(readFileSync(suivi)).toEqual(suiviBefore);
    const rejectedCheck = captureIO();
    expect(await checkCommand(rejectedCheck, suivi, { json: true })).toBe(0);
    const codes = JSON.parse(rejectedCheck.stdout.join('')) as { code: string; severity: string }[];
    expect(codes.filter((i) => i.code === 'rejectedByCdc').length).toBeGreaterThanOrEqual(2);
    expect(codes.filter((i) => i.code === 'unchangedSinceRejection')).toHaveLength(2);
    expect(
      codes
        .filter((i) => /rejectedByCdc|unchangedSinceRejection/.test(i.code))
        .every((i) => i.severity === 'warning'),
    ).toBe(true);

    // 4. One row fixed: only that one goes out; the other is left out, and said.
    await editPassage(suivi, ko[0], '8.3', 'Jeanne-Marie');
    const fixedOne = captureIO();
    expect(
      await exportCommand(fixedOne, suivi, {
        output: secondXml,
        now: later,
        mode: 'rejetes',
        suivi,
        remplacer: true,
      }),
    ).toBe(0);
    expect(idsIn(readFileSync(secondXml, 'utf8'))).toEqual([ko[0]]);
    expect(fixedOne.stdout.join('\n')).toMatch(
      /ATTENTION 1 passage rejeté laissé de côté car inchangé depuis le rejet \(ligne \d+\).*--inclure-inchanges/,
    );

    // 5. The history shows both sends; the row re-sent is « Exporté — à déposer » with the new idFlux, and the
    // CDC's message is still readable in « Dernier rejet ».
    const xml = readFileSync(secondXml, 'utf8');
    expect(validateWithNativeXmllint(xml, OFFICIAL_XSD).valid).toBe(true);
    const data = await readTemplateWorkbook(suivi, DICTIONARY);
    expect(data.history?.rows.map((r) => [r.cells.fileName, r.cells.passages, r.cells.mode])).toEqual([
      ['envoi-1.xml', 9, 'tous'],
      ['envoi-2.xml', 1, 'rejetés'],
    ]);
    expect(String(data.history?.rows[0].cells.result)).toMatch(/7 accepté\(s\), 2 rejeté\(s\), 1 absent/);
    const secondId = /<cpf:idFlux>([^<]*)</.exec(xml)?.[1];
    const rows = data.passages.rows.filter((r) => ko.includes(String(r.cells['5.1'])));
    expect(
      rows.map((r) => [
        r.tracking?.status,
        r.tracking?.idFlux,
        r.tracking?.message ?? null,
        r.tracking?.lastRejection ?? null,
      ]),
    ).toEqual([
      ['Exporté — à déposer', secondId, null, NO_HOLDER],
      ['Rejeté', expect.any(String), NO_HOLDER, null],
    ]);

    // 6. --inclure-inchanges sends the unchanged one too.
    const forced = path.join(dir, 'envoi-3.xml');
    expect(
      await exportCommand(captureIO(), suivi, {
        output: forced,
        now: later,
        mode: 'rejetes',
        suivi,
        remplacer: true,
        inclureInchanges: true,
      }),
    ).toBe(0);
    expect(idsIn(readFileSync(forced, 'utf8'))).toEqual([ko[1]]);
  });

  it('refuses an accusé of another send (exit 1, idFlux and file named, nothing written); --force applies it', async () => {
    const dir = tempDir();
    const book = await writeExample(dir);
    const sent = path.join(dir, 'envoi.xml');
    expect(await exportCommand(captureIO(), book, { output: sent, now: first })).toBe(0);
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    const id = idsIn(readFileSync(sent, 'utf8'))[0];
    const accuseFile = path.join(dir, 'accuse-autre.xml');
    writeFileSync(
      accuseFile,
      `<rapport><nomFichier>autre.xml</nomFichier><idFlux>flux-d-ailleurs</idFlux><PassagesKO><passage><idTechnique>${id}</idTechnique><messageErreur>${NO_HOLDER}</messageErreur></passage></PassagesKO><PassagesOK/></rapport>`,
    );
    const before = readFileSync(suivi);
    const io = captureIO();
    expect(await receiptCommand(io, accuseFile, suivi, { output: suivi, now: later, remplacer: true })).toBe(
      1,
    );
    expect(io.stderr.join()).toMatch(
      /Accusé non appliqué \(\S*accuse-autre\.xml\) : il répond à l’envoi idFlux flux-d-ailleurs \(fichier autre\.xml\), absent de la feuille Historique.*Rien n’a été écrit.*--force/,
    );
    expect(io.stdout.join()).not.toMatch(/renvoyées/);
    expect(readFileSync(suivi)).toEqual(before);

    const forced = captureIO();
    expect(
      await receiptCommand(forced, accuseFile, suivi, {
        output: suivi,
        now: later,
        remplacer: true,
        force: true,
      }),
    ).toBe(4);
    expect((await statuses(suivi)).get(id)).toBe('Rejeté');
  });

  it('an accusé about none of the passages writes nothing, and says so', async () => {
    const dir = tempDir();
    const book = await writeExample(dir);
    const sent = path.join(dir, 'envoi.xml');
    expect(await exportCommand(captureIO(), book, { output: sent, now: first })).toBe(0);
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    const idFlux = /<cpf:idFlux>([^<]*)</.exec(readFileSync(sent, 'utf8'))?.[1];
    const accuseFile = path.join(dir, 'accuse.xml');
    writeFileSync(
      accuseFile,
      `<rapport><nomFichier>envoi.xml</nomFichier><idFlux>${idFlux}</idFlux><PassagesOK><idTechnique>PERSONNE</idTechnique></PassagesOK></rapport>`,
    );
    const before = readFileSync(suivi);
    const io = captureIO();
    expect(await receiptCommand(io, accuseFile, suivi, { output: suivi, now: later, remplacer: true })).toBe(
      1,
    );
    expect(io.stderr.join()).toMatch(
      /Cet accusé ne concerne aucun passage de ce classeur.*Aucun fichier n’a été écrit/,
    );
    expect(readFileSync(suivi)).toEqual(before);
  });

  it('prints the first rejected passages one by one, then how many more (bounded output)', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'passages.xlsx');
    const model = EXAMPLE_VALID.passages?.[0] ?? {};
    const passages = Array.from({ length: 60 }, (_, i) => ({ ...model, '5.1': `LOT-${i + 1}` }));
    await createTemplateWorkbook(DICTIONARY, { ...EXAMPLE_VALID, passages, digcomp: [] }).xlsx.writeFile(
      book,
    );
    const sent = path.join(dir, 'envoi.xml');
    expect(await exportCommand(captureIO(), book, { output: sent, now: first })).toBe(0);
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    const accuseFile = path.join(dir, 'accuse.xml');
    writeFileSync(accuseFile, accuse(sent, idsIn(readFileSync(sent, 'utf8'))));
    const io = captureIO();
    expect(await receiptCommand(io, accuseFile, suivi, { output: suivi, now: later, remplacer: true })).toBe(
      4,
    );
    const out = io.stdout.join('\n');
    expect(out.match(/^REJETÉ /gm)).toHaveLength(50);
    expect(out).toMatch(/… et 10 autres passages rejetés : voir les colonnes Message CDC et Que faire/);
  });

  it('writes <name>-suivi.xlsx by default, never overwrites it silently, and keeps the user’s cells, formats and notes', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'passages.xlsx');
    const workbook = createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID);
    const sheet = workbook.getWorksheet(layout.passages.name) as ExcelJS.Worksheet;
    const extra = sheet.getCell(
      2,
      layout.passages.columns.length + layout.passages.trackingColumns.length + 2,
    );
    extra.value = 'ma colonne à moi';
    sheet.getCell('B3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
    sheet.getCell('B3').note = 'vérifié par Paul';
    workbook.addWorksheet('Mes notes').getCell('A1').value = 'à garder';
    await workbook.xlsx.writeFile(book);
    const before = readFileSync(book);

    const id = String(EXAMPLE_VALID.passages?.[0]['5.1']);
    const accuseFile = path.join(dir, 'accuse.xml');
    writeFileSync(
      accuseFile,
      `<rapport><nomFichier>x.xml</nomFichier><idFlux>f</idFlux><PassagesKO><passage><idTechnique>${id}</idTechnique><messageErreur>Plusieurs titulaires ont été identifiés</messageErreur></passage></PassagesKO><PassagesOK/></rapport>`,
    );
    // Sent with another tool (no history): applied by idTechnique on request.
    expect(await receiptCommand(captureIO(), accuseFile, book, { now: later, force: true })).toBe(4);
    expect(readFileSync(book)).toEqual(before);
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(suivi);
    const copied = copy.getWorksheet(layout.passages.name) as ExcelJS.Worksheet;
    expect(copied.getCell(extra.address).value).toBe('ma colonne à moi');
    expect((copied.getCell('B3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF00FF00');
    expect(JSON.stringify(copied.getCell('B3').note)).toContain('vérifié par Paul');
    expect(copy.getWorksheet('Mes notes')?.getCell('A1').value).toBe('à garder');
    const status = layout.passages.trackingColumns.find((c) => c.key === 'status')?.column;
    expect(copied.getCell(`${status}2`).value).toBe('Rejeté');

    const again = captureIO();
    const copyBytes = readFileSync(suivi);
    expect(await receiptCommand(again, accuseFile, book, { now: later, force: true })).toBe(2);
    expect(again.stderr.join()).toMatch(
      /existe déjà.*Travaillez désormais dans ce fichier : accrochage receipt \S*accuse\S* \S*passages-suivi\.xlsx -o \S*passages-suivi\.xlsx --remplacer/,
    );
    expect(readFileSync(suivi)).toEqual(copyBytes);
  });

  it('adds the tracking columns and the history to a workbook that has none', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'ancien.xlsx');
    const workbook = createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID);
    const sheet = workbook.getWorksheet(layout.passages.name) as ExcelJS.Worksheet;
    for (const c of layout.passages.trackingColumns) sheet.getCell(`${c.column}1`).value = null;
    workbook.removeWorksheet((workbook.getWorksheet(layout.history.name) as ExcelJS.Worksheet).id);
    await workbook.xlsx.writeFile(book);
    const id = String(EXAMPLE_VALID.passages?.[1]['5.1']);
    const accuseFile = path.join(dir, 'accuse.xml');
    writeFileSync(
      accuseFile,
      `<rapport><idFlux>f</idFlux><PassagesOK><idTechnique>${id}</idTechnique></PassagesOK></rapport>`,
    );
    expect(await receiptCommand(captureIO(), accuseFile, book, { now: later, force: true })).toBe(0);
    const data = await readTemplateWorkbook(path.join(dir, 'ancien-suivi.xlsx'), DICTIONARY);
    expect(data.passages.rows[1].tracking?.status).toBe('Accepté');
    expect(data.history?.rows).toEqual([
      expect.objectContaining({ cells: expect.objectContaining({ idFlux: 'f' }) }),
    ]);
  });

  it('shows each error of an XSD-rejection report at its row and field, given the deposited file', async () => {
    const dir = tempDir();
    const book = await writeExample(dir);
    const sent = path.join(dir, 'envoi.xml');
    expect(await exportCommand(captureIO(), book, { output: sent, now: first })).toBe(0);
    const lines = readFileSync(sent, 'utf8').split('\n');
    const sexe = lines.findIndex((l) => l.includes('<cpf:sexe>'));
    const accuseFile = path.join(dir, 'accuse-xsd.xml');
    writeFileSync(
      accuseFile,
      `<rapport xmlns:ns2="urn:cdc:cpf:pc5:rapport:schema"><nomFichier>envoi.xml</nomFichier><idTraitement>5</idTraitement><erreurs><erreur><type>XSD</type>` +
        `<message>cvc-enumeration-valid : La valeur 'H' n'est pas un facet valide par rapport à l'énumération '[M, F]'.</message>` +
        `<ligne>${sexe + 1}</ligne><colonne>${lines[sexe].length}</colonne></erreur></erreurs></rapport>`,
    );
    const io = captureIO();
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    expect(await receiptCommand(io, accuseFile, suivi, { output: suivi, now: later, remplacer: true })).toBe(
      4,
    );
    expect(io.stdout.join('\n')).toMatch(
      /ERREUR Ligne \d+, colonne \d+ du fichier déposé \(feuille « Passages », ligne 2, « Sexe » \(8\.9\)\) : Non-respect d'une énumération/,
    );
    expect([...(await statuses(suivi)).values()]).toEqual(Array(9).fill('Rejeté'));
  });

  it('refuses what is not an accusé with exit code 2 and leaves every file alone', async () => {
    const dir = tempDir();
    const book = await writeExample(dir);
    for (const [content, message] of [
      [readFileSync(path.join(SHARED_CDC, 'examples', 'cdc-flux-1.1.2-example.xml')), /fichier de passages/],
      ['<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rapport>&x;</rapport>', /DOCTYPE/],
    ] as const) {
      const file = path.join(dir, 'pas-un-accuse.xml');
      writeFileSync(file, content);
      const io = captureIO();
      expect(await receiptCommand(io, file, book, {})).toBe(2);
      expect(io.stderr.join()).toMatch(message);
      expect(io.stderr.join()).toMatch(/n’a pas été modifié/);
    }
    expect(existsSync(path.join(dir, 'passages-suivi.xlsx'))).toBe(false);
    expect(await receiptCommand(captureIO(), path.join(dir, 'absent.xml'), book, {})).toBe(2);
  });
});
