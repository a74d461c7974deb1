import type { Dictionary } from '../dictionary';
import { buildTemplateSpec } from '../core/template/template-spec';
import type { Issue, WorkbookData } from '../core/model/types';
import { createTemplate, type TemplateOutcome } from './create-template';
import type { HostExcelRun } from './excel-run';
import { clearHighlights, highlightIssues, type HighlightSummary } from './highlights';
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
  clearHighlights(): Promise<void>;
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
}

export interface ExcelPortOptions {
  /** Excel.run, or the fake's run. */
  readonly run: HostExcelRun;
  /** ExcelApi 1.18 is available (notes). */
  readonly notes: boolean;
  /** The schema version the template follows (from the composition root). */
  readonly dictionary: Dictionary;
}

export function createExcelWorkbookPort(options: ExcelPortOptions): WorkbookPort {
  const spec = buildTemplateSpec(options.dictionary);
  const { layout } = spec;
  const render = { notes: options.notes };
  const templateSheets = [layout.parameters.name, layout.passages.name, layout.digcomp.name];
  return {
    createTemplate: (o) => createTemplate(options.run, spec, { ...render, addMissing: o?.addMissing }),
    readWorkbookData: (o) => readWorkbookData(options.run, layout, o),
    highlightIssues: (issues) => highlightIssues(options.run, issues, templateSheets),
    clearHighlights: () => clearHighlights(options.run, templateSheets),
    selectCell: (sheet, cell) => selectCell(options.run, sheet, cell),
    inspectTemplate: () => inspectTemplate(options.run, layout),
    upgradeTemplate: () => upgradeTemplate(options.run, spec, render),
    writeMissingIds: (assignments) => writeMissingIds(options.run, layout, assignments),
    writeTracking: (changes, o) =>
      writeTrackingChanges(options.run, spec, changes, { ...o, ...render, dictionary: options.dictionary }),
    appendContent: (content, o) => appendTemplateContent(options.run, layout, content, o),
    readSelectedTable: () => readSelectedTable(options.run),
    readSavedMappings: () => readSavedMappings(options.run),
    saveMapping: (name, mapping) => saveMapping(options.run, name, mapping),
  };
}

export type { TemplateOutcome, HighlightSummary, ReadOptions, TemplateInspection, UpgradeOutcome };
export { MissingSheetsError } from './read-workbook';
export { WorkbookChangedError } from './write-back';
export { EmptySelectionError } from './source-range';
export type { IdWriteSummary, TrackingWriteSummary, ContentWriteSummary, SourceRange, SavedMappings };
