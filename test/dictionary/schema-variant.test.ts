import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkWorkbook } from '../../src/core/check/check';
import { prepareExport, writePreparedChunks } from '../../src/core/export/export';
import { collectFluxImport } from '../../src/core/import';
import { buildTemplateSpec } from '../../src/core/template/template-spec';
import { writeXsd } from '../../src/core/xsd/write-xsd';
import { validateXml } from '../../src/workers/node/validate-xml';
import { buildDictionary } from '../../src/dictionary';
import { dictionaryMarkdown } from '../../src/docs/dictionary-markdown';
import { rulesMarkdown } from '../../src/docs/rules-markdown';
import { FakeExcel } from '../../src/fake-excel';
import { typeCell, typeRows } from '../../src/fake-excel/user';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { tempDir } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { SCHEMA_TEST_1_1_9 } from '../support/versions/1.1.9-test';
import { VALID_PARAMETERS, validPassage, workbook, type RowInput } from '../support/workbook';

/**
 * A new schema version is data: the test-only version 1.1.9 (XSD 1.1.2 plus an `action` element derived per
 * passage and a third identity option identified by the NIR, test/support/versions/1.1.9-test.ts) goes through
 * the template (both writers), the check, the XML, our generated XSD, the docs and the import, with no code
 * written for it anywhere else.
 */

const variant = buildDictionary(SCHEMA_TEST_1_1_9);
const today = new Date(Date.UTC(2024, 8, 1));
const NIR = '1960775123456';

/** A passage identified by the NIR (bloc 10) instead of civil status (bloc 8). */
function nirPassage(overrides: RowInput = {}): RowInput {
  const row = validPassage({ '5.1': 'P-NIR', '10.1': NIR, '10.2': 'Martin', ...overrides });
  for (const id of ['8.1', '8.3', '8.6', '8.7', '8.8', '8.9', '8.10']) delete row[id];
  return row;
}

const check = (rows: RowInput[]) =>
  checkWorkbook(workbook(rows, { dictionary: variant }), { dictionary: variant, today });

function exportedXml(rows: RowInput[]): string {
  const preparation = prepareExport(workbook(rows, { dictionary: variant }), {
    dictionary: variant,
    today,
    now: today,
    idFlux: 'variant',
  });
  if (!preparation.ok) throw new Error(preparation.check.issues.map((i) => i.message).join('\n'));
  return [...writePreparedChunks(preparation.prepared, variant)].join('');
}

