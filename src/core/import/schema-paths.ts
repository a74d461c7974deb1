import type { Dictionary, ElementNode, SchemaNode } from '../../dictionary';
import { schemaShape } from '../xml/schema-shape';

/**
 * Every element path the schema tree allows, read from the tree (never typed here), so that a reader can tell a
 * field from a container and both from an element the schema does not know. Paths are local names joined by
 * "/", from the root: "flux/emetteur/idClient".
 */

export type PathRole =
  | { readonly kind: 'leaf'; readonly field: string; readonly node: ElementNode }
  | { readonly kind: 'container'; readonly node: ElementNode };

export interface SchemaPaths {
  readonly roles: ReadonlyMap<string, PathRole>;
  readonly root: string;
  /** The three nested repeated elements of the CDC tree. */
  readonly certification: string;
  readonly passage: string;
  readonly result: string;
  /** The element whose second occurrence cannot be placed (one set of parameters per template). */
  readonly certificateur: string;
  /** Dictionary id of the certificateur's first leaf (its BCR), to name another certificateur in a report. */
  readonly certificateurId: string | undefined;
  /** Leaves of the certification element (its grouping key), repeated on every passage row. */
  readonly certificationFields: ReadonlySet<string>;
}

const cache = new WeakMap<Dictionary, SchemaPaths>();

export function schemaPaths(dictionary: Dictionary): SchemaPaths {
  const cached = cache.get(dictionary);
  if (cached) return cached;
  const roles = new Map<string, PathRole>();
  const visit = (node: SchemaNode, path: readonly string[]): void => {
    if (node.type === 'choice') {
      for (const option of node.options) visit(option, path);
      return;
    }
    const here = [...path, node.tag];
    const key = here.join('/');
    roles.set(
      key,
      node.field !== undefined ? { kind: 'leaf', field: node.field, node } : { kind: 'container', node },
    );
    for (const child of node.children ?? []) visit(child, here);
  };
  visit(dictionary.schema.root, []);
  const shape = schemaShape(dictionary);
  const certification = shape.certification.path;
  // The certificateur is the single-occurrence container holding the flux-level leaves nearest the certifications.
  const fluxLeafParents = dictionary
    .fieldsOfScope('flux')
    .map((f) => dictionary.placement(f.id).path.slice(0, -1))
    .filter((parent) => certification.join('/').startsWith(`${parent.join('/')}/`));
  const certificateur = fluxLeafParents.reduce(
    (a, b) => (b.length > a.length ? b : a),
    [] as readonly string[],
  );
  const paths: SchemaPaths = {
    roles,
    root: dictionary.schema.root.tag,
    certification: certification.join('/'),
    passage: shape.passage.path.join('/'),
    result: shape.result.path.join('/'),
    certificateur: certificateur.join('/'),
    certificateurId: [...roles.entries()].find(
      ([key, role]) => role.kind === 'leaf' && key.startsWith(`${certificateur.join('/')}/`),
    )?.[1].node.field,
    certificationFields: new Set(shape.certificationFields),
  };
  cache.set(dictionary, paths);
  return paths;
}
