import { createXsdWorker } from './create-xsd-worker';
import type { XmllintRequest, XmllintRunner } from '../core/xsd/xmllint-runner';
import {
  VERDICT_EXIT_CODES,
  XMLLINT_JOB_TAG,
  xmllintCouldNotRun,
  xmllintJob,
  type XmllintJobReply,
} from './xmllint-job';

/**
 * XmllintRunner for the add-in: a pool of persistent XSD Web Workers (xsd.worker.ts), at most one per core,
 * each compiling libxml2's wasm once and running every document in a fresh instance of it. A worker that
 * fails is replaced; its document is rejected (xmllint could not run), as are documents with a verdict other
 * than those xmllint gives (see xmllint-job.ts).
 */

export type WorkerFactory = () => Worker;

interface Pending {
  readonly id: number;
  readonly request: XmllintRequest;
  readonly resolve: (reply: XmllintJobReply) => void;
  readonly reject: (error: Error) => void;
}

const defaultSize = (): number => Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));

export function browserXmllintRunner(
  createWorker: WorkerFactory = createXsdWorker,
  size: number = defaultSize(),
): XmllintRunner {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  let workers = 0;
  let nextId = 0;

  const start = (): Worker => {
    const worker = createWorker();
    workers++;
    const lost = (message: string): void => {
      const pending = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      worker.terminate();
      workers--;
      pending?.reject(new Error(message));
      pump();
    };
    worker.addEventListener('message', (event: MessageEvent<XmllintJobReply>) => {
      const reply = event.data;
      const pending = busy.get(worker);
      if (!pending || reply?.tag !== XMLLINT_JOB_TAG || reply.id !== pending.id) return;
      busy.delete(worker);
      idle.push(worker);
      pending.resolve(reply);
      pump();
    });
    worker.addEventListener('error', (event) => lost(`XSD worker failed: ${event.message}`));
    return worker;
  };

  const pump = (): void => {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (workers < size ? start() : undefined);
      if (!worker) return;
      const pending = queue.shift() as Pending;
      busy.set(worker, pending);
      worker.postMessage(xmllintJob(pending.request, pending.id));
    }
  };

  return async (request) => {
    let reply: XmllintJobReply;
    try {
      reply = await new Promise<XmllintJobReply>((resolve, reject) => {
        queue.push({ id: nextId++, request, resolve, reject });
        pump();
      });
    } catch (error) {
      throw xmllintCouldNotRun('inconnu', error instanceof Error ? error.message : String(error), error);
    }
    if (VERDICT_EXIT_CODES.has(reply.exitCode)) return { valid: reply.exitCode === 0, output: reply.stderr };
    throw xmllintCouldNotRun(reply.exitCode, reply.stderr);
  };
}
