/**
 * xmllint-wasm's browser build, with the exports scripts/webpack/emscripten-module-exports.js adds: its
 * Emscripten factory and the compile of its wasm.
 */
declare module 'xmllint-wasm/xmllint-browser.mjs' {
  /** Runs xmllint once with these Emscripten options; resolves when the runtime is ready. */
  const createXmllint: (options: Record<string, unknown>) => Promise<unknown>;
  export default createXmllint;
  export function compileXmllint(): Promise<WebAssembly.Module>;
}
