import type { CheckResult } from '../core/check/check';
import { compareOfficialXsd, readOfficialXsd } from '../core/xsd/official-xsd';
import { strings } from '../i18n/pane';
import type { ExportSettings, FileToSave, PaneState } from './pane-state';
import { excelText } from '../i18n/excel-messages';
import { refusalReason, type TaskRunner } from './task-runner';
import { defaultExportMode, sendsOverview, sendsOverviewAfter } from '../core/tracking';
import type { WorkbookData } from '../core/model/types';

/**
 * The export settings in force: the user's choice when they made one, else the workbook's. A workbook in which some
 * row already has a status (exported, deposited, accepted, rejected) exports « Non envoyés » by default, so that a
 * click on « Exporter » never sends the same rows twice; a workbook never sent exports them all. `data`: the workbook
 * as just read (the export), else the last check's reading.
 */
export function exportSettingsOf(state: PaneState, data?: WorkbookData): ExportSettings {
  if (state.exportSettings) return state.exportSettings;
  const counts = (data ? sendsOverview(data) : state.check?.sends)?.counts;
  return { mode: counts ? defaultExportMode(counts) : 'all' };
}

type FilesToSave = NonNullable<PaneState['filesToSave']>;
type Delivery = FilesToSave | { readonly tooLarge: { readonly file: FileToSave; readonly passages: number } };

/**
 * The largest file shown to copy by hand (Excel for Mac): about 2 500 typical passages. Beyond, a text box of the
 * whole XML makes the pane unresponsive long before the user could select it.
 */
export const COPY_MAX_BYTES = 5_000_000;

/**
 * Files to copy by hand: only there is the XML read as text, each file on its own, and only when every file is
 * small enough to copy; otherwise the file that is too large, with its passages (for a suggestion).
 */
async function toCopy(
  files: readonly FileToSave[],
  passagesOf: (index: number) => number,
): Promise<Delivery> {
  const tooLarge = files.findIndex((f) => f.content.size > COPY_MAX_BYTES);
  if (tooLarge >= 0) return { tooLarge: { file: files[tooLarge], passages: passagesOf(tooLarge) } };
  const withText: FileToSave[] = [];
  for (const file of files) withText.push({ ...file, text: await file.content.text() });
  return { how: 'copy', files: withText, saved: [] };
}

/** Passages per file (a round number) that keep each file of this export small enough to copy. */
export function passagesPerCopyableFile(bytes: number, passages: number): number {
  const perPassage = bytes / Math.max(1, passages);
  // 90 %: the envelope of each file, and passages longer than the average.
  const fitting = Math.floor((COPY_MAX_BYTES * 0.9) / perPassage);
  const step = fitting >= 1000 ? 500 : fitting >= 100 ? 50 : 1;
  return Math.max(1, Math.floor(fitting / step) * step);
}

/** « Exporter » with its settings (mode, passages per file) and the official XSD loaded by the user. */
export class ExportController {
  private officialXsdText: { fileName: string; contents: string } | undefined;

  constructor(private readonly runner: TaskRunner) {}

