import { buildTemplateLayout, type TemplateLayout } from '../core/layout';
import type { Issue, WorkbookData } from '../core/types';
import { createTemplate, type TemplateOutcome } from './create-template';
import type { ExcelRun } from './excel-run';
import { clearHighlights, highlightIssues, type HighlightSummary } from './highlights';
import { readWorkbookData, type ReadOptions } from './read-workbook';
import { selectCell } from './select-cell';

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
}

export interface ExcelPortOptions {
  /** Excel.run, or the fake's run. */
  readonly run: ExcelRun;
  /** ExcelApi 1.18 is available (notes). */
  readonly notes: boolean;
  readonly schemaVersion?: string;
}

export function createExcelWorkbookPort(options: ExcelPortOptions): WorkbookPort {
  const layout: TemplateLayout = buildTemplateLayout(options.schemaVersion);
  const templateSheets = [layout.parameters.name, layout.passages.name, layout.digcomp.name];
  return {
    createTemplate: (o) =>
      createTemplate(options.run, layout, { notes: options.notes, addMissing: o?.addMissing }),
    readWorkbookData: (o) => readWorkbookData(options.run, layout, o),
    highlightIssues: (issues) => highlightIssues(options.run, issues, templateSheets),
    clearHighlights: () => clearHighlights(options.run, templateSheets),
    selectCell: (sheet, cell) => selectCell(options.run, sheet, cell),
  };
}

export type { TemplateOutcome, HighlightSummary, ReadOptions };
export { MissingSheetsError } from './read-workbook';
