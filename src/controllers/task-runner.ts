import { MissingSheetsError, WorkbookChangedError, EmptySelectionError } from '../office/workbook-port';
import { OfficeErrorCode, officeErrorCode } from '../office/excel-run';
import { strings } from '../i18n/pane';
import { excelText } from '../i18n/excel-messages';
import { SHEET_NAMES } from '../core/template/layout';
import { inProcessCoreRunner, type CoreProgress, type CoreRunner } from '../workers/core-runner';
import type { CheckResult } from '../core/check/check';
import type { AddinServices, Notice, PaneState } from './pane-state';

/**
 * What every feature controller shares: the pane's state and its listeners, one long task at a time with
 * progress, « Annuler » and French error messages, and the confirmation asked before any write into the workbook.
 */

type Listener = (state: PaneState) => void;

/** DOMException is not an Error subclass everywhere (Node), so the name is what we test. */
function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why Excel refused, in a few French words (for messages that go on after it). */
export function refusalReason(error: unknown): string {
  const code = officeErrorCode(error);
  if (code === OfficeErrorCode.accessDenied) return excelText.reasonAccessDenied;
  if (code === OfficeErrorCode.invalidOperationInCellEditMode) return excelText.reasonCellEdit;
  return describeError(error);
}

/** What Excel's refusals mean for the user, by Office.js error code (the message is localized: never matched). */
export function excelRefusal(error: unknown): Notice | undefined {
  const code = officeErrorCode(error);
  if (code === OfficeErrorCode.invalidOperationInCellEditMode)
    return { intent: 'warning', text: excelText.cellEditRefused };
  if (code === OfficeErrorCode.accessDenied) return { intent: 'error', text: excelText.accessDenied };
  return undefined;
}

export class TaskRunner {
  private state: PaneState = { issues: [] };
  private readonly listeners = new Set<Listener>();
  private abort: AbortController | undefined;
  private pendingAction: ((signal: AbortSignal) => Promise<void>) | undefined;
  /** Runs once the confirmed write is over and the pane is free again (the check after an import). */
  private pendingFollowUp: (() => Promise<void>) | undefined;

  /** The end of the last queued work (ribbon commands, the first run): each waits for the one before. */
  private queueTail: Promise<void> = Promise.resolve();
  private queued = 0;
  /** Resolved when the task in progress ends. */
  private idleWaiters: (() => void)[] = [];
  /** The progress label a slow Excel request replaced, to put back when it returns. */
  private labelBeforeWait: string | undefined;

  constructor(readonly services: AddinServices) {
    services.workbook.onSlowRequest((slow) => this.excelSlow(slow));
  }

  /** A request to Excel pending for a while: maybe a cell is being edited (Excel then waits without a word). */
  private excelSlow(slow: boolean): void {
    const busy = this.state.busy;
    if (!busy) return;
    if (slow) {
      this.labelBeforeWait = busy.label;
      this.set({ busy: { ...busy, label: excelText.excelWaiting } });
    } else if (busy.label === excelText.excelWaiting) {
      this.set({ busy: { ...busy, label: this.labelBeforeWait ?? strings.loading } });
    }
  }

  getState(): PaneState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(change: Partial<PaneState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }

  get busy(): boolean {
    return this.state.busy !== undefined;
  }

  cancel(): void {
    this.abort?.abort();
  }

  /**
   * Runs `work` once the task in progress and the work queued before it are over: a ribbon command is never
   * dropped because another one runs. While it waits, the pane says so (`label`: the action's name). An error that
   * escapes `work` is shown in the pane, not lost.
   */
  enqueue(label: string | undefined, work: () => Promise<void>): Promise<void> {
    if (label && (this.busy || this.queued > 0))
      this.set({ notice: { intent: 'info', text: excelText.queued(label) } });
    this.queued++;
    const run = this.queueTail
      .then(() => this.whenIdle())
      .then(work)
      .catch((error: unknown) =>
        this.set({ notice: { intent: 'error', text: strings.unexpectedError(describeError(error)) } }),
      )
      .finally(() => this.queued--);
    this.queueTail = run;
    return run;
  }

  private whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** French label of a field of the workbook's schema version. */
  fieldLabel(id: string): string | undefined {
    return this.services.dictionary.fields.find((f) => f.id === id)?.label;
  }

