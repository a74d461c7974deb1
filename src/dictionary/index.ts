import { SCHEMA_1_1_2 } from './versions/1.1.2/schema';
import type { ElementNode, FieldDef, SchemaNode, SchemaVersion } from './types';

export * from './types';
export { BIRTHPLACE_CHOICE, IDENTITY_CHOICE } from './versions/1.1.2/schema';
export {
  DATE_PATTERN,
  DATETIME_PATTERN,
  DIGCOMP_COMPETENCES,
  DIGCOMP_DOMAINS,
} from './versions/1.1.2/fields';

/** The schema versions we know, newest last. Adding one is a data change in this folder. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [SCHEMA_1_1_2];
export const DEFAULT_SCHEMA_VERSION = '1.1.2';

/** Where a field sits in the XML: its element path and the exclusive choices it depends on. */
export interface FieldPlacement {
  readonly field: FieldDef;
  /** Element tags from the root, e.g. ["flux", "emetteur", "idClient"]. */
  readonly path: readonly string[];
  /** Each choice above the field, with the option (element tag) the field belongs to. */
  readonly choices: readonly { readonly choice: string; readonly option: string }[];
  readonly node: ElementNode;
}

/** A schema version with its lookups precomputed. */
export interface Dictionary {
  readonly schema: SchemaVersion;
  readonly fields: readonly FieldDef[];
  field(id: string): FieldDef;
  placement(id: string): FieldPlacement;
  /** Fields exported in the XML, by scope. */
  fieldsOfScope(scope: FieldDef['scope']): readonly FieldDef[];
}

const cache = new Map<string, Dictionary>();

export function getDictionary(version: string = DEFAULT_SCHEMA_VERSION): Dictionary {
  const cached = cache.get(version);
  if (cached) return cached;
  const schema = SCHEMA_VERSIONS.find((s) => s.version === version);
  if (!schema) {
    throw new Error(
      `Version de schéma inconnue : ${version}. Versions disponibles : ${SCHEMA_VERSIONS.map((s) => s.version).join(', ')}.`,
    );
  }
  const dictionary = buildDictionary(schema);
  cache.set(version, dictionary);
  return dictionary;
}

function buildDictionary(schema: SchemaVersion): Dictionary {
  const byId = new Map<string, FieldDef>();
  for (const field of schema.fields) {
    if (byId.has(field.id)) throw new Error(`Duplicate dictionary id ${field.id}`);
    byId.set(field.id, field);
  }
  const placements = new Map<string, FieldPlacement>();
  const visit = (node: SchemaNode, path: string[], choices: FieldPlacement['choices']): void => {
    if (node.type === 'choice') {
      for (const option of node.options)
        visit(option, path, [...choices, { choice: node.name, option: option.tag }]);
      return;
    }
    const here = [...path, node.tag];
    if (node.field !== undefined) {
      const field = byId.get(node.field);
      if (!field) throw new Error(`Schema tree refers to unknown field ${node.field}`);
      if (field.tag !== node.tag)
        throw new Error(`Field ${field.id} has tag ${field.tag}, tree says ${node.tag}`);
      placements.set(field.id, { field, path: here, choices, node });
    }
    for (const child of node.children ?? []) visit(child, here, choices);
  };
  visit(schema.root, [], []);
  for (const field of schema.fields) {
    const placed = placements.has(field.id);
    if (placed === (field.scope === 'notInSchema')) {
      throw new Error(
        `Field ${field.id}: scope ${field.scope} does not match its presence in the schema tree`,
      );
    }
  }
  const byScope = new Map<FieldDef['scope'], FieldDef[]>();
  for (const field of schema.fields) byScope.set(field.scope, [...(byScope.get(field.scope) ?? []), field]);
  return {
    schema,
    fields: schema.fields,
    field(id) {
      const field = byId.get(id);
      if (!field) throw new Error(`Unknown dictionary id ${id}`);
      return field;
    },
    placement(id) {
      const placement = placements.get(id);
      if (!placement) throw new Error(`Field ${id} is not in schema ${schema.version}`);
      return placement;
    },
    fieldsOfScope(scope) {
      return byScope.get(scope) ?? [];
    },
  };
}
