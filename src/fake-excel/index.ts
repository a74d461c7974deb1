import { BatchQueue, FakeStats } from './context';
import { ErrorCode, FakeOfficeError } from './errors';
import { FakeWorkbook, type FakeEnvironment } from './proxies';
import { WorkbookModel, type ListSeparator, type ReadOnlyWrites } from './model';
import type { HostExcelRun } from '../office/excel-run';

/**
 * An in-memory Excel with the Office.js programming model, for the adapter's tests and the
 * browser e2e stub. It runs in Node and in a browser bundle (no Node APIs).
 */

export { FakeOfficeError, ErrorCode } from './errors';
export {
  WorkbookModel,
  SheetModel,
  type CellFormat,
  type FakeValue,
  type DisplayedLook,
  type ListSeparator,
  type ReadOnlyWrites,
} from './model';
export { FakeStats, WEB_PAYLOAD_LIMIT_BYTES, CELL_READ_LIMIT, type SyncRecord } from './context';
export { FakeHost, type ShowTaskpaneMode, type FakeHostOptions } from './host';
export * from './a1';

export interface FakeExcelOptions {
  /** "web" enforces the 5 MB request/response limit of Excel on the web. */
  readonly platform?: 'web' | 'desktop';
  /** Highest ExcelApi requirement set the host claims (notes need 1.18). */
  readonly apiVersion?: string;
  readonly date1904?: boolean;
  /**
   * The list separator of the user's regional settings, as Windows Excel applies it to `getRanges` addresses:
   * #1167 and #1985 (Windows, « ; » settings: the comma form fails with InvalidArgument, maintainers confirmed).
   * The typings (l.37631) now document both separators; whether each platform accepts the other one is
   * « à confirmer », so the fake refuses it (the stricter choice). Default "," (Excel on the web, English).
   */
  readonly listSeparator?: ListSeparator;
  /** The workbook was opened read-only (Workbook.readOnly, ExcelApi 1.8); what writes do is « à confirmer ». */
  readonly readOnly?: ReadOnlyWrites;
}

/** Excel.RunOptions as far as the fake honours them. */
export interface FakeRunOptions {
  /**
   * Excel.RunOptions.delayForCellEdit (typings l.33533-33541): "When `false`, if the user is in cell edit when the
   * batch request is processed by the host, the batch automatically fails. When `true` … the batch request is
   * delayed until the user exits cell edit mode. The default … is equivalent to when it is `false`." Checked at
   * every sync (each sync is one batch request); whether Excel checks per sync or per run is « à confirmer ».
   */
  readonly delayForCellEdit?: boolean;
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

type Batch<T> = (context: FakeRequestContext) => Promise<T>;

export class FakeExcel {
  readonly model: WorkbookModel;
  readonly stats = new FakeStats();
  readonly platform: 'web' | 'desktop';
  readonly apiVersion: string;

  constructor(options: FakeExcelOptions = {}) {
    this.platform = options.platform ?? 'web';
    this.apiVersion = options.apiVersion ?? '1.18';
    this.model = new WorkbookModel(options.date1904 ?? false);
    this.model.listSeparator = options.listSeparator ?? ',';
    if (options.readOnly) this.model.readOnly = { writes: options.readOnly };
  }

  /** Excel.run: a fresh context per batch; pending operations are flushed when the batch ends. */
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(options: FakeRunOptions, batch: Batch<T>): Promise<T>;
  async run<T>(first: FakeRunOptions | Batch<T>, second?: Batch<T>): Promise<T> {
    const [options, batch] = typeof first === 'function' ? [{}, first] : [first, second as Batch<T>];
    const queue = new BatchQueue(this.stats, this.platform === 'web', () => this.cellEditGate(options));
    const context = new FakeRequestContext({
      model: this.model,
      queue,
      notesApi: this.isSetSupported('ExcelApi', '1.18'),
      apiVersionAtLeast: (version) => this.isSetSupported('ExcelApi', version),
    });
    const result = await batch(context);
    if (queue.pending > 0) await context.sync();
    return result;
  }

  /** Each sync while the user edits a cell fails, or waits when the run asked to (delayForCellEdit). */
  private async cellEditGate(options: FakeRunOptions): Promise<void> {
    if (!this.model.cellEditing) return;
    if (options.delayForCellEdit) return this.model.whenCellEditEnds();
    throw new FakeOfficeError(
      ErrorCode.invalidOperationInCellEditMode,
      "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
    );
  }

  /** This fake in place of `Excel.run`: it implements the part of Office.js that src/office uses. */
  get excelRun(): HostExcelRun {
    return this.run.bind(this) as unknown as HostExcelRun;
  }

  /** Office.context.requirements.isSetSupported. */
  isSetSupported(name: string, version = '1.1'): boolean {
    return name === 'ExcelApi' && versionAtLeast(this.apiVersion, version);
  }
}
