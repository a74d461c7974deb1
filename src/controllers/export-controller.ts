import type { CheckResult } from '../core/check/check';
import { compareOfficialXsd, readOfficialXsd } from '../core/xsd/official-xsd';
import { strings } from '../i18n/pane';
import type { ExportSettings } from './pane-state';
import { excelText } from '../i18n/excel-messages';
import { refusalReason, type TaskRunner } from './task-runner';

/** « Exporter » with its settings (mode, passages per file) and the official XSD loaded by the user. */
export class ExportController {
  private officialXsdText: { fileName: string; contents: string } | undefined;

  constructor(private readonly runner: TaskRunner) {}

  /** « Exporter »: check, refuse with errors (listed in the pane), else build, validate, save. */
  async exportXml(): Promise<void> {
    await this.runner.task(
      async (signal) => {
        const data = await this.runner.readData(signal);
        const settings = this.runner.getState().exportSettings ?? { mode: 'all' };
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
          this.runner.set({
            check: await workbookCheck(outcome),
            issues,
            xmlToCopy: undefined,
            exported: undefined,
            notice: { intent: 'error', text },
          });
          const marks = await this.runner.highlight(outcome.check.issues);
          if (marks) this.runner.set({ notice: { intent: 'error', text: `${text} ${marks.text}` } });
          return;
        }
        const marks = await this.runner.highlight(outcome.check.issues);
        const files = outcome.files.map((f) => ({ fileName: f.fileName, xml: f.chunks.join('') }));
        const saved =
          files.length > 1 && this.runner.services.saveFiles
            ? await this.runner.services.saveFiles(files)
            : await this.runner.services.saveXml(files[0].fileName, files[0].xml);
        const check = await workbookCheck(outcome);
        if (saved === 'copy') {
          this.runner.set({
            check,
            issues: check.issues,
            xmlToCopy: files[0],
            exported: { fileNames: [outcome.fileName], passages: outcome.passages },
            notice: { intent: 'info', text: strings.exportCopyInstead(outcome.fileName) },
          });
          return;
        }
        const done =
          files.length > 1
            ? strings.exportDoneSplit(
                files.map((f) => f.fileName),
                outcome.check.summary.passages,
              )
            : strings.exportDone(outcome.fileName, outcome.passages, outcome.certifications);
        this.runner.set({
          check,
          issues: check.issues,
          xmlToCopy: undefined,
          exported: {
            fileNames: files.map((f) => f.fileName),
            passages: outcome.files.reduce((total, f) => total + f.passages, 0),
          },
        });
        // The files are out: the rows they hold become "Envoyé", one history line per file.
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
              text: `${done} ${excelText.statusesNotWritten(refusalReason(error))}`,
            },
          });
          return;
        }
        const text = files.length > 1 ? done : `${done} ${strings.markedSent(written.rowsUpdated)}`;
        this.runner.set({
          notice: marks ? { intent: 'warning', text: `${text} ${marks.text}` } : { intent: 'success', text },
        });
      },
      { label: strings.exportStarting },
    );
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
    this.runner.set({ xmlToCopy: undefined });
  }
}
