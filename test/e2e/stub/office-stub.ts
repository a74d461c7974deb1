/**
 * Stands in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the browser tests:
 * installs `Office` and `Excel` globals backed by the in-memory Excel fake, and exposes the fake's
 * workbook to the test as `window.__e2e` (what a user would type or format in the grid).
 * Bundled by webpack (`--env e2e`) and served when the page asks for Office.js.
 */
// First: where webpack finds the chunks the stub loads.
import './public-path';
import { FakeExcel, FakeHost, parseRect } from '../../../src/fake-excel';
import { fillParameters, fillPassages, recentIssueSerial } from '../../support/fake-excel-fixtures';
import { BENCH_PARAMETERS, generateRows } from '../../../bench/generate';
import { buildTemplateLayout, FIRST_DATA_ROW } from '../../../src/core/template/layout';
import { DICTIONARY } from '../../support/dictionary';
import {
  addNote,
  cellSnapshot,
  endCellEdit,
  formatCells,
  protectSheet,
  renameSheet,
  selectRange,
  startCellEdit,
  typeCell,
  typeRows,
  unprotectSheet,
} from '../../../src/fake-excel/user';
import type { CellFormat, FakeValue, ListSeparator, ShowTaskpaneMode } from '../../../src/fake-excel';
import { browserXsdPool, type XsdWorkerPool } from '../../../src/workers/browser-xmllint-runner';
import type { XmllintRequest, XmllintResult } from '../../../src/core/xsd/xmllint-runner';
import { createPortClientWorker } from './create-port-client-worker';

interface E2eConfig {
  readonly dark?: boolean;
  /** Office.context.diagnostics.platform: "OfficeOnline", "PC", "Mac". */
  readonly platform?: string;
  readonly apiVersion?: string;
  /** Regional settings' list separator (« ; » for French settings on Windows). */
  readonly listSeparator?: ListSeparator;
  /** What Office.addin.showAsTaskpane does (src/fake-excel/host.ts). */
  readonly showAsTaskpane?: ShowTaskpaneMode;
  /** The runtime started from a ribbon click: the pane is hidden (its page runs all the same). */
  readonly paneHidden?: boolean;
  /** Count the messages and bytes between the pane's main thread and its workers (e2e.workerTraffic()). */
  readonly countWorkerTraffic?: boolean;
}

const config: E2eConfig = (window as unknown as { __E2E_CONFIG?: E2eConfig }).__E2E_CONFIG ?? {};
const excel = new FakeExcel({
  platform: 'web',
  apiVersion: config.apiVersion ?? '1.18',
  listSeparator: config.listSeparator ?? ',',
});
const host = new FakeHost({
  showAsTaskpane: config.showAsTaskpane ?? 'shows',
  paneVisible: !config.paneHidden,
});

const office = {
  HostType: { Excel: 'Excel' },
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: 'Excel', platform: config.platform ?? 'OfficeOnline' };
    return new Promise((resolve) => {
      setTimeout(() => {
        callback?.(info);
        resolve(info);
      }, 0);
    });
  },
  context: {
    diagnostics: { platform: config.platform ?? 'OfficeOnline', host: 'Excel', version: '16.0' },
    officeTheme: config.dark
      ? { bodyBackgroundColor: '#292929', bodyForegroundColor: '#FFFFFF' }
      : { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' },
    requirements: { isSetSupported: (name: string, version?: string) => excel.isSetSupported(name, version) },
  },
  actions: host.office.actions,
  addin: host.office.addin,
};

let xsdPool: XsdWorkerPool | undefined;

/** Messages and bytes that crossed between the pane's main thread and one kind of worker (by its name). */
interface Traffic {
  messages: number;
  /** Strings (2 bytes a character), numbers, and the bytes of ArrayBuffers: what the main thread had to clone. */
  bytes: number;
  /** Of which in ArrayBuffers (XML as bytes). */
  bufferBytes: number;
  /** Blobs: their bytes stay in the browser's blob store, only a reference crosses. */
  blobs: number;
  blobBytes: number;
}

const traffic: { received: Record<string, Traffic>; sent: Record<string, Traffic> } = {
  received: {},
  sent: {},
};

function countMessage(into: Record<string, Traffic>, worker: string, data: unknown): void {
  const t = (into[worker] ??= { messages: 0, bytes: 0, bufferBytes: 0, blobs: 0, blobBytes: 0 });
  t.messages++;
  const seen = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') t.bytes += value.length * 2;
    else if (typeof value === 'number' || typeof value === 'boolean') t.bytes += 8;
    else if (value === null || typeof value !== 'object' || seen.has(value)) return;
    else {
      seen.add(value);
      if (value instanceof Blob) {
        t.blobs++;
        t.blobBytes += value.size;
      } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        t.bytes += value.byteLength;
        t.bufferBytes += value.byteLength;
      } else if (value instanceof MessagePort) return;
      else for (const item of Object.values(value)) walk(item);
    }
  };
  walk(data);
}

if (config.countWorkerTraffic) {
  // Wraps the Worker the pane's bundle constructs (webpack's `new Worker(new URL(…))` reads the global at run time).
  const NativeWorker = window.Worker;
  class CountedWorker extends NativeWorker {
    private readonly kind: string;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.kind = options?.name ?? 'worker';
      this.addEventListener('message', (event) => countMessage(traffic.received, this.kind, event.data));
    }
    override postMessage(...args: [unknown, (Transferable[] | StructuredSerializeOptions)?]): void {
      countMessage(traffic.sent, this.kind, args[0]);
      super.postMessage(...(args as Parameters<Worker['postMessage']>));
    }
  }
  Object.assign(window, { Worker: CountedWorker });
}

