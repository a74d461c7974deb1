import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { exportCommand } from '../../src/cli/commands';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { prepareExport } from '../../src/core/export/export';
import { buildFluxXml } from '../../src/core/xml/flux-writer';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { buildTemplateLayout } from '../../src/core/template/layout';
import { captureIO, OFFICIAL_XSD, tempDir } from '../support/cli';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { DICTIONARY } from '../support/dictionary';

const now = new Date('2026-11-23T10:15:00Z');
const layout = buildTemplateLayout(DICTIONARY);
const idsIn = (xml: string) => [...xml.matchAll(/<cpf:idTechnique>([^<]*)</g)].map((m) => m[1]);

async function example(dir: string): Promise<string> {
  const file = path.join(dir, 'passages.xlsx');
  await createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID).xlsx.writeFile(file);
  return file;
}

describe('accrochage export --mode', () => {
  it('"non-envoyes" sends nothing twice: after a first send it refuses, saying why', async () => {
    const dir = tempDir();
    const book = await example(dir);
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    expect(
      await exportCommand(captureIO(), book, { output: path.join(dir, 'a.xml'), now, mode: 'non-envoyes' }),
    ).toBe(0);
    const io = captureIO();
    expect(
      await exportCommand(io, suivi, {
        output: path.join(dir, 'b.xml'),
        now,
        mode: 'non-envoyes',
        suivi,
        remplacer: true,
      }),
    ).toBe(1);
    expect(io.stdout.join('\n')).toMatch(
      /Aucun passage à exporter en mode « non envoyés » \(9 exportés à déposer\)/,
    );
    expect(readdirSync(dir).filter((f) => f.endsWith('.xml'))).toEqual(['a.xml']);
  });

  it('without --mode, a workbook already sent exports only what was never sent, like the pane', async () => {
    const dir = tempDir();
    const book = await example(dir);
    const suivi = path.join(dir, 'passages-suivi.xlsx');
    const first = captureIO();
    expect(await exportCommand(first, book, { output: path.join(dir, 'a.xml'), now })).toBe(0);
    expect(first.stdout.join('\n')).not.toMatch(/déjà un statut CDC/);
    // Every row now says « Exporté — à déposer »: exporting the tracking copy again must not send them twice.
    const again = captureIO();
    expect(
      await exportCommand(again, suivi, { output: path.join(dir, 'b.xml'), now, suivi, remplacer: true }),
    ).toBe(1);
    expect(again.stdout.join('\n')).toMatch(
      /déjà un statut CDC : seuls ceux qui n’ont pas encore été envoyés/,
    );
    expect(again.stdout.join('\n')).toMatch(/Aucun passage à exporter en mode « non envoyés »/);
    expect(existsSync(path.join(dir, 'b.xml'))).toBe(false);
    // Asked for explicitly, everything goes out again.
    expect(
      await exportCommand(captureIO(), suivi, {
        output: path.join(dir, 'c.xml'),
        now,
        mode: 'tous',
        suivi,
        remplacer: true,
      }),
    ).toBe(0);
    expect(idsIn(readFileSync(path.join(dir, 'c.xml'), 'utf8'))).toHaveLength(9);
  });

  it('refuses an unknown mode or a bad --max-passages before reading anything', async () => {
    const io = captureIO();
    expect(await exportCommand(io, 'absent.xlsx', { mode: 'certains' })).toBe(2);
    expect(io.stderr.join()).toMatch(/tous, non-envoyes ou rejetes/);
    expect(await exportCommand(captureIO(), 'absent.xlsx', { maxPassages: '0' })).toBe(2);
  });
});

