import {
  chosenOption,
  type ChoiceNode,
  type Dictionary,
  type ElementNode,
  type SchemaNode,
} from '../../dictionary';
import type { DigcompResult, Passage, XmlValue } from '../model/types';
import { escapeXmlText } from './escape';
import { hasValue, schemaShape } from './schema-shape';

/**
 * The fast passage serializer. xmlbuilder2 costs ~0.8 ms per passage (PERF-NOTES), 80 s for 100 000 passages,
 * so the passages are written by closures compiled once from the schema tree, with every tag, indentation and
 * nil element precomputed: the per-passage work is string concatenation plus one escape per value. The
 * xmlbuilder2 version in reference-serializer.ts must produce the same bytes (property-tested).
 *
 * Layout: one element per line, two spaces per level, every line ending with "\n". Emission rules:
 * - a leaf with a value is written; an empty nillable leaf is written `xsi:nil="true"`; any other empty leaf is
 *   left out (validation reports required ones before export, and XSD validation would catch a miss);
 * - a container is written when it has content; a required container without content is written empty;
 * - a choice takes its first option holding any value, else its last option (identity: dossierFormation only
 *   when a bloc 9 field is filled; birthplace: codeInseeNaissance only when 8.10 is filled, else the postal code,
 *   nil when unknown);
 * - the repeated result element is written once per DIGCOMP result of the passage, in order.
 */

/** Writes one passage; `indent` is the nesting level of its element (the flux root being level 0). */
export type PassageSerializer = (passage: Passage, indent: number) => string;

type Values = Readonly<Record<string, XmlValue>>;
type Emit = (values: Values, results: readonly DigcompResult[]) => string;

const NO_RESULTS: readonly DigcompResult[] = [];
const INDENT_UNIT = '  ';

interface Compiler {
  readonly prefix: string;
  readonly resultNode: ElementNode;
}

function compileNode(node: SchemaNode, depth: number, compiler: Compiler): Emit {
  if (node.type === 'choice') return compileChoice(node, depth, compiler);
  const pad = INDENT_UNIT.repeat(depth);
  const name = `${compiler.prefix}:${node.tag}`;
  if (node.field !== undefined) {
    const id = node.field;
    const open = `${pad}<${name}>`;
    const close = `</${name}>\n`;
    const whenEmpty = node.nillable ? `${pad}<${name} xsi:nil="true"/>\n` : '';
    return (values) => {
      const value = values[id];
      return hasValue(value) ? open + escapeXmlText(value) + close : whenEmpty;
    };
  }
  const children = (node.children ?? []).map((child) => compileNode(child, depth + 1, compiler));
  const open = `${pad}<${name}>\n`;
  const close = `${pad}</${name}>\n`;
  const empty = `${pad}<${name}/>\n`;
  const body: Emit = (values, results) => {
    let out = '';
    for (const child of children) out += child(values, results);
    return out;
  };
  if (node === compiler.resultNode) {
    // One element per DIGCOMP result, always written: the user typed a row for it.
    return (_values, results) => {
      let out = '';
      for (const result of results) {
        const inner = body(result.values, NO_RESULTS);
        out += inner === '' ? empty : open + inner + close;
      }
      return out;
    };
  }
  const whenEmpty = node.minOccurs === 1 ? empty : '';
  return (values, results) => {
    const inner = body(values, results);
    return inner === '' ? whenEmpty : open + inner + close;
  };
}

/** The option chosenOption picks for the passage's values (src/dictionary/choices.ts), compiled once per option. */
function compileChoice(choice: ChoiceNode, depth: number, compiler: Compiler): Emit {
  const emits = new Map(choice.options.map((option) => [option, compileNode(option, depth, compiler)]));
  return (values, results) =>
    (emits.get(chosenOption(choice, (id) => hasValue(values[id]))) as Emit)(values, results);
}

/** Builds the serializer once for a dictionary; compiled layouts are cached per indentation level. */
export function compilePassageSerializer(dictionary: Dictionary): PassageSerializer {
  const shape = schemaShape(dictionary);
  const compiler: Compiler = { prefix: dictionary.schema.prefix, resultNode: shape.result.node };
  const byIndent = new Map<number, Emit>();
  return (passage, indent) => {
    let emit = byIndent.get(indent);
    if (emit === undefined) {
      emit = compileNode(shape.passage.node, indent, compiler);
      byIndent.set(indent, emit);
    }
    return emit(passage.values, passage.digcomp);
  };
}
