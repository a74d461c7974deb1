/**
 * Kept in JavaScript: the TypeScript build targets CommonJS, where `import.meta` is not allowed, and
 * webpack needs exactly this `new Worker(new URL(…, import.meta.url))` shape to bundle the worker.
 */
export function createXsdWorker() {
  // A classic worker: webpack bundles the module graph and loads split chunks with importScripts,
  // which module workers do not allow.
  return new Worker(new URL('./xsd.worker.ts', import.meta.url), { name: 'xsd' });
}
