import type { Dictionary } from '../dictionary';
import { buildTemplateSpec } from '../core/template/template-spec';
import type { Issue, WorkbookData } from '../core/model/types';
import { createTemplate, type TemplateOutcome } from './create-template';
import { addinExcelRun, type ExcelRun, type HostExcelRun } from './excel-run';
import { clearHighlights, highlightIssues, type HighlightOptions, type HighlightSummary } from './highlights';
import { probeAreaSeparator, type AreaSeparator } from './address-groups';
import { templatePromptTitles } from './render-template';
import { readWorkbookData, type ReadOptions } from './read-workbook';
import { selectCell } from './select-cell';
import type { IdAssignment } from '../core/check/identifiers';
import type { ImportedContent } from '../core/import';
import type { SavedMapping } from '../core/mapping';
import type { TrackingChanges } from '../core/tracking/types';
import { appendTemplateContent, type ContentWriteSummary } from './write-content';
import {
  writeMissingIds,
  writeTrackingChanges,
  type IdWriteSummary,
  type TrackingWriteSummary,
} from './write-back';
import {
  readSavedMappings,
  readSelectedTable,
  saveMapping,
  type SavedMappings,
  type SourceRange,
} from './source-range';
import {
  inspectTemplate,
  upgradeTemplate,
  type TemplateInspection,
  type UpgradeOutcome,
} from './upgrade-template';

/**
 * Everything the task pane and the ribbon commands ask of the workbook. Components receive a
 * WorkbookPort as a prop; production builds it on Excel.run, tests on the in-memory fake.
 */
export interface WorkbookPort {
  createTemplate(options?: { readonly addMissing?: boolean }): Promise<TemplateOutcome>;
  readWorkbookData(options?: ReadOptions): Promise<WorkbookData>;
  /** Replaces the marks of the previous check by marks for these issues. */
  highlightIssues(issues: readonly Issue[]): Promise<HighlightSummary>;
  /** Removes our marks (rules and messages); protected sheets are left and reported. */
  clearHighlights(): Promise<HighlightSummary>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Whether the workbook holds the template, with what an upgrade would add (read only). */
  inspectTemplate(): Promise<TemplateInspection>;
  /** Adds what an older template lacks, or refuses without changing anything. */
  upgradeTemplate(): Promise<UpgradeOutcome>;
  // Round trip with the CDC and imports (explicit commands only; each checks the rows before writing).
  /** Fills blank idTechnique cells; refuses with WorkbookChangedError when one is no longer blank. */
  writeMissingIds(assignments: readonly IdAssignment[]): Promise<IdWriteSummary>;
  /** Statuses of passages and history lines (adds the columns / the sheet when missing). */
  writeTracking(
    changes: TrackingChanges,
    options: { readonly date1904: boolean },
  ): Promise<TrackingWriteSummary>;
  /** Appends imported rows after the last used row; fills blank parameters only. */
  appendContent(
    content: ImportedContent,
    options: { readonly date1904: boolean },
  ): Promise<ContentWriteSummary>;
  /** The selected table (or the whole sheet of the selected cell), values only. */
  readSelectedTable(): Promise<SourceRange>;
  readSavedMappings(): Promise<SavedMappings>;
  saveMapping(name: string, mapping: SavedMapping): Promise<void>;
  /**
   * Told when a request to Excel has been pending for a while (Excel may be waiting for the user to finish typing
   * in a cell), then when it came back. Returns the unsubscribe function.
   */
  onSlowRequest(listener: (slow: boolean) => void): () => void;
}

export interface ExcelPortOptions {
  /** Excel.run, or the fake's run. */
  readonly run: HostExcelRun;
  /** ExcelApi 1.18 is available (notes). */
  readonly notes: boolean;
  /** The schema version the template follows (from the composition root). */
  readonly dictionary: Dictionary;
  /** A request pending this long is reported to onSlowRequest listeners (default 2 s). */
  readonly slowRequestAfterMs?: number;
}

const SLOW_REQUEST_MS = 2000;

export function createExcelWorkbookPort(options: ExcelPortOptions): WorkbookPort {
  const spec = buildTemplateSpec(options.dictionary);
  const { layout } = spec;
  const render = { notes: options.notes };
  const slowListeners = new Set<(slow: boolean) => void>();
  const run: ExcelRun = addinExcelRun(options.run, {
    afterMs: options.slowRequestAfterMs ?? SLOW_REQUEST_MS,
    onChange: (slow) => slowListeners.forEach((listener) => listener(slow)),
  });
  let separator: Promise<AreaSeparator> | undefined;
  const marks: HighlightOptions = {
    layout,
    notes: options.notes,
    // Probed once per session; a failed probe is asked again next time.
    separator: () =>
      (separator ??= probeAreaSeparator(run).catch((error: unknown) => {
        separator = undefined;
        throw error;
      })),
    templatePromptTitles: templatePromptTitles(spec),
  };
  return {
    createTemplate: (o) => createTemplate(run, spec, { ...render, addMissing: o?.addMissing }),
    readWorkbookData: (o) => readWorkbookData(run, layout, o),
    highlightIssues: (issues) => highlightIssues(run, issues, marks),
    clearHighlights: () => clearHighlights(run, marks),
    selectCell: (sheet, cell) => selectCell(run, sheet, cell),
    inspectTemplate: () => inspectTemplate(run, layout),
    upgradeTemplate: () => upgradeTemplate(run, spec, render),
    writeMissingIds: (assignments) => writeMissingIds(run, layout, assignments),
    writeTracking: (changes, o) =>
      writeTrackingChanges(run, spec, changes, { ...o, ...render, dictionary: options.dictionary }),
    appendContent: (content, o) => appendTemplateContent(run, layout, content, o),
    readSelectedTable: () => readSelectedTable(run),
    readSavedMappings: () => readSavedMappings(run),
    saveMapping: (name, mapping) => saveMapping(run, name, mapping),
    onSlowRequest: (listener) => {
      slowListeners.add(listener);
      return () => slowListeners.delete(listener);
    },
  };
}

export type { TemplateOutcome, HighlightSummary, ReadOptions, TemplateInspection, UpgradeOutcome };
export { MissingSheetsError } from './read-workbook';
export { WorkbookChangedError } from './write-back';
export { EmptySelectionError } from './source-range';
export type { IdWriteSummary, TrackingWriteSummary, ContentWriteSummary, SourceRange, SavedMappings };
