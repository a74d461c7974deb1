import { leafFields, type Dictionary, type ElementNode, type SchemaNode } from '../../dictionary';

/**
 * What the XML writers need to know about the shape of a schema tree, read from the tree itself so that a new
 * schema version is a data change. The CDC tree repeats three elements, nested: certification (one per group of
 * passages), passageCertification (one per passage) and resultat (one per DIGCOMP result of a passage).
 */

export interface RepeatedElement {
  readonly node: ElementNode;
  /** Nesting depth, the root being 0: also the indentation level of the element in the output. */
  readonly depth: number;
  /** Element tags from the root down to this element, inclusive. */
  readonly path: readonly string[];
}

export interface SchemaShape {
  readonly certification: RepeatedElement;
  readonly passage: RepeatedElement;
  readonly result: RepeatedElement;
  /** Dictionary id of the leaf at each element path ("flux/emetteur/idClient" → "2.1"). */
  readonly fieldsByPath: ReadonlyMap<string, string>;
  /** Ids of the leaves directly inside the certification element (the grouping key of passages). */
  readonly certificationFields: readonly string[];
}

const shapes = new WeakMap<Dictionary, SchemaShape>();

export function schemaShape(dictionary: Dictionary): SchemaShape {
  const cached = shapes.get(dictionary);
  if (cached) return cached;
  const repeated: RepeatedElement[] = [];
  const visit = (node: SchemaNode, path: readonly string[], nesting: number): void => {
    if (node.type === 'choice') {
      for (const option of node.options) visit(option, path, nesting);
      return;
    }
    const here = [...path, node.tag];
    let inner = nesting;
    if (node.maxOccurs === 'unbounded') {
      if (repeated.length !== nesting)
        throw new Error(`Unsupported schema shape: repeated elements side by side at ${here.join('/')}`);
      repeated.push({ node, depth: here.length - 1, path: here });
      inner = nesting + 1;
    }
    for (const child of node.children ?? []) visit(child, here, inner);
  };
  visit(dictionary.schema.root, [], 0);
  if (repeated.length !== 3)
    throw new Error(`Unsupported schema shape: ${repeated.length} nested repeated elements, 3 expected`);
  const [certification, passage, result] = repeated;

  const fieldsByPath = new Map<string, string>();
  for (const field of dictionary.fields) {
    if (field.scope === 'notInSchema') continue;
    fieldsByPath.set(dictionary.placement(field.id).path.join('/'), field.id);
  }
  const certificationFields = (certification.node.children ?? []).flatMap((child) =>
    child.type === 'element' && child.field !== undefined ? [child.field] : [],
  );
  for (const id of leafFields(result.node)) {
    if (dictionary.field(id).scope !== 'digcomp')
      throw new Error(`Field ${id} sits in a DIGCOMP result but is not DIGCOMP-scoped`);
  }
  const shape: SchemaShape = { certification, passage, result, fieldsByPath, certificationFields };
  shapes.set(dictionary, shape);
  return shape;
}

/** True when a value counts as given: the normalizer leaves absent keys, but an empty string means empty too. */
export function hasValue(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
