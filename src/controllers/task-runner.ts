import { MissingSheetsError, WorkbookChangedError, EmptySelectionError } from '../office/workbook-port';
import { strings } from '../i18n/pane';
import { SHEET_NAMES } from '../core/template/layout';
import { inProcessCoreRunner, type CoreProgress, type CoreRunner } from '../workers/core-runner';
import type { AddinServices, PaneState } from './pane-state';

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

export class TaskRunner {
  private state: PaneState = { issues: [] };
  private readonly listeners = new Set<Listener>();
  private abort: AbortController | undefined;
  private pendingAction: ((signal: AbortSignal) => Promise<void>) | undefined;
  /** Runs once the confirmed write is over and the pane is free again (the check after an import). */
  private pendingFollowUp: (() => Promise<void>) | undefined;

  constructor(readonly services: AddinServices) {}

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
      else this.set({ notice: { intent: 'error', text: strings.unexpectedError(describeError(error)) } });
    } finally {
      this.abort = undefined;
      this.set({ busy: undefined });
      this.resultShown();
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
