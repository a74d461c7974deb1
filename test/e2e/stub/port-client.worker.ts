/// <reference lib="webworker" />
/**
 * Stands in for the core worker in the browser tests of the XSD pool: validates documents through the ports the
 * pane's pool lent it, with the runner the core worker uses (src/workers/port-xmllint-runner.ts).
 */
import type { XmllintRequest } from '../../../src/core/xsd/xmllint-runner';
import { portXmllintRunner } from '../../../src/workers/port-xmllint-runner';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener(
  'message',
  (event: MessageEvent<{ requests: XmllintRequest[]; ports: MessagePort[] }>) => {
    const { requests, ports } = event.data;
    const xsd = portXmllintRunner(ports);
    Promise.all(requests.map((r) => xsd.run(r))).then(
      // What each request's own array holds afterwards: a transferred buffer is detached (0 bytes).
      (results) =>
        scope.postMessage({
          results,
          leftBehind: requests.map((r) => (typeof r.xml === 'string' ? -1 : r.xml.byteLength)),
        }),
      (error: unknown) => scope.postMessage({ error: String(error) }),
    );
  },
);
