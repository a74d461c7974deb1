import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { ElementNode, FieldDef, SchemaNode, SchemaVersion } from '../../src/dictionary/types';

/**
 * A normalized description of what a schema accepts, element path by element path, so that the
 * official CDC XSD, our generated XSD and the dictionary tree can be compared with one toEqual.
 * Writing differences that do not change the accepted documents are normalized away: named vs inline
 * types, prefixes, a group holding a single particle (the CDC's sequence > choice maxOccurs="unbounded"
 * around one element is folded into the element's occurrences), facet order.
 * Used by the conformance tests; constructs the CDC schema does not use make it throw, so a new XSD
 * version cannot slip past the comparison.
 */

export interface Facets {
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  readonly patterns?: readonly string[];
  readonly enumeration?: readonly string[];
}

export type ContentDescription =
  | { readonly kind: 'simple'; readonly base: string; readonly facets: Facets }
  | { readonly kind: 'complex'; readonly compositor: 'all' | 'sequence' | 'choice' };

export interface ElementDescription {
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly nillable: boolean;
  /** Tags of the exclusive choice the element is an option of, sorted. */
  readonly choiceOf?: readonly string[];
  readonly content: ContentDescription;
}

export interface SchemaDescription {
  readonly targetNamespace: string;
  readonly elementFormDefault: string;
  readonly version: string;
  /** By element path from the root, e.g. "flux/emetteur/idClient". */
  readonly elements: Readonly<Record<string, ElementDescription>>;
}

const XS = 'http://www.w3.org/2001/XMLSchema';

// ---------------------------------------------------------------------------------------------
// From the dictionary

const DICTIONARY_BASE: Readonly<Record<FieldDef['kind'], string>> = {
  string: 'string',
  enum: 'string',
  int: 'int',
  boolean: 'boolean',
  date: 'date',
  dateTime: 'dateTime',
};

export function describeDictionarySchema(schema: SchemaVersion): SchemaDescription {
  const fields = new Map(schema.fields.map((field) => [field.id, field]));
  const elements: Record<string, ElementDescription> = {};
  const visit = (node: ElementNode, parentPath: string, choiceOf?: readonly string[]): void => {
    const path = parentPath ? `${parentPath}/${node.tag}` : node.tag;
    let content: ContentDescription;
    if (node.field !== undefined) {
      const field = fields.get(node.field);
      if (!field) throw new Error(`Unknown field ${node.field}`);
      content = { kind: 'simple', base: DICTIONARY_BASE[field.kind], facets: fieldFacets(field) };
    } else {
      const children = node.children ?? [];
      content = { kind: 'complex', compositor: dictionaryCompositor(node, children) };
      for (const child of children) {
        if (child.type === 'element') {
          visit(child, path);
        } else {
          if (children.length > 1)
            throw new Error(`${path}: a choice beside other particles is not supported`);
          const options = child.options.map((option) => option.tag).sort();
          for (const option of child.options) visit(option, path, options.length > 1 ? options : undefined);
        }
      }
    }
    elements[path] = {
      minOccurs: node.minOccurs,
      maxOccurs: node.maxOccurs,
      nillable: node.nillable === true,
      ...(choiceOf ? { choiceOf } : {}),
      content,
    };
  };
  visit(schema.root, '');
  return {
    targetNamespace: schema.namespace,
    elementFormDefault: 'qualified',
    version: schema.version,
    elements,
  };
}

function dictionaryCompositor(
  node: ElementNode,
  children: readonly SchemaNode[],
): 'all' | 'sequence' | 'choice' {
  if (children.length === 1) {
    const only = children[0];
    if (only.type === 'choice') return only.options.length > 1 ? 'choice' : 'sequence';
    return 'sequence';
  }
  return node.compositor ?? 'sequence';
}

