import { collectFluxImport } from '../core/import';
import {
  applyMapping,
  mappingTargets,
  proposeMapping,
  resolveSavedMapping,
  savedMappingFrom,
} from '../core/mapping';
import type { WorkbookData } from '../core/model/types';
import { strings } from '../i18n/pane';
import { MissingSheetsError, type SourceRange } from '../office/workbook-port';
import type { CheckController } from './check-controller';
import type { TaskRunner } from './task-runner';

/** Taking existing data in: a CDC XML file, or another table of the workbook through a column mapping. */
export class ImportController {
  private mappingSource: SourceRange | undefined;

  constructor(
    private readonly runner: TaskRunner,
    private readonly checks: CheckController,
  ) {}

  /** Template sheets present, else created (an import needs somewhere to go). */
  private async ensureTemplate(): Promise<void> {
    const outcome = await this.runner.services.workbook.createTemplate({ addMissing: true });
    if (outcome.status === 'created') this.runner.set({ welcome: false });
  }

  /** Existing data decides the date system; a new template uses Excel's default (1900). */
  private async dateSystem(signal: AbortSignal): Promise<{ data?: WorkbookData; date1904: boolean }> {
    try {
      const data = await this.runner.readData(signal);
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
    await this.runner.guarded(async (signal) => {
      this.runner.set({ busy: { label: strings.importReading } });
      const collected = await collectFluxImport([bytes], { dictionary: this.runner.services.dictionary });
      const { result, content } = collected;
      if (content.passages.length === 0) {
        const why = result.stopped?.message ?? result.issues[0]?.message ?? '';
        this.runner.set({ notice: { intent: 'error', text: strings.importNothing(fileName, why) } });
        return;
      }
      const { data } = await this.dateSystem(signal);
      const existing = data?.passages.rows.length ?? 0;
      this.runner.ask(
        strings.importConfirm(fileName, content.passages.length, content.digcomp.length, existing),
        strings.importConfirmButton,
        async (inner) => {
          await this.ensureTemplate();
          const { date1904 } = await this.dateSystem(inner);
          const written = await this.runner.services.workbook.appendContent(content, { date1904 });
          imported = true;
          this.runner.set({
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
          if (imported) await this.checks.run({ keepNotice: true });
        },
      );
    });
  }

  /** « Reprendre un autre tableau »: the selected table's columns with the fields proposed for them. */
  async startMapping(): Promise<void> {
    await this.runner.guarded(async () => {
      const source = await this.runner.services.workbook.readSelectedTable();
      const saved = await this.runner.services.workbook.readSavedMappings();
      this.mappingSource = source;
      const proposals = proposeMapping(source.header, this.runner.services.dictionary);
      this.runner.set({
        mapping: {
          source: source.address,
          rows: source.rows.length,
          proposals,
          columns: proposals.map((p) => ({ column: p.column, header: p.header, target: p.target ?? null })),
          savedNames: Object.keys(saved).sort(),
          targets: [...mappingTargets(this.runner.services.dictionary).values()],
        },
      });
    });
  }

  setMappingTarget(column: number, target: string | null): void {
    const view = this.runner.getState().mapping;
    if (!view) return;
    this.runner.set({
      mapping: { ...view, columns: view.columns.map((c) => (c.column === column ? { ...c, target } : c)) },
    });
  }

  async useSavedMapping(name: string): Promise<void> {
    const view = this.runner.getState().mapping;
    const source = this.mappingSource;
    if (!view || !source) return;
    const saved = (await this.runner.services.workbook.readSavedMappings())[name];
    if (!saved) return;
    const resolved = resolveSavedMapping(saved, source.header);
    this.runner.set({ mapping: { ...view, columns: resolved.columns } });
  }

  async saveCurrentMapping(name: string): Promise<void> {
    const view = this.runner.getState().mapping;
    if (!view || name.trim() === '') return;
    await this.runner.guarded(async () => {
      await this.runner.services.workbook.saveMapping(
        name.trim(),
        savedMappingFrom(view.columns, this.runner.services.dictionary),
      );
      this.runner.set({
        mapping: { ...view, savedNames: [...new Set([...view.savedNames, name.trim()])].sort() },
        notice: { intent: 'success', text: strings.mappingSaved(name.trim()) },
      });
    });
  }

  /** Copies the source rows into the template through the confirmed mapping, then checks. */
  async applyMapping(): Promise<void> {
    const view = this.runner.getState().mapping;
    const source = this.mappingSource;
    if (!view || !source) return;
    let copied = false;
    await this.runner.guarded(async (signal) => {
      const { date1904 } = await this.dateSystem(signal);
      const mapped = applyMapping(source.rows, view.columns, source.headerRow, {
        dictionary: this.runner.services.dictionary,
        sheet: source.sheet,
        firstColumn: source.firstColumn,
        date1904,
      });
      await this.ensureTemplate();
      const written = await this.runner.services.workbook.appendContent(
        { parameters: mapped.parameters, passages: mapped.passages, digcomp: [] },
        { date1904 },
      );
      copied = true;
      this.mappingSource = undefined;
      this.runner.set({
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
    if (copied) await this.checks.run({ keepNotice: true });
  }

  dismissMapping(): void {
    this.mappingSource = undefined;
    this.runner.set({ mapping: undefined });
  }
}
