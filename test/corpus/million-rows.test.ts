import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkCommand } from '../../src/cli/commands';
import { buildTemplateLayout } from '../../src/core/template/layout';
import { captureIO, tempDir } from '../support/cli';
import { passage, PARAMETERS } from '../support/corpus';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DICTIONARY } from '../support/dictionary';

/**
 * A sheet of 1 000 000 rows: someone filled a column of their own down to row 1 000 000 (a formula copied
 * down, a note on every line), with two real passages, one at the top and one at the very bottom. The
 * streaming reader goes through every row in bounded memory, and the bottom passage keeps its row number.
 */

const ROWS = 1_000_000;
const layout = buildTemplateLayout(DICTIONARY);

async function writeMillionRows(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: false,
  });
  const parameters = workbook.addWorksheet('Paramètres');
  for (const p of layout.parameters.cells) {
    parameters.addRow([p.label, PARAMETERS[p.field as keyof typeof PARAMETERS]]).commit();
  }
  parameters.commit();
  const sheet = workbook.addWorksheet('Passages');
  const columns = layout.passages.columns;
  sheet.addRow([...columns.map((c) => c.header), 'Remarque']).commit();
  const withPassage = (values: Record<string, ExcelJS.CellValue>, note: string) => [
    ...columns.map((c) => values[c.field] ?? null),
    note,
  ];
  sheet.addRow(withPassage(passage(), 'ok')).commit();
  const empty = columns.map(() => null);
  for (let row = 3; row < ROWS; row++) sheet.addRow([...empty, row]).commit();
  sheet.addRow(withPassage(passage({ '5.1': 'EX-LAST', '8.9': 'H' }), 'dernière')).commit();
  sheet.commit();
  await workbook.commit();
}

/** A full garbage collection, without starting jest with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

describe('a sheet of 1 000 000 rows', () => {
  it('is checked to its last row, in bounded memory, and the input file stays untouched', async () => {
    const file = path.join(tempDir('corpus-million-'), 'million.xlsx');
    await writeMillionRows(file);
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;

    const io = captureIO();
    expect(await checkCommand(io, file, {})).toBe(1);
    expect(io.stdout).toContain(
      `ERREUR Passages, ligne ${ROWS}, colonne ${layout.passages.columns.find((c) => c.field === '8.9')?.column} « Sexe » (8.9) : « H » ne fait pas partie de la liste. Choisissez l'une des valeurs : M, F.`,
    );
    expect(io.stdout.at(-1)).toMatch(/^1 erreur, \d+ avertissements? sur 2 passages \(1 certification\)\.$/);
    expect(io.stderr.some((line) => /^Lecture… 1\s000\s000 lignes$/.test(line))).toBe(true);
    // Rows are not kept: a million read rows leave the heap about where it was (measured after a collection,
    // so garbage not yet collected under load does not count as kept).
    collectGarbage();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);

    // Export reads the same way (one pass of ~10 s more); refusing it is covered by the smaller cases.
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  }, 180_000);
});