describe('accrochage export --max-passages', () => {
  it('writes several valid files, each with its own idFlux, all in the history', async () => {
    const dir = tempDir();
    const book = await example(dir);
    const io = captureIO();
    expect(
      await exportCommand(io, book, { output: path.join(dir, 'envoi.xml'), now, maxPassages: '4' }),
    ).toBe(0);
    const files = ['envoi-1.xml', 'envoi-2.xml', 'envoi-3.xml'];
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.xml'))
        .sort(),
    ).toEqual(files);
    const xmls = files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
    expect(xmls.map((x) => idsIn(x).length)).toEqual([4, 4, 1]);
    expect(new Set(xmls.map((x) => /<cpf:idFlux>([^<]*)</.exec(x)?.[1])).size).toBe(3);
    for (const xml of xmls) expect(validateWithNativeXmllint(xml, OFFICIAL_XSD).valid).toBe(true);
    expect(io.stdout.join('\n')).toMatch(/9 passages répartis en 3 fichiers/);
    const data = await readTemplateWorkbook(path.join(dir, 'passages-suivi.xlsx'), DICTIONARY);
    expect(data.history?.rows.map((r) => [r.cells.fileName, r.cells.passages])).toEqual([
      ['envoi-1.xml', 4],
      ['envoi-2.xml', 4],
      ['envoi-3.xml', 1],
    ]);
  });

  it('writes each file byte for byte as the string writer writes the same part', async () => {
    const dir = tempDir();
    const book = await example(dir);
    const options = { now, idFlux: 'id-test', maxBytes: 9000 };
    expect(await exportCommand(captureIO(), book, { output: path.join(dir, 'envoi.xml'), ...options })).toBe(
      0,
    );
    const data = await readTemplateWorkbook(book, DICTIONARY);
    const preparation = prepareExport(data, {
      dictionary: DICTIONARY,
      now,
      idFlux: 'id-test',
      maxBytesPerFile: 9000,
    });
    if (!preparation.ok) throw new Error('refused');
    const { parts } = preparation.prepared;
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      const written = readFileSync(path.join(dir, `envoi-${i + 1}.xml`));
      expect(written.equals(Buffer.from(buildFluxXml(part.flux, DICTIONARY), 'utf8'))).toBe(true);
    }
  });

  it('splits by the bytes it writes when a file would be over the cap', async () => {
    const dir = tempDir();
    const book = await example(dir);
    expect(
      await exportCommand(captureIO(), book, { output: path.join(dir, 'envoi.xml'), now, maxBytes: 9000 }),
    ).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const bytes = readFileSync(path.join(dir, f));
      expect(bytes.byteLength).toBeLessThanOrEqual(9000);
      expect(validateWithNativeXmllint(bytes, OFFICIAL_XSD).valid).toBe(true);
    }
  });
});

describe('accrochage export --xsd (the official XSD from the CDC portal)', () => {
  it('validates against the official XSD as well, and says so', async () => {
    const dir = tempDir();
    const io = captureIO();
    expect(
      await exportCommand(io, await example(dir), {
        output: path.join(dir, 'e.xml'),
        now,
        xsd: OFFICIAL_XSD,
      }),
    ).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Valide selon le XSD 1\.1\.2 et le XSD officiel fourni/);
  });

  it('warns plainly about a newer version, and refuses what the newer XSD rejects', async () => {
    const dir = tempDir();
    const stricter = path.join(dir, 'cdc-1.1.5.xsd');
    // A stand-in for a newer schema: same namespace, version 1.1.5, and sexe limited to "F".
    writeFileSync(
      stricter,
      readFileSync(OFFICIAL_XSD, 'utf8')
        .replace('version="1.1.2"', 'version="1.1.5"')
        .replace(/<xsd:enumeration value="M"\s*\/>/, ''),
    );
    const io = captureIO();
    expect(
      await exportCommand(io, await example(dir), { output: path.join(dir, 'e.xml'), now, xsd: stricter }),
    ).toBe(1);
    expect(io.stdout.join('\n')).toMatch(
      /version 1\.1\.5 ; cet outil produit des fichiers au format 1\.1\.2/,
    );
    expect(io.stderr.join()).toMatch(/ne passe pas le XSD officiel fourni/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.xml'))).toEqual([]);
  });

  it('refuses an XSD of another namespace before writing anything', async () => {
    const dir = tempDir();
    const other = path.join(dir, 'autre.xsd');
    writeFileSync(
      other,
      readFileSync(OFFICIAL_XSD, 'utf8').replace(
        /urn:cdc:cpf:pc5:schema:1\.0\.0/g,
        'urn:cdc:cpf:pc5:schema:2.0.0',
      ),
    );
    const io = captureIO();
    expect(
      await exportCommand(io, await example(dir), { output: path.join(dir, 'e.xml'), now, xsd: other }),
    ).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/schema:2\.0\.0/);
    expect(readdirSync(dir).sort()).toEqual(['autre.xsd', 'passages.xlsx']);
  });
});

