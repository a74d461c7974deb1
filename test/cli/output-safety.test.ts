import { createHash } from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Command } from 'commander';
import { exportCommand, templateCommand } from '../../src/cli/commands';
import { importCommand, mapCommand } from '../../src/cli/commands-import';
import { idsCommand } from '../../src/cli/ids-command';
import { buildProgram } from '../../src/cli/main';
import { receiptCommand } from '../../src/cli/receipt-command';
import { upgradeCommand } from '../../src/cli/upgrade-command';
import { buildTemplateLayout } from '../../src/core/template/layout';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, OFFICIAL_EXAMPLE, OFFICIAL_XSD, tempDir } from '../support/cli';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { DICTIONARY } from '../support/dictionary';

/**
 * The output policy, command by command: nothing a command was not asked to replace is ever replaced, every
 * refusal comes before any work with a French message that names the file and says what to do, and the exit
 * code tells what exists (1 and 2: nothing written; 3: partial; 4: written, with something to handle).
 */

const now = new Date('2026-11-23T10:15:00Z');
const layout = buildTemplateLayout(DICTIONARY);
const sha = (file: string) =>
  statSync(file).isDirectory() ? 'dossier' : createHash('sha256').update(readFileSync(file)).digest('hex');
const idFluxOf = (xml: string) => /<cpf:idFlux>([^<]+)</.exec(xml)?.[1];

async function workbookIn(dir: string, name = 'passages.xlsx'): Promise<string> {
  const file = path.join(dir, name);
  await createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID).xlsx.writeFile(file);
  return file;
}

/** Runs `call`, then proves that it refused with exit 2, printed `message`, and changed nothing in `dir`. */
async function expectRefused(
  dir: string,
  call: (io: ReturnType<typeof captureIO>) => Promise<number>,
  message: RegExp,
): Promise<void> {
  const before = new Map(readdirSync(dir).map((f) => [f, sha(path.join(dir, f))]));
  const io = captureIO();
  expect(await call(io)).toBe(2);
  const text = io.stderr.join('\n');
  expect(text).toMatch(message);
  expect(text).toMatch(/Aucun fichier n’a été écrit\.$/);
  expect(new Map(readdirSync(dir).map((f) => [f, sha(path.join(dir, f))]))).toEqual(before);
}

