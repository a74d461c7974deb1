import type { XmllintRunner } from '../core/xsd/xmllint-runner';
import { abortError, type CoreRunner } from './core-runner';
import type { CoreReply, CoreRequest } from './core-protocol';
import { createCoreWorker } from './create-core-worker';

/**
 * CoreRunner of the add-in: each check or export runs in a fresh core worker (core.worker.ts). WorkbookData
 * goes in by structured clone; "Annuler" terminates the worker, which stops the computation at once and
 * leaves nothing behind (the workbook is only written after a task completes).
 */
export function workerCoreRunner(
  xmllint: XmllintRunner,
  schemaVersion: string,
  createWorker: () => Worker = createCoreWorker,
): CoreRunner {
  function run<T>(
    request: CoreRequest,
    signal: AbortSignal,
    onProgress: Parameters<CoreRunner['check']>[3],
    pick: (reply: CoreReply) => T | undefined,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal.aborted) return reject(abortError());
      const worker = createWorker();
      const stop = (): void => {
        worker.terminate();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        stop();
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort);
      worker.addEventListener('message', (event: MessageEvent<CoreReply>) => {
        const reply = event.data;
        if (reply.kind === 'progress') return onProgress(reply.progress);
        if (reply.kind === 'xmllint') {
          xmllint(reply.request).then(
            (result) =>
              worker.postMessage({ kind: 'xmllintResult', id: reply.id, result } satisfies CoreRequest),
            (error: unknown) =>
              worker.postMessage({
                kind: 'xmllintResult',
                id: reply.id,
                error: error instanceof Error ? error.message : String(error),
              } satisfies CoreRequest),
          );
          return;
        }
        if (reply.kind === 'failed') {
          stop();
          reject(new Error(reply.message));
          return;
        }
        const value = pick(reply);
        if (value !== undefined) {
          stop();
          resolve(value);
        }
      });
      worker.addEventListener('error', (event) => {
        stop();
        reject(new Error(`Core worker failed: ${event.message}`));
      });
      worker.postMessage(request);
    });
  }
  return {
    check: (data, options, signal, onProgress) =>
      run({ kind: 'check', schemaVersion, data, options }, signal, onProgress, (r) =>
        r.kind === 'checked' ? r.result : undefined,
      ),
    exportWorkbook: (data, options, signal, onProgress) =>
      run({ kind: 'export', schemaVersion, data, options }, signal, onProgress, (r) =>
        r.kind === 'exported' ? r.outcome : undefined,
      ),
  };
}
