import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { IDENTITY_CHOICE, type Dictionary, type FieldDef, type SchemaNode } from '../../src/dictionary';
import type { DigcompResult, Flux, Passage, XmlValue } from '../../src/core/model/types';
import { findForbiddenXmlChar } from '../../src/core/xml/escape';
import { createFlux, groupCertifications } from '../../src/core/xml/group';
import { schemaShape } from '../../src/core/xml/schema-shape';

/** Test support for src/core/xml: CDC files read in place, XML comparison, xmllint, random passages. */

export { OFFICIAL_XSD as OFFICIAL_XSD_PATH, OFFICIAL_EXAMPLE as OFFICIAL_EXAMPLE_PATH } from './paths';
import { OFFICIAL_XSD as OFFICIAL_XSD_PATH } from './paths';
const NATIVE_XMLLINT = '/usr/bin/xmllint';

// ---------------------------------------------------------------------------------------------------------
// Native xmllint

export interface BatchValidation {
  readonly valid: boolean;
  /** xmllint's stderr: errors as "<file>:<line>: …", then "<file> validates" or "<file> fails to validate". */
  readonly output: string;
}

/** Validates many documents with one xmllint run (the schema is compiled once), files named doc-<i>.xml. */
export function validateManyWithXmllint(
  documents: readonly string[],
  xsdPath = OFFICIAL_XSD_PATH,
): BatchValidation {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-xml-'));
  try {
    const files = documents.map((xml, i) => {
      const file = `doc-${i}.xml`;
      fs.writeFileSync(path.join(dir, file), xml);
      return file;
    });
    const result = spawnSync(NATIVE_XMLLINT, ['--noout', '--schema', xsdPath, ...files], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    return { valid: result.status === 0, output: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Canonical form: what a namespace-aware parser sees, formatting whitespace aside

interface CanonicalElement {
  readonly name: string;
  readonly attributes: string[];
  readonly children: CanonicalElement[];
  text: string;
}

/**
 * The parsed document as a string: `{uri}local` names, attributes by expanded name (namespace declarations
 * left out), and text kept exactly for elements without element children (whitespace between elements is layout).
 */
export function canonicalXml(xml: string): string {
  const parser = new SaxesParser({ xmlns: true });
  const stack: CanonicalElement[] = [{ name: '#document', attributes: [], children: [], text: '' }];
  parser.on('opentag', (tag) => {
    const attributes = Object.values(tag.attributes)
      .filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns')
      .map((a) => `{${a.uri}}${a.local}=${JSON.stringify(a.value)}`)
      .sort();
    const element: CanonicalElement = {
      name: `{${tag.uri}}${tag.local}`,
      attributes,
      children: [],
      text: '',
    };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  const render = (element: CanonicalElement): unknown =>
    element.children.length === 0
      ? [element.name, element.attributes, element.text]
      : [element.name, element.attributes, element.children.map(render)];
  return JSON.stringify(render(stack[0]), null, 1);
}

// ---------------------------------------------------------------------------------------------------------
// The CDC example read back into a Flux (a golden fixture built from the official file, not copied)

export function readFluxFromXml(xml: string, dictionary: Dictionary): Flux {
  const shape = schemaShape(dictionary);
  const generated = dictionary.fieldsOfScope('generated');
  const fluxValues: Record<string, XmlValue> = {};
  const passages: {
    values: Record<string, XmlValue>;
    digcomp: { row: number; values: Record<string, XmlValue> }[];
  }[] = [];
  let groupValues: Record<string, XmlValue> = {};
  const path: string[] = [];
  let text = '';
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    path.push(tag.local);
    text = '';
    const here = path.join('/');
    if (here === shape.certification.path.join('/')) groupValues = {};
    if (here === shape.passage.path.join('/')) passages.push({ values: { ...groupValues }, digcomp: [] });
    if (here === shape.result.path.join('/'))
      passages[passages.length - 1].digcomp.push({ row: 0, values: {} });
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const id = shape.fieldsByPath.get(path.join('/'));
    path.pop();
    if (id === undefined || tag.attributes['xsi:nil'] !== undefined) return;
    const here = path.join('/');
    const passage = passages[passages.length - 1];
    if (here.startsWith(shape.result.path.join('/')))
      passage.digcomp[passage.digcomp.length - 1].values[id] = text;
    else if (here.startsWith(shape.passage.path.join('/'))) passage.values[id] = text;
    else if (here.startsWith(shape.certification.path.join('/'))) groupValues[id] = text;
    else fluxValues[id] = text;
  });
  parser.write(xml).close();
  const header = Object.fromEntries(
    Object.entries(fluxValues).filter(([id]) => !generated.some((f) => f.id === id)),
  );
  let row = 1;
  const rows: Passage[] = passages.map((p) => ({
    row: ++row,
    values: p.values,
    digcomp: p.digcomp.map((r) => ({ row: ++row, values: r.values })),
  }));
  return {
    idFlux: fluxValues[generated[0].id],
    horodatage: fluxValues[generated[1].id],
    header,
    certifications: groupCertifications(rows, dictionary),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Random passages

/** Characters that need care: escaping, line ends, quotes, accents, astral-plane emoji. */
const TRICKY_CHARS = [
  '&',
  '<',
  '>',
  '"',
  "'",
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  'é',
  'È',
  'ç',
  'œ',
  '’',
  '😀',
  '𝄞',
  ']]>',
  '&amp;',
];

/** One character (code point) allowed by XML 1.0. */
const xmlChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_CHARS.filter((c) => [...c].length === 1)) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0x9, max: 0x10ffff })
      .map((c) => String.fromCodePoint(c))
      .filter((c) => findForbiddenXmlChar(c) === undefined),
  },
);

/** Any text an Excel cell could give, forbidden characters excepted (validation rejects those). */
export const anyCellText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: xmlChar, maxLength: 12 }),
  fc.array(fc.constantFrom(...TRICKY_CHARS), { maxLength: 6 }).map((parts) => parts.join('')),
);

