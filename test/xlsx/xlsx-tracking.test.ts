import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { buildTemplateLayout } from '../../src/core/template/layout';
import type { TrackingChanges, TrackingUpdate, TrackingValues } from '../../src/core/tracking/types';
import { sameMacros } from '../../src/xlsx/macro-parts';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { TrackingWriteError, writeTrackingCopy } from '../../src/xlsx/xlsx-tracking';
import { checkWorkbookFile } from '../../src/xlsx/workbook-file-guard';
import { readZipDirectory } from '../../src/xlsx/zip-directory';
import { tempDir } from '../support/cli';
import { prng } from '../support/prng';
import { DICTIONARY } from '../support/dictionary';

/**
 * The tracking copy written by raw zip copy and patch (xlsx-tracking-patch.ts) against the exceljs path
 * (applyTrackingChanges): same values and number formats read back, other parts byte for byte, nothing written
 * when a row changed, and the odd sheets it does not patch left to the exceljs path, never a broken file.
 */

const layout = buildTemplateLayout(DICTIONARY);
const ids = (EXAMPLE_VALID.passages ?? []).map((p) => String(p['5.1']));
const trackingColumn = (key: string) =>
  layout.passages.trackingColumns.find((c) => c.key === key)?.column as string;
const HORODATAGE = '2026-11-23T11:15:00+01:00';

function update(row: number, values: Partial<TrackingValues> = {}): TrackingUpdate {
  return {
    row,
    idTechnique: ids[row - 2],
    values: { status: 'exported', message: '', action: '', statusDate: HORODATAGE, ...values },
  };
}

/** Changes touching every kind of cell: formula-like text, XML specials, emoji, line breaks, cleared cells. */
const CHANGES: TrackingChanges = {
  updates: [
    update(2, {
      message: '=SOMME(A1:A3)',
      action: '+33 1 23 45 67 89',
      idFlux: 'f-1',
      fingerprint: 'v1-abc',
    }),
    update(3, {
      status: 'rejected',
      message: '@cdc <&"\'> 🎉 rejet',
      action: 'ligne 1\nligne 2',
      lastRejection: '-ancien',
    }),
    update(4, { status: 'accepted', message: '', action: '', idFlux: 'f-1' }),
    update(5, { status: 'deposited', message: '  espaces autour  ', action: '\ttabulé' }),
    update(7, {
      status: 'exported',
      idFlux: 'f-2',
      fingerprint: 'v1-def',
      lastRejection: 'Plusieurs titulaires',
    }),
  ],
  history: [
    { idFlux: 'f-2', dateTime: HORODATAGE, fileName: 'envoi <2>.xml', passages: 2, mode: 'rejected' },
  ],
  historyResults: [
    { idFlux: 'f-1', result: 'KO : 1 passage rejeté' },
    { fileName: 'autre.xml', result: '=rapport XSD' },
  ],
};

/** The filled template, with tracking cells already set on some rows and an earlier send in the history. */
async function templateBook(dir: string, name = 'passages.xlsx'): Promise<string> {
  const workbook = createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID);
  const sheet = workbook.getWorksheet(layout.passages.name) as ExcelJS.Worksheet;
  sheet.getCell(`${trackingColumn('status')}3`).value = 'Exporté — à déposer';
  sheet.getCell(`${trackingColumn('message')}4`).value = 'ancien message';
  sheet.getCell(`${trackingColumn('idFlux')}4`).value = 'f-1';
  sheet.getCell(`${trackingColumn('fingerprint')}7`).value = 'v1-old';
  const history = workbook.getWorksheet(layout.history.name) as ExcelJS.Worksheet;
  history.getCell('A2').value = 'f-1';
  history.getCell('C2').value = 'envoi-1.xml';
  history.getCell('D2').value = 4;
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

interface CellSeen {
  value: unknown;
  numFmt: string | undefined;
}

/** Every cell of the round-trip columns and of the history sheet, read back with exceljs's full reader. */
async function readBack(file: string): Promise<Record<string, CellSeen>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const out: Record<string, CellSeen> = {};
  const passages = workbook.getWorksheet(layout.passages.name) as ExcelJS.Worksheet;
  for (let row = 1; row <= ids.length + 1; row++)
    for (const c of layout.passages.trackingColumns) {
      const cell = passages.getCell(`${c.column}${row}`);
      out[`P!${c.column}${row}`] = {
        value: cell.value,
        numFmt: cell.value === null ? undefined : cell.numFmt,
      };
    }
  const history = workbook.getWorksheet(layout.history.name) as ExcelJS.Worksheet;
  for (let row = 1; row <= 6; row++)
    for (const c of layout.history.columns) {
      const cell = history.getCell(`${c.column}${row}`);
      out[`H!${c.column}${row}`] = {
        value: cell.value,
        numFmt: cell.value === null ? undefined : cell.numFmt,
      };
    }
  return out;
}

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The file is a sound zip (our own check and, when installed, Info-ZIP's) that exceljs opens. */
async function expectSound(file: string): Promise<void> {
  await expect(checkWorkbookFile(file)).resolves.toBeDefined();
  if (hasUnzip) expect(() => execFileSync('unzip', ['-tq', file], { stdio: 'pipe' })).not.toThrow();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.getWorksheet(layout.passages.name)).toBeDefined();
}

