import { DOCUMENT_FILE_NAME, type XmllintRequest } from '../core/xsd/xmllint-runner';

/**
 * The messages between a pool of persistent xmllint workers and its workers, in Node (worker threads,
 * node/xmllint-pool.ts) and in the add-in (Web Workers, xsd.worker.ts): one document per job, the xmllint
 * command line built here, the exit code and stderr back. Tagged so that xmllint-wasm's own worker loop,
 * which the workers load along with its Emscripten factory, ignores them.
 */

export const XMLLINT_JOB_TAG = 'accrochage-xmllint-pool';

export interface XmllintJob {
  readonly tag: typeof XMLLINT_JOB_TAG;
  readonly id: number;
  readonly inputFiles: readonly { fileName: string; contents: string | Uint8Array }[];
  readonly args: readonly string[];
  readonly initialMemory: number;
  readonly maxMemory: number;
}

export interface XmllintJobReply {
  readonly tag: typeof XMLLINT_JOB_TAG;
  readonly id: number;
  readonly exitCode: number;
  readonly stderr: string;
}

/** Exit codes that are verdicts: 0 valid, 3 and 4 invalid, 1 not well-formed ("failed to parse"), 5 schema did not compile. */
export const VERDICT_EXIT_CODES: ReadonlySet<number> = new Set([0, 1, 3, 4, 5]);

export function xmllintJob(request: XmllintRequest, id: number): XmllintJob {
  const schemaArgs = request.schema ? ['--schema', request.schema.fileName] : [];
  return {
    tag: XMLLINT_JOB_TAG,
    id,
    inputFiles: [
      { fileName: DOCUMENT_FILE_NAME, contents: request.xml },
      ...(request.schema ? [request.schema] : []),
    ],
    // No schema: xmllint only parses, which is how we get its well-formedness messages.
    args: [...schemaArgs, '--noout', ...(request.stream ? ['--stream'] : []), DOCUMENT_FILE_NAME],
    initialMemory: request.initialMemoryPages,
    maxMemory: request.maxMemoryPages,
  };
}

/** The runner's rejection when xmllint could not do its job (out of memory, abort, lost worker). */
export function xmllintCouldNotRun(code: number | string, output: string, cause?: unknown): Error {
  return new Error(
    `La validation XSD n'a pas pu aboutir (xmllint, code ${code}) : ${output.split('\n')[0]}`,
    cause === undefined ? undefined : { cause },
  );
}