describe('an output that would destroy a file is refused before any work', () => {
  it('export -o <the workbook itself>: the workbook is not replaced by the XML', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    await expectRefused(
      dir,
      (io) => exportCommand(io, book, { output: book, now }),
      /-o .*passages\.xlsx désigne un fichier que la commande lit .*un fichier XML CDC l’aurait remplacé\. Choisissez un autre nom/,
    );
  });

  it('export -o <the tracking copy>: the history is not replaced, even with --remplacer', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    expect(await exportCommand(captureIO(), book, { output: path.join(dir, 'a.xml'), now })).toBe(0);
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    await expectRefused(
      dir,
      (io) => exportCommand(io, book, { output: suivi, now, remplacer: true }),
      /passages-suivi\.xlsx existe déjà et c’est un classeur Excel : la commande, qui écrit un fichier XML CDC, ne le remplacera pas/,
    );
  });

  it('export -o s.xml --suivi s.xml: the XML is not turned into a workbook', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    const xml = path.join(dir, 's.xml');
    expect(await exportCommand(captureIO(), book, { output: xml, now })).toBe(0);
    await expectRefused(
      dir,
      (io) => exportCommand(io, book, { output: xml, suivi: xml, now, remplacer: true }),
      /--suivi .*s\.xml : un classeur doit porter l’extension \.xlsx/,
    );
  });

  it('export -o <an accusé> or <another XML>: only an earlier CDC export may be replaced', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    const accuse = path.join(dir, 'accuse.xml');
    writeFileSync(accuse, '<rapport><PassagesOK/><PassagesKO/></rapport>');
    await expectRefused(
      dir,
      (io) => exportCommand(io, book, { output: accuse, now }),
      /accuse\.xml existe déjà et c’est un accusé de traitement de la CDC/,
    );
    const notes = path.join(dir, 'notes.xml');
    writeFileSync(notes, '<?xml version="1.0"?><notes>à garder</notes>');
    await expectRefused(
      dir,
      (io) => exportCommand(io, book, { output: notes, now }),
      /c’est un fichier XML :/,
    );
  });

  it('links are followed: a symbolic or hard link to the workbook is the workbook', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    symlinkSync(book, path.join(dir, 'lien.xml'));
    linkSync(book, path.join(dir, 'dur.xml'));
    for (const name of ['lien.xml', 'dur.xml']) {
      await expectRefused(
        dir,
        (io) => exportCommand(io, book, { output: path.join(dir, name), now }),
        /désigne un fichier que la commande lit/,
      );
    }
  });

  it('map --enregistrer <the source>: the source is not replaced by JSON', async () => {
    const dir = tempDir();
    const source = await workbookIn(dir, 'source.xlsx');
    await expectRefused(
      dir,
      (io) => mapCommand(io, source, { output: path.join(dir, 'm.xlsx'), enregistrer: source }),
      /--enregistrer .*source\.xlsx désigne un fichier que la commande lit .*une correspondance de colonnes/,
    );
  });

  it('map --correspondance c.json --enregistrer c.json: corrected in place only with --remplacer', async () => {
    const dir = tempDir();
    const source = await register(dir);
    const mapping = path.join(dir, 'correspondance.json');
    expect(
      await mapCommand(captureIO(), source, { output: path.join(dir, 'a.xlsx'), enregistrer: mapping }),
    ).toBe(4);
    await expectRefused(
      dir,
      (io) =>
        mapCommand(io, source, {
          output: path.join(dir, 'b.xlsx'),
          correspondance: mapping,
          enregistrer: mapping,
        }),
      /--enregistrer .*correspondance\.json est aussi un fichier que la commande lit : pour le mettre à jour directement, ajoutez --remplacer/,
    );
    const io = captureIO();
    expect(
      await mapCommand(io, source, {
        output: path.join(dir, 'b.xlsx'),
        correspondance: mapping,
        enregistrer: mapping,
        remplacer: true,
      }),
    ).toBe(4);
    expect(io.stdout.join('\n')).toMatch(
      /Correspondance enregistrée : .*correspondance\.json \(remplace le fichier précédent, comme demandé par --remplacer\)/,
    );
  });

  it('receipt -o <the accusé>: the accusé is not replaced by a workbook', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    const accuse = path.join(dir, 'accuse.xml');
    writeFileSync(accuse, '<rapport><nomFichier>a.xml</nomFichier><PassagesOK/><PassagesKO/></rapport>');
    await expectRefused(
      dir,
      (io) => receiptCommand(io, accuse, book, { output: accuse, remplacer: true }),
      /-o .*accuse\.xml désigne un fichier que la commande lit/,
    );
  });

  it('a missing folder, a folder as output: said plainly', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    await expectRefused(
      dir,
      (io) => exportCommand(io, book, { output: path.join(dir, 'absent', 'a.xml'), now }),
      /Le dossier de .*absent\/a\.xml \(-o\) n’existe pas : créez-le/,
    );
    mkdirSync(path.join(dir, 'sortie.xml'));
    await expectRefused(
      dir,
      (io) => exportCommand(io, book, { output: path.join(dir, 'sortie.xml'), now }),
      /sortie\.xml \(-o\) est un dossier : indiquez un nom de fichier/,
    );
  });
});