/** Rewrites one part of a zip (test fixtures only). */
async function editPart(file: string, part: string, edit: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = (await zip.file(part)?.async('string')) as string;
  const edited = edit(xml);
  expect(edited).not.toBe(xml);
  zip.file(part, edited);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

const PASSAGES_PART = 'xl/worksheets/sheet2.xml';

/** The compressed bytes of every entry, by name. */
async function rawEntries(file: string): Promise<Map<string, Buffer>> {
  const directory = await readZipDirectory(file);
  const bytes = readFileSync(file);
  const out = new Map<string, Buffer>();
  for (const entry of directory.entries) {
    const nameLength = bytes.readUInt16LE(entry.localHeaderOffset + 26);
    const extraLength = bytes.readUInt16LE(entry.localHeaderOffset + 28);
    const start = entry.localHeaderOffset + 30 + nameLength + extraLength;
    out.set(entry.name, bytes.subarray(start, start + entry.compressedSize));
  }
  return out;
}

describe('the raw tracking copy writes what the exceljs path writes', () => {
  it('same values and number formats, read back cell by cell and by the reader', async () => {
    const dir = tempDir();
    const book = await templateBook(dir);
    const raw = path.join(dir, 'raw.xlsx');
    const viaExcelJs = path.join(dir, 'exceljs.xlsx');
    const fast = await writeTrackingCopy(book, raw, CHANGES, DICTIONARY);
    expect(fast).toMatchObject({ writer: 'raw', rowsUpdated: 5, historyRowsAdded: 2 });
    const slow = await writeTrackingCopy(book, viaExcelJs, CHANGES, DICTIONARY, { exceljsOnly: true });
    expect(slow).toMatchObject({ writer: 'exceljs', rowsUpdated: 5, historyRowsAdded: 2 });
    await expectSound(raw);

    const [a, b] = await Promise.all([readBack(raw), readBack(viaExcelJs)]);
    expect(a).toEqual(b);
    // What the changes say, so that both paths being wrong the same way would still fail.
    expect(a[`P!${trackingColumn('message')}2`].value).toBe('=SOMME(A1:A3)');
    expect(a[`P!${trackingColumn('message')}3`].value).toBe('@cdc <&"\'> 🎉 rejet');
    expect(a[`P!${trackingColumn('action')}3`].value).toBe('ligne 1\nligne 2');
    expect(a[`P!${trackingColumn('message')}4`].value).toBeNull();
    expect(a[`P!${trackingColumn('message')}5`].value).toBe('  espaces autour  ');
    expect(a[`P!${trackingColumn('statusDate')}2`]).toEqual({
      value: new Date('2026-11-23T11:15:00Z'),
      numFmt: 'dd/mm/yyyy hh:mm',
    });
    expect(a['H!F2'].value).toBe('KO : 1 passage rejeté');
    expect(a['H!C3'].value).toBe('envoi <2>.xml');
    expect(a['H!F4'].value).toBe('=rapport XSD');

    // The CLI's own reader (streaming) sees the same round trip in both.
    const [ra, rb] = await Promise.all([raw, viaExcelJs].map((f) => readTemplateWorkbook(f, DICTIONARY)));
    expect(ra.passages.rows.map((r) => r.tracking)).toEqual(rb.passages.rows.map((r) => r.tracking));
    expect(ra.history).toEqual(rb.history);
    // No formula anywhere in what was written.
    const sheet = await (await JSZip.loadAsync(readFileSync(raw))).file(PASSAGES_PART)?.async('string');
    expect(sheet).not.toMatch(/<f[ >]/);
  });

  it('characters XML cannot carry are escaped as Excel does, never a broken file', async () => {
    const dir = tempDir();
    const book = await templateBook(dir);
    const raw = path.join(dir, 'raw.xlsx');
    const text = 'bip\u0007 cr\r\nfin \u0001 _x0041_ \ud800 seul';
    const summary = await writeTrackingCopy(
      book,
      raw,
      { updates: [update(2, { message: text })] },
      DICTIONARY,
    );
    expect(summary.writer).toBe('raw');
    await expectSound(raw);
    const data = await readTemplateWorkbook(raw, DICTIONARY);
    expect(data.passages.rows[0].tracking?.message).toBe('bip\u0007 cr\r\nfin \u0001 _x0041_ \ufffd seul');
  });

  it('a text spelling out an XML entity goes through the exceljs path (shared strings), read back as typed', async () => {
    const dir = tempDir();
    const book = await templateBook(dir);
    const raw = path.join(dir, 'raw.xlsx');
    const summary = await writeTrackingCopy(
      book,
      raw,
      { updates: [update(2, { message: 'A &amp; B' })] },
      DICTIONARY,
    );
    expect(summary).toMatchObject({ writer: 'exceljs', fallbackReason: 'a text spells out an XML entity' });
    const data = await readTemplateWorkbook(raw, DICTIONARY);
    expect(data.passages.rows[0].tracking?.message).toBe('A &amp; B');
  });
});

describe('the raw copy keeps every other part byte for byte', () => {
  it('an .xlsm: every entry but the patched sheets is the same compressed bytes, and the VBA project survives', async () => {
    const dir = tempDir();
    const book = await templateBook(dir, 'macros.xlsm');
    const zip = await JSZip.loadAsync(readFileSync(book));
    const random = prng(17);
    zip.file(
      'xl/vbaProject.bin',
      Buffer.from(Array.from({ length: 30_000 }, () => Math.floor(random() * 256))),
    );
    const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) as string;
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
    const types = (await zip.file('[Content_Types].xml')?.async('string')) as string;
    zip.file(
      '[Content_Types].xml',
      types.replace(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
      ),
    );
    // Data descriptors (bit 3), as some zip tools write: the copy must carry the sizes in its own headers.
    writeFileSync(
      book,
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true }),
    );
    expect((await readZipDirectory(book)).entries.some((e) => (e.flags & 0x8) !== 0)).toBe(true);

    const copy = path.join(dir, 'copie.xlsm');
    expect((await writeTrackingCopy(book, copy, CHANGES, DICTIONARY)).writer).toBe('raw');
    await expectSound(copy);
    const [before, after] = await Promise.all([rawEntries(book), rawEntries(copy)]);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const patched = [PASSAGES_PART, 'xl/worksheets/sheet4.xml'];
    for (const [name, bytes] of before) {
      if (patched.includes(name)) expect(after.get(name)?.equals(bytes)).toBe(false);
      else expect({ name, same: after.get(name)?.equals(bytes) }).toEqual({ name, same: true });
    }
    expect((await readZipDirectory(copy)).entries.every((e) => (e.flags & 0x8) === 0)).toBe(true);
    expect(await sameMacros(book, copy)).toBe(true);
  });
});

