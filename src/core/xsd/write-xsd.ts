import type { ElementNode, FieldDef, SchemaNode, SchemaVersion } from '../../dictionary/types';

/**
 * Writes our own XSD from the dictionary (fields + schema tree).
 *
 * The CDC publishes its XSD but the product must not ship a copy of it: the schema we validate
 * against is derived from the one typed description of the data, so a field's length, list or
 * nillability is stated once. The conformance tests prove that this XSD accepts and rejects exactly
 * what the official one does.
 *
 * Style choices (ours, not the CDC's): one named simple type per field, one named complex type per
 * container, repeated elements written as `maxOccurs="unbounded"` directly (the CDC wraps them in a
 * one-option `xsd:choice`, which is equivalent).
 */

const XS = 'http://www.w3.org/2001/XMLSchema';
const INDENT = '  ';

/** XSD built-in type of each field kind; enumerations are string restrictions in the CDC schema. */
const BASE_TYPE: Readonly<Record<FieldDef['kind'], string>> = {
  string: 'xs:string',
  enum: 'xs:string',
  int: 'xs:int',
  boolean: 'xs:boolean',
  date: 'xs:date',
  dateTime: 'xs:dateTime',
};

/** Name of the simple type that carries a field's facets, e.g. "field-8.1-nomNaissance". */
export function fieldTypeName(field: FieldDef): string {
  return `field-${field.id}-${field.tag}`;
}

export function writeXsd(schema: SchemaVersion): string {
  const fieldsById = new Map(schema.fields.map((field) => [field.id, field]));
  const complexTypes: string[] = [];
  const usedFields: FieldDef[] = [];
  const typeNames = new Set<string>();

  const fieldOf = (node: ElementNode): FieldDef => {
    const field = fieldsById.get(node.field ?? '');
    if (!field) throw new Error(`Schema tree refers to unknown field ${node.field}`);
    return field;
  };

  /** Named complex type for a container; the path disambiguates a tag used by two containers. */
  const complexTypeName = (node: ElementNode, path: readonly string[]): string => {
    let name = `${node.tag}-type`;
    if (typeNames.has(name)) name = `${path.join('.')}-type`;
    typeNames.add(name);
    return name;
  };

  const elementDeclaration = (node: ElementNode, path: readonly string[], depth: number): string => {
    const attributes = [`name="${node.tag}"`];
    if (node.field !== undefined) {
      const field = fieldOf(node);
      usedFields.push(field);
      attributes.push(`type="cpf:${fieldTypeName(field)}"`);
    } else {
      attributes.push(`type="cpf:${writeComplexType(node, path)}"`);
    }
    if (node.minOccurs !== 1) attributes.push(`minOccurs="${node.minOccurs}"`);
    if (node.maxOccurs !== 1) attributes.push(`maxOccurs="${node.maxOccurs}"`);
    if (node.nillable) attributes.push('nillable="true"');
    return `${INDENT.repeat(depth)}<xs:element ${attributes.join(' ')}/>`;
  };

  const particle = (
    child: SchemaNode,
    compositor: 'all' | 'sequence',
    path: readonly string[],
    depth: number,
  ): string => {
    if (child.type === 'element') {
      // XSD 1.0 forbids repeated children inside xs:all: the tree must use a sequence there.
      if (compositor === 'all' && child.maxOccurs !== 1) {
        throw new Error(`${[...path, child.tag].join('/')}: repeated element inside an "all" container`);
      }
      return elementDeclaration(child, [...path, child.tag], depth);
    }
    if (compositor === 'all') throw new Error(`${path.join('/')}: choice "${child.name}" inside an "all" container`);
    const options = child.options.map((option) => elementDeclaration(option, [...path, option.tag], depth + 1));
    const pad = INDENT.repeat(depth);
    return [`${pad}<xs:choice>`, `${pad}${INDENT}<!-- ${child.name}: exactly one of these -->`, ...options, `${pad}</xs:choice>`].join(
      '\n',
    );
  };

  function writeComplexType(node: ElementNode, path: readonly string[]): string {
    const name = complexTypeName(node, path);
    // Reserve the slot before visiting the children so the file lists types from the root down.
    const slot = complexTypes.push('') - 1;
    const compositor = node.compositor ?? 'sequence';
    const group = compositor === 'all' ? 'xs:all' : 'xs:sequence';
    const children = (node.children ?? []).map((child) => particle(child, compositor, path, 3));
    complexTypes[slot] = [
        `${INDENT}<xs:complexType name="${name}">`,
        `${INDENT.repeat(2)}<${group}>`,
        ...children,
        `${INDENT.repeat(2)}</${group}>`,
        `${INDENT}</xs:complexType>`,
      ].join('\n');
    return name;
  }

  const rootDeclaration = elementDeclaration(schema.root, [schema.root.tag], 1);

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!--',
    `  Accrochage CDC pour Excel: XML schema of the CDC "accrochage certificateurs" file, version ${schema.version}.`,
    '  GENERATED from src/dictionary by src/core/xsd/write-xsd.ts: do not edit by hand.',
    '  Regenerate with: UPDATE_XSD=1 npx jest test/core/xsd/xsd-file',
    '-->',
    `<xs:schema xmlns:xs="${XS}" xmlns:cpf="${schema.namespace}" targetNamespace="${schema.namespace}"`,
    `${INDENT.repeat(5)}elementFormDefault="qualified" version="${schema.version}">`,
    '',
    rootDeclaration,
    '',
    ...complexTypes.flatMap((type) => [type, '']),
    ...uniqueById(usedFields).flatMap((field) => [writeFieldType(field), '']),
    '</xs:schema>',
    '',
  ].join('\n');
}

