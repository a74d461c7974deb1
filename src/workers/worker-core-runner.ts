import { abortError, type CoreRunner } from './core-runner';
import type { CoreReply, CoreRequest } from './core-protocol';
import { createCoreWorker } from './create-core-worker';
import type { XsdLease, XsdWorkerPool } from './browser-xmllint-runner';

/**
 * CoreRunner of the add-in: each check or export runs in a fresh core worker (core.worker.ts). WorkbookData
 * goes in by structured clone; "Annuler" terminates the worker, which stops the computation at once and
 * leaves nothing behind (the workbook is only written after a task completes). An export borrows the pane's XSD
 * workers for its duration (`xsd.lend`): its parts go to them through ports, never through this thread.
 */
export function workerCoreRunner(
  xsd: Pick<XsdWorkerPool, 'lend'>,
  schemaVersion: string,
  createWorker: () => Worker = createCoreWorker,
): CoreRunner {
  function run<T>(
    request: (worker: Worker) => { message: CoreRequest; transfer: Transferable[]; lease?: XsdLease },
    signal: AbortSignal,
    onProgress: Parameters<CoreRunner['check']>[3],
    pick: (reply: CoreReply) => T | undefined,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal.aborted) return reject(abortError());
      const worker = createWorker();
      const { message, transfer, lease } = request(worker);
      const stop = (): void => {
        worker.terminate();
        lease?.release();
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
      worker.postMessage(message, transfer);
    });
  }
  return {
    check: (data, options, signal, onProgress) =>
      run(
        () => ({ message: { kind: 'check', schemaVersion, data, options }, transfer: [] }),
        signal,
        onProgress,
        (r) => (r.kind === 'checked' ? r.result : undefined),
      ),
    exportWorkbook: (data, options, signal, onProgress) =>
      run(
        (worker) => {
          const lease = xsd.lend((index, message) =>
            worker.postMessage({ kind: 'xsdLost', index, message } satisfies CoreRequest),
          );
          const xsdPorts = [...lease.ports];
          return {
            message: { kind: 'export', schemaVersion, data, options, xsdPorts },
            transfer: xsdPorts,
            lease,
          };
        },
        signal,
        onProgress,
        (r) => (r.kind === 'exported' ? r.outcome : undefined),
      ),
  };
}