describe('nothing is written when a row changed since it was read', () => {
  it('a row whose idTechnique changed: French error naming the row and the sheet, no file', async () => {
    const dir = tempDir();
    const book = await templateBook(dir);
    // The user renamed the Passages sheet and retyped one id: the sheet is found by its header all the same.
    await editPart(book, 'xl/workbook.xml', (xml) => xml.replace('name="Passages"', 'name="Mes passages"'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    const sheet = workbook.getWorksheet('Mes passages') as ExcelJS.Worksheet;
    const idColumn = layout.passages.columns.find((c) => c.field === '5.1')?.column as string;
    sheet.getCell(`${idColumn}5`).value = 'AUTRE-ID';
    await workbook.xlsx.writeFile(book);
    const out = path.join(dir, 'copie.xlsx');
    const changes: TrackingChanges = { updates: [update(2), update(5), update(6)] };
    const refused = writeTrackingCopy(book, out, changes, DICTIONARY);
    await expect(refused).rejects.toBeInstanceOf(TrackingWriteError);
    await expect(writeTrackingCopy(book, out, changes, DICTIONARY)).rejects.toThrow(
      `La ligne 5 de la feuille « Mes passages » ne porte plus l'identifiant technique « ${ids[3]} » : le classeur a changé depuis sa lecture. Rien n'a été écrit ; recommencez.`,
    );
    expect(existsSync(out)).toBe(false);
    // The renamed sheet is patched by the raw copy when nothing changed.
    const ok = await writeTrackingCopy(book, out, { updates: [update(2), update(6)] }, DICTIONARY);
    expect(ok.writer).toBe('raw');
    expect((await readTemplateWorkbook(out, DICTIONARY)).passages.rows[4].tracking?.status).toBe(
      'Exporté — à déposer',
    );
  });
});

describe('odd sheets: patched correctly or left to the exceljs path, never a broken file', () => {
  async function oddBook(edit: (xml: string) => string): Promise<{ dir: string; book: string }> {
    const dir = tempDir();
    const book = await templateBook(dir);
    await editPart(book, PASSAGES_PART, edit);
    return { dir, book };
  }

  it('a row and cells without r, an inline-string id: patched, every cell where it was', async () => {
    const { dir, book } = await oddBook((xml) =>
      xml
        // Row 3 loses its number and its cells their references (each follows the one before).
        .replace(/<row r="3"([^>]*)>([\s\S]*?)<\/row>/, (_m, attrs: string, cells: string) => {
          let column = 0;
          const filled = cells.replace(/<c r="([A-Z]+)3"/g, (_c, letters: string) => {
            const index =
              letters.length === 1
                ? letters.charCodeAt(0) - 65
                : (letters.charCodeAt(0) - 64) * 26 + letters.charCodeAt(1) - 65;
            const gap = index - column;
            column = index + 1;
            return '<c/>'.repeat(gap) + '<c';
          });
          return `<row${attrs}>${filled}</row>`;
        })
        // Row 4's id as an inline string.
        .replace(
          /<c r="D4"([^>]*?) t="s"><v>\d+<\/v><\/c>/,
          `<c r="D4"$1 t="inlineStr"><is><t>${ids[2]}</t></is></c>`,
        ),
    );
    const xml = await (await JSZip.loadAsync(readFileSync(book))).file(PASSAGES_PART)?.async('string');
    expect(xml).toMatch(/<row spans[^>]*><c s="6" t="s">/);
    expect(xml).toMatch(/<c r="D4" s="6" t="inlineStr">/);
    // exceljs's full reader cannot open this input (a row without r): only the raw copy can write it. Its output is
    // compared with the raw copy of the plain template, itself proved equal to the exceljs path above.
    const raw = path.join(dir, 'raw.xlsx');
    expect((await writeTrackingCopy(book, raw, CHANGES, DICTIONARY)).writer).toBe('raw');
    await expectSound(raw);
    const plain = path.join(dir, 'plain.xlsx');
    await writeTrackingCopy(await templateBook(tempDir()), plain, CHANGES, DICTIONARY);
    expect(await readBack(raw)).toEqual(await readBack(plain));
    const [ra, rb] = await Promise.all([raw, plain].map((f) => readTemplateWorkbook(f, DICTIONARY)));
    expect(ra.passages.rows).toEqual(rb.passages.rows);
  });

  it.each([
    [
      'cells out of order',
      (xml: string) => xml.replace(/(<c r="A2"[^>]*>[\s\S]*?<\/c>)(<c r="B2"[^>]*>[\s\S]*?<\/c>)/, '$2$1'),
      'row 2: cells out of order',
    ],
    [
      'a merged range over a round-trip cell',
      (xml: string) =>
        xml.replace(
          '</sheetData>',
          `</sheetData><mergeCells count="1"><mergeCell ref="${trackingColumn('message')}3:${trackingColumn('action')}3"/></mergeCells>`,
        ),
      'a cell to write is in a merged range or an array formula',
    ],
    [
      'a shared formula whose master is a round-trip cell',
      (xml: string) =>
        xml.replace(
          new RegExp(`<c r="${trackingColumn('message')}2"[^>]*/>`),
          `<c r="${trackingColumn('message')}2" s="6" t="str"><f t="shared" ref="${trackingColumn('message')}2:${trackingColumn('message')}3" si="0">"x"</f><v>x</v></c>`,
        ),
      `shared formula master in ${trackingColumn('message')}2`,
    ],
  ])('%s: left to the exceljs path, which writes a sound file', async (_what, edit, reason) => {
    const { dir, book } = await oddBook(edit);
    const out = path.join(dir, 'copie.xlsx');
    const summary = await writeTrackingCopy(book, out, { updates: [update(2), update(3)] }, DICTIONARY);
    expect(summary).toMatchObject({ writer: 'exceljs', fallbackReason: reason });
    await expectSound(out);
    expect((await readTemplateWorkbook(out, DICTIONARY)).passages.rows[1].tracking?.status).toBe(
      'Exporté — à déposer',
    );
  });

  it('a workbook without the round-trip columns or the history sheet: exceljs path, which adds them', async () => {
    const dir = tempDir();
    const workbook = createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID);
    workbook.removeWorksheet((workbook.getWorksheet(layout.history.name) as ExcelJS.Worksheet).id);
    const book = path.join(dir, 'ancien.xlsx');
    await workbook.xlsx.writeFile(book);
    const out = path.join(dir, 'copie.xlsx');
    const summary = await writeTrackingCopy(book, out, CHANGES, DICTIONARY);
    expect(summary).toMatchObject({
      writer: 'exceljs',
      fallbackReason: 'no history sheet',
      historySheetAdded: true,
    });
    // Statuses alone need no history: the raw copy applies.
    const statuses = await writeTrackingCopy(
      book,
      path.join(dir, 'statuts.xlsx'),
      { updates: [update(2)] },
      DICTIONARY,
    );
    expect(statuses.writer).toBe('raw');
  });
});