describe('an existing workbook is replaced only with --remplacer', () => {
  const cases: [string, (dir: string, target: string, replace: boolean) => Promise<number>][] = [
    ['template', (_dir, target, remplacer) => templateCommand(captureIO(), { output: target, remplacer })],
    [
      'upgrade',
      async (dir, target, remplacer) =>
        upgradeCommand(captureIO(), await oldTemplate(dir), { output: target, remplacer }),
    ],
    [
      'ids',
      async (dir, target, remplacer) =>
        idsCommand(captureIO(), await workbookIn(dir, 'source.xlsx'), { output: target, remplacer }),
    ],
    [
      'import',
      async (_dir, target, remplacer) =>
        importCommand(captureIO(), OFFICIAL_EXAMPLE, { output: target, remplacer }),
    ],
    [
      'map',
      async (dir, target, remplacer) =>
        mapCommand(captureIO(), await register(dir), { output: target, remplacer }),
    ],
  ];

  it.each(cases)('%s', async (_name, run) => {
    const dir = tempDir();
    const target = await workbookIn(dir, 'existant.xlsx');
    const before = sha(target);
    expect(await run(dir, target, false)).toBe(2);
    expect(sha(target)).toBe(before);
    expect([0, 4]).toContain(await run(dir, target, true));
    expect(sha(target)).not.toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partiel'))).toEqual([]);
  });

  it('names the option in its refusal', async () => {
    const dir = tempDir();
    const target = await workbookIn(dir, 'existant.xlsx');
    await expectRefused(
      dir,
      (io) => templateCommand(io, { output: target }),
      /existant\.xlsx existe déjà \(un classeur Excel\) : pour le remplacer, relancez avec --remplacer ; sinon choisissez un autre nom avec -o/,
    );
  });
});

/** Another tool's spreadsheet, for map. */
async function register(dir: string): Promise<string> {
  const file = path.join(dir, 'registre.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Diplômés');
  sheet.addRow(['Nom de famille', 'Prénom', 'Sexe']);
  sheet.addRow(['Moreau', 'Camille', 'F']);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** A template of version 1 (no round-trip columns, no history sheet): upgrade has something to write. */
async function oldTemplate(dir: string): Promise<string> {
  const file = path.join(dir, 'ancien.xlsx');
  const workbook = createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID);
  const passages = workbook.getWorksheet('Passages') as ExcelJS.Worksheet;
  for (const c of layout.passages.trackingColumns) passages.getCell(`${c.column}1`).value = null;
  workbook.removeWorksheet((workbook.getWorksheet('Historique') as ExcelJS.Worksheet).id);
  (workbook.getWorksheet('Paramètres') as ExcelJS.Worksheet).getCell(layout.parameters.versionCell).value =
    'modèle 1 – XSD 1.1.2';
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('running an export again', () => {
  it('the README quick start twice: the earlier export is replaced and the output says which', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    const xml = path.join(dir, 'exemple.xml');
    const first = captureIO();
    expect(await exportCommand(first, book, { output: xml, now })).toBe(0);
    const firstId = idFluxOf(readFileSync(xml, 'utf8'));
    const second = captureIO();
    expect(await exportCommand(second, book, { output: xml, now: new Date('2026-11-23T10:20:00Z') })).toBe(0);
    const out = second.stdout.join('\n');
    expect(out).toContain(
      `Fichier écrit : ${xml} (remplace l’export précédent du même nom, idFlux ${firstId}, du 23/11/2026 à 11:15) — 9 passages`,
    );
    expect(out).toMatch(/Valide selon le XSD 1\.1\.2, relu et vérifié sur le disque\./);
    expect(out).toMatch(
      /Suivi non enregistré : Le fichier de suivi .*passages-suivi\.xlsx existe déjà .* Travaillez désormais dans ce fichier : accrochage export \S*passages-suivi\.xlsx --suivi \S*passages-suivi\.xlsx --remplacer ; ou indiquez une autre copie avec --suivi\./,
    );
    const xmlText = readFileSync(xml, 'utf8');
    expect(idFluxOf(xmlText)).not.toBe(firstId);
    expect(validateWithNativeXmllint(xmlText, OFFICIAL_XSD).valid).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['exemple.xml', 'passages-suivi.xlsx', 'passages.xlsx']);
  });

  it('default names never collide: two exports in the same second get two files, each with its own idFlux', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await exportCommand(captureIO(), book, { now })).toBe(0);
      const second = captureIO();
      expect(await exportCommand(second, book, { now })).toBe(0);
      expect(second.stdout.join('\n')).toMatch(
        /Fichier écrit : cdc-03ZDN217-20261123-111500_2\.xml — 9 passages/,
      );
    } finally {
      process.chdir(cwd);
    }
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.xml'))
      .sort();
    expect(files).toEqual(['cdc-03ZDN217-20261123-111500.xml', 'cdc-03ZDN217-20261123-111500_2.xml']);
    const ids = files.map((f) => idFluxOf(readFileSync(path.join(dir, f), 'utf8')));
    expect(new Set(ids).size).toBe(2);
  });
});

