import type { ChoiceNode, ElementNode, SchemaNode } from './types';

/** Small constructors so that a schema tree reads like the XSD it describes. */

interface Occurs {
  readonly min?: 0 | 1;
  readonly max?: 1 | 'unbounded';
  readonly nillable?: boolean;
}

/** A leaf element carrying dictionary field `id`. */
export function leaf(tag: string, id: string, occurs: Occurs = {}): ElementNode {
  return {
    type: 'element',
    tag,
    field: id,
    minOccurs: occurs.min ?? 1,
    maxOccurs: occurs.max ?? 1,
    ...(occurs.nillable ? { nillable: true } : {}),
  };
}

/** A container whose children may come in any order (xsd:all). */
export function all(tag: string, children: readonly SchemaNode[], occurs: Occurs = {}): ElementNode {
  return {
    type: 'element',
    tag,
    compositor: 'all',
    children,
    minOccurs: occurs.min ?? 1,
    maxOccurs: occurs.max ?? 1,
  };
}

/** A container whose children come in order (xsd:sequence). */
export function sequence(tag: string, children: readonly SchemaNode[], occurs: Occurs = {}): ElementNode {
  return {
    type: 'element',
    tag,
    compositor: 'sequence',
    children,
    minOccurs: occurs.min ?? 1,
    maxOccurs: occurs.max ?? 1,
  };
}

export function choice(name: string, options: readonly ElementNode[]): ChoiceNode {
  return { type: 'choice', name, options };
}
