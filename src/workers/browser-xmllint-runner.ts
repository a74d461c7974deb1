import { createXsdWorker } from './create-xsd-worker';
import { DOCUMENT_FILE_NAME, type XmllintRequest, type XmllintRunner } from '../core/xsd/xmllint-runner';

/**
 * XmllintRunner for the add-in: libxml2 runs in our Web Worker (xsd.worker.ts), one worker per run
 * because xmllint-wasm's worker accumulates stdout/stderr across messages.
 *
 * The message is the one xmllint-wasm's own index-browser.mjs sends (tagged with "xmllint-wasm"),
 * built here so that the worker is our bundled file, served from our origin.
 */

const MESSAGE_KEY = 'xmllint-wasm';
/** As in the Node runner: 1 = not well-formed ("failed to parse"), 5 = schema did not compile. */
const VERDICT_EXIT_CODES = new Set([0, 1, 3, 4, 5]);

interface WorkerReply {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function xmllintMessage(request: XmllintRequest): Record<string, unknown> {
  const schemaArgs = request.schema ? ['--schema', request.schema.fileName] : [];
  return {
    [MESSAGE_KEY]: true,
    inputFiles: [
      { fileName: DOCUMENT_FILE_NAME, contents: request.xml },
      ...(request.schema ? [request.schema] : []),
    ],
    args: [...schemaArgs, '--noout', ...(request.stream ? ['--stream'] : []), DOCUMENT_FILE_NAME],
    initialMemory: request.initialMemoryPages,
    maxMemory: request.maxMemoryPages,
  };
}

export type WorkerFactory = () => Worker;

export function browserXmllintRunner(createWorker: WorkerFactory = createXsdWorker): XmllintRunner {
  return (request) =>
    new Promise((resolve, reject) => {
      const worker = createWorker();
      const finish = (): void => worker.terminate();
      worker.addEventListener('message', (event: MessageEvent<WorkerReply & Record<string, unknown>>) => {
        const data = event.data;
        if (!data || data[MESSAGE_KEY] !== true) return;
        finish();
        if (VERDICT_EXIT_CODES.has(data.exitCode))
          resolve({ valid: data.exitCode === 0, output: data.stderr });
        else reject(new Error(`xmllint exit code ${data.exitCode}: ${data.stderr.split('\n')[0]}`));
      });
      worker.addEventListener('error', (event) => {
        finish();
        reject(new Error(`XSD worker failed: ${event.message}`));
      });
      worker.postMessage(xmllintMessage(request));
    });
}
