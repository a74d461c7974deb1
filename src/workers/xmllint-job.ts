import { DOCUMENT_FILE_NAME, type XmllintRequest, type XmllintResult } from '../core/xsd/xmllint-runner';

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
  /** The document's bytes were transferred to the worker: it transfers them back with its reply. */
  readonly returnInput?: boolean;
}

export interface XmllintJobReply {
  readonly tag: typeof XMLLINT_JOB_TAG;
  readonly id: number;
  readonly exitCode: number;
  readonly stderr: string;
  /** The document's bytes, when the job asked for them back (`returnInput`). */
  readonly input?: Uint8Array;
}

/**
 * The pane lends its XSD workers to a core worker's export: with `connect`, an XSD worker receives one end of a
 * MessageChannel (the core worker holds the other) and takes jobs from it, replying on it, so that the parts go
 * from the core worker to libxml2 without crossing the pane's main thread. `disconnect` (the export is over or
 * cancelled) closes that end and drops the jobs from it still waiting.
 */
export interface XsdPortMessage {
  readonly tag: typeof XMLLINT_JOB_TAG;
  readonly kind: 'connect' | 'disconnect';
  readonly lease: number;
}

/**
 * libxml2's wasm compiled once for the whole pool: the pane asks the first XSD worker to `compile` it, which answers
 * `compiled` with the WebAssembly.Module; every other worker receives that `module` (a clone that shares the same
 * compiled code). `module: null`: compile it yourself (the first worker failed, or could not send it).
 */
export type XsdModuleMessage =
  | { readonly tag: typeof XMLLINT_JOB_TAG; readonly kind: 'compile' }
  | {
      readonly tag: typeof XMLLINT_JOB_TAG;
      readonly kind: 'compiled';
      readonly module: WebAssembly.Module | null;
    }
  | {
      readonly tag: typeof XMLLINT_JOB_TAG;
      readonly kind: 'module';
      readonly module: WebAssembly.Module | null;
    };

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
    ...(transferList(request).length > 0 ? { returnInput: true } : {}),
  };
}

/**
 * What `postMessage` may move instead of copying: the document's buffer when the caller gave it up and the array
 * spans all of it (transferring the buffer of a view would take the rest of the block from its owner).
 */
export function transferList(request: XmllintRequest): ArrayBuffer[] {
  const { xml } = request;
  if (!request.transfer || typeof xml === 'string') return [];
  const { buffer } = xml;
  if (!(buffer instanceof ArrayBuffer) || xml.byteOffset !== 0 || xml.byteLength !== buffer.byteLength)
    return [];
  return [buffer];
}

/** The runner's answer to a reply: a verdict resolves (with the bytes handed back), anything else rejects. */
export function xmllintResultOf(reply: XmllintJobReply): XmllintResult {
  if (!VERDICT_EXIT_CODES.has(reply.exitCode)) throw xmllintCouldNotRun(reply.exitCode, reply.stderr);
  return {
    valid: reply.exitCode === 0,
    output: reply.stderr,
    ...(reply.input ? { xml: reply.input } : {}),
  };
}

/**
 * A pool's answer to one document: `enqueue` hands the job's settle functions to the pool's queue; a lost
 * worker or port becomes the « could not run » error, and the reply becomes the runner's result.
 */
export async function replyOfQueuedJob(
  enqueue: (resolve: (reply: XmllintJobReply) => void, reject: (error: unknown) => void) => void,
): Promise<XmllintResult> {
  let reply: XmllintJobReply;
  try {
    reply = await new Promise<XmllintJobReply>(enqueue);
  } catch (error) {
    throw xmllintCouldNotRun('inconnu', error instanceof Error ? error.message : String(error), error);
  }
  return xmllintResultOf(reply);
}

/** The runner's rejection when xmllint could not do its job (out of memory, abort, lost worker). */
export function xmllintCouldNotRun(code: number | string, output: string, cause?: unknown): Error {
  return new Error(
    `La validation XSD n'a pas pu aboutir (xmllint, code ${code}) : ${output.split('\n')[0]}`,
    cause === undefined ? undefined : { cause },
  );
}
