import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { XmllintRequest, XmllintRunner } from '../../core/xsd/xmllint-runner';
import {
  VERDICT_EXIT_CODES,
  XMLLINT_JOB_TAG as TAG,
  xmllintCouldNotRun as couldNotRun,
  xmllintJob as jobOf,
  type XmllintJob as Job,
  type XmllintJobReply as Reply,
} from '../xmllint-job';

/**
 * XmllintRunner for Node (CLI, tests, bench): a pool of persistent worker threads sharing one compiled
 * `WebAssembly.Module` of xmllint.
 *
 * Why not xmllint-wasm's own `validateXML`: it starts a worker per call, which reads and compiles the 778 KB
 * module again and runs it unoptimized while V8 re-tiers it on the same 2 cores: measured 545 ms of CPU per
 * 5 000-passage part against 286–300 ms when the compiled code is reused, and 2 lanes bought ~1.2× instead
 * of 1.9× (measured for issue 17 on 2 cores). Here the module is compiled once, posted once to each worker (a Module is
 * cloneable and V8 shares its tiered-up code), and every document gets a fresh Emscripten instance through the
 * `instantiateWasm` hook, so no state leaks from one document to the next.
 *
 * Verdicts are those of xmllint-wasm's runner: exit codes 0 (valid), 3 and 4 (invalid), 1 ("failed to parse")
 * and 5 (schema did not compile) resolve with xmllint's stderr; anything else (9 = out of memory, an abort, a
 * crashed worker) rejects, since xmllint could not do its job.
 */

export interface XmllintPool extends XmllintRunner {
  /** Worker threads at most (each runs one document at a time). */
  readonly size: number;
  /** Ends the workers; pending documents are rejected. */
  close(): Promise<void>;
}

/**
 * The worker's code, run with `eval: true`: plain JavaScript, so that the same text runs under ts-jest and
 * from the tsc build of the CLI (no bundler, no separate .js to ship). Requiring xmllint-node.js also starts
 * xmllint-wasm's own message loop in the worker; it ignores messages without its "xmllint-wasm" key.
 * Emscripten's exit sets the worker thread's process.exitCode: harmless, never read.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const createXmllint = require(workerData.emscriptenPath);
const compiled = workerData.module;
parentPort.on('message', (job) => {
  if (!job || job.tag !== ${JSON.stringify(TAG)}) return;
  let stderr = '';
  let settled = false;
  const reply = (exitCode, text) => {
    if (settled) return;
    settled = true;
    parentPort.postMessage({ tag: job.tag, id: job.id, exitCode, stderr: text === undefined ? stderr : text });
  };
  try {
    createXmllint({
      inputFiles: job.inputFiles,
      arguments: job.args,
      print() {},
      printErr(text) { stderr += text + '\\n'; },
      onExit: (code) => reply(code),
      onAbort: (reason) => reply(-1, 'WASM Abort: ' + reason),
      wasmMemory: new WebAssembly.Memory({ initial: job.initialMemory, maximum: job.maxMemory }),
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(compiled, imports).then(
          (instance) => done(instance),
          (error) => reply(-1, 'WASM instantiate: ' + (error && error.message)),
        );
        return {};
      },
    }).then(undefined, (error) => reply(-1, 'xmllint: ' + (error && error.message)));
  } catch (error) {
    reply(-1, 'xmllint: ' + (error && error.message));
  }
});
`;

interface Pending {
  readonly job: Job;
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: Error) => void;
}

/** The compiled module, kept by the pool: V8 shares its optimized code with every worker that receives it. */
let compiledModule: WebAssembly.Module | undefined;

function xmllintModule(): WebAssembly.Module {
  compiledModule ??= new WebAssembly.Module(readFileSync(require.resolve('xmllint-wasm/xmllint.wasm')));
  return compiledModule;
}

export function createXmllintPool(size: number = availableParallelism()): XmllintPool {
  const threads = Math.max(1, Math.floor(size));
  const emscriptenPath = require.resolve('xmllint-wasm/xmllint-node.js');
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  let workers = 0;
  let nextId = 0;
  let closed = false;

  const start = (): Worker => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: xmllintModule(), emscriptenPath },
    });
    workers++;
    // Idle workers never keep the process alive (the CLI exits when its work is done).
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const pending = busy.get(worker);
      if (!pending || reply?.tag !== TAG || reply.id !== pending.job.id) return;
      busy.delete(worker);
      worker.unref();
      idle.push(worker);
      pending.resolve(reply);
      pump();
    });
    // Counted out once: a worker that fails emits 'error', then 'exit'.
    let gone = false;
    const lost = (error: Error): void => {
      if (gone) return;
      gone = true;
      const pending = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      workers--;
      pending?.reject(error);
      if (!closed) pump();
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', (code) => lost(new Error(`xmllint worker stopped (exit code ${code})`)));
    return worker;
  };

  const pump = (): void => {
    while (queue.length > 0 && !closed) {
      const worker = idle.pop() ?? (workers < threads ? start() : undefined);
      if (!worker) return;
      const pending = queue.shift() as Pending;
      busy.set(worker, pending);
      // A worker with a document to validate keeps the process alive until it answers.
      worker.ref();
      worker.postMessage(pending.job);
    }
  };

  const run = (request: XmllintRequest): Promise<Reply> =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new Error('xmllint pool closed'));
        return;
      }
      queue.push({ job: jobOf(request, nextId++), resolve, reject });
      pump();
    });

  const runner = async (request: XmllintRequest) => {
    let reply: Reply;
    try {
      reply = await run(request);
    } catch (error) {
      throw couldNotRun('inconnu', error instanceof Error ? error.message : String(error), error);
    }
    if (VERDICT_EXIT_CODES.has(reply.exitCode)) return { valid: reply.exitCode === 0, output: reply.stderr };
    throw couldNotRun(reply.exitCode, reply.stderr);
  };
  return Object.assign(runner, {
    size: threads,
    async close(): Promise<void> {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('xmllint pool closed'));
      await Promise.all([...idle, ...busy.keys()].map((worker) => worker.terminate()));
    },
  });
}

let shared: XmllintPool | undefined;

/** The process's pool, created on first use with one worker per core; its idle workers never hold the process. */
export const nodeXmllintRunner: XmllintRunner = (request) => {
  shared ??= createXmllintPool();
  return shared(request);
};
