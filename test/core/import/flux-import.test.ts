import { readFileSync } from 'fs';
import { checkWorkbook } from '../../../src/core/check/check';
import { buildFluxXml, createFlux } from '../../../src/core/xml';
import { readOfficialExample, replaceFirst, setNil, setValue } from '../../support/official-example';
import {
  collectFluxImport,
  importedWorkbookData,
  importFluxXml,
  type CollectedImport,
  type FluxImportOptions,
} from '../../../src/core/import';
import { SAMPLE_ACCUSE } from '../../support/paths';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const example = readOfficialExample();
const ACCUSE = SAMPLE_ACCUSE;

const imported = (
  xml: string | Uint8Array,
  options: Partial<FluxImportOptions> = {},
): Promise<CollectedImport> => collectFluxImport([xml], { dictionary: DICTIONARY, ...options });

const codes = (r: CollectedImport) => r.result.issues.map((i) => i.code);

describe('a CDC file with every field', () => {
  // Every field of the dictionary that the XSD carries, both identity choices and both birthplace choices.
  const values = (extra: Record<string, string>) => ({
    '4.1': 'RNCP',
    '4.2': 'RNCP34825',
    '4.3': 'TIERS_CONFIANCE',
    '5.1': `P-${Object.values(extra).join('-')}`,
    '5.2': 'https://badge.example/1',
    '5.3': 'Option A',
    '5.4': 'PAR_SCORING',
    '5.5': 'false',
    '5.6': '2024-06-03',
    '5.7': '2024-06-04',
    '5.8': 'MIXTE',
    '5.9': '01000',
    '5.10': '2024-07-01',
    '5.11': '2029-07-01',
    '5.12': 'true',
    '5.13': 'B2',
    '5.14': 'true',
    '6.1': '640',
    '5.15': '955/990',
    '5.16': 'SANS_MENTION',
    '5.17': 'TOEIC',
    '7.1': 'VAE',
    '7.2': 'CONGES_VAE',
    '7.3': 'EMPLOYEUR',
    '7.4': '2024-01-15',
    ...extra,
  });
  const titulaire = {
    '8.1': 'Martin',
    '8.2': 'Durand',
    '8.3': 'Léa',
    '8.4': 'Anne',
    '8.5': 'Marie',
    '8.6': '1990',
    '8.7': '4',
    '8.8': '9',
    '8.9': 'F',
    '8.12': 'Berlin',
    '8.13': '109',
    '8.14': 'Allemagne',
    '8.15': 'néant',
  };
  const flux = createFlux({
    header: { '2.1': 'AB123CDE', '3.1': '0A1B2C3D', '3.2': 'MCFCER000123' },
    passages: [
      {
        row: 2,
        values: values({ ...titulaire, '8.10': '99109' }),
        digcomp: [{ row: 2, values: { '6.2': '5', '6.3': '1', '6.4': '3' } }],
      },
      { row: 3, values: values({ ...titulaire, '8.11': '01000' }), digcomp: [] },
      { row: 4, values: values({ '9.1': '0123456789012', '9.2': 'Martin', '9.3': 'Léa' }), digcomp: [] },
    ],
    now: new Date('2024-07-02T10:00:00Z'),
    idFlux: 'flux-1',
    dictionary,
  });

  it('fills a cell for every field of the schema, in its template form', async () => {
    const r = await imported(buildFluxXml(flux, dictionary));
    expect(r.result.issues).toEqual([]);
    expect(r.result.generated).toEqual({ '1.1': 'flux-1', '1.2': flux.horodatage });
    expect(r.content.parameters).toEqual({ '2.1': 'AB123CDE', '3.1': '0A1B2C3D', '3.2': 'MCFCER000123' });
    const filled = new Set([...r.content.passages, ...r.content.digcomp].flatMap((row) => Object.keys(row)));
    const expected = dictionary.fields
      .filter((f) => f.scope === 'passage' || f.scope === 'digcomp')
      .map((f) => f.id);
    expect([...filled].sort()).toEqual([...expected].sort());

    const [first, second, third] = r.content.passages;
    expect(first).toMatchObject({
      '4.3': 'Tiers de confiance',
      '5.5': 'Non',
      '5.6': new Date(Date.UTC(2024, 5, 3)),
      '5.9': '01000',
      '6.1': 640,
      '8.6': 1990,
      '8.10': '99109',
      '8.13': '109',
    });
    expect(second['8.11']).toBe('01000');
    expect(second['8.10']).toBeUndefined();
    expect(third).toMatchObject({ '9.1': '0123456789012', '9.2': 'Martin', '9.3': 'Léa' });
    expect(third['8.1']).toBeUndefined();
    expect(r.content.digcomp).toEqual([{ '5.1': first['5.1'], '6.2': 5, '6.3': '1', '6.4': '3' }]);
  });

  it('turns nil values into empty cells of "sauf nil" columns', async () => {
    const r = await imported(setNil(setNil(example, 'nomUsage'), 'scoring'));
    expect(r.result.issues).toEqual([]);
    expect(r.content.passages[0]['8.2']).toBeNull();
    expect(r.content.passages[0]['5.15']).toBeNull();
    expect(r.content.passages[0]['5.11']).toBeNull();
    const check = checkWorkbook(importedWorkbookData(r.content, DICTIONARY), { dictionary: DICTIONARY });
    expect(check.passages[0].values['8.2']).toBeUndefined();
  });
});