describe('accrochage export --suivi', () => {
  it('does not overwrite an existing default tracking copy, and writes where --suivi says', async () => {
    const dir = tempDir();
    const book = await example(dir);
    writeFileSync(path.join(dir, 'passages-suivi.xlsx'), 'historique précieux');
    const io = captureIO();
    // The XML is still written; the existing copy is left alone and the message says how to record the send.
    expect(await exportCommand(io, book, { output: path.join(dir, 'e.xml'), now })).toBe(0);
    expect(existsSync(path.join(dir, 'e.xml'))).toBe(true);
    expect(io.stdout.join()).toMatch(/Suivi non enregistré : .*existe déjà.*--suivi/);
    expect(readFileSync(path.join(dir, 'passages-suivi.xlsx'), 'utf8')).toBe('historique précieux');
    // Updating the workbook itself needs --remplacer: without it, nothing is written at all.
    const refused = captureIO();
    const before = readFileSync(book);
    expect(await exportCommand(refused, book, { output: path.join(dir, 'f.xml'), now, suivi: book })).toBe(2);
    expect(refused.stderr.join()).toMatch(
      /--suivi .*passages\.xlsx est aussi un fichier que la commande lit.*--remplacer/,
    );
    expect(readFileSync(book)).toEqual(before);
    expect(existsSync(path.join(dir, 'f.xml'))).toBe(false);
    expect(
      await exportCommand(captureIO(), book, {
        output: path.join(dir, 'e.xml'),
        now,
        suivi: book,
        remplacer: true,
      }),
    ).toBe(0);
    const data = await readTemplateWorkbook(book, DICTIONARY);
    expect(data.passages.rows.every((r) => r.tracking?.status === 'Exporté — à déposer')).toBe(true);
  });

  it('writes the default tracking copy of a large workbook made from the template (raw copy, no row cap)', async () => {
    const dir = tempDir();
    const book = await example(dir);
    const io = captureIO();
    // 9 rows over a cap of 2: the cap applies only to workbooks that need the exceljs path.
    expect(
      await exportCommand(io, book, { output: path.join(dir, 'f.xml'), now, trackingCopyMaxRows: 2 }),
    ).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Suivi enregistré dans .*passages-suivi\.xlsx : 9 lignes marquées/);
    const data = await readTemplateWorkbook(path.join(dir, 'passages-suivi.xlsx'), DICTIONARY);
    expect(data.passages.rows.every((r) => r.tracking?.status === 'Exporté — à déposer')).toBe(true);
  });

  it('skips the default copy of a very large older workbook (exceljs path), says so, and writes it when --suivi asks', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'passages.xlsx');
    // A workbook older than the round-trip columns: its copy must add them, which only the exceljs path does.
    const workbook = createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID);
    const sheet = workbook.getWorksheet(layout.passages.name) as ExcelJS.Worksheet;
    for (const c of layout.passages.trackingColumns) sheet.getCell(`${c.column}1`).value = null;
    await workbook.xlsx.writeFile(book);
    const io = captureIO();
    const out = path.join(dir, 'f.xml');
    expect(await exportCommand(io, book, { output: out, now, trackingCopyMaxRows: 2 })).toBe(0);
    expect(io.stdout.join('\n')).toMatch(
      /Suivi non enregistré : ce classeur n’a pas toutes les colonnes de suivi.*au-delà de 2 lignes.*--suivi/,
    );
    expect(existsSync(path.join(dir, 'passages-suivi.xlsx'))).toBe(false);
    expect(existsSync(out)).toBe(true);
    const suivi = path.join(dir, 'suivi-demande.xlsx');
    const asked = captureIO();
    expect(
      await exportCommand(asked, book, {
        output: path.join(dir, 'g.xml'),
        now,
        suivi,
        trackingCopyMaxRows: 2,
      }),
    ).toBe(0);
    const data = await readTemplateWorkbook(suivi, DICTIONARY);
    expect(data.passages.rows.every((r) => r.tracking?.status === 'Exporté — à déposer')).toBe(true);
  });
});
