import type { Dictionary, FieldPlacement } from '../../dictionary';
import type { ElementNode, SchemaNode } from '../../dictionary/types';

/**
 * What the message mapping needs to know about element names, read from the dictionary tree:
 * libxml2 names elements by tag only, and a tag may carry several fields (idClient is 2.1 and 3.1).
 */
export interface SchemaLookup {
  readonly dictionary: Dictionary;
  /** Fields carried by a leaf tag (several when the tag is reused under different parents). */
  fieldsWithTag(tag: string): readonly FieldPlacement[];
  /** Container element by tag (flux, titulaire, …). */
  container(tag: string): ElementNode | undefined;
  /** The options of the exclusive choice a tag belongs to (e.g. titulaire → [dossierFormation, titulaire]). */
  choiceOptions(tag: string): readonly string[] | undefined;
  /** Required children of a container: tags, and choices as their option tags. */
  requiredChildren(tag: string): readonly (string | readonly string[])[];
  /** Dictionary ids of the fields inside a container, in tree order (codeCommuneNaissance → 8.10, 8.11). */
  fieldIdsUnder(tag: string): readonly string[];
}

const cache = new WeakMap<Dictionary, SchemaLookup>();

export function schemaLookup(dictionary: Dictionary): SchemaLookup {
  const cached = cache.get(dictionary);
  if (cached) return cached;
  const fieldsByTag = new Map<string, FieldPlacement[]>();
  for (const field of dictionary.fields) {
    if (field.scope === 'notInSchema') continue;
    const placement = dictionary.placement(field.id);
    fieldsByTag.set(field.tag, [...(fieldsByTag.get(field.tag) ?? []), placement]);
  }
  const containers = new Map<string, ElementNode>();
  const choices = new Map<string, readonly string[]>();
  const visit = (node: SchemaNode): void => {
    if (node.type === 'choice') {
      const options = node.options.map((option) => option.tag);
      for (const option of node.options) {
        choices.set(option.tag, options);
        visit(option);
      }
      return;
    }
    if (node.children) {
      containers.set(node.tag, node);
      node.children.forEach(visit);
    }
  };
  const fieldIds = (node: SchemaNode): string[] =>
    node.type === 'choice'
      ? node.options.flatMap(fieldIds)
      : node.field !== undefined
        ? [node.field]
        : (node.children ?? []).flatMap(fieldIds);
  visit(dictionary.schema.root);

  const lookup: SchemaLookup = {
    dictionary,
    fieldsWithTag: (tag) => fieldsByTag.get(tag) ?? [],
    container: (tag) => containers.get(tag),
    choiceOptions: (tag) => choices.get(tag),
    requiredChildren: (tag) =>
      (containers.get(tag)?.children ?? []).flatMap((child): (string | readonly string[])[] => {
        if (child.type === 'choice') return [child.options.map((option) => option.tag)];
        return child.minOccurs > 0 ? [child.tag] : [];
      }),
    fieldIdsUnder: (tag) => {
      const node = containers.get(tag);
      return node ? fieldIds(node) : [];
    },
  };
  cache.set(dictionary, lookup);
  return lookup;
}
