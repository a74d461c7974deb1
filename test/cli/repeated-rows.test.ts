import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkCommand, exportCommand } from '../../src/cli/commands';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import type { CellValue } from '../../src/core/model/types';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, tempDir } from '../support/cli';
import { DICTIONARY } from '../support/dictionary';

/**
 * `check` and `export` on rows that repeat each other: one printed line per group, naming the first rows and
 * counting the others, however many rows share one idTechnique or one person; every row is still in --json.
 * Sizes here are small enough for CI; 100 000 rows, timed against distinct rows, are in `npm run bench`.
 */

const now = new Date('2026-11-23T10:15:00Z');
const base = EXAMPLE_VALID.passages?.[0] as Record<string, CellValue>;

async function writeRows(rows: readonly Record<string, CellValue>[]): Promise<string> {
  const file = path.join(tempDir(), 'passages.xlsx');
  await createTemplateWorkbook(DICTIONARY, {
    parameters: EXAMPLE_VALID.parameters,
    passages: [...rows],
  }).xlsx.writeFile(file);
  return file;
}

/** A first name of letters only (digits would be warned about): Ab, Ac… */
function firstName(i: number): string {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / 26)) name = String.fromCharCode(97 + (n % 26)) + name;
  return `A${name}`;
}

/** `count` passages of `base`, different people with different ids unless `change` says otherwise. */
function rows(count: number, change: (i: number) => Record<string, CellValue>): Record<string, CellValue>[] {
  return Array.from({ length: count }, (_v, i) => ({
    ...base,
    '5.1': `ID-${i}`,
    '8.3': firstName(i),
    ...change(i),
  }));
}

const groupLines = (lines: readonly string[], text: string) => lines.filter((l) => l.includes(text));

describe('repeated rows on the command line', () => {
  it('prints 5 rows sharing an identifier as one line that names the 4 others', async () => {
    const io = captureIO();
    const file = await writeRows(rows(6, (i) => (i < 5 ? { '5.1': 'MEME' } : {})));
    expect(await checkCommand(io, file, { today: now })).toBe(1);
    const lines = groupLines(io.stdout, 'MEME');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^ERREUR Passages, ligne 2, .*« MEME » est aussi utilisé aux lignes 3, 4, 5 et 6\./,
    );
    expect(io.stdout.join('\n')).toMatch(/^5 erreurs/m);
  });

  it('checks 2 000 rows sharing one identifier with a bounded output, every row in --json', async () => {
    const file = await writeRows(rows(2000, () => ({ '5.1': 'MEME' })));
    const io = captureIO();
    expect(await checkCommand(io, file, { today: now })).toBe(1);
    const text = io.stdout.join('\n');
    expect(text.length).toBeLessThan(5000);
    expect(groupLines(io.stdout, 'MEME')).toEqual([
      expect.stringMatching(/aux lignes 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 et 1\u202f989 autres\./),
    ]);
    expect(text).not.toMatch(/non affichés/);

    const json = captureIO();
    expect(await checkCommand(json, file, { json: true, today: now })).toBe(1);
    const issues = JSON.parse(json.stdout.join('\n')) as { row: number; message: string; group?: string }[];
    expect(issues).toHaveLength(2000);
    expect(new Set(issues.map((i) => i.group))).toEqual(new Set(['duplicateIdTechnique@2']));
    expect(Math.max(...issues.map((i) => i.message.length))).toBeLessThan(400);
  });

  it('refuses to export them with the same single line, writing nothing', async () => {
    const file = await writeRows(rows(2000, () => ({ '5.1': 'MEME' })));
    const dir = path.dirname(file);
    const io = captureIO();
    expect(await exportCommand(io, file, { now, output: path.join(dir, 'flux.xml') })).toBe(1);
    expect(groupLines(io.stdout, 'MEME')).toHaveLength(1);
    expect(io.stdout.join('\n').length).toBeLessThan(5000);
    expect(readdirSync(dir)).toEqual(['passages.xlsx']);
  });

  it('exports 2 000 passages of one person, warning once for the group', async () => {
    const file = await writeRows(rows(2000, () => ({ '8.3': base['8.3'] })));
    const output = path.join(path.dirname(file), 'flux.xml');
    const io = captureIO();
    expect(await exportCommand(io, file, { now, output })).toBe(0);
    expect(existsSync(output)).toBe(true);
    const warnings = groupLines(io.stdout, 'la même personne a déjà ce passage');
    expect(warnings).toEqual([
      expect.stringMatching(/^ATTENTION Passages, ligne 2, .*aux lignes 3, 4, .*, 12 et 1\u202f989 autres :/),
    ]);
    expect(io.stdout.join('\n').length).toBeLessThan(5000);
  });
});
