import * as fs from 'fs';
import fc from 'fast-check';
import type { Flux, Passage } from '../../../src/core/model/types';
import { buildFluxXml, buildFluxXmlWithMap, writeFluxXml } from '../../../src/core/xml/flux-writer';
import { createFlux } from '../../../src/core/xml/group';
import {
  anyPassageArbitrary,
  canonicalXml,
  OFFICIAL_EXAMPLE_PATH,
  readFluxFromXml,
  validateManyWithXmllint,
  validHeaderArbitrary,
} from '../../support/xml';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const officialExample = fs.readFileSync(OFFICIAL_EXAMPLE_PATH, 'utf8');
const HEADER = { '2.1': 'AB123CDE', '3.1': 'E564ACB0', '3.2': 'MCFCER000123' };

function passage(row: number, values: Record<string, string> = {}): Passage {
  return {
    row,
    values: {
      '4.1': 'RNCP',
      '4.2': 'RNCP19117',
      '5.1': `id-${row}`,
      '5.4': 'PAR_ADMISSION',
      '5.5': 'true',
      '5.10': '2024-06-30',
      '5.12': 'false',
      '5.14': 'false',
      '8.1': 'Dupont',
      '8.3': 'Antoine',
      '8.6': '1996',
      '8.9': 'M',
      ...values,
    },
    digcomp: [],
  };
}

function flux(passages: readonly Passage[]): Flux {
  return createFlux({
    header: HEADER,
    passages,
    now: new Date('2026-11-23T14:00:00Z'),
    idFlux: 'flux-1',
    dictionary,
  });
}

describe('the CDC example, read back and written again', () => {
  const example = readFluxFromXml(officialExample, dictionary);
  const xml = buildFluxXml(example, dictionary);

  test('holds the same elements, values and nil attributes as the official file', () => {
    expect(canonicalXml(xml)).toBe(canonicalXml(officialExample));
  });

  test('is accepted by the official XSD', () => {
    const result = validateManyWithXmllint([xml]);
    expect(result.output).toContain('validates');
    expect(result.valid).toBe(true);
  });
});