describe('a schema version that is only data (test version 1.1.9)', () => {
  it('places the new fields from the version file: the NIR option of the identity choice, action in each passage', () => {
    expect(variant.placement('10.1').choices).toEqual([
      { choice: 'identificationTitulaire', option: 'identifiantNational' },
    ]);
    expect(variant.placement('5.18').path.at(-1)).toBe('action');
    // The version it derives from is untouched.
    expect(SCHEMA_TEST_1_1_9.fields.length).toBeGreaterThan(0);
    expect(
      variant.choices.find((c) => c.name === 'identificationTitulaire')?.options.map((o) => o.tag),
    ).toEqual(['dossierFormation', 'identifiantNational', 'titulaire']);
  });

  it('gives the template a column per typed field, none for the derived one, with its live rule', () => {
    const spec = buildTemplateSpec(variant);
    const passages = spec.layout.passages.columns;
    expect(passages.map((c) => c.field)).toEqual(expect.arrayContaining(['10.1', '10.2']));
    expect(passages.map((c) => c.field)).not.toContain('5.18');
    const nir = passages.find((c) => c.field === '10.1');
    expect(nir?.header).toBe('NIR du titulaire (10.1)');
    const sheet = spec.sheets.find((s) => s.name === 'Passages');
    expect(sheet?.liveFormats.filter((f) => f.range.startsWith(`${nir?.column}2:`))).toHaveLength(2);
  });

  it('checks a NIR passage, requires its block, and refuses it mixed with civil status', () => {
    expect(check([nirPassage()]).issues).toEqual([]);
    expect(check([nirPassage({ '10.2': '' })]).issues.map((i) => [i.field, i.code])).toEqual([
      ['10.2', 'required'],
    ]);
    const mixed = check([validPassage({ '10.1': NIR, '10.2': 'Martin' })]).issues;
    expect(mixed.map((i) => [i.field, i.code])).toEqual([['10.1', 'identityConflict']]);
    expect(mixed[0].message).toMatch(
      /à la fois par son NIR \(numéro de sécurité sociale\) et par son état civil \(nom de naissance/,
    );
    // Rules about civil status leave a NIR passage alone (no "birth day missing" without a bloc 8).
    expect(check([nirPassage()]).issues.filter((i) => i.severity === 'warning')).toEqual([]);
  });

  it('writes the XML with the derived action and the NIR option, valid for the XSD generated from the version', async () => {
    const xml = exportedXml([validPassage(), nirPassage()]);
    expect(xml).toContain('<cpf:action>CREATION</cpf:action>');
    expect(xml).toMatch(
      /<cpf:identifiantNational>\s*<cpf:nir>1960775123456<\/cpf:nir>\s*<cpf:nomNaissance>Martin</,
    );
    expect(writeXsd(variant.schema)).toContain('name="identifiantNational"');
    expect((await validateXml(xml, { dictionary: variant })).errors).toEqual([]);
    // The same file is not valid for 1.1.2, whose XSD knows neither element.
    const { DICTIONARY } = await import('../support/dictionary');
    expect((await validateXml(xml, { dictionary: DICTIONARY })).valid).toBe(false);
  });

  it('documents the new fields', () => {
    const text = dictionaryMarkdown(variant);
    expect(text).toContain('| 10.1 | NIR du titulaire |');
    expect(text).toContain('| 5.18 | Action |');
    expect(rulesMarkdown(variant)).toContain('| 8.7 Mois de naissance |');
  });

  it('imports a file of the new version back into the template, the derived value left to the export', async () => {
    const xml = exportedXml([nirPassage()]);
    const { result, content } = await collectFluxImport([xml], { dictionary: variant });
    expect(result.issues).toEqual([]);
    expect(content.passages[0]).toMatchObject({ '10.1': NIR, '10.2': 'Martin' });
    expect(Object.keys(content.passages[0])).not.toContain('5.18');
  });

  it('is rendered, read back and checked by the CLI and the add-in alike', async () => {
    const file = path.join(tempDir('variant-'), 'modele.xlsx');
    await createTemplateWorkbook(variant, {
      parameters: VALID_PARAMETERS,
      passages: [nirPassage()],
    }).xlsx.writeFile(file);
    const fromFile = await readTemplateWorkbook(file, variant);
    expect(checkWorkbook(fromFile, { dictionary: variant, today }).issues).toEqual([]);

    const excel = new FakeExcel();
    const port = createExcelWorkbookPort({ run: excel.excelRun, notes: true, dictionary: variant });
    await port.createTemplate();
    const layout = buildTemplateSpec(variant).layout;
    for (const c of layout.parameters.cells)
      typeCell(excel.model, 'Paramètres', c.cell, String(VALID_PARAMETERS[c.field]));
    const row = nirPassage();
    typeRows(excel.model, 'Passages', 2, [
      layout.passages.columns.map((c) => {
        const value = row[c.field];
        return typeof value === 'string' || typeof value === 'number' ? value : '';
      }),
    ]);
    const read = await port.readWorkbookData();
    expect(read.passages.rows[0].cells['10.1']).toBe(NIR);
    expect(checkWorkbook(read, { dictionary: variant, today }).summary).toMatchObject({
      passages: 1,
      errors: 0,
    });
  });

  it('needed no code outside its version file: src/ never names what it adds', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(path.join(dir, entry.name))
          : /\.tsx?$/.test(entry.name)
            ? [path.join(dir, entry.name)]
            : [],
      );
    const naming = sources(path.join(REPO_ROOT, 'src')).filter((file) =>
      /identifiantNational|\bnir\b|'10\.[12]'|'5\.18'|1\.1\.9/.test(readFileSync(file, 'utf8')),
    );
    expect(naming).toEqual([]);
  });
});
