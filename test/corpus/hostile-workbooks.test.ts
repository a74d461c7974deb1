import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkCommand, exportCommand } from '../../src/cli/commands';
import { mapCommand } from '../../src/cli/commands-import';
import { idsCommand } from '../../src/cli/ids-command';
import { receiptCommand } from '../../src/cli/receipt-command';
import { upgradeCommand } from '../../src/cli/upgrade-command';
import { checkWorkbookFile } from '../../src/xlsx/workbook-file-guard';
import { captureIO, tempDir } from '../support/cli';
import {
  templateEntries,
  UNTRANSLATED,
  writeCompoundFile,
  writeRawZip,
  writeZipBomb,
} from '../support/hostile-files';
import { NOW } from '../support/corpus';

/**
 * Files given as workbooks that are not, or are traps: every command refuses them before parsing, with exit 2,
 * a French message that names the file and says what to do, no library wording, and nothing written.
 */

interface HostileCase {
  readonly name: string;
  readonly file: string;
  readonly message: RegExp;
}

const ACCUSE = '<rapport><nomFichier>x.xml</nomFichier><PassagesOK/><PassagesKO/></rapport>';

async function hostileCases(dir: string): Promise<HostileCase[]> {
  const at = (name: string) => path.join(dir, name);
  const entries = await templateEntries();
  await writeZipBomb(at('bombe.xlsx'), 3 * 1024, false);
  await writeZipBomb(at('bombe-menteuse.xlsx'), 64, true);
  writeRawZip(at('cache.xlsx'), entries, {
    hidden: { name: 'xl/worksheets/sheet9.xml', data: Buffer.from('<worksheet/>') },
  });
  writeCompoundFile(at('protege.xlsx'), ['EncryptionInfo', 'EncryptedPackage']);
  writeCompoundFile(at('ancien.xls'), ['Workbook', '\u0005SummaryInformation']);
  writeRawZip(at('libre.ods'), [
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), stored: true },
    { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
  ]);
  writeRawZip(at('archive.xlsx'), [{ name: 'lisez-moi.txt', data: Buffer.from('bonjour') }]);
  writeRawZip(at('complet.xlsx'), entries);
  const whole = readFileSync(at('complet.xlsx'));
  writeFileSync(at('tronque.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
  writeRawZip(
    at('crc.xlsx'),
    entries.map((e) => (e.name === 'xl/workbook.xml' ? { ...e, crc: 0x12345678 } : e)),
  );
  writeFileSync(at('vide.xlsx'), '');
  mkdirSync(at('dossier.xlsx'));
  return [
    {
      name: 'a zip bomb (its directory declares 3 GiB)',
      file: 'bombe.xlsx',
      message: /annonce 3[\s\u202f]222 Mo une fois décompressé, au-delà de la limite de 1[\s\u202f]074 Mo/,
    },
    {
      name: 'a zip bomb whose directory lies (1 kB declared, 64 MiB inside)',
      file: 'bombe-menteuse.xlsx',
      message: /est endommagé \(son contenu ne correspond pas/,
    },
    {
      name: 'an entry hidden outside the zip directory',
      file: 'cache.xlsx',
      message: /données cachées hors de son sommaire/,
    },
    {
      name: 'a workbook with a password to open (encrypted)',
      file: 'protege.xlsx',
      message: /est protégé par un mot de passe \(chiffré\).*retirez le mot de passe/,
    },
    {
      name: 'an Excel 97-2003 file',
      file: 'ancien.xls',
      message: /au format Excel 97-2003 \(\.xls\).*Enregistrer sous/,
    },
    { name: 'a LibreOffice file', file: 'libre.ods', message: /classeur OpenDocument \(\.ods/ },
    {
      name: 'a zip archive without a workbook',
      file: 'archive.xlsx',
      message: /archive ZIP qui ne contient pas de classeur/,
    },
    {
      name: 'a workbook cut in half (incomplete download)',
      file: 'tronque.xlsx',
      message: /est incomplet \(sa fin manque\)/,
    },
    { name: 'a workbook whose part fails its CRC', file: 'crc.xlsx', message: /est endommagé/ },
    { name: 'an empty file', file: 'vide.xlsx', message: /est vide \(0 octet\)/ },
    { name: 'a folder', file: 'dossier.xlsx', message: /est un dossier, pas un classeur/ },
  ].map((c) => ({ ...c, file: at(c.file) }));
}

function digest(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'dossier';
  }
}

describe('hostile workbooks: refused before parsing, in French, by every command', () => {
  let dir: string;
  let cases: HostileCase[];
  beforeAll(async () => {
    dir = tempDir('corpus-hostile-');
    cases = await hostileCases(dir);
  }, 60_000);

  const run = async (c: HostileCase) => {
    const out = tempDir('corpus-hostile-out-');
    const accuse = path.join(out, 'accuse.xml');
    writeFileSync(accuse, ACCUSE);
    const runs: { command: string; exit: number; text: string }[] = [];
    const each: [string, (io: ReturnType<typeof captureIO>) => Promise<number>][] = [
      ['check', (io) => checkCommand(io, c.file, {})],
      ['check --json', (io) => checkCommand(io, c.file, { json: true })],
      ['export', (io) => exportCommand(io, c.file, { output: path.join(out, 'flux.xml'), now: NOW })],
      ['receipt', (io) => receiptCommand(io, accuse, c.file, { output: path.join(out, 'suivi.xlsx') })],
      ['ids', (io) => idsCommand(io, c.file, { output: path.join(out, 'ids.xlsx') })],
      ['upgrade', (io) => upgradeCommand(io, c.file, { output: path.join(out, 'maj.xlsx') })],
      ['map', (io) => mapCommand(io, c.file, { output: path.join(out, 'modele.xlsx') })],
    ];
    for (const [command, call] of each) {
      const io = captureIO();
      const exit = await call(io);
      runs.push({ command, exit, text: [...io.stdout, ...io.stderr].join('\n') });
    }
    return { runs, written: readdirSync(out).filter((f) => f !== 'accuse.xml') };
  };

  it.each([
    'a zip bomb (its directory declares 3 GiB)',
    'a zip bomb whose directory lies (1 kB declared, 64 MiB inside)',
    'an entry hidden outside the zip directory',
    'a workbook with a password to open (encrypted)',
    'an Excel 97-2003 file',
    'a LibreOffice file',
    'a zip archive without a workbook',
    'a workbook cut in half (incomplete download)',
    'a workbook whose part fails its CRC',
    'an empty file',
    'a folder',
  ])('%s', async (name) => {
    const c = cases.find((k) => k.name === name) as HostileCase;
    const before = digest(c.file);
    const { runs, written } = await run(c);
    for (const r of runs) {
      expect([r.command, r.exit]).toEqual([r.command, 2]);
      expect(r.text).toMatch(c.message);
      expect(r.text).toContain(c.file);
      expect(r.text).not.toMatch(UNTRANSLATED);
    }
    expect(written).toEqual([]);
    expect(digest(c.file)).toBe(before);
  });

  it('a zip bomb is refused from its directory in bounded time and memory, a lying one while inflating', async () => {
    const bomb = cases.find((k) => k.file.endsWith('bombe.xlsx')) as HostileCase;
    const liar = cases.find((k) => k.file.endsWith('bombe-menteuse.xlsx')) as HostileCase;
    const heap = process.memoryUsage().heapUsed;
    await expect(checkWorkbookFile(bomb.file)).rejects.toThrow(/annonce/);
    await expect(checkWorkbookFile(liar.file)).rejects.toThrow(/endommagé/);
    // Nothing of the 3 GiB or of the 64 MiB was kept: what was inflated was discarded chunk by chunk.
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(32 * 1024 * 1024);
  });
});