const e2e = {
  excel,
  /** The add-in's pool of XSD Web Workers (the pane's own), one document at a time or several. */
  xmllint: (requests: XmllintRequest[]) => {
    const pool = (xsdPool ??= browserXsdPool());
    return Promise.all(requests.map((r) => pool.run(r)));
  },
  /**
   * The same pool lent to another worker, as to the core worker during an export: the documents go from that worker
   * to the XSD workers through the ports, as UTF-8 bytes given up by their owner (transferred), and come back.
   */
  xmllintThroughPorts: (requests: XmllintRequest[]) => {
    const pool = (xsdPool ??= browserXsdPool());
    const lease = pool.lend(() => undefined);
    const client = createPortClientWorker();
    const encoder = new TextEncoder();
    const owned = requests.map((r) =>
      typeof r.xml === 'string' ? { ...r, xml: encoder.encode(r.xml), transfer: true } : r,
    );
    return new Promise<{ results: XmllintResult[]; leftBehind: number[] }>((resolve, reject) => {
      client.addEventListener('message', (event: MessageEvent) => {
        client.terminate();
        lease.release();
        if (event.data.error) reject(new Error(event.data.error));
        else resolve(event.data);
      });
      client.postMessage({ requests: owned, ports: lease.ports }, [...lease.ports]);
    }).then(({ results, leftBehind }) => ({
      // The bytes handed back, as text, to compare with what was sent.
      results: results.map(({ xml, ...result }) => ({
        ...result,
        returned: xml ? new TextDecoder().decode(xml) : undefined,
      })),
      leftBehind,
    }));
  },
  /** What crossed between the pane's main thread and its workers since the last reset (countWorkerTraffic). */
  workerTraffic: () => JSON.parse(JSON.stringify(traffic)) as typeof traffic,
  resetWorkerTraffic: () => {
    traffic.received = {};
    traffic.sent = {};
  },
  /** A ribbon click on a function command; resolves when the command calls completed(). */
  invokeCommand: (id: string): Promise<void> => host.click(id),
  /** Calls to Office.addin.showAsTaskpane, whatever they did. */
  paneShown: () => host.showCalls,
  paneVisible: () => host.paneVisible,
  /** The user clicks « Volet » in the ribbon. */
  openPane: () => host.openPane(),
  startCellEdit: () => startCellEdit(excel.model),
  endCellEdit: () => endCellEdit(excel.model),
  protectSheet: (sheet: string) => protectSheet(excel.model, sheet),
  unprotectSheet: (sheet: string) => unprotectSheet(excel.model, sheet),
  renameSheet: (from: string, to: string) => renameSheet(excel.model, from, to),
  selectRange: (sheet: string, address: string) => selectRange(excel.model, sheet, address),
  notes: (sheet: string) => [...excel.model.requireSheet(sheet).notes.keys()],
  note: (sheet: string, address: string) => excel.model.requireSheet(sheet).notes.get(address),
  displayedLook(sheet: string, address: string) {
    const rect = parseRect(address);
    return excel.model.displayedLook(sheet, rect.top, rect.left);
  },
  fillParameters: () => fillParameters(excel.model),
  /** Passages with `changes[index]` (1-based) applied on top of the valid sample. */
  fillPassages(count: number, changes: Record<number, Record<string, FakeValue>>) {
    fillPassages(excel.model, count, (index, values) => Object.assign(values, changes[index] ?? {}));
  },
  /**
   * The benchmark's workbook (bench/generate.ts, the rows the core and CLI benches use): its parameters, `count`
   * passages and their DIGCOMP rows, typed under the template's headers. Generated here rather than sent from the
   * test: 100 000 rows would cross the protocol as tens of megabytes of JSON.
   */
  fillBenchWorkbook(count: number) {
    const layout = buildTemplateLayout(DICTIONARY);
    fillParameters(excel.model, layout, BENCH_PARAMETERS);
    const rows = generateRows(count);
    for (const [spec, data] of [
      [layout.passages, rows.passages],
      [layout.digcomp, rows.digcomp],
    ] as const) {
      const values = data.map((row) => spec.columns.map((c): FakeValue => (row[c.field] as FakeValue) ?? ''));
      typeRows(excel.model, spec.name, FIRST_DATA_ROW, values);
    }
  },
  /** A 5.10 value the checker accepts without warning. */
  recentIssueSerial: () => recentIssueSerial(),
  typeCell: (sheet: string, address: string, value: FakeValue) =>
    typeCell(excel.model, sheet, address, value),
  formatCells: (sheet: string, address: string, patch: Partial<CellFormat>) =>
    formatCells(excel.model, sheet, address, patch),
  addNote: (sheet: string, address: string, text: string) => addNote(excel.model, sheet, address, text),
  cellSnapshot: (sheet: string, address: string) => cellSnapshot(excel.model, sheet, address),
  displayedFill(sheet: string, address: string) {
    const rect = parseRect(address);
    return excel.model.displayedFill(sheet, rect.top, rect.left);
  },
  selection: () => excel.model.selection,
  sheetNames: () => excel.model.sheets.map((s) => s.name),
  syncs: () => excel.stats.syncs,
};

Object.assign(window, { Office: office, Excel: { run: excel.run.bind(excel) }, __e2e: e2e });

export type E2eApi = typeof e2e;
