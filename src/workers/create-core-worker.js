/**
 * Kept in JavaScript for the same reason as create-xsd-worker.js: webpack needs this exact
 * `new Worker(new URL(…, import.meta.url))` shape, which the CommonJS TypeScript build cannot parse.
 */
export function createCoreWorker() {
  return new Worker(new URL('./core.worker.ts', import.meta.url), { name: 'core' });
}
