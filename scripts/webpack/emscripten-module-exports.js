'use strict';
/**
 * webpack loader for xmllint-wasm's browser build (xmllint-browser.mjs), which exports nothing: it defines its
 * Emscripten factory `Module` and starts its own worker loop. Exporting the factory, and a compile of the wasm
 * the file itself would fetch (same URL, resolved by webpack to an asset of our origin, as its locateFile is),
 * lets our XSD workers compile the module once and start a fresh instance per document
 * (src/workers/xsd.worker.ts). The file's own loop ignores messages without its "xmllint-wasm" key.
 */
module.exports = function emscriptenModuleExports(source) {
  return `${source}
export default Module;
export function compileXmllint() {
  return fetch(new URL('./xmllint.wasm', import.meta.url).href)
    .then((response) => response.arrayBuffer())
    .then((bytes) => WebAssembly.compile(bytes));
}
`;
};
