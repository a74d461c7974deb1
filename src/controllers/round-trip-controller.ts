import { planMissingIds } from '../core/check/identifiers';
import { parseReceipt, type Receipt } from '../core/receipt';
import { applyReceipt } from '../core/tracking';
import { strings } from '../i18n/pane';
import type { CheckController } from './check-controller';
import type { TaskRunner } from './task-runner';

/** The round trip with the CDC: identifiers for new rows, then the accusé de traitement read back into the rows. */
export class RoundTripController {
  private receiptSource: { receipt: Receipt; fileName: string; sentXml?: string } | undefined;

  constructor(
    private readonly runner: TaskRunner,
    private readonly checks: CheckController,
  ) {}

  /** « Générer les identifiants » (pane or ribbon): counts blank 5.1 cells, then asks before writing. */
  async generateIds(): Promise<void> {
    await this.runner.guarded(async (signal) => {
      const data = await this.runner.readData(signal);
      const assignments = planMissingIds(data.passages);
      if (assignments.length === 0) {
        this.runner.set({ notice: { intent: 'info', text: strings.idsNoneMissing } });
        return;
      }
      let written = false;
      this.runner.ask(
        strings.idsConfirm(assignments.length),
        strings.idsConfirmButton,
        async () => {
          const summary = await this.runner.services.workbook.writeMissingIds(assignments);
          written = true;
          this.runner.set({ notice: { intent: 'success', text: strings.idsWritten(summary.written) } });
        },
        // A verdict shown before the identifiers were written no longer holds: check again.
        async () => {
          if (written && this.runner.getState().check) await this.checks.run({ keepNotice: true });
        },
      );
    });
  }

  /** « Importer un accusé »: reads it against the workbook, shows the result, asks before writing statuses. */
  async importReceipt(fileName: string, bytes: Uint8Array): Promise<void> {
    const parsed = parseReceipt(bytes);
    if (!parsed.ok) {
      this.runner.set({
        notice: { intent: 'error', text: strings.receiptUnusable(fileName, parsed.message) },
      });
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
    await this.runner.guarded(async (signal) => {
      const data = await this.runner.readData(signal);
      const application = applyReceipt(data, source.receipt, {
        dictionary: this.runner.services.dictionary,
        now: this.runner.services.now(),
        ...(source.sentXml !== undefined ? { sentXml: source.sentXml } : {}),
      });
      const wantsSentXml =
        source.receipt.kind === 'xsdRejection' &&
        source.sentXml === undefined &&
        application.xsdErrors.some((e) => e.row === undefined);
      this.runner.set({ receipt: { fileName: source.fileName, application, wantsSentXml, written: false } });
      const changes = application.changes;
      const cells = changes.updates.length + (changes.historyResults?.length ?? 0);
      if (cells === 0) return;
      this.runner.ask(
        strings.receiptConfirm(changes.updates.length),
        strings.receiptConfirmButton,
        async () => {
          const written = await this.runner.services.workbook.writeTracking(changes, {
            date1904: data.date1904,
          });
          const view = this.runner.getState().receipt;
          this.runner.set({
            ...(view ? { receipt: { ...view, written: true } } : {}),
            notice: {
              intent: 'success',
              text: strings.receiptWritten(written.rowsUpdated, written.columnsAdded),
            },
          });
        },
      );
    });
  }

  dismissReceipt(): void {
    this.receiptSource = undefined;
    this.runner.set({ receipt: undefined });
  }
}
