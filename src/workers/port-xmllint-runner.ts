import type { XmllintRunner } from '../core/xsd/xmllint-runner';
import {
  XMLLINT_JOB_TAG,
  transferList,
  xmllintJob,
  replyOfQueuedJob,
  type XmllintJobReply,
} from './xmllint-job';

/**
 * XmllintRunner of the core worker: the pane's XSD workers, reached through the ports it lent for this export
 * (browser-xmllint-runner.ts `lend`). One document per port at a time, the others wait in order; a part's bytes
 * are transferred, not copied, when the caller gave them up (XmllintRequest.transfer), and come back with the
 * verdict. Nested workers would avoid the loan, but ports work in every Office web view (WebView2, WKWebView).
 */

interface Pending {
  readonly id: number;
  readonly request: Parameters<XmllintRunner>[0];
  readonly resolve: (reply: XmllintJobReply) => void;
  readonly reject: (error: Error) => void;
}

export interface PortXmllintRunner {
  readonly run: XmllintRunner;
  /** The XSD worker behind port `index` failed (the pane says so): its document fails, the port is not used again. */
  lost(index: number, message: string): void;
}

export function portXmllintRunner(ports: readonly MessagePort[]): PortXmllintRunner {
  const idle = ports.map((_port, index) => index).reverse();
  const busy = new Map<number, Pending>();
  const gone = new Set<number>();
  const queue: Pending[] = [];
  let nextId = 0;

  const failAll = (message: string): void => {
    for (const pending of queue.splice(0)) pending.reject(new Error(message));
  };

  const pump = (): void => {
    while (queue.length > 0) {
      const index = idle.pop();
      if (index === undefined) {
        if (gone.size === ports.length) failAll('No XSD worker left');
        return;
      }
      const pending = queue.shift() as Pending;
      busy.set(index, pending);
      ports[index].postMessage(xmllintJob(pending.request, pending.id), transferList(pending.request));
    }
  };

  ports.forEach((port, index) => {
    port.addEventListener('message', (event: MessageEvent<XmllintJobReply>) => {
      const reply = event.data;
      const pending = busy.get(index);
      if (!pending || reply?.tag !== XMLLINT_JOB_TAG || reply.id !== pending.id) return;
      busy.delete(index);
      idle.push(index);
      pending.resolve(reply);
      pump();
    });
    port.start();
  });

  return {
    run: (request) =>
      replyOfQueuedJob((resolve, reject) => {
        queue.push({ id: nextId++, request, resolve, reject });
        pump();
      }),
    lost(index, message) {
      if (gone.has(index)) return;
      gone.add(index);
      const at = idle.indexOf(index);
      if (at >= 0) idle.splice(at, 1);
      const pending = busy.get(index);
      busy.delete(index);
      ports[index].close();
      pending?.reject(new Error(message));
      pump();
    },
  };
}