  /**
   * Runs one long task at a time, with progress, cancellation and French error messages. `keepNotice`: the
   * message already shown stays (an import's result while the check that follows it runs). `label`: what the
   * status line says until the task reports its progress.
   */
  async task(
    work: (signal: AbortSignal) => Promise<void>,
    options: { readonly keepNotice?: boolean; readonly label?: string } = {},
  ): Promise<void> {
    if (this.busy) return;
    const abort = new AbortController();
    this.abort = abort;
    this.set({
      ...(options.keepNotice ? {} : { notice: undefined }),
      busy: { label: options.label ?? strings.loading },
    });
    try {
      await work(abort.signal);
    } catch (error) {
      if (isAbort(error)) this.set({ notice: { intent: 'info', text: strings.cancelled } });
      else if (error instanceof MissingSheetsError) this.missingSheets(error.sheets);
      else
        this.set({
          notice: excelRefusal(error) ?? {
            intent: 'error',
            text: strings.unexpectedError(describeError(error)),
          },
        });
    } finally {
      this.abort = undefined;
      this.set({ busy: undefined });
      this.resultShown();
      const waiting = this.idleWaiters;
      this.idleWaiters = [];
      for (const resume of waiting) resume();
    }
  }

  /**
   * Marks the problems of a check whose results are already on screen: a protected sheet, a read-only workbook or
   * a refused write never hide them. Returns what to tell the user about the marks, if anything.
   */
  async highlight(issues: CheckResult['issues']): Promise<Notice | undefined> {
    this.set({ busy: { label: strings.highlighting } });
    try {
      const marks = await this.services.workbook.highlightIssues(issues);
      if (marks.protectedSheets.length > 0)
        return { intent: 'warning', text: excelText.protectedNoHighlight(marks.protectedSheets) };
      if (marks.readOnly) return { intent: 'info', text: excelText.readOnlyWorkbook };
      return undefined;
    } catch (error) {
      if (isAbort(error)) throw error;
      return { intent: 'warning', text: excelText.highlightFailed(refusalReason(error)) };
    }
  }

  /** The action is over: the pane moves the focus to its result. */
  resultShown(): void {
    this.set({ resultVersion: (this.state.resultVersion ?? 0) + 1 });
  }

  /** No template at all: back to the first step; part of it: offer to add what is missing. */
  private missingSheets(sheets: readonly string[]): void {
    if (sheets.includes(SHEET_NAMES.parameters) && sheets.includes(SHEET_NAMES.passages)) {
      this.set({
        welcome: true,
        check: undefined,
        issues: [],
        notice: { intent: 'info', text: strings.noTemplateYet },
      });
      return;
    }
    this.set({ notice: { intent: 'warning', text: strings.missingSheets(sheets), offerAddMissing: true } });
  }

  readData(signal: AbortSignal) {
    return this.services.workbook.readWorkbookData({
      signal,
      onProgress: (done, total) => this.set({ busy: { label: strings.reading(done, total), done, total } }),
    });
  }

  get core(): CoreRunner {
    return this.services.core ?? inProcessCoreRunner(this.services.validateXml, this.services.dictionary);
  }

  showProgress(progress: CoreProgress): void {
    const label =
      progress.stage === 'checking'
        ? strings.checking
        : progress.stage === 'building'
          ? strings.building
          : strings.validating;
    this.set({ busy: { label, done: progress.done, total: progress.total } });
  }

  ask(
    text: string,
    confirmLabel: string,
    action: (signal: AbortSignal) => Promise<void>,
    followUp?: () => Promise<void>,
  ): void {
    this.pendingAction = action;
    this.pendingFollowUp = followUp;
    this.set({ confirm: { text, confirmLabel } });
  }

  /** "Confirmer": runs the write the pane asked about. */
  async confirm(): Promise<void> {
    const action = this.pendingAction;
    const followUp = this.pendingFollowUp;
    this.pendingAction = undefined;
    this.pendingFollowUp = undefined;
    this.set({ confirm: undefined });
    if (action) await this.guarded(action);
    if (action && followUp) await followUp();
  }

  dismissConfirm(): void {
    this.pendingAction = undefined;
    this.pendingFollowUp = undefined;
    this.set({ confirm: undefined, notice: { intent: 'info', text: strings.nothingWritten } });
    this.resultShown();
  }

  /** A task whose "workbook changed since read" refusal is explained rather than reported as a bug. */
  async guarded(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    await this.task(async (signal) => {
      try {
        await work(signal);
      } catch (error) {
        if (error instanceof WorkbookChangedError) {
          this.set({ notice: { intent: 'error', text: strings.workbookChanged(error.sheet, error.row) } });
          return;
        }
        if (error instanceof EmptySelectionError) {
          this.set({ notice: { intent: 'warning', text: strings.selectTableFirst } });
          return;
        }
        throw error;
      }
    });
  }
}
