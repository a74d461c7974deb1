import { checkWorkbook, type CheckResult } from '../core/check';
import { exportWorkbook } from '../core/export';
import type { ValidateXml as XmlValidator } from '../core/xsd';
import type { Issue } from '../core/types';
import { MissingSheetsError, type WorkbookPort } from '../excel/workbook-port';
import { strings } from '../ui/strings';
import type { SaveResult } from './save-file';

/**
 * What the ribbon buttons and the task pane do, without React and without Office: both surfaces
 * share one controller (shared runtime), so a check started from the ribbon shows in the pane.
 */

export interface AddinServices {
  readonly workbook: WorkbookPort;
  /** XSD validation of the produced XML (xmllint-wasm in a Web Worker in the add-in). */
  readonly validateXml: XmlValidator;
  readonly saveXml: (fileName: string, xml: string) => Promise<SaveResult>;
  /** Opens the task pane (Office.addin.showAsTaskpane); no-op where unavailable. */
  readonly showPane: () => Promise<void>;
  readonly now: () => Date;
}

export type NoticeIntent = 'success' | 'warning' | 'error' | 'info';

export interface Notice {
  readonly intent: NoticeIntent;
  readonly text: string;
  /** The template is incomplete: offer to add the missing sheets. */
  readonly offerAddMissing?: boolean;
}

export interface Busy {
  readonly label: string;
  readonly done?: number;
  readonly total?: number;
}

export interface PaneState {
  readonly busy?: Busy;
  readonly check?: CheckResult;
  /** Issues shown in the list (check issues, plus XSD problems after a refused export). */
  readonly issues: readonly Issue[];
  readonly notice?: Notice;
  /** Excel for Mac: the XML to copy, since the web view cannot download. */
  readonly xmlToCopy?: { readonly fileName: string; readonly xml: string };
}

type Listener = (state: PaneState) => void;

/** DOMException is not an Error subclass everywhere (Node), so the name is what we test. */
function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class AddinController {
  private state: PaneState = { issues: [] };
  private readonly listeners = new Set<Listener>();
  private abort: AbortController | undefined;

  constructor(private readonly services: AddinServices) {}

  getState(): PaneState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(change: Partial<PaneState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }

  get busy(): boolean {
    return this.state.busy !== undefined;
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** Runs one long task at a time, with progress, cancellation and French error messages. */
  private async task(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.busy) return;
    const abort = new AbortController();
    this.abort = abort;
    this.set({ notice: undefined, busy: { label: strings.loading } });
    try {
      await work(abort.signal);
    } catch (error) {
      if (isAbort(error)) this.set({ notice: { intent: 'info', text: strings.cancelled } });
      else if (error instanceof MissingSheetsError) {
        this.set({
          notice: { intent: 'warning', text: strings.missingSheets(error.sheets), offerAddMissing: true },
        });
      } else this.set({ notice: { intent: 'error', text: strings.unexpectedError(describe(error)) } });
    } finally {
      this.abort = undefined;
      this.set({ busy: undefined });
    }
  }

  private readData(signal: AbortSignal) {
    return this.services.workbook.readWorkbookData({
      signal,
      onProgress: (done, total) => this.set({ busy: { label: strings.reading(done, total), done, total } }),
    });
  }

  async newTemplate(addMissing = false): Promise<void> {
    await this.task(async () => {
      const outcome = await this.services.workbook.createTemplate({ addMissing });
      if (outcome.status === 'created')
        this.set({ notice: { intent: 'success', text: strings.templateCreated(outcome.created) } });
      else {
        this.set({
          notice: {
            intent: outcome.missing.length > 0 ? 'warning' : 'info',
            text: strings.templateExists(outcome.existing, outcome.missing),
            offerAddMissing: outcome.missing.length > 0,
          },
        });
      }
    });
  }

  async check(): Promise<void> {
    await this.task(async (signal) => {
      const data = await this.readData(signal);
      this.set({ busy: { label: strings.checking } });
      const check = checkWorkbook(data, { today: this.services.now() });
      this.set({ busy: { label: strings.highlighting } });
      await this.services.workbook.highlightIssues(check.issues);
      this.set({ check, issues: check.issues, xmlToCopy: undefined });
    });
  }

  /** Ribbon "Exporter XML": check, refuse with errors (pane opens on the list), else build, validate, save. */
  async exportXml(): Promise<void> {
    let openPane = false;
    await this.task(async (signal) => {
      const data = await this.readData(signal);
      this.set({ busy: { label: strings.building } });
      const outcome = await exportWorkbook(data, {
        now: this.services.now(),
        today: this.services.now(),
        validateXml: (xml, options) => {
          this.set({ busy: { label: strings.validating } });
          return this.services.validateXml(xml, options);
        },
      });
      await this.services.workbook.highlightIssues(outcome.check.issues);
      if (!outcome.ok) {
        openPane = true;
        const issues =
          outcome.reason === 'xsd' ? [...outcome.check.issues, ...outcome.issues] : outcome.issues;
        const text =
          outcome.reason === 'xsd'
            ? strings.exportXsdFailed
            : strings.exportBlocked(outcome.check.summary.errors);
        this.set({ check: outcome.check, issues, xmlToCopy: undefined, notice: { intent: 'error', text } });
        return;
      }
      const saved = await this.services.saveXml(outcome.fileName, outcome.chunks.join(''));
      if (saved === 'copy') {
        openPane = true;
        this.set({
          check: outcome.check,
          issues: outcome.check.issues,
          xmlToCopy: { fileName: outcome.fileName, xml: outcome.chunks.join('') },
          notice: { intent: 'info', text: strings.exportCopyInstead(outcome.fileName) },
        });
        return;
      }
      this.set({
        check: outcome.check,
        issues: outcome.check.issues,
        xmlToCopy: undefined,
        notice: {
          intent: 'success',
          text: strings.exportDone(outcome.fileName, outcome.passages, outcome.certifications),
        },
      });
    });
    if (openPane) await this.services.showPane();
  }

  async selectIssue(issue: Issue): Promise<void> {
    if (!issue.cell) return;
    try {
      await this.services.workbook.selectCell(issue.sheet, issue.cell);
    } catch (error) {
      this.set({ notice: { intent: 'error', text: strings.unexpectedError(describe(error)) } });
    }
  }

  async clearMarks(): Promise<void> {
    await this.task(async () => {
      await this.services.workbook.clearHighlights();
      this.set({ notice: { intent: 'info', text: strings.highlightsCleared } });
    });
  }

  dismissXml(): void {
    this.set({ xmlToCopy: undefined });
  }
}