describe('a file rejected by the CDC (another tool’s mistakes)', () => {
  const rejected = [
    (xml: string) => setValue(xml, 'dateDebutValidite', '2024-02-30'),
    (xml: string) => setValue(xml, 'sexe', 'H'),
    (xml: string) => setValue(xml, 'anneeNaissance', '96'),
    (xml: string) =>
      replaceFirst(
        xml,
        '<cpf:verbatim>TOSA</cpf:verbatim>',
        '<cpf:verbatim>TOSA</cpf:verbatim><cpf:titreGrade>Master</cpf:titreGrade>',
      ),
  ].reduce((xml, change) => change(xml), example);

  it('keeps each bad value as written, reported with its XML line and its template cell', async () => {
    const r = await imported(rejected);
    expect(r.content.passages[0]).toMatchObject({ '5.10': '2024-02-30', '8.9': 'H', '8.6': '96' });
    const kept = r.result.issues.filter((i) => i.code === 'keptAsText');
    expect(kept.map((i) => [i.field, i.sheet, i.cell, i.severity])).toEqual([
      ['5.10', 'Passages', 'M2', 'warning'],
      ['8.6', 'Passages', 'AE2', 'warning'],
      ['8.9', 'Passages', 'AH2', 'warning'],
    ]);
    expect(kept[0].line).toBe(rejected.split('\n').findIndex((l) => l.includes('2024-02-30')) + 1);
    expect(kept[0].message).toMatch(/^XML, ligne \d+ : la valeur « 2024-02-30 » de « Date de délivrance/);
    expect(r.nonConforming).toEqual(
      expect.arrayContaining([
        { sheet: 'Passages', cell: 'M2' },
        { sheet: 'Passages', cell: 'AH2' },
      ]),
    );
  });

  it('reports an element the schema does not know, with its content, instead of dropping it', async () => {
    const r = await imported(rejected);
    const unknown = r.result.issues.find((i) => i.code === 'unknownElement');
    expect(unknown).toMatchObject({ severity: 'error' });
    expect(unknown?.message).toMatch(
      /« …\/passageCertifications\/passageCertification\/titreGrade ».*« Master »/,
    );
  });

  it('opens with its mistakes shown by the check on their cells', async () => {
    const r = await imported(rejected);
    const check = checkWorkbook(importedWorkbookData(r.content, DICTIONARY), { dictionary: DICTIONARY });
    const errors = check.issues.filter((i) => i.severity === 'error').map((i) => [i.cell, i.code]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['M2', 'notADate'],
        ['AH2', 'notInList'],
        ['AE2', 'outOfRange'],
      ]),
    );
  });
});