  /**
   * « Exporter »: check, refuse with errors (listed in the pane), else build, validate, save. `includeUnchanged`: the
   * user confirmed sending rejected rows unchanged since their rejection.
   */
  async exportXml(options: { readonly includeUnchanged?: boolean } = {}): Promise<void> {
    let offerUnchanged = 0;
    await this.runner.task(
      async (signal) => {
        const data = await this.runner.readData(signal);
        const settings = exportSettingsOf(this.runner.getState(), data);
        // The pane's verdict and totals are the workbook's: an export of some rows checks only those.
        const workbookCheck = async (outcome: { readonly check: CheckResult }): Promise<CheckResult> =>
          settings.mode === 'all'
            ? outcome.check
            : this.runner.core.check(data, { today: this.runner.services.now() }, signal, (p) =>
                this.runner.showProgress(p),
              );
        const outcome = await this.runner.core.exportWorkbook(
          data,
          {
            now: this.runner.services.now(),
            today: this.runner.services.now(),
            mode: settings.mode,
            ...(options.includeUnchanged ? { includeUnchanged: true } : {}),
            ...(settings.maxPassagesPerFile ? { maxPassagesPerFile: settings.maxPassagesPerFile } : {}),
            ...(this.officialXsdText ? { officialXsd: this.officialXsdText } : {}),
            concurrency: this.runner.services.validationConcurrency,
          },
          signal,
          (p) => this.runner.showProgress(p),
        );
        if (signal.aborted) return;
        if (!outcome.ok) {
          const issues =
            outcome.reason === 'xsd' ? [...outcome.check.issues, ...outcome.issues] : outcome.issues;
          const text =
            outcome.reason === 'xsd'
              ? strings.exportXsdFailed
              : strings.exportBlocked(outcome.check.summary.errors);
          // The refusal and its list first: whatever happens to the marks, they are on screen.
          const check = await workbookCheck(outcome);
          // Nothing left to send but rejected rows unchanged since their rejection: say so, offer to include them.
          const unchanged =
            settings.mode === 'rejected' && !options.includeUnchanged
              ? check.issues.filter((i) => i.code === 'unchangedSinceRejection').length
              : 0;
          const onlyUnchanged =
            unchanged > 0 &&
            outcome.check.issues.every((i) => i.code === 'nothingToExport' || i.severity !== 'error');
          this.runner.set({
            check,
            issues: onlyUnchanged ? check.issues : issues,
            filesToSave: undefined,
            exported: undefined,
            notice: {
              intent: onlyUnchanged ? 'warning' : 'error',
              text: onlyUnchanged ? strings.nothingChangedSinceRejection(unchanged) : text,
            },
          });
          const marks = await this.runner.highlight(onlyUnchanged ? check.issues : outcome.check.issues);
          if (marks) this.runner.set({ notice: { intent: 'error', text: `${text} ${marks.text}` } });
          if (onlyUnchanged) offerUnchanged = unchanged;
          return;
        }
        const marks = await this.runner.highlight(outcome.check.issues);
        const files = outcome.files.map((f): FileToSave => ({ fileName: f.fileName, content: f.content }));
        const delivery = await this.deliver(files, (i) => outcome.files[i].passages);
        if ('tooLarge' in delivery) {
          // Nothing reached the user: no row is marked, no send recorded; the pane says how to get copyable files.
          const { file, passages } = delivery.tooLarge;
          const check = await workbookCheck(outcome);
          this.runner.set({
            check,
            issues: check.issues,
            filesToSave: undefined,
            exported: undefined,
            notice: {
              intent: 'warning',
              text: strings.exportTooLargeToCopy(
                file.fileName,
                file.content.size / 1e6,
                passagesPerCopyableFile(file.content.size, passages),
              ),
            },
          });
          return;
        }
        const filesToSave = delivery;
        const check = await workbookCheck(outcome);
        const exported = {
          fileNames: files.map((f) => f.fileName),
          idFluxes: outcome.files.map((f) => f.idFlux),
          passages: outcome.files.reduce((total, f) => total + f.passages, 0),
        };
        const done =
          filesToSave.how === 'copy'
            ? files.length > 1
              ? strings.exportCopyParts(files.length)
              : strings.exportCopyInstead(outcome.fileName)
            : files.length > 1
              ? strings.exportDoneSplit(
                  files.map((f) => f.fileName),
                  outcome.check.summary.passages,
                )
              : strings.exportDone(outcome.fileName, outcome.passages, outcome.certifications);
        const leftOut =
          outcome.unchanged.length > 0 ? ` ${strings.unchangedLeftOut(outcome.unchanged.length)}` : '';
        // After an export, the rows just sent are no longer « à envoyer »: the next export takes the new ones only.
        const settingsAfter: ExportSettings = { ...settings, mode: 'notSent' };
        this.runner.set({
          check,
          issues: check.issues,
          filesToSave,
          exported,
          exportSettings: settingsAfter,
        });
        // The files exist: the rows they hold become « Exporté — à déposer », one history line per file.
        this.runner.set({ busy: { label: strings.writingStatuses } });
        let written;
        try {
          written = await this.runner.services.workbook.writeTracking(outcome.tracking, {
            date1904: data.date1904,
          });
        } catch (error) {
          if ((error as { name?: unknown }).name === 'AbortError') throw error;
          // Saying « nothing happened » would be false: the file is saved.
          this.runner.set({
            notice: {
              intent: 'warning',
              text: `${done}${leftOut} ${excelText.statusesNotWritten(refusalReason(error))}`,
            },
          });
          return;
        }
        // The next step follows the cells just written (files to deposit), as it will once the workbook is reopened.
        const checked = this.runner.getState().check;
        if (checked)
          this.runner.set({ check: { ...checked, sends: sendsOverviewAfter(data, outcome.tracking) } });
        const text = `${done} ${strings.markedExported(written.rowsUpdated)}${leftOut}`;
        this.runner.set({
          notice:
            marks || leftOut
              ? { intent: 'warning', text: `${text}${marks ? ` ${marks.text}` : ''}` }
              : { intent: 'success', text },
        });
        if (outcome.unchanged.length > 0) offerUnchanged = outcome.unchanged.length;
      },
      { label: strings.exportStarting },
    );
    if (offerUnchanged > 0) {
      let confirmed = false;
      this.runner.ask(
        strings.includeUnchangedConfirm(offerUnchanged),
        strings.includeUnchangedButton,
        async () => {
          confirmed = true;
        },
        async () => {
          if (confirmed) await this.exportXml({ includeUnchanged: true });
        },
      );
    }
  }

