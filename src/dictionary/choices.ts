import type { ChoiceNode, ElementNode, SchemaNode } from './types';

/**
 * Exclusive choices (xsd:choice), decided in one place from the schema tree: which identity block a row uses,
 * which birthplace code is sent. The check, the business rules, the template's live rules, the XML writers and
 * the import all ask these functions; none of them names an option or a field of a choice.
 */

const leafCache = new WeakMap<SchemaNode, readonly string[]>();

/** Dictionary ids of every leaf under `node` (all options of choices included), in tree order. */
export function leafFields(node: SchemaNode): readonly string[] {
  let fields = leafCache.get(node);
  if (fields === undefined) {
    fields =
      node.type === 'choice'
        ? node.options.flatMap(leafFields)
        : node.field !== undefined
          ? [node.field]
          : (node.children ?? []).flatMap(leafFields);
    leafCache.set(node, fields);
  }
  return fields;
}

/**
 * The option a row uses: the first one holding a filled field, else the last (the default, e.g. the holder's
 * civil status when no CPF file number is given). `filled` says whether a field holds something.
 */
export function chosenOption(choice: ChoiceNode, filled: (id: string) => boolean): ElementNode {
  const last = choice.options.length - 1;
  for (let i = 0; i < last; i++) if (leafFields(choice.options[i]).some(filled)) return choice.options[i];
  return choice.options[last];
}

/** The options of `choice` one of whose fields is filled (more than one is a conflict, see whenSeveral). */
export function filledOptions(choice: ChoiceNode, filled: (id: string) => boolean): readonly ElementNode[] {
  return choice.options.filter((option) => leafFields(option).some(filled));
}

/** Each choice above a field, with the option (element tag) the field belongs to, outermost first. */
export interface ChoicePlacement {
  readonly choice: string;
  readonly option: string;
}

/** Choice name → tag of the option a row uses. */
export type ChosenOptions = ReadonlyMap<string, string>;

/** A field applies to a row when every choice above it takes the field's option. */
export function appliesTo(choices: readonly ChoicePlacement[], chosen: ChosenOptions): boolean {
  return choices.every((c) => chosen.get(c.choice) === c.option);
}

/** The default option of a choice: taken when no other is filled, and the one a template shows as mandatory. */
export function isDefaultOption(choice: ChoiceNode, option: string): boolean {
  return choice.options[choice.options.length - 1].tag === option;
}