function uniqueById(fields: readonly FieldDef[]): FieldDef[] {
  const seen = new Set<string>();
  return [...fields]
    .filter((field) => !seen.has(field.id) && seen.add(field.id))
    .sort((a, b) => compareIds(a.id, b.id));
}

/** Dictionary order: "5.2" before "5.10". */
function compareIds(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

function writeFieldType(field: FieldDef): string {
  const pad = INDENT.repeat(3);
  const facets: string[] = [];
  if (field.length !== undefined) facets.push(`${pad}<xs:length value="${field.length}"/>`);
  if (field.minLength !== undefined) facets.push(`${pad}<xs:minLength value="${field.minLength}"/>`);
  if (field.maxLength !== undefined) facets.push(`${pad}<xs:maxLength value="${field.maxLength}"/>`);
  if (field.minInclusive !== undefined) facets.push(`${pad}<xs:minInclusive value="${field.minInclusive}"/>`);
  if (field.maxInclusive !== undefined) facets.push(`${pad}<xs:maxInclusive value="${field.maxInclusive}"/>`);
  if (field.pattern !== undefined) facets.push(`${pad}<xs:pattern value="${escapeAttribute(field.pattern)}"/>`);
  // Booleans carry Oui/Non labels for the template only: an enumeration facet would reject the
  // "1"/"0" lexical forms that the CDC schema accepts.
  if (field.kind === 'enum') {
    for (const value of field.enumeration ?? []) {
      facets.push(`${pad}<xs:enumeration value="${escapeAttribute(value.code)}"/>`);
    }
  }
  const base = BASE_TYPE[field.kind];
  const restriction =
    facets.length === 0
      ? [`${INDENT.repeat(2)}<xs:restriction base="${base}"/>`]
      : [`${INDENT.repeat(2)}<xs:restriction base="${base}">`, ...facets, `${INDENT.repeat(2)}</xs:restriction>`];
  return [
    `${INDENT}<xs:simpleType name="${fieldTypeName(field)}">`,
    `${INDENT.repeat(2)}<xs:annotation><xs:documentation xml:lang="fr">${field.id} ${escapeText(field.label)}</xs:documentation></xs:annotation>`,
    ...restriction,
    `${INDENT}</xs:simpleType>`,
  ].join('\n');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
