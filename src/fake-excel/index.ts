import { BatchQueue, FakeStats } from './context';
import { FakeWorkbook, type FakeEnvironment } from './proxies';
import { WorkbookModel } from './model';
import type { ExcelRun } from '../office/excel-run';

/**
 * An in-memory Excel with the Office.js programming model, for the adapter's tests and the
 * browser e2e stub. It runs in Node and in a browser bundle (no Node APIs).
 */

export { FakeOfficeError, ErrorCode } from './errors';
export { WorkbookModel, SheetModel, type CellFormat, type FakeValue } from './model';
export { FakeStats, WEB_PAYLOAD_LIMIT_BYTES, CELL_READ_LIMIT, type SyncRecord } from './context';
export * from './a1';

export interface FakeExcelOptions {
  /** "web" enforces the 5 MB request/response limit of Excel on the web. */
  readonly platform?: 'web' | 'desktop';
  /** Highest ExcelApi requirement set the host claims (notes need 1.18). */
  readonly apiVersion?: string;
  readonly date1904?: boolean;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;

  constructor(private readonly env: FakeEnvironment) {
    this.workbook = new FakeWorkbook(env);
  }

  sync(): Promise<void> {
    return this.env.queue.flush();
  }
}

function versionAtLeast(actual: string, wanted: string): boolean {
  const a = actual.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export class FakeExcel {
  readonly model: WorkbookModel;
  readonly stats = new FakeStats();
  readonly platform: 'web' | 'desktop';
  readonly apiVersion: string;

  constructor(options: FakeExcelOptions = {}) {
    this.platform = options.platform ?? 'web';
    this.apiVersion = options.apiVersion ?? '1.18';
    this.model = new WorkbookModel(options.date1904 ?? false);
  }

  /** Excel.run: a fresh context per batch; pending operations are flushed when the batch ends. */
  async run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    const queue = new BatchQueue(this.stats, this.platform === 'web');
    const context = new FakeRequestContext({
      model: this.model,
      queue,
      notesApi: this.isSetSupported('ExcelApi', '1.18'),
    });
    const result = await batch(context);
    if (queue.pending > 0) await context.sync();
    return result;
  }

  /** This fake in place of `Excel.run`: it implements the part of Office.js that src/office uses. */
  get excelRun(): ExcelRun {
    return this.run.bind(this) as unknown as ExcelRun;
  }

  /** Office.context.requirements.isSetSupported. */
  isSetSupported(name: string, version = '1.1'): boolean {
    return name === 'ExcelApi' && versionAtLeast(this.apiVersion, version);
  }
}
