import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { exportCommand } from '../../src/cli/commands';
import { idsCommand } from '../../src/cli/ids-command';
import { receiptCommand } from '../../src/cli/receipt-command';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, tempDir } from '../support/cli';
import { prng } from '../support/prng';
import { DICTIONARY } from '../support/dictionary';

/**
 * Macro-enabled workbooks (.xlsm): the copies the CLI writes keep the VBA project, its signature and the
 * macro-enabled content type byte for byte (proved by comparing the zip entries), with the code names that
 * bind VBA's document modules; the user's own .xlsm is never rewritten.
 */

const now = new Date('2026-11-23T10:15:00Z');
const MACRO_WORKBOOK = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A filled template saved as Excel saves an .xlsm: a VBA project (opaque bytes here), its signature, code names. */
async function writeMacroWorkbook(file: string, content = EXAMPLE_VALID): Promise<void> {
  const zip = await JSZip.loadAsync(await createTemplateWorkbook(DICTIONARY, content).xlsx.writeBuffer());
  const random = prng(18);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  zip.file('xl/vbaProject.bin', bytes(24_000));
  zip.file('xl/vbaProjectSignature.bin', bytes(2_000));
  zip.file(
    'xl/_rels/vbaProject.bin.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature" Target="vbaProjectSignature.bin"/></Relationships>',
  );
  const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  zip.file(
    '[Content_Types].xml',
    types
      .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', MACRO_WORKBOOK)
      .replace(
        '<Default Extension="xml"',
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"',
      )
      .replace(
        '</Types>',
        '<Override PartName="/xl/vbaProjectSignature.bin" ContentType="application/vnd.ms-office.vbaProjectSignature"/></Types>',
      ),
  );
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  zip.file(
    'xl/_rels/workbook.xml.rels',
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    ),
  );
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  zip.file('xl/workbook.xml', workbook.replace('<workbookPr ', '<workbookPr codeName="ThisWorkbook" '));
  const sheet = (await zip.file('xl/worksheets/sheet2.xml')?.async('string')) ?? '';
  zip.file(
    'xl/worksheets/sheet2.xml',
    sheet.replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr codeName="FeuillePassages"/>'),
  );
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function entries(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(file));
}

async function bytesOf(zip: JSZip, name: string): Promise<Buffer | undefined> {
  return zip.file(name)?.async('nodebuffer');
}

/** The parts that carry the macros are the same, byte for byte, in both files. */
async function expectSameMacros(source: string, copy: string): Promise<void> {
  const [a, b] = await Promise.all([entries(source), entries(copy)]);
  for (const part of ['xl/vbaProject.bin', 'xl/vbaProjectSignature.bin', 'xl/_rels/vbaProject.bin.rels']) {
    const original = await bytesOf(a, part);
    expect(original).toBeDefined();
    expect((await bytesOf(b, part))?.equals(original as Buffer)).toBe(true);
  }
  const types = (await b.file('[Content_Types].xml')?.async('string')) ?? '';
  expect(types).toContain(`<Override PartName="/xl/workbook.xml" ContentType="${MACRO_WORKBOOK}"/>`);
  expect(types).toContain('<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>');
  expect(types).toContain(
    '<Override PartName="/xl/vbaProjectSignature.bin" ContentType="application/vnd.ms-office.vbaProjectSignature"/>',
  );
  expect(await b.file('xl/_rels/workbook.xml.rels')?.async('string')).toMatch(
    /<Relationship [^>]*Type="http:\/\/schemas\.microsoft\.com\/office\/2006\/relationships\/vbaProject" Target="vbaProject\.bin"\/>/,
  );
  expect(await b.file('xl/workbook.xml')?.async('string')).toMatch(/<workbookPr codeName="ThisWorkbook"/);
  expect(await b.file('xl/worksheets/sheet2.xml')?.async('string')).toMatch(
    /<sheetPr codeName="FeuillePassages"/,
  );
}

describe('macro-enabled workbooks (.xlsm)', () => {
  it('the tracking copy of an export is an .xlsm with the same VBA project, signature and content type', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'passages.xlsm');
    await writeMacroWorkbook(book);
    const before = sha(book);
    const io = captureIO();
    expect(await exportCommand(io, book, { output: path.join(dir, 'envoi.xml'), now })).toBe(0);
    const copy = path.join(dir, 'passages-suivi.xlsm');
    expect(io.stdout.join('\n')).toContain(`Suivi enregistré dans ${copy}`);
    await expectSameMacros(book, copy);
    const data = await readTemplateWorkbook(copy, DICTIONARY);
    expect(data.passages.rows.every((r) => r.tracking?.status === 'Exporté — à déposer')).toBe(true);
    expect(sha(book)).toBe(before);
  });

  it('the user’s own .xlsm is never rewritten, even with --remplacer', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'passages.xlsm');
    await writeMacroWorkbook(book);
    const before = sha(book);
    const io = captureIO();
    expect(
      await exportCommand(io, book, {
        output: path.join(dir, 'envoi.xml'),
        now,
        suivi: book,
        remplacer: true,
      }),
    ).toBe(2);
    expect(io.stderr.join()).toMatch(
      /Le classeur .*passages\.xlsm contient des macros : l’outil ne le réécrit jamais lui-même\. Écrivez le suivi dans une copie \(par exemple .*passages-suivi\.xlsm\)/,
    );
    expect(sha(book)).toBe(before);
    expect(readdirSync(dir)).toEqual(['passages.xlsm']);
  });

  it('a copy named .xlsx would lose the macros (Excel refuses macros under .xlsx): refused', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'passages.xlsm');
    await writeMacroWorkbook(book);
    const io = captureIO();
    expect(
      await exportCommand(io, book, {
        output: path.join(dir, 'envoi.xml'),
        now,
        suivi: path.join(dir, 'copie.xlsx'),
      }),
    ).toBe(2);
    expect(io.stderr.join()).toMatch(/contient des macros : sa copie doit porter l’extension \.xlsm/);
    expect(readdirSync(dir)).toEqual(['passages.xlsm']);
  });

  it('the copies written by receipt and ids keep the macros too', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'passages.xlsm');
    await writeMacroWorkbook(book);
    const accuse = path.join(dir, 'accuse.xml');
    const id = String(EXAMPLE_VALID.passages?.[0]['5.1']);
    writeFileSync(
      accuse,
      `<rapport><nomFichier>x.xml</nomFichier><idFlux>f</idFlux><PassagesOK><passage><idTechnique>${id}</idTechnique></passage></PassagesOK><PassagesKO/></rapport>`,
    );
    expect([0, 4]).toContain(await receiptCommand(captureIO(), accuse, book, { now, force: true }));
    await expectSameMacros(book, path.join(dir, 'passages-suivi.xlsm'));
    const ids = path.join(dir, 'ids.xlsm');
    expect(await idsCommand(captureIO(), book, { output: ids })).toBe(0);
    await expectSameMacros(book, ids);
  });
});
