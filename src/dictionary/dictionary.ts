import { appliesTo, chosenOption, type ChoicePlacement, type ChosenOptions } from './choices';
import type { ChoiceNode, ElementNode, FieldDef, SchemaNode, SchemaVersion } from './types';

/** Where a field sits in the XML: its element path and the exclusive choices it depends on. */
export interface FieldPlacement {
  readonly field: FieldDef;
  /** Element tags from the root, e.g. ["flux", "emetteur", "idClient"]. */
  readonly path: readonly string[];
  /** Each choice above the field, with the option (element tag) the field belongs to. */
  readonly choices: readonly ChoicePlacement[];
  readonly node: ElementNode;
}

/**
 * A schema version with its lookups precomputed. Built once per version at a composition root (CLI command,
 * pane services, worker) and passed explicitly to everything that depends on the data: nothing below picks a
 * version by itself.
 */
export interface Dictionary {
  readonly schema: SchemaVersion;
  readonly fields: readonly FieldDef[];
  field(id: string): FieldDef;
  placement(id: string): FieldPlacement;
  /** Fields exported in the XML, by scope. */
  fieldsOfScope(scope: FieldDef['scope']): readonly FieldDef[];
  /** Every exclusive choice of the tree, outermost first. */
  readonly choices: readonly ChoiceNode[];
  /** The option each choice takes for a row, from which fields hold something. */
  chosenOptions(filled: (id: string) => boolean): ChosenOptions;
  /** Whether the field belongs to the options the row uses (bloc 8 fields do not apply to a bloc 9 row). */
  applies(id: string, chosen: ChosenOptions): boolean;
}

export function buildDictionary(schema: SchemaVersion): Dictionary {
  const byId = new Map<string, FieldDef>();
  for (const field of schema.fields) {
    if (byId.has(field.id)) throw new Error(`Duplicate dictionary id ${field.id}`);
    if ((field.scope === 'derived') !== (field.derive !== undefined))
      throw new Error(`Field ${field.id}: a derived field, and only one, has a derive function`);
    byId.set(field.id, field);
  }
  const placements = new Map<string, FieldPlacement>();
  const choices: ChoiceNode[] = [];
  const visit = (node: SchemaNode, path: string[], above: readonly ChoicePlacement[]): void => {
    if (node.type === 'choice') {
      choices.push(node);
      for (const option of node.options)
        visit(option, path, [...above, { choice: node.name, option: option.tag }]);
      return;
    }
    const here = [...path, node.tag];
    if (node.field !== undefined) {
      const field = byId.get(node.field);
      if (!field) throw new Error(`Schema tree refers to unknown field ${node.field}`);
      if (field.tag !== node.tag)
        throw new Error(`Field ${field.id} has tag ${field.tag}, tree says ${node.tag}`);
      placements.set(field.id, { field, path: here, choices: above, node });
    }
    for (const child of node.children ?? []) visit(child, here, above);
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
  const placement = (id: string): FieldPlacement => {
    const found = placements.get(id);
    if (!found) throw new Error(`Field ${id} is not in schema ${schema.version}`);
    return found;
  };
  return {
    schema,
    fields: schema.fields,
    field(id) {
      const field = byId.get(id);
      if (!field) throw new Error(`Unknown dictionary id ${id}`);
      return field;
    },
    placement,
    fieldsOfScope(scope) {
      return byScope.get(scope) ?? [];
    },
    choices,
    chosenOptions(filled) {
      return new Map(choices.map((c) => [c.name, chosenOption(c, filled).tag]));
    },
    applies(id, chosen) {
      return appliesTo(placement(id).choices, chosen);
    },
  };
}
