import type { Dictionary } from '../../dictionary';
import type { Passage } from '../model/types';
import { compilePassageSerializer, type PassageSerializer } from './passage-serializer';
import { schemaShape } from './schema-shape';

/**
 * Which field each line of our XML output carries, so that an XSD error reported at a line can be shown at
 * its cell. It reads the produced text back rather than replaying the emission rules, so it cannot drift from
 * the serializers: it relies only on the layout (one element per line) and on `<` always being escaped in
 * text, which makes every line that starts with `<` a tag and every other line the continuation of a value
 * that contains a line break.
 */

/** Origin of one output line of a passage. */
export interface PassageLine {
  /** Dictionary id of the leaf on this line; undefined for container lines. */
  readonly field?: string;
  /** Index in `passage.digcomp` when the line belongs to a DIGCOMP result element. */
  readonly digcomp?: number;
}

const TAG_LINE = /^\s*<(\/?)(?:[\w.-]+:)?([\w.-]+)[^>]*?(\/?)>/;

/** Follows the open elements line by line and names the field each line carries. */
export class LineClassifier {
  private readonly stack: string[];
  private openLeaf: string | undefined;

  constructor(
    private readonly fieldsByPath: ReadonlyMap<string, string>,
    parentPath: readonly string[],
  ) {
    this.stack = [...parentPath];
  }

  /** The tags of the elements open after the last line read, from the root. */
  get openElements(): readonly string[] {
    return this.stack;
  }

  /** Reads one line (without its "\n") and returns the dictionary id of the field it belongs to, if any. */
  next(line: string): string | undefined {
    const tag = TAG_LINE.exec(line);
    if (tag === null) {
      // Continuation of a multi-line value; text holds no `<`, so a `</` here is that value's end tag.
      const leaf = this.openLeaf;
      if (line.includes('</')) this.openLeaf = undefined;
      return leaf;
    }
    const [, closing, name, selfClosing] = tag;
    if (closing === '/') {
      const leaf = this.openLeaf;
      if (leaf !== undefined) this.openLeaf = undefined;
      else this.stack.pop();
      return leaf;
    }
    const field = this.fieldsByPath.get(`${this.stack.join('/')}/${name}`);
    if (selfClosing === '/' || line.includes('</')) return field;
    if (field !== undefined)
      this.openLeaf = field; // a value that goes on past a line break
    else this.stack.push(name);
    return field;
  }
}

const lineFieldsCache = new WeakMap<Dictionary, (passage: Passage) => readonly PassageLine[]>();

/** Builds the per-line origin function for passages of `dictionary` (lines as written by the fast serializer). */
export function compilePassageLineFields(
  dictionary: Dictionary,
): (passage: Passage) => readonly PassageLine[] {
  const cached = lineFieldsCache.get(dictionary);
  if (cached) return cached;
  const shape = schemaShape(dictionary);
  const serialize: PassageSerializer = compilePassageSerializer(dictionary);
  const parentPath = shape.passage.path.slice(0, -1);
  const resultTag = shape.result.node.tag;
  const resultDepth = shape.result.path.length - 1;
  const lineFields = (passage: Passage): readonly PassageLine[] => {
    const classifier = new LineClassifier(shape.fieldsByPath, parentPath);
    const text = serialize(passage, shape.passage.depth);
    const lines: PassageLine[] = [];
    let resultIndex = -1;
    for (const line of text.slice(0, -1).split('\n')) {
      const wasInResult = classifier.openElements[resultDepth] === resultTag;
      const field = classifier.next(line);
      const isInResult = classifier.openElements[resultDepth] === resultTag;
      const emptyResult = !wasInResult && !isInResult && field === undefined && isResultLine(line, resultTag);
      if ((isInResult && !wasInResult) || emptyResult) resultIndex++;
      const inResult = wasInResult || isInResult || emptyResult;
      lines.push(inResult ? { field, digcomp: resultIndex } : { field });
    }
    return lines;
  };
  lineFieldsCache.set(dictionary, lineFields);
  return lineFields;
}

function isResultLine(line: string, resultTag: string): boolean {
  const tag = TAG_LINE.exec(line);
  return tag !== null && tag[2] === resultTag;
}

/** For each line of `passage` as serialized, the field it carries and the DIGCOMP result it belongs to. */
export function passageLineFields(dictionary: Dictionary, passage: Passage): readonly PassageLine[] {
  return compilePassageLineFields(dictionary)(passage);
}
