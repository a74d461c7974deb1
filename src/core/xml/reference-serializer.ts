import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { chosenOption, type Dictionary, type ElementNode, type SchemaNode } from '../../dictionary';
import type { CertificationGroup, DigcompResult, Flux, Passage, XmlValue } from '../model/types';
import { hasValue, schemaShape } from './schema-shape';

/**
 * The whole CDC document written with xmlbuilder2, which takes care of escaping, namespaces and the XML
 * declaration. It is the reference the fast passage serializer is tested against, and the flux writer uses it
 * for the envelope (with a placeholder where passages go). It walks the schema tree on its own, without sharing
 * the fast serializer's emission code, so that the property tests compare two implementations of the rules.
 */

export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** Comment written where a certification's passages go when building the envelope only. */
export const PASSAGES_PLACEHOLDER = 'passages';

/** Same layout as the fast serializer: two-space indentation, LF line ends. */
const WRITER_OPTIONS = { prettyPrint: true, indent: '  ', newline: '\n' } as const;

type Values = Readonly<Record<string, XmlValue>>;

/** What a repeated element iterates over, from the outside in: groups, then passages, then DIGCOMP results. */
type Scope =
  | { readonly kind: 'flux'; readonly values: Values; readonly items: readonly CertificationGroup[] }
  | { readonly kind: 'group'; readonly values: Values; readonly items: readonly Passage[] }
  | { readonly kind: 'passage'; readonly values: Values; readonly items: readonly DigcompResult[] }
  | { readonly kind: 'result'; readonly values: Values; readonly items: readonly never[] };

interface Walk {
  readonly namespace: string;
  readonly prefix: string;
  readonly passageNode: ElementNode;
  readonly placeholders: boolean;
}

function innerScope(scope: Scope, index: number): Scope {
  switch (scope.kind) {
    case 'flux': {
      const group = scope.items[index];
      return { kind: 'group', values: group.values, items: group.passages };
    }
    case 'group': {
      const passage = scope.items[index];
      return { kind: 'passage', values: passage.values, items: passage.digcomp };
    }
    case 'passage':
      return { kind: 'result', values: scope.items[index].values, items: [] };
    case 'result':
      throw new Error('No repeated element inside a DIGCOMP result');
  }
}

function appendNode(parent: XMLBuilder, node: SchemaNode, scope: Scope, walk: Walk): void {
  if (node.type === 'choice') {
    appendNode(
      parent,
      chosenOption(node, (id) => hasValue(scope.values[id])),
      scope,
      walk,
    );
    return;
  }
  const name = `${walk.prefix}:${node.tag}`;
  if (node.field !== undefined) {
    const value = scope.values[node.field];
    if (hasValue(value)) parent.ele(walk.namespace, name).txt(textForXmlbuilder2(value));
    else if (node.nillable) parent.ele(walk.namespace, name).att(XSI_NAMESPACE, 'xsi:nil', 'true');
    return;
  }
  if (node.maxOccurs === 'unbounded') {
    if (node === walk.passageNode && walk.placeholders) {
      parent.com(PASSAGES_PLACEHOLDER);
      return;
    }
    scope.items.forEach((_item, index) =>
      appendChildren(parent.ele(walk.namespace, name), node, innerScope(scope, index), walk),
    );
    return;
  }
  const element = parent.ele(walk.namespace, name);
  appendChildren(element, node, scope, walk);
  if (node.minOccurs === 0 && !element.node.hasChildNodes()) element.remove();
}

function appendChildren(element: XMLBuilder, node: ElementNode, scope: Scope, walk: Walk): void {
  for (const child of node.children ?? []) appendNode(element, child, scope, walk);
}

/**
 * What to hand to xmlbuilder2's `txt()` for a value. xmlbuilder2 4.0.3 escapes `&` only when it does not look
 * like a reference (its regex `&(?![A-Za-z]+;|#\d+;)`), so "R&D;" would come out as an undefined entity and a
 * typed "&amp;" would reach the CDC as "&" (oozcitak/xmlbuilder2 issue #117, open). Escaping every `&` first
 * makes each one a reference that it leaves alone. CR goes the same way: written raw, a parser would read it
 * back as LF (XML 1.0 §2.11), so it is handed over as `&#13;`. It still escapes `<` and `>` itself.
 */
function textForXmlbuilder2(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/\r/g, '&#13;');
}

/**
 * The complete document for `flux`, ending with a line break. With `placeholders`, each certification's
 * passages are replaced by one `<!--passages-->` comment line (the envelope of the flux writer).
 */
export function buildReferenceFluxXml(
  flux: Flux,
  dictionary: Dictionary,
  options: { placeholders?: boolean } = {},
): string {
  const { schema } = dictionary;
  const walk = walkOf(dictionary, options.placeholders ?? false);
  const fluxValues: Values = {
    ...flux.header,
    [generatedId(dictionary, 0)]: flux.idFlux,
    [generatedId(dictionary, 1)]: flux.horodatage,
  };
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc
    .ele(schema.namespace, `${schema.prefix}:${schema.root.tag}`)
    .att(XMLNS_NAMESPACE, 'xmlns:xsi', XSI_NAMESPACE);
  appendChildren(root, schema.root, { kind: 'flux', values: fluxValues, items: flux.certifications }, walk);
  return `${doc.end(WRITER_OPTIONS)}\n`;
}

function walkOf(dictionary: Dictionary, placeholders: boolean): Walk {
  const { schema } = dictionary;
  return {
    namespace: schema.namespace,
    prefix: schema.prefix,
    passageNode: schemaShape(dictionary).passage.node,
    placeholders,
  };
}

/** Ids of the generated fields (idFlux, horodatage), in dictionary order. */
function generatedId(dictionary: Dictionary, index: number): string {
  const generated = dictionary.fieldsOfScope('generated');
  if (generated.length !== 2) throw new Error('Expected exactly two generated fields (idFlux, horodatage)');
  return generated[index].id;
}

/**
 * One passage written with xmlbuilder2 at nesting level `indent` (at least 1: level 0 is the root, which carries
 * the namespace declarations). Slow, as it builds a document around the passage: for tests and the benchmark.
 */
export function referencePassageXml(passage: Passage, dictionary: Dictionary, indent: number): string {
  if (!Number.isInteger(indent) || indent < 1)
    throw new RangeError(`Passage indentation level must be at least 1, got ${indent}`);
  const { schema } = dictionary;
  const shape = schemaShape(dictionary);
  const walk = walkOf(dictionary, false);
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  let parent = doc
    .ele(schema.namespace, `${schema.prefix}:${schema.root.tag}`)
    .att(XMLNS_NAMESPACE, 'xmlns:xsi', XSI_NAMESPACE);
  // Wrappers only push the passage down to the requested level; they are cut away below.
  for (let level = 1; level < indent; level++)
    parent = parent.ele(schema.namespace, `${schema.prefix}:level${level}`);
  const name = `${schema.prefix}:${shape.passage.node.tag}`;
  const element = parent.ele(schema.namespace, name);
  appendChildren(
    element,
    shape.passage.node,
    { kind: 'passage', values: passage.values, items: passage.digcomp },
    walk,
  );
  const lines = doc.end(WRITER_OPTIONS).split('\n');
  // Text never holds `<`, so these two lines cannot come from a value.
  const pad = '  '.repeat(indent);
  const start = lines.indexOf(`${pad}<${name}>`);
  const end = lines.indexOf(`${pad}</${name}>`, start);
  return `${lines.slice(start, end + 1).join('\n')}\n`;
}
