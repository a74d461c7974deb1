import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkCommand, exportCommand, templateCommand, validateCommand } from '../../src/cli/commands';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, OFFICIAL_EXAMPLE, OFFICIAL_XSD, REPO_ROOT, tempDir } from '../support/cli';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { DICTIONARY } from '../support/dictionary';

const now = new Date('2026-11-23T10:15:00Z');

async function writeWorkbook(content: Parameters<typeof createTemplateWorkbook>[1]): Promise<string> {
  const file = path.join(tempDir(), 'passages.xlsx');
  await createTemplateWorkbook(DICTIONARY, content).xlsx.writeFile(file);
  return file;
}

describe('accrochage template', () => {
  it('prints the layout as JSON in the documented shape', async () => {
    const io = captureIO();
    expect(await templateCommand(io, { json: true })).toBe(0);
    const layout = JSON.parse(io.stdout.join('\n'));
    expect(layout.schemaVersion).toBe('1.1.2');
    expect(layout.sheets.map((s: { kind: string }) => s.kind)).toEqual(['parameters', 'passages', 'digcomp']);
    expect(layout.sheets[0].cells[0]).toEqual({ cell: 'B2', field: '2.1', tag: 'idClient' });
    expect(layout.sheets[1].firstDataRow).toBe(2);
    expect(layout.sheets[1].columns).toContainEqual(
      expect.objectContaining({ field: '5.1', tag: 'idTechnique' }),
    );
    expect(layout.sheets[2].columns[0]).toEqual({ column: 'A', field: '5.1', tag: 'idTechnique' });
  });

  it('writes a template workbook and never overwrites an existing file', async () => {
    const file = path.join(tempDir(), 'modele.xlsx');
    const io = captureIO();
    expect(await templateCommand(io, { output: file })).toBe(0);
    expect(existsSync(file)).toBe(true);
    const before = readFileSync(file);
    const again = captureIO();
    expect(await templateCommand(again, { output: file })).toBe(2);
    expect(again.stderr.join()).toMatch(/existe déjà/);
    expect(readFileSync(file)).toEqual(before);
  });

  it('makes a template that, once filled with valid rows, exports to XML the official XSD accepts', async () => {
    const file = await writeWorkbook(EXAMPLE_VALID);
    const out = path.join(tempDir(), 'flux.xml');
    const io = captureIO();
    expect(await exportCommand(io, file, { output: out, now })).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/9 passages, 3 certifications/);
    const verdict = validateWithNativeXmllint(readFileSync(out), OFFICIAL_XSD);
    expect(verdict.output).toMatch(/validates/);
    expect(verdict.valid).toBe(true);
  });
});

