import * as fs from 'fs';
import type { XmlSourceMap } from '../../../src/core/model/types';
import { EXAMPLE_VARIANTS, OFFICIAL_XSD_PATH, readOfficialExample, setNil, setValue } from '../../support/official-example';
import { validateXml } from '../../../src/workers/node/validate-xml';
import type { XmlValidationReport } from '../../../src/core/xsd/types';
import { createXmlValidator } from '../../../src/core/xsd/xml-validator';
import type { XmllintRequest } from '../../../src/core/xsd/xmllint-runner';
import { DICTIONARY } from '../../support/dictionary';
import { getDictionary } from '../../../src/dictionary';

const example = readOfficialExample();

describe('validateXml against the XSD generated from the dictionary', () => {
  it('accepts the official CDC example', async () => {
    await expect(validateXml(example, { dictionary: DICTIONARY })).resolves.toEqual({ valid: true, errors: [] });
  });

  it('accepts bytes as well as text', async () => {
    await expect(validateXml(new TextEncoder().encode(example), { dictionary: DICTIONARY })).resolves.toEqual({ valid: true, errors: [] });
  });

  it('reports a value too long with the French label, the id and the line', async () => {
    const report = await validateXml(setValue(example, 'nomNaissance', 'X'.repeat(61)), { dictionary: DICTIONARY });
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([
      {
        line: 57,
        code: 'tooLong',
        message: `Ligne 57 : Nom de naissance (8.1) : la valeur '${'X'.repeat(61)}' dépasse 60 caractères (61 saisis).`,
        raw: expect.stringContaining("[facet 'maxLength']"),
      },
    ]);
  });

  it('reports each error once, in document order', async () => {
    const xml = setValue(setNil(example, 'dateDebutValidite'), 'sexe', 'H');
    const report = await validateXml(xml, { dictionary: DICTIONARY });
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([
      [27, 'notNillable'],
      [65, 'enumeration'],
    ]);
  });

  it('reports the missing closing tag of a malformed file, with its column', async () => {
    const report = await validateXml(example.replace('</cpf:idContrat>', ''), { dictionary: DICTIONARY });
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 187,
        column: 30,
        code: 'closingTagMissing',
        message: "Ligne 187 : la balise <idContrat> ouverte ligne 10 n'est pas fermée avant </certificateur> : ajoutez </idContrat>.",
      }),
    ]);
  });

  it('reports a file that is not UTF-8', async () => {
    const latin1 = Buffer.from(example.replace('Toulouse', 'Toulousé'), 'latin1');
    const report = await validateXml(latin1, { dictionary: DICTIONARY });
    expect(report.errors).toEqual([expect.objectContaining({ line: 20, code: 'invalidCharacter' })]);
  });

  it('reports XML version 2.0 and an old namespace as the CDC classes them', async () => {
    const version = await validateXml(example.replace('version="1.0"', 'version="2.0"'), { dictionary: DICTIONARY });
    expect(version.errors.map((e) => [e.line, e.code])).toEqual([[1, 'xmlVersion']]);
    const namespace = await validateXml(example.replace('urn:cdc:cpf:pc5:schema:1.0.0', 'urn:cdc:cpf:pc5:schema:0.0.0'), { dictionary: DICTIONARY });
    expect(namespace.errors.map((e) => [e.line, e.code])).toEqual([[2, 'xsdVersion']]);
  });

  it('gives a French message for every invalid variant of the corpus, never a bare English one', async () => {
    const invalid = EXAMPLE_VARIANTS.filter((v) => !v.valid);
    // Each call starts a worker: run them a few at a time.
    const reports: XmlValidationReport[] = [];
    for (let start = 0; start < invalid.length; start += 4) {
      reports.push(...(await Promise.all(invalid.slice(start, start + 4).map((v) => validateXml(v.build(example), { dictionary: DICTIONARY })))));
    }
    for (const [index, variant] of invalid.entries()) {
      const report = reports[index];
      expect([variant.name, report.valid]).toEqual([variant.name, false]);
      expect([variant.name, report.errors.length > 0]).toEqual([variant.name, true]);
      for (const error of report.errors) {
        expect([variant.name, error.code]).not.toEqual([variant.name, 'invalid']);
        expect(error.message).toMatch(/^Ligne \d+ : /);
        expect(error.raw).not.toBe('');
      }
    }
  });

  it('attaches the workbook location of the line from the source map', async () => {
    const sourceMap: XmlSourceMap = {
      locate: (line) => (line >= 17 && line <= 76 ? { sheet: 'Passages', row: 12, ...(line === 65 ? { field: '8.9' } : {}) } : undefined),
    };
    const report = await validateXml(setValue(example, 'sexe', 'H'), { dictionary: DICTIONARY, sourceMap });
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 65,
        location: { sheet: 'Passages', row: 12, field: '8.9' },
        message: "Ligne 65 (feuille « Passages », ligne 12) : Sexe (8.9) : la valeur 'H' n'est pas dans la liste autorisée : M, F.",
      }),
    ]);
  });

  it('stops at maxErrors and says how many were left out', async () => {
    let xml = example;
    for (let i = 0; i < 3; i++) xml = setValue(xml, 'sexe', 'H'); // the two titulaire passages
    xml = setValue(setValue(xml, 'idFlux', ''), 'scoreGeneral', '0');
    const all = await validateXml(xml, { dictionary: DICTIONARY });
    expect(all.errors.length).toBeGreaterThanOrEqual(3);
    const capped = await validateXml(xml, { dictionary: DICTIONARY, maxErrors: 1 });
    expect(capped.errors).toHaveLength(1);
    expect(capped.omittedErrors).toBe(all.errors.length - 1);
  });

  it('can validate against another XSD, e.g. the official one', async () => {
    const extraSchema = { fileName: 'cdc-flux-1.1.2.xsd', contents: fs.readFileSync(OFFICIAL_XSD_PATH, 'utf8') };
    await expect(validateXml(example, { dictionary: DICTIONARY, extraSchema })).resolves.toEqual({ valid: true, errors: [] });
    const report = await validateXml(setValue(example, 'jourNaissance', 'quinze'), { dictionary: DICTIONARY, extraSchema });
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 64,
        code: 'badFormat',
        message: "Ligne 64 : Jour de naissance (8.8) : la valeur 'quinze' n'a pas le format attendu (un nombre entier sans décimales ni espaces).",
      }),
    ]);
  });

  it('reports a schema that does not compile', async () => {
    const extraSchema = {
      fileName: 'broken.xsd',
      contents: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="flux" type="nope"/></xs:schema>',
    };
    const report = await validateXml(example, { dictionary: DICTIONARY, extraSchema });
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toEqual(
      expect.objectContaining({ line: null, code: 'schemaError', message: expect.stringMatching(/^Le schéma XSD broken\.xsd est invalide \(ligne 1 : /) }),
    );
  });

  it('rejects an unknown schema version with a French message', async () => {
    // The version is chosen where the dictionary is loaded: an unknown one is refused there, in French.
    expect(() => getDictionary('9.9.9')).toThrow(/Version de schéma inconnue/);
  });
});

