/**
 * Web Worker that hosts libxml2 (xmllint-wasm's browser build). Importing its module starts its
 * message loop; the wasm file is resolved next to it with `new URL('./xmllint.wasm', import.meta.url)`,
 * which webpack turns into an asset of our own origin (nothing is fetched from elsewhere).
 * Protocol: see browser-xmllint-runner.ts.
 */
import 'xmllint-wasm/xmllint-browser.mjs';