describe('accrochage check', () => {
  it('exits 0 on a clean workbook', async () => {
    const io = captureIO();
    expect(await checkCommand(io, await writeWorkbook(EXAMPLE_VALID), { today: now })).toBe(0);
    expect(io.stdout.at(-1)).toBe('0 erreur, 0 avertissement sur 9 passages (3 certifications).');
  });

  it('exits 1 and lists each problem at its cell, in JSON when asked', async () => {
    const passages = [{ ...EXAMPLE_VALID.passages?.[0], '8.9': 'H' }];
    const io = captureIO();
    expect(
      await checkCommand(io, await writeWorkbook({ ...EXAMPLE_VALID, passages, digcomp: [] }), {
        json: true,
      }),
    ).toBe(1);
    const issues = JSON.parse(io.stdout.join('\n'));
    expect(issues).toEqual([
      expect.objectContaining({
        sheet: 'Passages',
        row: 2,
        field: '8.9',
        tag: 'sexe',
        severity: 'error',
        code: 'notInList',
      }),
    ]);
    expect(Object.keys(issues[0]).sort()).toEqual([
      'cell',
      'code',
      'field',
      'message',
      'row',
      'severity',
      'sheet',
      'tag',
    ]);
  });

  it('exits 2 when the file is not a workbook or has no template sheet', async () => {
    const notXlsx = path.join(tempDir(), 'texte.xlsx');
    writeFileSync(notXlsx, 'pas un classeur');
    const io = captureIO();
    expect(await checkCommand(io, notXlsx, {})).toBe(2);
    expect(io.stderr.join()).toMatch(/n'est pas un classeur Excel/);
    expect(await checkCommand(captureIO(), path.join(tempDir(), 'absent.xlsx'), {})).toBe(2);
  });

  it('checks the bundled examples: the valid one is clean, the other full of typical mistakes', async () => {
    expect(
      await checkCommand(captureIO(), path.join(REPO_ROOT, 'examples', 'exemple-valide.xlsx'), {
        today: now,
      }),
    ).toBe(0);
    const io = captureIO();
    expect(
      await checkCommand(io, path.join(REPO_ROOT, 'examples', 'exemple-erreurs.xlsx'), {
        json: true,
        today: now,
      }),
    ).toBe(1);
    const codes = new Set(JSON.parse(io.stdout.join('\n')).map((i: { code: string }) => i.code));
    for (const code of [
      'required',
      'notInList',
      'leadingZerosLost',
      'twoDigitYear',
      'duplicateIdTechnique',
      'identityConflict',
    ]) {
      expect(codes).toContain(code);
    }
  });
});

describe('accrochage export', () => {
  it('refuses a workbook with errors and writes nothing', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'flux.xml');
    const passages = [{ ...EXAMPLE_VALID.passages?.[0], '8.1': '' }];
    const io = captureIO();
    expect(
      await exportCommand(io, await writeWorkbook({ ...EXAMPLE_VALID, passages, digcomp: [] }), {
        output: out,
      }),
    ).toBe(1);
    expect(io.stderr.join()).toMatch(/Export refusé/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes the declaration, the CDC namespace, a fresh idFlux and the Paris time', async () => {
    const out = path.join(tempDir(), 'flux.xml');
    await exportCommand(captureIO(), await writeWorkbook(EXAMPLE_VALID), {
      output: out,
      now,
      idFlux: 'id-test',
    });
    const xml = readFileSync(out, 'utf8');
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<cpf:flux xmlns:cpf="urn:cdc:cpf:pc5:schema:1.0.0"',
      ),
    ).toBe(true);
    expect(xml).toContain('<cpf:idFlux>id-test</cpf:idFlux>');
    expect(xml).toContain('<cpf:horodatage>2026-11-23T11:15:00+01:00</cpf:horodatage>');
    expect(xml).toContain('<cpf:dateFinValidite xsi:nil="true"/>');
    expect(xml).not.toContain('<!--');
  });

  it('names the file after the certificateur and the date by default', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await exportCommand(captureIO(), await writeWorkbook(EXAMPLE_VALID), { now });
    } finally {
      process.chdir(cwd);
    }
    expect(readdirSync(dir)).toEqual(['cdc-03ZDN217-20261123-111500.xml']);
  });
});

describe('accrochage validate', () => {
  it('accepts the official example file', async () => {
    const io = captureIO();
    expect(await validateCommand(io, OFFICIAL_EXAMPLE, {})).toBe(0);
    expect(io.stdout.join()).toMatch(/est valide/);
  });

  it('reports errors with line numbers in French and exits 1', async () => {
    const broken = readFileSync(OFFICIAL_EXAMPLE, 'utf8').replace(
      '<cpf:sexe>M</cpf:sexe>',
      '<cpf:sexe>H</cpf:sexe>',
    );
    const file = path.join(tempDir(), 'casse.xml');
    writeFileSync(file, broken);
    const io = captureIO();
    expect(await validateCommand(io, file, {})).toBe(1);
    const line = broken.split('\n').findIndex((l) => l.includes('<cpf:sexe>H')) + 1;
    expect(io.stdout.join('\n')).toMatch(new RegExp(`[Ll]igne ${line}`));
    expect(io.stdout.join('\n')).toMatch(/Sexe/);
  });

  it('exits 2 for a missing file', async () => {
    expect(await validateCommand(captureIO(), path.join(tempDir(), 'absent.xml'), {})).toBe(2);
  });
});