describe('document shape', () => {
  const xml = buildFluxXml(flux([passage(2), passage(3)]), dictionary);

  test('starts with the UTF-8 XML 1.0 declaration, then the root with both namespaces', () => {
    const [declaration, root] = xml.split('\n');
    expect(declaration).toBe('<?xml version="1.0" encoding="UTF-8"?>');
    expect(root).toBe(
      '<cpf:flux xmlns:cpf="urn:cdc:cpf:pc5:schema:1.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    );
  });

  test('holds no comment and no processing instruction besides the declaration', () => {
    expect(xml).not.toContain('<!--');
    expect(xml.indexOf('<?', 1)).toBe(-1);
  });

  test('writes the header, the timestamp and the certification once, before the passages', () => {
    expect(xml).toContain(
      '  <cpf:idFlux>flux-1</cpf:idFlux>\n  <cpf:horodatage>2026-11-23T15:00:00+01:00</cpf:horodatage>\n',
    );
    expect(xml).toContain('    <cpf:idClient>AB123CDE</cpf:idClient>\n');
    expect(xml).toContain('        <cpf:idContrat>MCFCER000123</cpf:idContrat>\n');
    expect(xml.match(/<cpf:certification>/g)).toHaveLength(1);
    expect(xml.match(/<cpf:passageCertification>/g)).toHaveLength(2);
    expect(xml).not.toContain('natureDeposant');
  });

  test('ends with the closing root tag and a line break', () => {
    expect(xml.endsWith('</cpf:certificateurs>\n  </cpf:emetteur>\n</cpf:flux>\n')).toBe(true);
  });

  test('one certification element per (type, code, natureDeposant), in order of first appearance', () => {
    const mixed = buildFluxXml(
      flux([
        passage(2),
        passage(3, { '4.2': 'RS5432' }),
        passage(4),
        passage(5, { '4.3': 'TIERS_CONFIANCE' }),
      ]),
      dictionary,
    );
    const codes = [...mixed.matchAll(/<cpf:code>(.*)<\/cpf:code>/g)].map((m) => m[1]);
    expect(codes).toEqual(['RNCP19117', 'RS5432', 'RNCP19117']);
    expect(mixed).toContain('<cpf:natureDeposant>TIERS_CONFIANCE</cpf:natureDeposant>');
    expect(validateManyWithXmllint([mixed]).valid).toBe(true);
  });

  test('certification and header values are escaped like passage values', () => {
    const odd = createFlux({
      header: { ...HEADER, '3.2': 'R&D; <x>' },
      passages: [passage(2, { '4.1': 'A&amp;B\r' })],
      now: new Date(),
      dictionary,
    });
    const xml = buildFluxXml(odd, dictionary);
    expect(xml).toContain('<cpf:idContrat>R&amp;D; &lt;x&gt;</cpf:idContrat>');
    expect(xml).toContain('<cpf:type>A&amp;amp;B&#13;</cpf:type>');
  });
});

describe('values survive writing and parsing unchanged', () => {
  test('for random passages, every value read back is the value typed, in the same passage', () => {
    fc.assert(
      fc.property(
        validHeaderArbitrary(dictionary),
        fc.array(anyPassageArbitrary(dictionary), { minLength: 1, maxLength: 4 }),
        (header, passages) => {
          const written = createFlux({ header, passages, now: new Date(), idFlux: 'x', dictionary });
          const read = readFluxFromXml(buildFluxXml(written, dictionary), dictionary);
          expect(read.header).toEqual(header);
          const readPassages = read.certifications.flatMap((g) => g.passages);
          const writtenPassages = written.certifications.flatMap((g) => g.passages);
          readPassages.forEach((p, i) => {
            for (const [id, value] of Object.entries(p.values))
              expect(writtenPassages[i].values[id]).toBe(value);
            expect(p.digcomp.length).toBe(writtenPassages[i].digcomp.length);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('streaming', () => {
  const many = Array.from({ length: 2500 }, (_, i) =>
    passage(i + 2, { '4.2': i < 1200 ? 'RNCP1' : 'RNCP2' }),
  );
  const big = flux(many);

  test('chunks joined are the whole document, and every chunk ends with a line break', () => {
    const chunks = [...writeFluxXml(big, dictionary)];
    expect(chunks.join('')).toBe(buildFluxXml(big, dictionary));
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
  });

  test('passages come in batches: head, then per certification opening, batches, closing, then tail', () => {
    const chunks = [...writeFluxXml(big, dictionary, { batchSize: 1000 })];
    const passageCounts = chunks.map((c) => (c.match(/<cpf:passageCertification>/g) ?? []).length);
    // 1200 passages → 1000 + 200, then 1300 → 1000 + 300
    expect(passageCounts).toEqual([0, 0, 1000, 200, 0, 0, 1000, 300, 0, 0]);
  });

  test('no chunk holds more than a batch of passages, whatever the file size', () => {
    const generator = writeFluxXml(big, dictionary, { batchSize: 100 });
    let largest = 0;
    for (const chunk of generator) largest = Math.max(largest, chunk.length);
    const onePassage = buildFluxXml(flux([passage(2)]), dictionary).length;
    expect(largest).toBeLessThan(100 * onePassage);
  });

  test('a flux without certification still writes a complete document', () => {
    const empty = createFlux({ header: HEADER, passages: [], now: new Date(), dictionary });
    const xml = buildFluxXml(empty, dictionary);
    expect(xml).toContain('<cpf:certifications/>');
    expect(canonicalXml(xml)).toContain('certifications');
  });
});

describe('source map: from an XML line back to the cell', () => {
  const sheets = { passages: 'Passages', digcomp: 'DIGCOMP', parameters: 'Paramètres' };
  const withResults: Passage = {
    ...passage(9, { '6.1': '450' }),
    digcomp: [
      { row: 4, values: { '6.2': '5', '6.3': '1', '6.4': '2' } },
      { row: 5, values: { '6.2': '3' } },
    ],
  };
  const source = flux([passage(2), passage(3, { '4.2': 'RS5432', '5.3': 'deux\nlignes' }), withResults]);
  const { xml, sourceMap } = buildFluxXmlWithMap(source, dictionary, sheets);
  const lines = xml.split('\n');
  const lineOf = (needle: string, after = 0): number =>
    lines.findIndex((l, i) => i >= after && l.includes(needle)) + 1;

  test('passage lines locate to their row and field', () => {
    expect(sourceMap.locate(lineOf('<cpf:idTechnique>id-2'))).toEqual({
      sheet: 'Passages',
      row: 2,
      field: '5.1',
    });
    expect(sourceMap.locate(lineOf('<cpf:idTechnique>id-3'))).toEqual({
      sheet: 'Passages',
      row: 3,
      field: '5.1',
    });
    expect(sourceMap.locate(lineOf('<cpf:dateFinValidite', lineOf('id-9')))).toEqual({
      sheet: 'Passages',
      row: 9,
      field: '5.11',
    });
    expect(sourceMap.locate(lineOf('<cpf:scoreGeneral>'))).toEqual({
      sheet: 'Passages',
      row: 9,
      field: '6.1',
    });
  });

  test('container lines of a passage locate to its row without a field', () => {
    expect(sourceMap.locate(lineOf('<cpf:passageCertification>', lineOf('id-9') - 2))).toEqual({
      sheet: 'Passages',
      row: 9,
    });
  });

  test('both lines of a value with a line break locate to its field', () => {
    const first = lineOf('<cpf:libelleOption>deux');
    expect(sourceMap.locate(first)).toEqual({ sheet: 'Passages', row: 3, field: '5.3' });
    expect(sourceMap.locate(first + 1)).toEqual({ sheet: 'Passages', row: 3, field: '5.3' });
    expect(sourceMap.locate(first + 2)).toEqual({ sheet: 'Passages', row: 3, field: '5.4' });
  });

  test('DIGCOMP result lines locate to the DIGCOMP sheet row of that result', () => {
    expect(sourceMap.locate(lineOf('<cpf:niveau>5'))).toEqual({ sheet: 'DIGCOMP', row: 4, field: '6.2' });
    expect(sourceMap.locate(lineOf('<cpf:competenceId>2'))).toEqual({
      sheet: 'DIGCOMP',
      row: 4,
      field: '6.4',
    });
    expect(sourceMap.locate(lineOf('<cpf:niveau>3'))).toEqual({ sheet: 'DIGCOMP', row: 5, field: '6.2' });
    expect(sourceMap.locate(lineOf('<cpf:niveau>3') - 1)).toEqual({ sheet: 'DIGCOMP', row: 5 });
  });

  test('certification lines locate to the first passage row of their group', () => {
    expect(sourceMap.locate(lineOf('<cpf:code>RS5432'))).toEqual({ sheet: 'Passages', row: 3, field: '4.2' });
    expect(sourceMap.locate(lineOf('<cpf:type>', lineOf('id-3') - 6))).toEqual({
      sheet: 'Passages',
      row: 3,
      field: '4.1',
    });
    expect(sourceMap.locate(lineOf('<cpf:certification>'))).toEqual({ sheet: 'Passages', row: 2 });
  });

  test('header lines locate to the parameters sheet, by field', () => {
    expect(sourceMap.locate(lineOf('<cpf:idClient>AB123CDE'))).toEqual({
      sheet: 'Paramètres',
      row: 0,
      field: '2.1',
    });
    expect(sourceMap.locate(lineOf('<cpf:idClient>E564ACB0'))).toEqual({
      sheet: 'Paramètres',
      row: 0,
      field: '3.1',
    });
    expect(sourceMap.locate(lineOf('<cpf:horodatage>'))).toEqual({
      sheet: 'Paramètres',
      row: 0,
      field: '1.2',
    });
  });

  test('lines outside any field or passage locate to nothing', () => {
    expect(sourceMap.locate(1)).toBeUndefined();
    expect(sourceMap.locate(lineOf('<cpf:emetteur>'))).toBeUndefined();
    expect(sourceMap.locate(lines.length + 5)).toBeUndefined();
    expect(sourceMap.locate(0)).toBeUndefined();
  });

  test('without a parameters sheet, header lines locate to nothing', () => {
    const { xml: text, sourceMap: map } = buildFluxXmlWithMap(source, dictionary, {
      passages: 'P',
      digcomp: 'D',
    });
    expect(map.locate(text.split('\n').findIndex((l) => l.includes('<cpf:idContrat>')) + 1)).toBeUndefined();
  });

  test('an xmllint error line locates to the cell at fault', () => {
    const bad = flux([passage(2), passage(3, { '8.9': 'H' }), passage(4, { '8.6': '1850' })]);
    const { xml: text, sourceMap: map } = buildFluxXmlWithMap(bad, dictionary, sheets);
    const result = validateManyWithXmllint([text]);
    expect(result.valid).toBe(false);
    const errorLines = [...result.output.matchAll(/^doc-0\.xml:(\d+):/gm)].map((m) => Number(m[1]));
    const located = errorLines.map((line) => map.locate(line));
    expect(located).toContainEqual({ sheet: 'Passages', row: 3, field: '8.9' });
    expect(located).toContainEqual({ sheet: 'Passages', row: 4, field: '8.6' });
  });
});
