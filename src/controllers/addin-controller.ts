import type { CheckResult } from '../core/check/check';
import type { Dictionary } from '../dictionary';
import { planMissingIds } from '../core/check/identifiers';
import { collectFluxImport } from '../core/import';
import {
  applyMapping,
  mappingTargets,
  type MappingTarget,
  proposeMapping,
  resolveSavedMapping,
  savedMappingFrom,
  type ColumnMapping,
  type ColumnProposal,
} from '../core/mapping';
import { compareOfficialXsd, readOfficialXsd } from '../core/xsd/official-xsd';
import { parseReceipt, type Receipt } from '../core/receipt';
import { applyReceipt, type ExportMode, type ReceiptApplication } from '../core/tracking';
import type { WorkbookData } from '../core/model/types';
import { inProcessCoreRunner, type CoreProgress, type CoreRunner } from '../workers/core-runner';
import type { ValidateXml as XmlValidator } from '../core/xsd';
import type { Issue } from '../core/model/types';
import {
  EmptySelectionError,
  MissingSheetsError,
  WorkbookChangedError,
  type SourceRange,
  type WorkbookPort,
} from '../office/workbook-port';
import { strings } from '../i18n/pane';
import type { SaveResult } from '../taskpane/save-file';

/**
 * What the ribbon buttons and the task pane do, without React and without Office: both surfaces
 * share one controller (shared runtime), so a check started from the ribbon shows in the pane.
 */

export interface AddinServices {
  /** The schema version the workbook follows, loaded by the composition root. */
  readonly dictionary: Dictionary;
  readonly workbook: WorkbookPort;
  /** XSD validation of the produced XML (xmllint-wasm in a Web Worker in the add-in). */
  readonly validateXml: XmlValidator;
  readonly saveXml: (fileName: string, xml: string) => Promise<SaveResult>;
  /** Opens the task pane (Office.addin.showAsTaskpane); no-op where unavailable. */
  readonly showPane: () => Promise<void>;
  readonly now: () => Date;
  /** Where check and export run (a Web Worker in the add-in); default: in process. */
  readonly core?: CoreRunner;
  /** XSD parts validated side by side (navigator.hardwareConcurrency, 1 to 4). */
  readonly validationConcurrency?: number;
  /** Saves several files of a split export (one download each). */
  readonly saveFiles?: (files: readonly { fileName: string; xml: string }[]) => Promise<SaveResult>;
}

/** A question the pane asks before the add-in writes into the workbook. */
export interface Confirmation {
  readonly text: string;
  readonly confirmLabel: string;
}

/** What an imported accusé says, as the pane shows it. */
export interface ReceiptView {
  readonly fileName: string;
  readonly application: ReceiptApplication;
  /** An XSD report whose errors could be placed on rows with the deposited file. */
  readonly wantsSentXml: boolean;
  readonly written: boolean;
}

/** The confirmation table of "Reprendre un autre tableau". */
export interface MappingView {
  readonly source: string;
  readonly rows: number;
  readonly proposals: readonly ColumnProposal[];
  readonly columns: readonly ColumnMapping[];
  readonly savedNames: readonly string[];
  /** What a column can be mapped to, from the dictionary. */
  readonly targets: readonly MappingTarget[];
}

export interface ExportSettings {
  readonly mode: ExportMode;
  /** Empty = no limit. */
  readonly maxPassagesPerFile?: number;
}

export type NoticeIntent = 'success' | 'warning' | 'error' | 'info';

export interface Notice {
  readonly intent: NoticeIntent;
  readonly text: string;
  /** The template is incomplete: offer to add the missing sheets. */
  readonly offerAddMissing?: boolean;
  /** The template is an older version: offer to upgrade it in place. */
  readonly offerUpgrade?: boolean;
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
  /** First run in a workbook without the template: the pane shows the three steps. */
  readonly welcome?: boolean;
  // Round trip with the CDC, imports (issues 5, 6, 10)
  readonly exportSettings?: ExportSettings;
  readonly officialXsd?: {
    readonly fileName: string;
    readonly version: string;
    readonly notes: readonly string[];
  };
  readonly confirm?: Confirmation;
  readonly receipt?: ReceiptView;
  readonly mapping?: MappingView;
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

