import type { ChoiceNode, ElementNode, FieldDef, SchemaNode, SchemaVersion } from './types';

/**
 * A schema version derived from another, stated as data: fields added, changed or removed, and elements put into
 * the tree. A new CDC XSD is a new file in versions/ that calls this; nothing else in the product changes.
 */

export type TreeInsertion =
  /** An element put into the container at `into` (element path from the root), after its child `after` or last. */
  | { readonly node: SchemaNode; readonly into: string; readonly after?: string }
  /** A new option of the exclusive choice named `choice`, before its option `before` or last. */
  | { readonly option: ElementNode; readonly choice: string; readonly before?: string };

export interface VersionChanges {
  readonly version: string;
  readonly xsdFile: string;
  readonly namespace?: string;
  /** New fields, after those of the base (the template shows their columns in this order). */
  readonly addFields?: readonly FieldDef[];
  /** Changed properties of base fields, by dictionary id. */
  readonly changeFields?: Readonly<Record<string, Partial<FieldDef>>>;
  /** Fields (and their elements) the new version drops. */
  readonly removeFields?: readonly string[];
  readonly insert?: readonly TreeInsertion[];
}

function insertAt<T>(items: readonly T[], item: T, index: number): T[] {
  const copy = [...items];
  copy.splice(index < 0 ? copy.length : index, 0, item);
  return copy;
}

function edit(
  node: SchemaNode,
  path: readonly string[],
  insertion: TreeInsertion,
  removed: ReadonlySet<string>,
  done: { count: number },
): SchemaNode | undefined {
  if (node.type === 'choice') {
    let options = node.options
      .map((o) => edit(o, path, insertion, removed, done))
      .filter((o): o is ElementNode => o !== undefined && o.type === 'element');
    if ('option' in insertion && insertion.choice === node.name) {
      const at = insertion.before === undefined ? -1 : options.findIndex((o) => o.tag === insertion.before);
      options = insertAt(options, insertion.option, at);
      done.count++;
    }
    return { ...node, options } satisfies ChoiceNode;
  }
  if (node.field !== undefined) return removed.has(node.field) ? undefined : node;
  const here = [...path, node.tag];
  let children = (node.children ?? [])
    .map((child) => edit(child, here, insertion, removed, done))
    .filter((child): child is SchemaNode => child !== undefined);
  if ('node' in insertion && insertion.into === here.join('/')) {
    const after = children.findIndex((c) => c.type === 'element' && c.tag === insertion.after);
    children = insertAt(children, insertion.node, insertion.after === undefined ? -1 : after + 1);
    done.count++;
  }
  return { ...node, children };
}

export function defineVersion(base: SchemaVersion, changes: VersionChanges): SchemaVersion {
  const removed = new Set(changes.removeFields ?? []);
  const fields = [
    ...base.fields
      .filter((f) => !removed.has(f.id))
      .map((f) => (changes.changeFields?.[f.id] ? { ...f, ...changes.changeFields[f.id] } : f)),
    ...(changes.addFields ?? []),
  ];
  let root: SchemaNode = base.root;
  for (const insertion of [...(changes.insert ?? []), undefined]) {
    const done = { count: 0 };
    // The last pass (no insertion) only drops the elements of removed fields.
    const step = insertion ?? { node: base.root, into: '\u0000' };
    root = edit(root, [], step, removed, done) as SchemaNode;
    if (insertion && done.count !== 1) {
      const where = 'into' in insertion ? insertion.into : `choice ${insertion.choice}`;
      throw new Error(`Version ${changes.version}: nowhere to insert into ${where}`);
    }
  }
  return {
    ...base,
    version: changes.version,
    xsdFile: changes.xsdFile,
    namespace: changes.namespace ?? base.namespace,
    fields,
    root: root as ElementNode,
  };
}
