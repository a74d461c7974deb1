import { createXsdWorker } from './create-xsd-worker';
import type { XmllintRequest, XmllintRunner } from '../core/xsd/xmllint-runner';
import {
  XMLLINT_JOB_TAG,
  transferList,
  xmllintJob,
  replyOfQueuedJob,
  type XmllintJobReply,
  type XsdModuleMessage,
  type XsdPortMessage,
} from './xmllint-job';

/**
 * The add-in's pool of persistent XSD Web Workers (xsd.worker.ts), at most one per core, each compiling
 * libxml2's wasm once and running every document in a fresh instance of it. A worker that fails is replaced;
 * its document is rejected (xmllint could not run), as are documents with a verdict other than those xmllint
 * gives (see xmllint-job.ts).
 *
 * The pane validates through `run`; an export running in the core worker borrows the workers through `lend`
 * instead: one MessagePort per worker, transferred to the core worker, which sends its parts straight to them
 * (port-xmllint-runner.ts). Measured at 100 000 passages, bouncing each part through the pane cost its main
 * thread about 1.5 s of copying and the pane's memory two copies of the XML in flight.
 */

export type WorkerFactory = () => Worker;

/** The XSD workers lent to one export: a port per worker, and the end of the loan. */
export interface XsdLease {
  readonly ports: readonly MessagePort[];
  /** The export is over (or cancelled): the workers drop its waiting parts and close their ports. */
  release(): void;
}

export interface XsdWorkerPool {
  readonly run: XmllintRunner;
  /**
   * Connects every XSD worker (started if needed) to a new port, for a core worker to validate through. `onLost`:
   * the worker behind port `index` failed; its document will never be answered.
   */
  lend(onLost: (index: number, message: string) => void): XsdLease;
}

interface Pending {
  readonly id: number;
  readonly request: XmllintRequest;
  readonly resolve: (reply: XmllintJobReply) => void;
  readonly reject: (error: Error) => void;
}

const defaultSize = (): number => Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));

export function browserXsdPool(
  createWorker: WorkerFactory = createXsdWorker,
  size: number = defaultSize(),
): XsdWorkerPool {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  /** Every live worker, in start order, and who to tell when one is lost while lent. */
  const live: Worker[] = [];
  const onLostOf = new Map<Worker, Set<(message: string) => void>>();
  let nextId = 0;
  let nextLease = 0;
  /**
   * libxml2's compiled module, shared by every worker: undefined until the first worker (`compiler`) has compiled
   * it, the workers started meanwhile waiting in `awaitingModule`; null when each worker must compile its own.
   */
  let module: WebAssembly.Module | null | undefined;
  let compiler: Worker | undefined;
  const awaitingModule: Worker[] = [];
  const sendModule = (worker: Worker): void => {
    const message: XsdModuleMessage = { tag: XMLLINT_JOB_TAG, kind: 'module', module: module ?? null };
    try {
      worker.postMessage(message);
    } catch {
      worker.postMessage({ ...message, module: null } satisfies XsdModuleMessage);
    }
  };
  const moduleKnown = (known: WebAssembly.Module | null): void => {
    module = known;
    compiler = undefined;
    for (const worker of awaitingModule.splice(0)) sendModule(worker);
  };

  const start = (): Worker => {
    const worker = createWorker();
    live.push(worker);
    if (module !== undefined) sendModule(worker);
    else if (compiler) awaitingModule.push(worker);
    else {
      compiler = worker;
      worker.postMessage({ tag: XMLLINT_JOB_TAG, kind: 'compile' } satisfies XsdModuleMessage);
    }
    const lost = (message: string): void => {
      const pending = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      live.splice(live.indexOf(worker), 1);
      const waiting = awaitingModule.indexOf(worker);
      if (waiting >= 0) awaitingModule.splice(waiting, 1);
      worker.terminate();
      // Lost before it could share its module: the others compile their own.
      if (compiler === worker) moduleKnown(null);
      pending?.reject(new Error(message));
      for (const tell of onLostOf.get(worker) ?? []) tell(message);
      onLostOf.delete(worker);
      pump();
    };
    worker.addEventListener('message', (event: MessageEvent<XmllintJobReply | XsdModuleMessage>) => {
      const reply = event.data;
      if (reply?.tag !== XMLLINT_JOB_TAG) return;
      if ('kind' in reply) {
        if (reply.kind === 'compiled' && compiler === worker) moduleKnown(reply.module);
        return;
      }
      const pending = busy.get(worker);
      if (!pending || reply.id !== pending.id) return;
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
      const worker = idle.pop() ?? (live.length < size ? start() : undefined);
      if (!worker) return;
      const pending = queue.shift() as Pending;
      busy.set(worker, pending);
      worker.postMessage(xmllintJob(pending.request, pending.id), transferList(pending.request));
    }
  };

  const run: XmllintRunner = (request) =>
    replyOfQueuedJob((resolve, reject) => {
      queue.push({ id: nextId++, request, resolve, reject });
      pump();
    });

  const lend: XsdWorkerPool['lend'] = (onLost) => {
    while (live.length < size) idle.push(start());
    const lease = nextLease++;
    const workers = [...live];
    const tells = workers.map((_worker, index) => (message: string) => onLost(index, message));
    const ports = workers.map((worker, index) => {
      const channel = new MessageChannel();
      const connect: XsdPortMessage = { tag: XMLLINT_JOB_TAG, kind: 'connect', lease };
      worker.postMessage(connect, [channel.port1]);
      onLostOf.set(worker, (onLostOf.get(worker) ?? new Set()).add(tells[index]));
      return channel.port2;
    });
    let released = false;
    return {
      ports,
      release() {
        if (released) return;
        released = true;
        for (const [index, worker] of workers.entries()) {
          onLostOf.get(worker)?.delete(tells[index]);
          if (!live.includes(worker)) continue;
          const disconnect: XsdPortMessage = { tag: XMLLINT_JOB_TAG, kind: 'disconnect', lease };
          worker.postMessage(disconnect);
        }
      },
    };
  };

  return { run, lend };
}

/** The pool's runner alone, for a pane that validates by itself (the demo page). */
export function browserXmllintRunner(
  createWorker: WorkerFactory = createXsdWorker,
  size: number = defaultSize(),
): XmllintRunner {
  return browserXsdPool(createWorker, size).run;
}