function fieldFacets(field: FieldDef): Facets {
  return normalizeFacets({
    length: field.length,
    minLength: field.minLength,
    maxLength: field.maxLength,
    minInclusive: field.minInclusive,
    maxInclusive: field.maxInclusive,
    patterns: field.pattern === undefined ? undefined : [field.pattern],
    // Boolean fields carry Oui/Non labels for the workbook, not an XSD enumeration.
    enumeration: field.kind === 'enum' ? field.enumeration?.map((value) => value.code) : undefined,
  });
}

function normalizeFacets(facets: Facets): Facets {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facets)) {
    if (value === undefined) continue;
    result[key] = key === 'patterns' ? [...(value as string[])].sort() : value;
  }
  return result as Facets;
}

// ---------------------------------------------------------------------------------------------
// From XSD text

interface XsdNode {
  readonly local: string;
  readonly uri: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Prefix → namespace bindings in scope. */
  readonly scope: Readonly<Record<string, string>>;
  readonly children: XsdNode[];
}

const KNOWN_CONSTRUCTS = new Set([
  'schema',
  'element',
  'complexType',
  'simpleType',
  'all',
  'sequence',
  'choice',
  'restriction',
  'length',
  'minLength',
  'maxLength',
  'minInclusive',
  'maxInclusive',
  'pattern',
  'enumeration',
  'annotation',
  'documentation',
]);

function parseXsd(text: string): XsdNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XsdNode[] = [];
  let root: XsdNode | undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const parentScope = stack[stack.length - 1]?.scope ?? {};
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns')
        attributes[attribute.name] = attribute.value;
    }
    const node: XsdNode = {
      local: tag.local,
      uri: tag.uri,
      attributes,
      scope: { ...parentScope, ...tag.ns },
      children: [],
    };
    if (node.uri === XS && !KNOWN_CONSTRUCTS.has(node.local)) {
      throw new Error(`XSD construct xs:${node.local} is not supported by the schema description`);
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      // Documentation content is free XML; only schema components matter.
      if (parent.local !== 'documentation') parent.children.push(node);
    } else {
      root = node;
    }
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(text).close();
  if (!root || root.local !== 'schema' || root.uri !== XS) throw new Error('Not an XML Schema document');
  return root;
}

function resolveQName(node: XsdNode, qname: string): { uri: string; local: string } {
  const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
  const uri = node.scope[prefix];
  if (uri === undefined) throw new Error(`Undeclared prefix in ${qname}`);
  return { uri, local };
}

const components = (node: XsdNode) =>
  node.children.filter((child) => child.uri === XS && child.local !== 'annotation');

function occurs(node: XsdNode): { min: number; max: number | 'unbounded' } {
  const max = node.attributes.maxOccurs ?? '1';
  return {
    min: Number(node.attributes.minOccurs ?? '1'),
    max: max === 'unbounded' ? 'unbounded' : Number(max),
  };
}

function multiply(a: number | 'unbounded', b: number | 'unbounded'): number | 'unbounded' {
  if (a === 0 || b === 0) return 0;
  return a === 'unbounded' || b === 'unbounded' ? 'unbounded' : a * b;
}

