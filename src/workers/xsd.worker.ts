/// <reference lib="webworker" />
/**
 * Web Worker that hosts libxml2 (xmllint-wasm's browser build) for the pane's pool of XSD workers
 * (browser-xmllint-runner.ts). The worker lives as long as the pane: it compiles the wasm module once, then
 * starts a fresh Emscripten instance of it per document (instantiateWasm), so that nothing of one document
 * is left in the next, and no document pays for compiling 778 KB of wasm again (measured in Node: 545 ms of
 * CPU per 5 000-passage part with a new worker each time, 286–300 ms with the compiled code reused).
 * The factory and the compile of its wasm (an asset of our own origin, fetched as the library itself does) are
 * exported for us by scripts/webpack/emscripten-module-exports.js. Protocol: xmllint-job.ts.
 */
import createXmllint, { compileXmllint } from 'xmllint-wasm/xmllint-browser.mjs';
import { XMLLINT_JOB_TAG, type XmllintJob, type XmllintJobReply } from './xmllint-job';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let compiled: Promise<WebAssembly.Module> | undefined;

function xmllintModule(): Promise<WebAssembly.Module> {
  compiled ??= compileXmllint();
  return compiled;
}

scope.addEventListener('message', (event: MessageEvent<XmllintJob>) => {
  const job = event.data;
  if (!job || job.tag !== XMLLINT_JOB_TAG) return;
  let stderr = '';
  let settled = false;
  const reply = (exitCode: number, text = stderr): void => {
    if (settled) return;
    settled = true;
    scope.postMessage({ tag: XMLLINT_JOB_TAG, id: job.id, exitCode, stderr: text } satisfies XmllintJobReply);
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