/** A value satisfying the field's facets (lengths count code points, as XSD does). */
export function validValue(field: FieldDef): fc.Arbitrary<string> {
  if (field.enumeration !== undefined) return fc.constantFrom(...field.enumeration.map((e) => e.code));
  switch (field.kind) {
    case 'date':
      return fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case 'int':
      return fc
        .integer({ min: field.minInclusive ?? -2147483648, max: field.maxInclusive ?? 2147483647 })
        .map(String);
    case 'string': {
      const minLength = field.length ?? field.minLength ?? 0;
      const maxLength = field.length ?? Math.min(field.maxLength ?? 40, 40);
      const length = fc.integer({ min: minLength, max: Math.max(minLength, maxLength) });
      return length.chain((n) =>
        fc.array(xmlChar, { minLength: n, maxLength: n }).map((chars) => chars.join('')),
      );
    }
    default:
      throw new Error(`No generator for field ${field.id} of kind ${field.kind}`);
  }
}

interface ChoiceSpec {
  readonly name: string;
  readonly options: readonly string[];
}

function choicesUnder(node: SchemaNode): ChoiceSpec[] {
  if (node.type === 'choice') {
    const own: ChoiceSpec = { name: node.name, options: node.options.map((o) => o.tag) };
    return [own, ...node.options.flatMap(choicesUnder)];
  }
  return (node.children ?? []).flatMap(choicesUnder);
}

/** Passage fields (passage scope, inside the passage element), in tree order. */
function passageFields(dictionary: Dictionary): FieldDef[] {
  const shape = schemaShape(dictionary);
  const prefix = shape.passage.path.join('/') + '/';
  return dictionary
    .fieldsOfScope('passage')
    .filter((f) => dictionary.placement(f.id).path.join('/').startsWith(prefix));
}

/**
 * A passage that the XSD accepts: required fields present, optional and nillable ones at random, one option
 * drawn for each choice (identity, birthplace), 0–5 DIGCOMP results; certification values from a small set
 * so that passages share groups.
 */
