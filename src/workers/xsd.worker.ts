/// <reference lib="webworker" />
/**
 * Web Worker that hosts libxml2 (xmllint-wasm's browser build) for the pane's pool of XSD workers
 * (browser-xmllint-runner.ts). The worker lives as long as the pane: it compiles the wasm module once, then
 * starts a fresh Emscripten instance of it per document (instantiateWasm), so that nothing of one document
 * is left in the next, and no document pays for compiling 778 KB of wasm again (measured in Node: 545 ms of
 * CPU per 5 000-passage part with a new worker each time, 286–300 ms with the compiled code reused).
 * The factory and the compile of its wasm (an asset of our own origin, fetched as the library itself does) are
 * exported for us by scripts/webpack/emscripten-module-exports.js. Protocol: xmllint-job.ts.
 *
 * Jobs come from the pane, or from a core worker's export through a port the pane lent it (XsdPortMessage): the
 * parts of a 200 MB export then never cross the pane's main thread. Whatever their source, documents run one at a
 * time, in the order they came, and each reply goes back where its job came from.
 */
import createXmllint, { compileXmllint } from 'xmllint-wasm/xmllint-browser.mjs';
import {
  XMLLINT_JOB_TAG,
  type XmllintJob,
  type XmllintJobReply,
  type XsdModuleMessage,
  type XsdPortMessage,
} from './xmllint-job';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/**
 * The compiled module: compiled here when the pool says `compile` (the first worker) or sends `module: null`, else
 * the first worker's, sent by the pool. Jobs wait for it.
 */
let settleModule: (module: Promise<WebAssembly.Module>) => void = () => undefined;
const compiled = new Promise<WebAssembly.Module>((resolve) => {
  settleModule = resolve;
});

function xmllintModule(): Promise<WebAssembly.Module> {
  return compiled;
}

function onModuleMessage(message: XsdModuleMessage): void {
  if (message.kind === 'compile') {
    const module = compileXmllint();
    settleModule(module);
    const answer = (sent: WebAssembly.Module | null): void => {
      const reply: XsdModuleMessage = { tag: XMLLINT_JOB_TAG, kind: 'compiled', module: sent };
      try {
        scope.postMessage(reply);
      } catch {
        // A web view that cannot clone a Module: the others compile their own.
        scope.postMessage({ ...reply, module: null } satisfies XsdModuleMessage);
      }
    };
    module.then(answer, () => answer(null));
  } else if (message.kind === 'module') {
    settleModule(message.module ? Promise.resolve(message.module) : compileXmllint());
  }
}

interface Queued {
  readonly job: XmllintJob;
  /** The lease whose port the job came through; undefined: the pane. */
  readonly lease?: number;
  readonly answer: (reply: XmllintJobReply, transfer: Transferable[]) => void;
}

const queue: Queued[] = [];
const ports = new Map<number, MessagePort>();
let running = false;

function runJob(job: XmllintJob): Promise<{ exitCode: number; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const reply = (exitCode: number, text = stderr): void => {
      if (settled) return;
      settled = true;
      resolve({ exitCode, stderr: text });
    };
    const failed = (what: string) => (error: unknown) =>
      reply(-1, `${what}: ${error instanceof Error ? error.message : String(error)}`);
    createXmllint({
      inputFiles: job.inputFiles,
      arguments: job.args,
      print() {},
      printErr(text: string) {
        stderr += `${text}\n`;
      },
      onExit: (code: number) => reply(code),
      onAbort: (reason: unknown) => reply(-1, `WASM Abort: ${String(reason)}`),
      wasmMemory: new WebAssembly.Memory({ initial: job.initialMemory, maximum: job.maxMemory }),
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
        xmllintModule()
          .then((module) => WebAssembly.instantiate(module, imports))
          .then(done, failed('WASM instantiate'));
        return {};
      },
    }).catch(failed('xmllint'));
  });
}

function next(): void {
  if (running) return;
  const item = queue.shift();
  if (!item) return;
  running = true;
  void runJob(item.job).then(({ exitCode, stderr }) => {
    // Emscripten copied the document into its own file system: its bytes can go back to their owner.
    const contents = item.job.inputFiles[0]?.contents;
    const input = item.job.returnInput && contents instanceof Uint8Array ? contents : undefined;
    const reply: XmllintJobReply = {
      tag: XMLLINT_JOB_TAG,
      id: item.job.id,
      exitCode,
      stderr,
      ...(input ? { input } : {}),
    };
    item.answer(reply, input ? [input.buffer] : []);
    running = false;
    next();
  });
}

function accept(job: XmllintJob, answer: Queued['answer'], lease?: number): void {
  if (!job || job.tag !== XMLLINT_JOB_TAG || !Array.isArray(job.inputFiles)) return;
  queue.push({ job, answer, lease });
  next();
}

function connect(lease: number, port: MessagePort): void {
  ports.set(lease, port);
  port.addEventListener('message', (event: MessageEvent<XmllintJob>) =>
    accept(event.data, (reply, transfer) => port.postMessage(reply, transfer), lease),
  );
  port.start();
}

function disconnect(lease: number): void {
  ports.get(lease)?.close();
  ports.delete(lease);
  // A cancelled export's parts still waiting here would only delay the next document.
  for (let i = queue.length - 1; i >= 0; i--) if (queue[i].lease === lease) queue.splice(i, 1);
}

scope.addEventListener('message', (event: MessageEvent<XmllintJob | XsdPortMessage | XsdModuleMessage>) => {
  const message = event.data;
  if (!message || message.tag !== XMLLINT_JOB_TAG) return;
  if ('kind' in message) {
    if (message.kind === 'connect' && event.ports[0]) connect(message.lease, event.ports[0]);
    else if (message.kind === 'disconnect') disconnect(message.lease);
    else if (message.kind === 'compile' || message.kind === 'module') onModuleMessage(message);
    return;
  }
  accept(message, (reply, transfer) => scope.postMessage(reply, transfer));
});
