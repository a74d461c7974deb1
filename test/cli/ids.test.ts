import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { idsCommand } from '../../src/cli/ids-command';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, tempDir } from '../support/cli';
import { validPassage, VALID_PARAMETERS } from '../support/workbook';
import { DICTIONARY } from '../support/dictionary';

async function writeWorkbook(dir: string, passages: Record<string, unknown>[]): Promise<string> {
  const file = path.join(dir, 'passages.xlsx');
  const content = { parameters: VALID_PARAMETERS, passages } as Parameters<typeof createTemplateWorkbook>[1];
  await createTemplateWorkbook(DICTIONARY, content).xlsx.writeFile(file);
  return file;
}

const ids =
  (...values: string[]) =>
  () =>
    values.shift() as string;

describe('accrochage ids', () => {
  it('fills the missing idTechnique in a copy, keeps existing ones and never touches the input', async () => {
    const dir = tempDir();
    const input = await writeWorkbook(dir, [
      validPassage({ '5.1': 'EXISTANT-1' }),
      validPassage({ '5.1': '', '8.3': 'Zoé' }),
      validPassage({ '5.1': '', '8.3': 'Inès' }),
    ]);
    const before = readFileSync(input);
    const output = path.join(dir, 'avec-ids.xlsx');
    const io = captureIO();
    expect(await idsCommand(io, input, { output, newId: ids('uuid-a', 'uuid-b') })).toBe(0);
    expect(io.stdout.join('\n')).toMatch(
      /^2 identifiants techniques générés \(lignes 3, 4\) : copie écrite dans .*avec-ids\.xlsx/,
    );
    expect(readFileSync(input)).toEqual(before);
    const copy = await readTemplateWorkbook(output, DICTIONARY);
    expect(copy.passages.rows.map((r) => [r.row, r.cells['5.1'], r.cells['8.3']])).toEqual([
      [2, 'EXISTANT-1', 'Léa'],
      [3, 'uuid-a', 'Zoé'],
      [4, 'uuid-b', 'Inès'],
    ]);
    expect(copy.parameters.cells['3.1'].value).toBe(VALID_PARAMETERS['3.1']);
  });

  it('writes real UUIDs by default', async () => {
    const dir = tempDir();
    const input = await writeWorkbook(dir, [validPassage({ '5.1': '' })]);
    const output = path.join(dir, 'copie.xlsx');
    expect(await idsCommand(captureIO(), input, { output })).toBe(0);
    const copy = await readTemplateWorkbook(output, DICTIONARY);
    expect(String(copy.passages.rows[0].cells['5.1'])).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('says when nothing was missing', async () => {
    const dir = tempDir();
    const input = await writeWorkbook(dir, [validPassage()]);
    const io = captureIO();
    expect(await idsCommand(io, input, { output: path.join(dir, 'copie.xlsx') })).toBe(0);
    expect(io.stdout.join()).toMatch(/Aucun identifiant technique ne manquait/);
  });

  it('refuses to write over the input or an existing file, and needs -o', async () => {
    const dir = tempDir();
    const input = await writeWorkbook(dir, [validPassage({ '5.1': '' })]);
    const existing = path.join(dir, 'deja.xlsx');
    writeFileSync(existing, 'à garder');
    for (const output of [input, existing, undefined]) {
      const io = captureIO();
      expect(await idsCommand(io, input, { output })).toBe(2);
      expect(io.stderr.join()).toMatch(/que la commande lit|existe déjà|jamais modifié/);
    }
    expect(readFileSync(existing, 'utf8')).toBe('à garder');
    expect(readdirSync(dir).sort()).toEqual(['deja.xlsx', 'passages.xlsx']);
  });

  it('exits 2 for a file that is not a workbook', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'texte.xlsx');
    writeFileSync(input, 'pas un classeur');
    const io = captureIO();
    expect(await idsCommand(io, input, { output: path.join(dir, 'copie.xlsx') })).toBe(2);
    expect(existsSync(path.join(dir, 'copie.xlsx'))).toBe(false);
  });
});