export function validPassageArbitrary(dictionary: Dictionary): fc.Arbitrary<Passage> {
  const shape = schemaShape(dictionary);
  const fields = passageFields(dictionary);
  const specs = choicesUnder(shape.passage.node);
  const fieldArbitraries = Object.fromEntries(
    fields.map((f) => [f.id, fc.record({ value: validValue(f), present: fc.boolean() })]),
  );
  const certification = fc.record(
    Object.fromEntries(
      shape.certificationFields.map((id) => {
        const field = dictionary.field(id);
        const values = fc.sample(validValue(field), { numRuns: 2, seed: 7 });
        const value = fc.constantFrom(...values);
        return [
          id,
          dictionary.placement(id).node.minOccurs === 0 ? fc.option(value, { nil: undefined }) : value,
        ];
      }),
    ),
  );
  const resultFields = dictionary.fieldsOfScope('digcomp');
  const result = fc.record(
    Object.fromEntries(resultFields.map((f) => [f.id, fc.option(validValue(f), { nil: undefined })])),
  );
  return fc
    .record({
      fields: fc.record(fieldArbitraries),
      picks: fc.tuple(...specs.map((s) => fc.constantFrom(...s.options))),
      certification,
      results: fc.array(result, { maxLength: 5 }),
    })
    .map(({ fields: drawn, picks, certification: cert, results }) => {
      const picked = new Map(specs.map((s, i) => [s.name, picks[i]]));
      const values: Record<string, XmlValue> = compact(cert);
      for (const field of fields) {
        const placement = dictionary.placement(field.id);
        if (!placement.choices.every((c) => picked.get(c.choice) === c.option)) continue;
        const mustBePresent = placement.node.minOccurs === 1 && !placement.node.nillable;
        if (mustBePresent || drawn[field.id].present) values[field.id] = drawn[field.id].value;
      }
      const digcomp: DigcompResult[] = results.map((r, i) => ({ row: i + 2, values: compact(r) }));
      return { row: 0, values, digcomp };
    });
}

/** A passage with any subset of fields holding any text (not necessarily valid), for serializer comparison. */
export function anyPassageArbitrary(dictionary: Dictionary): fc.Arbitrary<Passage> {
  const fields = passageFields(dictionary);
  const identity = choicesUnder(schemaShape(dictionary).passage.node).find((c) => c.name === IDENTITY_CHOICE);
  const identityFields = new Set(
    fields
      .filter((f) =>
        dictionary
          .placement(f.id)
          .choices.some((c) => c.choice === IDENTITY_CHOICE && c.option === identity?.options[0]),
      )
      .map((f) => f.id),
  );
  const text = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 6, arbitrary: anyCellText });
  const valuesOf = (ids: readonly string[]) =>
    fc.record(Object.fromEntries(ids.map((id) => [id, fc.option(text, { nil: undefined })])));
  return fc
    .record({
      values: valuesOf(fields.map((f) => f.id)),
      // Without this, most passages would hold some bloc 9 value and take the dossierFormation option.
      dropDossier: fc.boolean(),
      results: fc.array(valuesOf(dictionary.fieldsOfScope('digcomp').map((f) => f.id)), { maxLength: 5 }),
      row: fc.integer({ min: 2, max: 100000 }),
    })
    .map(({ values, dropDossier, results, row }) => {
      const kept = compact(values);
      if (dropDossier) for (const id of identityFields) delete kept[id];
      return {
        row,
        values: kept,
        digcomp: results.map((r, i) => ({ row: row * 10 + i, values: compact(r) })),
      };
    });
}

function compact(record: Readonly<Record<string, string | undefined>>): Record<string, XmlValue> {
  const out: Record<string, XmlValue> = {};
  for (const [id, value] of Object.entries(record)) if (value !== undefined) out[id] = value;
  return out;
}

/** Flux-level values satisfying their facets. */
export function validHeaderArbitrary(dictionary: Dictionary): fc.Arbitrary<Record<string, XmlValue>> {
  return fc.record(Object.fromEntries(dictionary.fieldsOfScope('flux').map((f) => [f.id, validValue(f)])));
}

/** A whole valid flux of 1–`maxPassages` passages, exported at a random instant (1950–2099). */
export function validFluxArbitrary(dictionary: Dictionary, maxPassages = 5): fc.Arbitrary<Flux> {
  return fc
    .record({
      header: validHeaderArbitrary(dictionary),
      passages: fc.array(validPassageArbitrary(dictionary), { minLength: 1, maxLength: maxPassages }),
      now: fc.date({
        min: new Date('1950-01-01T00:00:00Z'),
        max: new Date('2099-12-30T00:00:00Z'),
        noInvalidDate: true,
      }),
      idFlux: fc.uuid(),
    })
    .map(({ header, passages, now, idFlux }) =>
      createFlux({
        header,
        passages: passages.map((p, i) => ({ ...p, row: i + 2 })),
        now,
        idFlux,
        dictionary,
      }),
    );
}