  /** French label of a field of the workbook's schema version. */
  fieldLabel(id: string): string | undefined {
    return this.services.dictionary.fields.find((f) => f.id === id)?.label;
  }

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

  /**
   * Runs one long task at a time, with progress, cancellation and French error messages. `keepNotice`: the
   * message already shown stays (an import's result while the check that follows it runs).
   */
  private async task(
    work: (signal: AbortSignal) => Promise<void>,
    options: { readonly keepNotice?: boolean } = {},
  ): Promise<void> {
    if (this.busy) return;
    const abort = new AbortController();
    this.abort = abort;
    this.set({ ...(options.keepNotice ? {} : { notice: undefined }), busy: { label: strings.loading } });
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
        this.set({
          welcome: false,
          notice: { intent: 'success', text: strings.templateCreated(outcome.created) },
        });
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

  /**
   * When the pane opens: a workbook without the template gets the three steps; one with data goes
   * straight to the check summary; an older template is offered an upgrade.
   */
  async start(): Promise<void> {
    let inspection;
    try {
      inspection = await this.services.workbook.inspectTemplate();
    } catch (error) {
      this.set({ notice: { intent: 'error', text: strings.unexpectedError(describe(error)) } });
      return;
    }
    if (!inspection.template) {
      this.set({ welcome: true });
      return;
    }
    if (inspection.hasData) await this.check();
    const { plan } = inspection;
    // A failed check says so first; the upgrade offer can wait for the next opening.
    if (this.state.notice?.intent === 'error' || this.state.notice?.offerAddMissing) return;
    if (plan.status === 'upgrade')
      this.set({
        notice: { intent: 'warning', text: strings.templateOutdated(plan.found.text), offerUpgrade: true },
      });
    else if (plan.status === 'refused')
      this.set({
        notice: { intent: 'warning', text: strings.upgradeRefused(plan.refusals.map((r) => r.message)) },
      });
  }

  async upgradeTemplate(): Promise<void> {
    await this.task(async () => {
      const outcome = await this.services.workbook.upgradeTemplate();
      if (outcome.status === 'upgraded')
        this.set({ notice: { intent: 'success', text: strings.templateUpgraded(outcome.changes) } });
      else if (outcome.status === 'current')
        this.set({ notice: { intent: 'info', text: strings.templateCurrent } });
      else if (outcome.status === 'refused')
        this.set({ notice: { intent: 'error', text: strings.upgradeRefused(outcome.reasons) } });
      else this.set({ welcome: true });
    });
  }

  private get core(): CoreRunner {
    return this.services.core ?? inProcessCoreRunner(this.services.validateXml, this.services.dictionary);
  }

  private showProgress(progress: CoreProgress): void {
    const label =
      progress.stage === 'checking'
        ? strings.checking
        : progress.stage === 'building'
          ? strings.building
          : strings.validating;
    this.set({ busy: { label, done: progress.done, total: progress.total } });
  }

  /**
   * Read → check (in the core worker) → highlight. Annuler before the end leaves the workbook as it was:
   * the highlights are only written once the check is complete.
   */
  async check(): Promise<void> {
    await this.runCheck();
  }

  /** The check; after an import or a copy, with the import's message kept on screen. */
  private async runCheck(options: { readonly keepNotice?: boolean } = {}): Promise<void> {
    await this.task(async (signal) => {
      const data = await this.readData(signal);
      const check = await this.core.check(data, { today: this.services.now() }, signal, (p) =>
        this.showProgress(p),
      );
      if (signal.aborted) return;
      this.set({ busy: { label: strings.highlighting } });
      await this.services.workbook.highlightIssues(check.issues);
      this.set({ check, issues: check.issues, xmlToCopy: undefined });
    }, options);
  }

  /** Ribbon "Exporter XML": check, refuse with errors (pane opens on the list), else build, validate, save. */
  async exportXml(): Promise<void> {
    let openPane = false;
    await this.task(async (signal) => {
      const data = await this.readData(signal);
      const settings = this.state.exportSettings ?? { mode: 'all' };
      const outcome = await this.core.exportWorkbook(
        data,
        {
          now: this.services.now(),
          today: this.services.now(),
          mode: settings.mode,
          ...(settings.maxPassagesPerFile ? { maxPassagesPerFile: settings.maxPassagesPerFile } : {}),
          ...(this.officialXsdText ? { officialXsd: this.officialXsdText } : {}),
          concurrency: this.services.validationConcurrency,
        },
        signal,
        (p) => this.showProgress(p),
      );
      if (signal.aborted) return;
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
      const files = outcome.files.map((f) => ({ fileName: f.fileName, xml: f.chunks.join('') }));
      const saved =
        files.length > 1 && this.services.saveFiles
          ? await this.services.saveFiles(files)
          : await this.services.saveXml(files[0].fileName, files[0].xml);
      if (saved === 'copy') {
        openPane = true;
        this.set({
          check: outcome.check,
          issues: outcome.check.issues,
          xmlToCopy: files[0],
          notice: { intent: 'info', text: strings.exportCopyInstead(outcome.fileName) },
        });
        return;
      }
      // The files are out: the rows they hold become "Envoyé", one history line per file.
      this.set({ busy: { label: strings.writingStatuses } });
      const written = await this.services.workbook.writeTracking(outcome.tracking, {
        date1904: data.date1904,
      });
      this.set({
        check: outcome.check,
        issues: outcome.check.issues,
        xmlToCopy: undefined,
        notice: {
          intent: 'success',
          text:
            files.length > 1
              ? strings.exportDoneSplit(
                  files.map((f) => f.fileName),
                  outcome.check.summary.passages,
                )
              : `${strings.exportDone(outcome.fileName, outcome.passages, outcome.certifications)} ${strings.markedSent(written.rowsUpdated)}`,
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

  // ---------------------------------------------------------------------------------------------
  // Round trip with the CDC and imports. Every write into the workbook waits for the user's "Confirmer".

  private officialXsdText: { fileName: string; contents: string } | undefined;
  private pendingAction: ((signal: AbortSignal) => Promise<void>) | undefined;
  /** Runs once the confirmed write is over and the pane is free again (the check after an import). */
  private pendingFollowUp: (() => Promise<void>) | undefined;
  private receiptSource: { receipt: Receipt; fileName: string; sentXml?: string } | undefined;
  private mappingSource: SourceRange | undefined;

  private ask(
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
  }

  /** A task whose "workbook changed since read" refusal is explained rather than reported as a bug. */
  private async guarded(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
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

  setExportSettings(settings: ExportSettings): void {
    this.set({ exportSettings: settings });
  }

  /** « Générer les identifiants » (pane or ribbon): counts blank 5.1 cells, then asks before writing. */
  async generateIds(): Promise<void> {
    await this.guarded(async (signal) => {
      const data = await this.readData(signal);
      const assignments = planMissingIds(data.passages);
      if (assignments.length === 0) {
        this.set({ notice: { intent: 'info', text: strings.idsNoneMissing } });
        return;
      }
      this.ask(strings.idsConfirm(assignments.length), strings.idsConfirmButton, async () => {
        const written = await this.services.workbook.writeMissingIds(assignments);
        this.set({ notice: { intent: 'success', text: strings.idsWritten(written.written) } });
      });
    });
  }

  /** « Charger le XSD officiel »: later exports are validated against it as well as ours. */
  loadOfficialXsd(fileName: string, text: string): void {
    const read = readOfficialXsd(text);
    if (!read.ok) {
      this.set({ notice: { intent: 'error', text: `${fileName} : ${read.message}` } });
      return;
    }
    const comparison = compareOfficialXsd(read.identity, this.services.dictionary);
    if (comparison.blocking) {
      this.officialXsdText = undefined;
      this.set({
        officialXsd: undefined,
        notice: {
          intent: 'error',
          text: `${strings.officialXsdRefused(fileName)} ${comparison.notes.join(' ')}`,
        },
      });
      return;
    }
    this.officialXsdText = { fileName, contents: text };
    const version = read.identity.version ?? '?';
    this.set({
      officialXsd: { fileName, version, notes: comparison.notes },
      notice: {
        intent: comparison.notes.length > 0 ? 'warning' : 'success',
        text: [strings.officialXsdLoaded(fileName, version), ...comparison.notes].join(' '),
      },
    });
  }

  /** « Importer un accusé »: reads it against the workbook, shows the result, asks before writing statuses. */
  async importReceipt(fileName: string, bytes: Uint8Array): Promise<void> {
    const parsed = parseReceipt(bytes);
    if (!parsed.ok) {
      this.set({ notice: { intent: 'error', text: strings.receiptUnusable(fileName, parsed.message) } });
      return;
    }
    this.receiptSource = { receipt: parsed.receipt, fileName };
    await this.showReceipt();
  }

  /** The deposited XML file, so an XSD report's errors are shown at their row and field (as the CLI's --xml). */
  async provideSentXml(text: string): Promise<void> {
    if (!this.receiptSource) return;
    this.receiptSource = { ...this.receiptSource, sentXml: text };
    await this.showReceipt();
  }

  private async showReceipt(): Promise<void> {
    const source = this.receiptSource;
    if (!source) return;
    await this.guarded(async (signal) => {
      const data = await this.readData(signal);
      const application = applyReceipt(data, source.receipt, {
        dictionary: this.services.dictionary,
        now: this.services.now(),
        ...(source.sentXml !== undefined ? { sentXml: source.sentXml } : {}),
      });
      const wantsSentXml =
        source.receipt.kind === 'xsdRejection' &&
        source.sentXml === undefined &&
        application.xsdErrors.some((e) => e.row === undefined);
      this.set({ receipt: { fileName: source.fileName, application, wantsSentXml, written: false } });
      const changes = application.changes;
      const cells = changes.updates.length + (changes.historyResults?.length ?? 0);
      if (cells === 0) return;
      this.ask(strings.receiptConfirm(changes.updates.length), strings.receiptConfirmButton, async () => {
        const written = await this.services.workbook.writeTracking(changes, { date1904: data.date1904 });
        const view = this.state.receipt;
        this.set({
          ...(view ? { receipt: { ...view, written: true } } : {}),
          notice: {
            intent: 'success',
            text: strings.receiptWritten(written.rowsUpdated, written.columnsAdded),
          },
        });
      });
    });
  }

  dismissReceipt(): void {
    this.receiptSource = undefined;
    this.set({ receipt: undefined });
  }

  /** Template sheets present, else created (an import needs somewhere to go). */
  private async ensureTemplate(): Promise<void> {
    const outcome = await this.services.workbook.createTemplate({ addMissing: true });
    if (outcome.status === 'created') this.set({ welcome: false });
  }

  /** Existing data decides the date system; a new template uses Excel's default (1900). */
  private async dateSystem(signal: AbortSignal): Promise<{ data?: WorkbookData; date1904: boolean }> {
    try {
      const data = await this.readData(signal);
      return { data, date1904: data.date1904 };
    } catch (error) {
      if (error instanceof MissingSheetsError) return { date1904: false };
      throw error;
    }
  }

  /** « Importer un fichier XML CDC »: rows appended after the existing ones, then checked. */
  async importFluxXml(fileName: string, bytes: Uint8Array): Promise<void> {
    // Set by the confirmed write, which runs later, from confirm(): the check follows it there.
    let imported = false;
    await this.guarded(async (signal) => {
      this.set({ busy: { label: strings.importReading } });
      const collected = await collectFluxImport([bytes], { dictionary: this.services.dictionary });
      const { result, content } = collected;
      if (content.passages.length === 0) {
        const why = result.stopped?.message ?? result.issues[0]?.message ?? '';
        this.set({ notice: { intent: 'error', text: strings.importNothing(fileName, why) } });
        return;
      }
      const { data } = await this.dateSystem(signal);
      const existing = data?.passages.rows.length ?? 0;
      this.ask(
        strings.importConfirm(fileName, content.passages.length, content.digcomp.length, existing),
        strings.importConfirmButton,
        async (inner) => {
          await this.ensureTemplate();
          const { date1904 } = await this.dateSystem(inner);
          const written = await this.services.workbook.appendContent(content, { date1904 });
          imported = true;
          this.set({
            notice: {
              intent: result.issues.length > 0 ? 'warning' : 'success',
              text: strings.importDone(
                written.passages,
                written.firstRow,
                written.parametersKept,
                result.issues.length,
              ),
            },
          });
        },
        async () => {
          if (imported) await this.runCheck({ keepNotice: true });
        },
      );
    });
  }

  /** « Reprendre un autre tableau »: the selected table's columns with the fields proposed for them. */
  async startMapping(): Promise<void> {
    await this.guarded(async () => {
      const source = await this.services.workbook.readSelectedTable();
      const saved = await this.services.workbook.readSavedMappings();
      this.mappingSource = source;
      const proposals = proposeMapping(source.header, this.services.dictionary);
      this.set({
        mapping: {
          source: source.address,
          rows: source.rows.length,
          proposals,
          columns: proposals.map((p) => ({ column: p.column, header: p.header, target: p.target ?? null })),
          savedNames: Object.keys(saved).sort(),
          targets: [...mappingTargets(this.services.dictionary).values()],
        },
      });
    });
  }

  setMappingTarget(column: number, target: string | null): void {
    const view = this.state.mapping;
    if (!view) return;
    this.set({
      mapping: { ...view, columns: view.columns.map((c) => (c.column === column ? { ...c, target } : c)) },
    });
  }

  async useSavedMapping(name: string): Promise<void> {
    const view = this.state.mapping;
    const source = this.mappingSource;
    if (!view || !source) return;
    const saved = (await this.services.workbook.readSavedMappings())[name];
    if (!saved) return;
    const resolved = resolveSavedMapping(saved, source.header);
    this.set({ mapping: { ...view, columns: resolved.columns } });
  }

  async saveCurrentMapping(name: string): Promise<void> {
    const view = this.state.mapping;
    if (!view || name.trim() === '') return;
    await this.guarded(async () => {
      await this.services.workbook.saveMapping(
        name.trim(),
        savedMappingFrom(view.columns, this.services.dictionary),
      );
      this.set({
        mapping: { ...view, savedNames: [...new Set([...view.savedNames, name.trim()])].sort() },
        notice: { intent: 'success', text: strings.mappingSaved(name.trim()) },
      });
    });
  }

  /** Copies the source rows into the template through the confirmed mapping, then checks. */
  async applyMapping(): Promise<void> {
    const view = this.state.mapping;
    const source = this.mappingSource;
    if (!view || !source) return;
    let copied = false;
    await this.guarded(async (signal) => {
      const { date1904 } = await this.dateSystem(signal);
      const mapped = applyMapping(source.rows, view.columns, source.headerRow, {
        dictionary: this.services.dictionary,
        sheet: source.sheet,
        firstColumn: source.firstColumn,
        date1904,
      });
      await this.ensureTemplate();
      const written = await this.services.workbook.appendContent(
        { parameters: mapped.parameters, passages: mapped.passages, digcomp: [] },
        { date1904 },
      );
      copied = true;
      this.mappingSource = undefined;
      this.set({
        mapping: undefined,
        notice: {
          intent: mapped.issues.length > 0 ? 'warning' : 'success',
          text: [
            strings.mappingDone(written.passages, written.firstRow, written.parametersKept),
            ...mapped.issues.slice(0, 5).map((i) => i.message),
          ].join(' '),
        },
      });
    });
    if (copied) await this.runCheck({ keepNotice: true });
  }

  dismissMapping(): void {
    this.mappingSource = undefined;
    this.set({ mapping: undefined });
  }

  dismissXml(): void {
    this.set({ xmlToCopy: undefined });
  }
}
