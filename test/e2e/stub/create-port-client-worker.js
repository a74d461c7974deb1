/** In JavaScript for the reason given in src/workers/create-xsd-worker.js (webpack's `new Worker(new URL(…))`). */
export function createPortClientWorker() {
  return new Worker(new URL('./port-client.worker.ts', import.meta.url), { name: 'port-client' });
}
