import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exportCommand } from '../../src/cli/commands';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { readZipDirectory } from '../../src/xlsx/zip-directory';
import { writeBenchWorkbook } from '../../bench/xlsx-fixture';
import { captureIO, tempDir } from '../support/cli';
import { DICTIONARY } from '../support/dictionary';

/**
 * A workbook made from the template is given its tracking copy at any size (the raw copy streams the passages
 * sheet): the row cap only holds for the exceljs path. The 100 000-row figure is in the bench (`npm run bench`,
 * cli.exportWithTracking); this case is the same workbook shape, smaller, over a cap lowered to match.
 */

const ROWS = 3_000;
const now = new Date('2026-11-23T10:15:00Z');

describe('the tracking copy of a large workbook', () => {
  it('is written by default above the exceljs cap, every row marked, the other parts copied raw', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'grand.xlsx');
    await writeBenchWorkbook(book, ROWS, 'distinct', { tracking: true });
    const io = captureIO();
    const code = await exportCommand(io, book, {
      output: path.join(dir, 'envoi.xml'),
      now,
      trackingCopyMaxRows: 1_000,
    });
    expect(io.stderr.filter((l) => !/^(Lecture|Validation|XML)/.test(l))).toEqual([]);
    expect(code).toBe(0);
    const copy = path.join(dir, 'grand-suivi.xlsx');
    expect(io.stdout.join('\n')).toContain(`Suivi enregistré dans ${copy} : ${ROWS.toLocaleString('fr-FR')}`);
    const data = await readTemplateWorkbook(copy, DICTIONARY);
    expect(data.passages.rows).toHaveLength(ROWS);
    const idFlux = /<cpf:idFlux>([^<]*)</.exec(readFileSync(path.join(dir, 'envoi.xml'), 'utf8'))?.[1];
    expect(new Set(data.passages.rows.map((r) => `${r.tracking?.status}|${r.tracking?.idFlux}`))).toEqual(
      new Set([`Exporté — à déposer|${idFlux}`]),
    );
    expect(data.history?.rows).toHaveLength(1);
    // The shared strings (every name of every row) were not rewritten: same compressed bytes.
    const [a, b] = await Promise.all([book, copy].map((f) => readZipDirectory(f)));
    const sst = (d: typeof a) => d.entries.find((e) => e.name === 'xl/sharedStrings.xml');
    expect(sst(b)).toMatchObject({ crc32: sst(a)?.crc32, compressedSize: sst(a)?.compressedSize });
  });
});
