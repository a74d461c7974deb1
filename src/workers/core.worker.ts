/// <reference lib="webworker" />
import { checkWorkbook } from '../core/check/check';
import { withBoundedMessages, withBoundedOutcome } from '../core/check/bounded-issues';
import { exportWorkbook } from '../core/export/export';
import type { XmllintResult, XmllintRunner } from '../core/xsd/xmllint-runner';
import { createXmlValidator } from '../core/xsd/xml-validator';
import { getDictionary } from '../dictionary';
import { withoutPassages, type CoreReply, type CoreRequest } from './core-protocol';

/**
 * Web Worker running the check and the export off the pane's thread (issue 7: 100 000 rows take seconds).
 * One worker per task: "Annuler" terminates it, so nothing of a cancelled task survives. XSD validation
 * requests go back to the pane, which runs libxml2 in its own workers.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: CoreReply): void => scope.postMessage(reply);
const waiting = new Map<number, { resolve: (r: XmllintResult) => void; reject: (e: Error) => void }>();
let nextId = 1;

const paneRunner: XmllintRunner = (request) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    post({ kind: 'xmllint', id, request });
  });

async function handle(request: CoreRequest): Promise<void> {
  switch (request.kind) {
    case 'xmllintResult': {
      const pending = waiting.get(request.id);
      waiting.delete(request.id);
      if (request.result) pending?.resolve(request.result);
      else pending?.reject(new Error(request.error ?? 'xmllint failed'));
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
      const outcome = await exportWorkbook(request.data, {
        ...request.options,
        dictionary: getDictionary(request.schemaVersion),
        validateXml: createXmlValidator(paneRunner),
        validation: {
          concurrency: request.options.concurrency,
          onProgress: (done, total) =>
            post({ kind: 'progress', progress: { stage: 'validating', done, total } }),
        },
      });
      post({ kind: 'exported', outcome: withBoundedOutcome(withoutPassages(outcome)) });
      return;
    }
  }
}

scope.addEventListener('message', (event: MessageEvent<CoreRequest>) => {
  handle(event.data).catch((error: unknown) =>
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
