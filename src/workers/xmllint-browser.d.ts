/** xmllint-wasm's worker script: no exports, it installs a message handler when loaded. */
declare module 'xmllint-wasm/xmllint-browser.mjs';
