import type { ChoiceNode, ElementNode, SchemaNode } from './types';

/** Small constructors so that a schema tree reads like the XSD it describes. */

interface Occurs {
  readonly min?: 0 | 1;
  readonly max?: 1 | 'unbounded';
  readonly nillable?: boolean;
  /** For an option of a choice: how messages name it. */
  readonly label?: string;
}

function element(tag: string, occurs: Occurs, content: Partial<ElementNode>): ElementNode {
  return {
    type: 'element',
    tag,
    ...content,
    minOccurs: occurs.min ?? 1,
    maxOccurs: occurs.max ?? 1,
    ...(occurs.nillable ? { nillable: true } : {}),
    ...(occurs.label !== undefined ? { label: occurs.label } : {}),
  };
}

/** A leaf element carrying dictionary field `id`. */
export function leaf(tag: string, id: string, occurs: Occurs = {}): ElementNode {
  return element(tag, occurs, { field: id });
}

/** A container whose children may come in any order (xsd:all). */
export function all(tag: string, children: readonly SchemaNode[], occurs: Occurs = {}): ElementNode {
  return element(tag, occurs, { compositor: 'all', children });
}

/** A container whose children come in order (xsd:sequence). */
export function sequence(tag: string, children: readonly SchemaNode[], occurs: Occurs = {}): ElementNode {
  return element(tag, occurs, { compositor: 'sequence', children });
}

/** An exclusive choice; the default option (taken when none is filled) comes last. */
export function choice(
  name: string,
  options: readonly ElementNode[],
  whenSeveral: ChoiceNode['whenSeveral'],
): ChoiceNode {
  return { type: 'choice', name, options, whenSeveral };
}
