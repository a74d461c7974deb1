import { planMissingIds } from '../core/check/identifiers';
import { parseReceipt, type Receipt } from '../core/receipt';
import { applyReceipt, sendsOverviewAfter, trackingOfDeposit } from '../core/tracking';
import { strings } from '../i18n/pane';
import type { CheckController } from './check-controller';
import type { TaskRunner } from './task-runner';

/** The round trip with the CDC: identifiers for new rows, then the accusé de traitement read back into the rows. */
export class RoundTripController {
  private receiptSource:
    { receipt: Receipt; fileName: string; sentXml?: string; force?: boolean } | undefined;

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

  /**
   * Reads the accusé against the workbook and asks before writing, saying only what is true: an accusé of a send the
   * history does not know is explained and applied only if the user insists; one that would change nothing asks
   * nothing; the question counts the rows that will actually change. Once written, the workbook is checked again, so
   * that each rejected row is marked and listed where it is.
   */
  private async showReceipt(): Promise<void> {
    const source = this.receiptSource;
    if (!source) return;
    let applied = false;
    let askForce = false;
    await this.runner.guarded(async (signal) => {
      const data = await this.runner.readData(signal);
      const application = applyReceipt(data, source.receipt, {
        dictionary: this.runner.services.dictionary,
        now: this.runner.services.now(),
        ...(source.sentXml !== undefined ? { sentXml: source.sentXml } : {}),
        ...(source.force ? { force: true } : {}),
      });
      const wantsSentXml =
        source.receipt.kind === 'xsdRejection' &&
        source.sentXml === undefined &&
        application.xsdErrors.some((e) => e.row === undefined);
      this.runner.set({ receipt: { fileName: source.fileName, application, wantsSentXml, written: false } });
      if (application.outcome === 'unknownSend') {
        this.runner.set({ notice: { intent: 'warning', text: application.notices[0] } });
        askForce = true;
        return;
      }
      if (application.outcome !== 'applied') {
        this.runner.set({ notice: { intent: 'info', text: application.notices[0] } });
        return;
      }
      const changes = application.changes;
      this.runner.ask(
        strings.receiptConfirm(changes.updates.length),
        strings.receiptConfirmButton,
        async () => {
          const written = await this.runner.services.workbook.writeTracking(changes, {
            date1904: data.date1904,
          });
          applied = true;
          const view = this.runner.getState().receipt;
          this.runner.set({
            ...(view ? { receipt: { ...view, written: true } } : {}),
            // The accusé answered the last export: its deposit step is over.
            exported: undefined,
            notice: {
              intent: 'success',
              text: strings.receiptWritten(written.rowsUpdated, written.columnsAdded),
            },
          });
        },
        // The rejected rows are shown where they are: the check marks and lists them.
        async () => {
          if (applied) await this.checks.run({ keepNotice: true });
        },
      );
    });
    if (askForce) {
      let confirmed = false;
      this.runner.ask(
        strings.receiptUnknownSendConfirm,
        strings.receiptApplyAnyway,
        async () => {
          confirmed = true;
        },
        async () => {
          if (!confirmed || !this.receiptSource) return;
          this.receiptSource = { ...this.receiptSource, force: true };
          await this.showReceipt();
        },
      );
    }
  }

  /**
   * « J'ai déposé le fichier »: the rows of those files (by the idFlux written in the workbook) still « Exporté — à
   * déposer » become « Déposé ». Only the user knows the file reached the portal: a download is not a deposit.
   * `idFluxes`: the files the user ticked; default: every file the workbook says is waiting (the last check's
   * reading, else the last export of this session). Written without a question, as a click on this button says
   * exactly what is written; no Historique line (the history records files sent and the CDC's answers).
   */
  async confirmDeposit(idFluxes?: readonly string[]): Promise<void> {
    const state = this.runner.getState();
    const files =
      idFluxes ?? state.check?.sends?.toDeposit.map((f) => f.idFlux) ?? state.exported?.idFluxes ?? [];
    if (files.length === 0) return;
    const exported = state.exported;
    await this.runner.guarded(async (signal) => {
      const data = await this.runner.readData(signal);
      const updates = trackingOfDeposit(
        data,
        files,
        this.runner.services.dictionary,
        this.runner.services.now(),
      );
      const after = exported ? { exported: { ...exported, deposited: true } } : {};
      // The next step follows the cells as they are now (files still to deposit, or the accusé to import).
      const check = this.runner.getState().check;
      const sends = check ? { check: { ...check, sends: sendsOverviewAfter(data, { updates }) } } : {};
      if (updates.length === 0) {
        this.runner.set({ ...after, ...sends, notice: { intent: 'info', text: strings.depositNothing } });
        return;
      }
      const written = await this.runner.services.workbook.writeTracking(
        { updates },
        { date1904: data.date1904 },
      );
      this.runner.set({
        ...after,
        ...sends,
        notice: { intent: 'success', text: strings.depositWritten(written.rowsUpdated) },
      });
    });
  }

  dismissReceipt(): void {
    this.receiptSource = undefined;
    this.runner.set({ receipt: undefined });
  }
}
