import type { Dictionary } from '../../dictionary';
import { buildTemplateLayout, FIRST_DATA_ROW } from '../template/layout';
import type { CellValue, SourceRow, SourceSheet, WorkbookData } from '../model/types';
import {
  importFluxXml,
  type FluxImportOptions,
  type FluxImportResult,
  type ImportedPassage,
} from './flux-import';
import type { XmlChunk } from './xml-decoding';

export {
  DEFAULT_MAX_IMPORT_BYTES,
  importFluxXml,
  type FluxImportOptions,
  type FluxImportResult,
  type ImportIssue,
  type ImportedPassage,
  type ImportedRow,
  type ImportSeverity,
} from './flux-import';
export type { ImportIssueCode } from '../../i18n/import-messages';
export { templateCellFromXml, EXCEL_MAX_CELL_CHARS, type TemplateCell } from './template-cells';
export type { XmlChunk } from './xml-decoding';

/** Template content keyed by dictionary id, as the surfaces write it (the add-in with Office.js, the CLI with exceljs). */
export interface ImportedContent {
  readonly parameters: Readonly<Record<string, CellValue>>;
  readonly passages: readonly Readonly<Record<string, CellValue>>[];
  readonly digcomp: readonly Readonly<Record<string, CellValue>>[];
}

export interface CollectedImport {
  readonly result: FluxImportResult;
  readonly content: ImportedContent;
  /** Cells holding a value the XSD refuses, kept as written ("Passages", "K12"). */
  readonly nonConforming: readonly { readonly sheet: string; readonly cell: string }[];
}

/**
 * Imports a whole file into memory, for the task pane and for files of a few thousand passages; the CLI streams
 * large files with `importFluxXml` instead.
 */
export async function collectFluxImport(
  source: AsyncIterable<XmlChunk> | Iterable<XmlChunk>,
  options: FluxImportOptions,
): Promise<CollectedImport> {
  const layout = buildTemplateLayout(options.dictionary);
  const passageColumns = new Map(layout.passages.columns.map((c) => [c.field, c.column]));
  const digcompColumns = new Map(layout.digcomp.columns.map((c) => [c.field, c.column]));
  const passages: Record<string, CellValue>[] = [];
  const digcomp: Record<string, CellValue>[] = [];
  const nonConforming: { sheet: string; cell: string }[] = [];
  const result = await importFluxXml(
    source,
    (passage: ImportedPassage) => {
      passages.push({ ...passage.cells });
      for (const id of passage.nonConforming) {
        nonConforming.push({ sheet: layout.passages.name, cell: `${passageColumns.get(id)}${passage.row}` });
      }
      for (const result of passage.digcomp) {
        digcomp.push({ ...result.cells });
        for (const id of result.nonConforming) {
          nonConforming.push({ sheet: layout.digcomp.name, cell: `${digcompColumns.get(id)}${result.row}` });
        }
      }
    },
    options,
  );
  return { result, content: { parameters: result.parameters, passages, digcomp }, nonConforming };
}

function sheetOf(
  name: string,
  columns: readonly { readonly column: string; readonly field: string }[],
  rows: readonly Readonly<Record<string, CellValue>>[],
  firstRow: number,
): SourceSheet {
  const letters: Record<string, string> = {};
  for (const c of columns) letters[c.field] = c.column;
  const sourceRows: SourceRow[] = [];
  rows.forEach((cells, i) => {
    const kept: Record<string, CellValue> = {};
    for (const [id, value] of Object.entries(cells)) {
      if (value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === ''))
        kept[id] = value;
    }
    if (Object.keys(kept).length > 0) sourceRows.push({ row: firstRow + i, cells: kept });
  });
  return { name, columns: letters, rows: sourceRows };
}

/**
 * The WorkbookData a reader would get from a template filled with `content`, so the check can run on an import
 * before (or without) writing it to a workbook.
 */
export function importedWorkbookData(content: ImportedContent, dictionary: Dictionary): WorkbookData {
  const layout = buildTemplateLayout(dictionary);
  const cells: Record<string, { address: string; value: CellValue }> = {};
  for (const c of layout.parameters.cells)
    cells[c.field] = { address: c.cell, value: content.parameters[c.field] ?? null };
  const firstRow = FIRST_DATA_ROW;
  return {
    date1904: false,
    parameters: { name: layout.parameters.name, cells },
    passages: sheetOf(layout.passages.name, layout.passages.columns, content.passages, firstRow),
    digcomp: sheetOf(layout.digcomp.name, layout.digcomp.columns, content.digcomp, firstRow),
  };
}