describe('what cannot be placed in the template', () => {
  it('skips a second certificateur, reports its BCR and passages, and imports it when chosen', async () => {
    const certificateur = example.slice(
      example.indexOf('<cpf:certificateur>'),
      example.indexOf('</cpf:certificateur>') + 20,
    );
    const second = certificateur.replace('E564ACB0', 'ZZ999ZZZ');
    const xml = replaceFirst(example, '</cpf:certificateur>', `</cpf:certificateur>${second}`);
    const first = await imported(xml);
    expect(first.content.passages).toHaveLength(3);
    expect(first.content.parameters['3.1']).toBe('E564ACB0');
    expect(first.result.certificateurs).toBe(2);
    const other = first.result.issues.find((i) => i.code === 'otherCertificateur');
    expect(other?.message).toMatch(
      /n° 2, BCR ZZ999ZZZ\) : ses 3 passage\(s\) n'ont pas été importés.*le n° 2 du fichier/,
    );

    const chosen = await imported(xml, { certificateur: 2 });
    expect(chosen.content.passages).toHaveLength(3);
    expect(chosen.content.parameters['3.1']).toBe('ZZ999ZZZ');
    expect(codes(chosen)).toEqual(['otherCertificateur']);
  });

  it('keeps the first of a repeated value and reports the other', async () => {
    const xml = replaceFirst(
      example,
      '<cpf:prenom1>Antoine</cpf:prenom1>',
      '<cpf:prenom1>Antoine</cpf:prenom1><cpf:prenom1>Tony</cpf:prenom1>',
    );
    const r = await imported(xml);
    expect(r.content.passages[0]['8.3']).toBe('Antoine');
    expect(r.result.issues.map((i) => [i.code, i.cell])).toEqual([['duplicateValue', 'AB2']]);
    expect(r.result.issues[0].message).toMatch(/« Tony »/);
  });

  it('keeps a value marked nil, reports unknown attributes and stray text', async () => {
    let xml = replaceFirst(
      example,
      '<cpf:scoring>12.4</cpf:scoring>',
      '<cpf:scoring xsi:nil="true">12.4</cpf:scoring>',
    );
    xml = replaceFirst(xml, '<cpf:sexe>M</cpf:sexe>', '<cpf:sexe source="état civil">M</cpf:sexe>');
    xml = replaceFirst(xml, '<cpf:modalitesInscription>', '<cpf:modalitesInscription>VAE ?');
    const r = await imported(xml);
    expect(r.content.passages[0]['5.15']).toBe('12.4');
    expect(codes(r).sort()).toEqual(['nilWithValue', 'unexpectedText', 'unknownAttribute']);
    expect(r.result.issues.find((i) => i.code === 'unknownAttribute')?.message).toMatch(
      /« source ».*« état civil »/,
    );
  });

  it('holds passages until the certification type and code arrive when a file puts them last', async () => {
    const block =
      /<cpf:type>RNCP<\/cpf:type>\s*<cpf:code>RNCP19117<\/cpf:code>\s*(<cpf:natureDeposant>CERTIFICATEUR<\/cpf:natureDeposant>)/;
    let xml = replaceFirst(example, block, '$1');
    xml = replaceFirst(
      xml,
      '</cpf:passageCertifications>',
      '</cpf:passageCertifications><cpf:code>RNCP19117</cpf:code><cpf:type>RNCP</cpf:type>',
    );
    const r = await imported(xml);
    expect(r.result.issues).toEqual([]);
    expect(r.content.passages.map((p) => [p['4.1'], p['4.2'], p['4.3']])).toEqual(
      Array(3).fill(['RNCP', 'RNCP19117', 'Certificateur']),
    );
  });

  it('reports an optional certification value that comes after passages already handed over', async () => {
    const nature = '<cpf:natureDeposant>CERTIFICATEUR</cpf:natureDeposant>';
    const xml = replaceFirst(
      replaceFirst(example, nature, ''),
      '</cpf:passageCertifications>',
      `</cpf:passageCertifications>${nature}`,
    );
    const r = await imported(xml);
    expect(r.result.issues.map((i) => i.code)).toEqual(['lateCertificationValue']);
    expect(r.result.issues[0].message).toMatch(/les 3 passage\(s\) déjà lus/);
  });

  it('reads elements of another namespace by name, and says the export will use the right one', async () => {
    const r = await imported(example.replace('urn:cdc:cpf:pc5:schema:1.0.0', 'urn:cdc:cpf:pc5:schema:0.0.7'));
    expect(r.content.passages).toHaveLength(3);
    expect(codes(r)).toEqual(['foreignNamespace']);
    expect(r.result.issues[0].severity).toBe('warning');
  });
});

