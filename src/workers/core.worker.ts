/// <reference lib="webworker" />
import { checkWorkbook } from '../core/check/check';
import { withBoundedMessages, withBoundedOutcome } from '../core/check/bounded-issues';
import { exportWorkbook } from '../core/export/export';
import { createXmlValidator } from '../core/xsd/xml-validator';
import { getDictionary } from '../dictionary';
import { withoutPassages, type CoreReply, type CoreRequest } from './core-protocol';
import { deliveredOutcome } from './core-runner';
import { portXmllintRunner, type PortXmllintRunner } from './port-xmllint-runner';

/**
 * Web Worker running the check and the export off the pane's thread (issue 7: 100 000 rows take seconds).
 * One worker per task: "Annuler" terminates it, so nothing of a cancelled task survives. The export validates
 * through the XSD workers the pane lent it (ports in the request): the parts go there directly, and the files
 * come back to the pane as Blobs, so that neither crosses the pane's main thread as data.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: CoreReply): void => scope.postMessage(reply);
let xsd: PortXmllintRunner | undefined;

async function handle(request: CoreRequest): Promise<void> {
  switch (request.kind) {
    case 'xsdLost': {
      xsd?.lost(request.index, request.message);
      return;
    }
    case 'check': {
      post({ kind: 'progress', progress: { stage: 'checking' } });
      // The worker is a composition root: it loads the dictionary the pane works with.
      const result = checkWorkbook(request.data, {
        ...request.options,
        dictionary: getDictionary(request.schemaVersion),
      });
      post({ kind: 'checked', result: withBoundedMessages({ ...result, passages: [] }) });
      return;
    }
    case 'export': {
      post({ kind: 'progress', progress: { stage: 'building' } });
      xsd = portXmllintRunner(request.xsdPorts);
      const outcome = await exportWorkbook(request.data, {
        ...request.options,
        dictionary: getDictionary(request.schemaVersion),
        validateXml: createXmlValidator(xsd.run),
        validation: {
          concurrency: request.options.concurrency,
          onProgress: (done, total) =>
            post({ kind: 'progress', progress: { stage: 'validating', done, total } }),
        },
      });
      post({ kind: 'exported', outcome: deliveredOutcome(withBoundedOutcome(withoutPassages(outcome))) });
      return;
    }
  }
}

scope.addEventListener('message', (event: MessageEvent<CoreRequest>) => {
  handle(event.data).catch((error: unknown) =>
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
