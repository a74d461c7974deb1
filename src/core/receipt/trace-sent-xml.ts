import type { Dictionary } from '../../dictionary';
import { schemaShape } from '../xml/schema-shape';
import { readGuardedXml } from './xml-guard';

/**
 * The CDC's XSD report gives a line and a column in the file as deposited. Reading that file again tells which
 * passage (by its idTechnique) and which element each position falls in, hence the row and the field. Xerces
 * reports a position just after the tag it was reading (the end tag for a bad value, the start tag for an
 * unexpected element): the element of an error is that of the last tag ending at or before its position.
 * Only the state of the current passage is kept, so a 200 MB file is traced in flat memory.
 */

export interface SentXmlPosition {
  readonly line: number;
  readonly column?: number;
}

export interface TracedPosition {
  /** idTechnique of the passage the position falls in, when it falls in one. */
  readonly idTechnique?: string;
  /** Dictionary id of the element, when it is a field. */
  readonly field?: string;
  /** Local names from the root down to the element. */
  readonly path: readonly string[];
  /** True when the position falls inside a DIGCOMP result of the passage. */
  readonly digcomp?: boolean;
}

export interface SentXmlTrace {
  /** In the order of the positions given; undefined where the position precedes every tag. */
  readonly positions: readonly (TracedPosition | undefined)[];
  /** idTechnique of every passage of the file, in order. */
  readonly idTechniques: readonly string[];
  /** Set when the file could not be read to the end (positions after that point stay untraced). */
  readonly readError?: string;
}

interface PassageContext {
  idTechnique?: string;
}

export function traceSentXml(
  xml: string,
  positions: readonly SentXmlPosition[],
  dictionary: Dictionary,
): SentXmlTrace {
  const shape = schemaShape(dictionary);
  const passagePath = shape.passage.path.join('/');
  const resultPath = shape.result.path.join('/');
  const idTechniquePath = dictionary.placement('5.1').path.join('/');

  const order = positions
    .map((p, index) => ({ index, line: p.line, column: p.column ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const traced: (TracedPosition | undefined)[] = positions.map(() => undefined);
  let next = 0;
  const path: string[] = [];
  let passage: PassageContext | undefined;
  let inResult = false;
  let last: { path: readonly string[]; passage?: PassageContext; digcomp: boolean } | undefined;
  const idTechniques: string[] = [];
  let text = '';
  // Resolved positions keep a reference to their passage, whose idTechnique may come after them.
  const pending: { index: number; at: NonNullable<typeof last> }[] = [];

  const reach = (line: number, column: number) => {
    while (
      next < order.length &&
      (order[next].line < line || (order[next].line === line && order[next].column < column))
    ) {
      if (last) pending.push({ index: order[next].index, at: last });
      next++;
    }
  };

  const failure = readGuardedXml(
    xml,
    { maxDepth: 64, maxElements: Number.MAX_SAFE_INTEGER },
    {
      open(tag, _depth, parser) {
        reach(parser.line, parser.column);
        path.push(tag.local);
        const joined = path.join('/');
        if (joined === passagePath) passage = {};
        if (joined === resultPath) inResult = true;
        text = '';
        last = { path: [...path], passage, digcomp: inResult };
      },
      close(_tag, _depth, parser) {
        reach(parser.line, parser.column);
        const joined = path.join('/');
        if (joined === idTechniquePath && passage) {
          passage.idTechnique = text.trim();
          idTechniques.push(passage.idTechnique);
        }
        last = { path: [...path], passage, digcomp: inResult };
        if (joined === resultPath) inResult = false;
        if (joined === passagePath) passage = undefined;
        path.pop();
      },
      text(value) {
        if (text.length < 1000) text += value;
      },
    },
  );
  reach(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);

  for (const { index, at } of pending) {
    const field = shape.fieldsByPath.get(at.path.join('/'));
    traced[index] = {
      path: at.path,
      ...(at.passage?.idTechnique !== undefined ? { idTechnique: at.passage.idTechnique } : {}),
      ...(field !== undefined ? { field } : {}),
      ...(at.digcomp ? { digcomp: true } : {}),
    };
  }
  const readError =
    failure === undefined
      ? undefined
      : failure.code === 'notXml'
        ? failure.detail
        : failure.code === 'doctype'
          ? 'DOCTYPE'
          : failure.code;
  return { positions: traced, idTechniques, ...(readError !== undefined ? { readError } : {}) };
}