export function describeXsd(text: string): SchemaDescription {
  const schema = parseXsd(text);
  const targetNamespace = schema.attributes.targetNamespace ?? '';
  const named = (kind: string) =>
    new Map(
      components(schema)
        .filter((c) => c.local === kind)
        .map((c) => [c.attributes.name, c] as const),
    );
  const complexTypes = named('complexType');
  const simpleTypes = named('simpleType');
  const elements: Record<string, ElementDescription> = {};

  const simpleContent = (type: XsdNode): { base: string; facets: Facets } => {
    const [restriction, ...others] = components(type);
    if (!restriction || restriction.local !== 'restriction' || others.length > 0) {
      throw new Error('Only simple types by restriction are supported');
    }
    const base = resolveQName(restriction, restriction.attributes.base);
    const inherited =
      base.uri === XS
        ? { base: base.local, facets: {} }
        : simpleContent(lookup(simpleTypes, base, targetNamespace));
    const facets: Record<string, unknown> = { ...inherited.facets };
    for (const facet of components(restriction)) {
      const value = facet.attributes.value;
      if (facet.local === 'pattern') facets.patterns = [...((facets.patterns as string[]) ?? []), value];
      else if (facet.local === 'enumeration')
        facets.enumeration = [...((facets.enumeration as string[]) ?? []), value];
      else facets[facet.local] = Number(value);
    }
    return { base: inherited.base, facets: normalizeFacets(facets as Facets) };
  };

  const describeElement = (
    element: XsdNode,
    parentPath: string,
    occurrence: { min: number; max: number | 'unbounded' },
    choiceOf?: readonly string[],
  ): void => {
    const path = parentPath ? `${parentPath}/${element.attributes.name}` : element.attributes.name;
    const typeName = element.attributes.type;
    const inline = components(element)[0];
    let type: XsdNode | undefined = inline;
    let builtin: string | undefined;
    if (typeName !== undefined) {
      const qname = resolveQName(element, typeName);
      if (qname.uri === XS) builtin = qname.local;
      else type = complexTypes.get(qname.local) ?? lookup(simpleTypes, qname, targetNamespace);
    }
    let content: ContentDescription;
    if (builtin !== undefined) {
      content = { kind: 'simple', base: builtin, facets: {} };
    } else if (type?.local === 'simpleType') {
      content = { kind: 'simple', ...simpleContent(type) };
    } else if (type?.local === 'complexType') {
      content = { kind: 'complex', compositor: describeComplexType(type, path) };
    } else {
      throw new Error(`${path}: element without a type`);
    }
    elements[path] = {
      minOccurs: occurrence.min,
      maxOccurs: occurrence.max,
      nillable: element.attributes.nillable === 'true',
      ...(choiceOf ? { choiceOf } : {}),
      content,
    };
  };

  /** Describes the children of a complex type and returns its normalized compositor. */
  const describeComplexType = (type: XsdNode, path: string): 'all' | 'sequence' | 'choice' => {
    const [group, ...others] = components(type);
    if (!group || others.length > 0 || !['all', 'sequence', 'choice'].includes(group.local)) {
      throw new Error(`${path}: only a single all/sequence/choice content model is supported`);
    }
    // Fold groups that hold a single particle into the occurrences of what they hold.
    let current = group;
    let { min, max } = occurs(group);
    for (
      let inner = components(current);
      inner.length === 1 && inner[0].local !== 'element';
      inner = components(current)
    ) {
      current = inner[0];
      min *= occurs(current).min;
      max = multiply(max, occurs(current).max);
    }
    const particles = components(current);
    if (particles.length === 1) {
      const element = particles[0];
      const own = occurs(element);
      describeElement(element, path, { min: min * own.min, max: multiply(max, own.max) });
      return 'sequence';
    }
    if (min !== 1 || max !== 1 || particles.some((particle) => particle.local !== 'element')) {
      throw new Error(`${path}: nested or repeated groups are not supported`);
    }
    const compositor = current.local as 'all' | 'sequence' | 'choice';
    const options = compositor === 'choice' ? particles.map((p) => p.attributes.name).sort() : undefined;
    for (const element of particles) describeElement(element, path, occurs(element), options);
    return compositor;
  };

  for (const element of components(schema).filter((c) => c.local === 'element')) {
    describeElement(element, '', { min: 1, max: 1 });
  }
  return {
    targetNamespace,
    elementFormDefault: schema.attributes.elementFormDefault ?? 'unqualified',
    version: schema.attributes.version ?? '',
    elements,
  };
}

function lookup(
  types: ReadonlyMap<string, XsdNode>,
  name: { uri: string; local: string },
  targetNamespace: string,
): XsdNode {
  const type = name.uri === targetNamespace ? types.get(name.local) : undefined;
  if (!type) throw new Error(`Unknown type {${name.uri}}${name.local}`);
  return type;
}
