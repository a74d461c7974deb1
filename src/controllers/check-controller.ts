import type { Issue } from '../core/model/types';
import { strings } from '../i18n/pane';
import { excelText } from '../i18n/excel-messages';
import { describeError, excelRefusal, type TaskRunner } from './task-runner';

/** « Vérifier »: read, check (in the core worker), highlight; show a problem's cell; clear the marks. */
export class CheckController {
  constructor(private readonly runner: TaskRunner) {}

  /**
   * Read → check (in the core worker) → results → highlight. Annuler before the end leaves the workbook as it
   * was: the highlights are only written once the check is complete.
   */
  async check(): Promise<void> {
    await this.run();
  }

  /** The check; after an import or a copy, with the import's message kept on screen. */
  async run(options: { readonly keepNotice?: boolean } = {}): Promise<void> {
    await this.runner.task(
      async (signal) => {
        const data = await this.runner.readData(signal);
        const check = await this.runner.core.check(data, { today: this.runner.services.now() }, signal, (p) =>
          this.runner.showProgress(p),
        );
        if (signal.aborted) return;
        // The results first: whatever happens to the marks, the list is on screen. The workbook as checked now:
        // what was known before (a new template, the last export) is replaced.
        this.runner.set({
          check,
          issues: check.issues,
          setup: undefined,
          exported: undefined,
          parametersShown: false,
          passagesShown: false,
        });
        const marks = await this.runner.highlight(check.issues);
        if (marks) this.runner.set({ notice: marks });
      },
      { ...options, label: strings.checkStarting },
    );
  }

  async selectIssue(issue: Issue): Promise<void> {
    if (!issue.cell) return;
    await this.select(issue.sheet, issue.cell);
  }

  /** Selects cells in the workbook (a problem's cell, the parameters to fill); an Excel refusal is said. */
  async select(sheet: string, range: string): Promise<boolean> {
    try {
      await this.runner.services.workbook.selectCell(sheet, range);
      return true;
    } catch (error) {
      this.runner.set({
        notice: excelRefusal(error) ?? {
          intent: 'error',
          text: strings.unexpectedError(describeError(error)),
        },
      });
      return false;
    }
  }

  async clearMarks(): Promise<void> {
    await this.runner.task(async () => {
      const cleared = await this.runner.services.workbook.clearHighlights();
      this.runner.set({
        notice:
          cleared.protectedSheets.length > 0
            ? { intent: 'warning', text: excelText.protectedNoClear(cleared.protectedSheets) }
            : { intent: 'info', text: strings.highlightsCleared },
      });
    });
  }
}
