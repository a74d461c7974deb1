import type { SchemaVersion } from '../../../src/dictionary/types';
import { all, choice, leaf, sequence } from '../../../src/dictionary/tree-builders';
import { fieldTypeName, writeXsd } from '../../../src/core/xsd/write-xsd';
import { DICTIONARY } from '../../support/dictionary';

const schema = DICTIONARY.schema;
const xsd = writeXsd(schema);

describe('writeXsd', () => {
  it('says it is generated and must not be edited by hand', () => {
    expect(xsd).toMatch(/GENERATED from src\/dictionary .* do not edit by hand/);
  });

  it('declares the CDC namespace, qualified elements and the schema version', () => {
    expect(xsd).toContain('targetNamespace="urn:cdc:cpf:pc5:schema:1.0.0"');
    expect(xsd).toContain('elementFormDefault="qualified" version="1.1.2"');
    expect(xsd).toContain('<xs:element name="flux" type="cpf:flux-type"/>');
  });

  it('writes one named simple type per exported field, documented with its French label', () => {
    const exported = schema.fields.filter((f) => f.scope !== 'notInSchema');
    expect(xsd.match(/<xs:simpleType name=/g)).toHaveLength(exported.length);
    expect(xsd).toContain('<xs:simpleType name="field-8.1-nomNaissance">');
    expect(xsd).toContain('<xs:documentation xml:lang="fr">8.1 Nom de naissance</xs:documentation>');
    expect(xsd).not.toContain('titreGrade');
  });

  it('writes facets: lengths, bounds, pattern, enumeration codes', () => {
    const typeOf = (id: string) => {
      const field = schema.fields.find((f) => f.id === id);
      if (!field) throw new Error(id);
      const start = xsd.indexOf(`<xs:simpleType name="${fieldTypeName(field)}">`);
      return xsd.slice(start, xsd.indexOf('</xs:simpleType>', start));
    };
    expect(typeOf('2.1')).toContain('<xs:length value="8"/>');
    expect(typeOf('8.1')).toMatch(/<xs:minLength value="1"\/>\s*<xs:maxLength value="60"\/>/);
    expect(typeOf('8.6')).toMatch(/base="xs:int"[\s\S]*<xs:minInclusive value="1900"\/>\s*<xs:maxInclusive value="2099"\/>/);
    expect(typeOf('5.10')).toMatch(/base="xs:date"[\s\S]*<xs:pattern value="\(19\|20\)/);
    expect(typeOf('8.9')).toMatch(/<xs:enumeration value="M"\/>\s*<xs:enumeration value="F"\/>/);
    // Oui/Non are workbook labels: an enumeration facet would refuse 1/0, which the CDC accepts.
    expect(typeOf('5.5')).toContain('<xs:restriction base="xs:boolean"/>');
  });

  it('writes occurrences, nillable and the two exclusive choices', () => {
    expect(xsd).toContain('<xs:element name="dateFinValidite" type="cpf:field-5.11-dateFinValidite" nillable="true"/>');
    expect(xsd).toContain('<xs:element name="prenom2" type="cpf:field-8.4-prenom2" minOccurs="0"/>');
    expect(xsd).toContain('<xs:element name="passageCertification" type="cpf:passageCertification-type" maxOccurs="unbounded"/>');
    expect(xsd).toContain('<xs:element name="resultat" type="cpf:resultat-type" minOccurs="0" maxOccurs="unbounded"/>');
    expect(xsd.match(/<xs:choice>/g)).toHaveLength(2);
  });

  it('refuses a tree that XSD 1.0 cannot express', () => {
    const withTree = (root: SchemaVersion['root']): SchemaVersion => ({ ...schema, root });
    expect(() => writeXsd(withTree(all('flux', [leaf('idFlux', '1.1', { max: 'unbounded' })])))).toThrow(/repeated element inside an "all"/);
    expect(() => writeXsd(withTree(all('flux', [choice('x', [leaf('idFlux', '1.1')], 'refused')])))).toThrow(/choice "x" inside an "all"/);
    expect(() => writeXsd(withTree(sequence('flux', [leaf('nope', '0.0')])))).toThrow(/unknown field 0\.0/);
  });
});
