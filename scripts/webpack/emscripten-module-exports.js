'use strict';
/**
 * webpack loader for xmllint-wasm's browser build (xmllint-browser.mjs), which exports nothing: it defines its
 * Emscripten factory `Module` and starts its own worker loop. Exporting the factory and the URL of its wasm
 * (resolved by webpack as the build already does in locateFile) lets our XSD workers compile the module once
 * and start a fresh instance per document (src/workers/xmllint-pool.worker.ts). The file's own loop ignores
 * messages without its "xmllint-wasm" key, so it stays harmless.
 */
module.exports = function emscriptenModuleExports(source) {
  return `${source}
export default Module;
export const xmllintWasmUrl = new URL('./xmllint.wasm', import.meta.url).href;
`;
};