describe('exit codes that tell what exists', () => {
  it('3: the XML is written and valid, the tracking copy could not be; the message names the file and what to do', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    const folder = path.join(dir, 'suivi');
    mkdirSync(folder);
    const xml = path.join(dir, 'envoi.xml');
    const io = captureIO();
    // The tracking folder disappears once the XML is written (a network drive lost, a folder moved).
    const out = io.out;
    io.out = (line) => {
      out(line);
      if (line.startsWith('Fichier écrit')) rmSync(folder, { recursive: true });
    };
    expect(await exportCommand(io, book, { output: xml, now, suivi: path.join(folder, 'copie.xlsx') })).toBe(
      3,
    );
    const id = idFluxOf(readFileSync(xml, 'utf8'));
    expect(io.stderr.join('\n')).toMatch(
      new RegExp(
        `^Résultat partiel : le fichier XML .*envoi\\.xml est écrit et valide, mais le suivi n’a pas pu être enregistré dans .*copie\\.xlsx ` +
          `\\(Le dossier de .*copie\\.xlsx n’existe pas.*\\)\\. Vous pouvez déposer ce fichier ; notez son idFlux \\(${id}\\)`,
      ),
    );
    expect(validateWithNativeXmllint(readFileSync(xml), OFFICIAL_XSD).valid).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['envoi.xml', 'passages.xlsx']);
  });

  it('3: map saved the mapping but could copy no row; the message says the mapping alone was written', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'autre.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Feuil1');
    sheet.addRow(['Couleur préférée', 'Plat du jour']);
    sheet.addRow(['bleu', 'gratin']);
    await workbook.xlsx.writeFile(source);
    const mapping = path.join(dir, 'correspondance.json');
    const io = captureIO();
    expect(
      await mapCommand(io, source, { output: path.join(dir, 'modele.xlsx'), enregistrer: mapping }),
    ).toBe(3);
    expect(io.stderr.join('\n')).toMatch(
      /^Aucune ligne n’a pu être copiée : le modèle n’a pas été écrit ; seule la correspondance l’a été \(.*correspondance\.json\)/,
    );
    expect(readdirSync(dir).sort()).toEqual(['autre.xlsx', 'correspondance.json']);
  });

  it('--help lists every exit code', () => {
    let help = '';
    const program = buildProgram(() => undefined) as Command;
    program.configureOutput({ writeOut: (text) => (help += text) });
    program.outputHelp();
    for (const line of [
      /^ {2}0 {4}terminé/m,
      /^ {2}1 {4}problèmes trouvés .* aucun fichier écrit$/m,
      /^ {2}2 {4}fichier inutilisable ou sortie refusée .* aucun fichier écrit$/m,
      /^ {2}3 {4}résultat partiel/m,
      /^ {2}4 {4}fichier écrit, avec des points à traiter/m,
      /^ {2}130 {2}interrompu par Ctrl-C/m,
    ])
      expect(help).toMatch(line);
  });

  it('no file is left under a temporary name after a refusal or a success', async () => {
    const dir = tempDir();
    const book = await workbookIn(dir);
    await exportCommand(captureIO(), book, { output: path.join(dir, 'a.xml'), now });
    await exportCommand(captureIO(), book, { output: book, now });
    expect(readdirSync(dir).filter((f) => /partiel/.test(f))).toEqual([]);
    expect(existsSync(path.join(dir, 'a.xml'))).toBe(true);
  });
});