describe('broken and hostile files', () => {
  it('refuses any DOCTYPE, so no entity is ever expanded (billion laughs, external entities)', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
      '<cpf:flux xmlns:cpf="urn:cdc:cpf:pc5:schema:1.0.0"><cpf:idFlux>&lol2;</cpf:idFlux></cpf:flux>';
    const external =
      '<?xml version="1.0"?><!DOCTYPE flux [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      '<flux><emetteur><idClient>&xxe;</idClient></emetteur></flux>';
    for (const xml of [laughs, external]) {
      const r = await imported(xml);
      expect(r.result.complete).toBe(false);
      expect(r.result.stopped?.code).toBe('doctypeForbidden');
      expect(r.content.passages).toEqual([]);
      expect(JSON.stringify(r)).not.toMatch(/root:|lollol/);
    }
  });

  it('stops past the size limit', async () => {
    const r = await collectFluxImport([Buffer.from(example)], { dictionary: DICTIONARY, maxBytes: 2000 });
    expect(r.result.stopped?.code).toBe('fileTooLarge');
  });

  it('stops where the XML is malformed, keeping the passages read before and saying where', async () => {
    const cut = example.lastIndexOf('<cpf:passageCertification>');
    const xml = `${example.slice(0, cut)}<cpf:passageCertification><cpf:idTechnique>x</cpf:idTechniqe>`;
    const r = await imported(xml);
    expect(r.result.complete).toBe(false);
    expect(r.result.stopped?.code).toBe('notWellFormed');
    expect(r.result.stopped?.line).toBe(xml.split('\n').length);
    expect(r.result.stopped?.message).toMatch(/2 passage\(s\) lu\(s\) avant ont été importés/);
    expect(r.content.passages).toHaveLength(2);
  });

  it('refuses what is not a file of passages (an accusé de traitement, an empty file)', async () => {
    expect((await imported(readFileSync(ACCUSE))).result.stopped?.code).toBe('notAFlux');
    expect((await imported('')).result.stopped?.code).toBe('emptyFile');
    expect((await imported('   \n')).result.stopped?.code).toBe('emptyFile');
  });

  it('stops on absurd nesting', async () => {
    const xml = `<flux>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</flux>`;
    const r = await imported(xml);
    expect(r.result.stopped?.code).toBe('tooDeep');
  });

  it('stops on bytes that are not in the declared encoding, and reads other declared encodings', async () => {
    const bytes = Buffer.from(example.replace('Mention spéciale', 'Mention sp\u00e9ciale'), 'latin1');
    expect((await collectFluxImport([bytes], { dictionary: DICTIONARY })).result.stopped?.code).toBe(
      'unsupportedEncoding',
    );
    const latin1 = Buffer.from(example.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
    const r = await collectFluxImport([latin1], { dictionary: DICTIONARY });
    expect(r.result.complete).toBe(true);
    expect(r.content.passages[0]['5.3']).toBe('Mention spéciale');
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(example.replace('UTF-8', 'UTF-16'), 'utf16le'),
    ]);
    expect((await collectFluxImport([utf16], { dictionary: DICTIONARY })).content.passages).toHaveLength(3);
  });

  it('bounds what it keeps: text beyond an Excel cell, issues beyond the cap (still counted)', async () => {
    const long = 'é'.repeat(40000);
    const r = await imported(setValue(example, 'verbatim', long));
    expect((r.content.passages[0]['5.17'] as string).length).toBe(32767);
    expect(codes(r)).toEqual(['valueTruncated', 'keptAsText']);
    const many = example.replace(/<cpf:verbatim>TOSA<\/cpf:verbatim>/g, '<x>1</x>'.repeat(100));
    const capped = await imported(many, { maxIssues: 10 });
    expect(capped.result.issues).toHaveLength(10);
    expect(capped.result.issueCounts.unknownElement).toBe(300);
  });

  it('hands passages over one by one, as soon as each is read', async () => {
    const chunks = example.match(/[\s\S]{1,500}/g) ?? [];
    const seen: number[] = [];
    let chunksRead = 0;
    async function* source() {
      for (const chunk of chunks) {
        chunksRead++;
        yield chunk;
      }
    }
    await importFluxXml(
      source(),
      (p) => {
        seen.push(chunksRead);
        expect(p.index).toBe(seen.length - 1);
      },
      { dictionary: DICTIONARY },
    );
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBeLessThan(chunks.length / 2);
  });
});