  /**
   * How each file reaches the user: Excel for Mac shows every file to copy; elsewhere a single file downloads at once
   * (its button stays, should the browser have blocked it) and a split export waits for one click per file.
   */
  private async deliver(
    files: readonly FileToSave[],
    passagesOf: (index: number) => number,
  ): Promise<Delivery> {
    if (this.runner.services.savesByCopy) return toCopy(files, passagesOf);
    if (files.length > 1) return { how: 'download', files, saved: [] };
    const saved = await this.runner.services.saveXml(files[0].fileName, files[0].content);
    return saved === 'copy'
      ? toCopy(files, passagesOf)
      : { how: 'download', files, saved: [files[0].fileName] };
  }

  /** The button of one file of the last export. */
  async saveFile(fileName: string): Promise<void> {
    const current = this.runner.getState().filesToSave;
    const file = current?.files.find((f) => f.fileName === fileName);
    if (!current || !file) return;
    await this.runner.services.saveXml(file.fileName, file.content);
    const after = this.runner.getState().filesToSave;
    if (after)
      this.runner.set({
        filesToSave: { ...after, saved: [...new Set([...after.saved, fileName])] },
        notice: { intent: 'success', text: strings.fileSaved(fileName) },
      });
  }

  setSettings(settings: ExportSettings): void {
    this.runner.set({ exportSettings: settings });
  }

  /**
   * « Charger le XSD officiel » (advanced options): later exports are validated against it as well as ours. What it
   * says is shown in the advanced section, the only part of the pane that speaks of XSD.
   */
  loadOfficialXsd(fileName: string, text: string): void {
    const read = readOfficialXsd(text);
    if (!read.ok) {
      this.runner.set({ officialXsdMessage: { intent: 'error', text: `${fileName} : ${read.message}` } });
      return;
    }
    const comparison = compareOfficialXsd(read.identity, this.runner.services.dictionary);
    if (comparison.blocking) {
      this.officialXsdText = undefined;
      this.runner.set({
        officialXsd: undefined,
        officialXsdMessage: {
          intent: 'error',
          text: `${strings.officialXsdRefused(fileName)} ${comparison.notes.join(' ')}`,
        },
      });
      return;
    }
    this.officialXsdText = { fileName, contents: text };
    const version = read.identity.version ?? '?';
    this.runner.set({
      officialXsd: { fileName, version, notes: comparison.notes },
      officialXsdMessage: {
        intent: comparison.notes.length > 0 ? 'warning' : 'success',
        text: [strings.officialXsdLoaded(fileName, version), ...comparison.notes].join(' '),
      },
    });
  }

  dismissXml(): void {
    this.runner.set({ filesToSave: undefined });
  }
}