describe('createXmlValidator with another runner (what the add-in does with a Web Worker)', () => {
  it('passes the generated XSD, streaming mode and memory settings to the runner', async () => {
    const requests: XmllintRequest[] = [];
    const validate = createXmlValidator(async (request) => {
      requests.push(request);
      return { valid: true, output: 'document.xml validates\n' };
    });
    await expect(validate('<x/>', { dictionary: DICTIONARY })).resolves.toEqual({ valid: true, errors: [] });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ xml: '<x/>', stream: true, schema: { fileName: 'accrochage-cdc-1.1.2.xsd' } });
    expect(requests[0].schema?.contents).toContain('targetNamespace="urn:cdc:cpf:pc5:schema:1.0.0"');
    expect(requests[0].maxMemoryPages).toBeGreaterThanOrEqual(requests[0].initialMemoryPages);
  });

  it('asks for a parse-only pass when streaming validation only says "failed to parse"', async () => {
    const requests: XmllintRequest[] = [];
    const validate = createXmlValidator(async (request) => {
      requests.push(request);
      return request.schema
        ? { valid: false, output: 'document.xml validates\ndocument.xml : failed to parse\n' }
        : {
            valid: false,
            output:
              "document.xml:1: parser error : Unsupported version '2.0'\n<?xml version=\"2.0\"?>\n                   ^\ndocument.xml : failed to parse\n",
          };
    });
    const report = await validate('<?xml version="2.0"?><x/>', { dictionary: DICTIONARY });
    expect(requests.map((r) => r.schema === undefined)).toEqual([false, true]);
    expect(report.errors).toEqual([expect.objectContaining({ line: 1, code: 'xmlVersion', column: 20 })]);
  });
});
