import * as fs from 'fs';
import { SCHEMA_VERSIONS } from '../../../src/dictionary';
import { OFFICIAL_XSD_PATH, OUR_XSD_PATH } from '../../support/official-example';
import { writeXsd } from '../../../src/core/xsd/write-xsd';
import { describeDictionarySchema, describeXsd, type SchemaDescription } from '../../support/schema-description';
import { DICTIONARY } from '../../support/dictionary';

/**
 * Every element, facet and enumeration of the official CDC XSD is in the dictionary with the same
 * constraints, and our generated XSD says the same: three normalized descriptions, one comparison.
 */
const dictionary = DICTIONARY;
const officialText = fs.readFileSync(OFFICIAL_XSD_PATH, 'utf8');

describe('conformance of the dictionary with the official XSD 1.1.2', () => {
  const official = describeXsd(officialText);
  const fromDictionary = describeDictionarySchema(dictionary.schema);
  const fromGeneratedFile = describeXsd(fs.readFileSync(OUR_XSD_PATH, 'utf8'));

  it('reads the official XSD completely (root, both choices, repeated lists)', () => {
    expect(official.targetNamespace).toBe('urn:cdc:cpf:pc5:schema:1.0.0');
    expect(official.version).toBe('1.1.2');
    expect(Object.keys(official.elements).length).toBeGreaterThan(60);
    const certifications = 'flux/emetteur/certificateurs/certificateur/certifications';
    expect(official.elements[`${certifications}/certification`]).toMatchObject({ minOccurs: 1, maxOccurs: 'unbounded' });
    const passage = `${certifications}/certification/passageCertifications/passageCertification`;
    expect(official.elements[`${passage}/niveauNumeriqueEuropeen/resultats/resultat`]).toMatchObject({
      minOccurs: 0,
      maxOccurs: 'unbounded',
    });
    expect(official.elements[`${passage}/identificationTitulaire/titulaire`]).toMatchObject({
      choiceOf: ['dossierFormation', 'titulaire'],
    });
    expect(official.elements[`${passage}/identificationTitulaire/titulaire/sexe`].content).toEqual({
      kind: 'simple',
      base: 'string',
      facets: { enumeration: ['M', 'F'] },
    });
  });

  it('the dictionary tree describes exactly the official XSD', () => {
    expect(fromDictionary).toEqual(official);
  });

  it('the generated xsd/ file describes exactly the official XSD', () => {
    expect(fromGeneratedFile).toEqual(official);
  });

  it('writeXsd output describes exactly the dictionary, for every schema version', () => {
    for (const schema of SCHEMA_VERSIONS) {
      expect(describeXsd(writeXsd(schema))).toEqual(describeDictionarySchema(schema));
    }
  });

  it('notices a one-character change in the official XSD (the comparison is not blind)', () => {
    const mutations: [string, string][] = [
      ['<xsd:maxLength value="60"/>', '<xsd:maxLength value="61"/>'],
      ['<xsd:enumeration value="F"/>', '<xsd:enumeration value="X"/>'],
      ['name="dateFinValidite" nillable="true"', 'name="dateFinValidite"'],
      ['name="prenom2" minOccurs="0"', 'name="prenom2"'],
      ['<xsd:choice maxOccurs="unbounded">', '<xsd:choice>'],
      ['<xsd:minInclusive value="1900"/>', '<xsd:minInclusive value="1901"/>'],
      ['T(2[0-3]', 'T(2[0-4]'],
    ];
    for (const [from, to] of mutations) {
      expect(officialText).toContain(from);
      const mutated: SchemaDescription = describeXsd(officialText.replace(from, to));
      expect([from, mutated]).not.toEqual([from, fromDictionary]);
    }
  });

  it('rejects XSD constructs it does not describe instead of ignoring them', () => {
    // The official file has CRLF line ends: match across the line break with a regex.
    const withAttribute = officialText.replace(
      /(<xsd:element name="emetteur" type="cpf:emetteur"\/>\s*<\/xsd:all>)/,
      '$1<xsd:attribute name="x"/>',
    );
    expect(withAttribute).not.toBe(officialText);
    expect(() => describeXsd(withAttribute)).toThrow(/attribute/);
  });
});

describe('field status agrees with the schema tree', () => {
  const exported = dictionary.fields.filter((field) => field.scope !== 'notInSchema');

  it.each(exported.map((field) => [`${field.id} ${field.tag}`, field] as const))('%s', (_, field) => {
    const { node, choices } = dictionary.placement(field.id);
    expect(node.nillable === true).toBe(field.nillable);
    if (field.status === 'requiredOrNil') expect(field.nillable).toBe(true);
    if (field.status === 'required') {
      expect(node.minOccurs).toBe(1);
      expect(field.nillable).toBe(false);
    }
    // Inside an exclusive choice, "optional" fields are mandatory within their option
    // (codeInsee is optional because the postal code may be sent instead).
    if (choices.length === 0 || field.status !== 'optional') {
      expect(node.minOccurs).toBe(field.status === 'optional' ? 0 : 1);
    }
  });
});
