import ExcelJS from 'exceljs';
import { StreamingWorkbookReader } from './streaming-reader';
import { checkWorkbookFile } from './workbook-file-guard';
import { workbookFileMessage } from '../i18n/workbook-file-messages';
import { isBlank } from '../core/template/grid';
import type { CellValue } from '../core/model/types';
import { toCellValue, UnusableWorkbookError } from './xlsx-reader';

/**
 * Reads the rows of one sheet of any workbook (another tool's export, a student register…) with exceljs's
 * streaming reader, for mapping onto the template. The file is only opened for reading.
 */

export interface SourceSheetRow {
  /** 1-based Excel row number. */
  readonly row: number;
  readonly values: readonly CellValue[];
}

export interface SourceSheetRows {
  /** Name of the sheet read. */
  readonly sheet: string;
  readonly header: SourceSheetRow;
  /** Data rows under the header, one by one. */
  readonly rows: AsyncIterable<SourceSheetRow>;
}

/** The header is the first row with at least two text cells. */
function looksLikeHeader(values: readonly CellValue[]): boolean {
  return values.filter((v) => typeof v === 'string' && !isBlank(v)).length >= 2;
}

function rowValues(row: ExcelJS.Row): CellValue[] {
  const values = row.values as (ExcelJS.CellValue | undefined)[];
  const out: CellValue[] = [];
  for (let i = 1; i < values.length; i++) out.push(toCellValue(values[i]));
  return out;
}

/**
 * Opens `path` and returns the header and the rows of `sheetName` (default: the first sheet with a header row).
 * Sheets are streamed in file order, so the returned rows must be consumed before anything else is read.
 */
export async function readSourceSheet(path: string, sheetName?: string): Promise<SourceSheetRows> {
  await checkWorkbookFile(path);
  const reader = new StreamingWorkbookReader(path, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const seen: string[] = [];
  const sheets = reader[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const worksheet = next.value;
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      const rows = worksheet[Symbol.asyncIterator]();
      if (sheetName !== undefined && name !== sheetName) {
        for (let r = await rows.next(); !r.done; r = await rows.next());
        continue;
      }
      let header: SourceSheetRow | undefined;
      for (let r = await rows.next(); !r.done; r = await rows.next()) {
        const values = rowValues(r.value);
        if (looksLikeHeader(values)) {
          header = { row: r.value.number, values };
          break;
        }
      }
      if (!header) {
        if (sheetName !== undefined) break;
        continue;
      }
      async function* dataRows(): AsyncGenerator<SourceSheetRow> {
        for (let r = await rows.next(); !r.done; r = await rows.next()) {
          const values = rowValues(r.value);
          if (!values.every(isBlank)) yield { row: r.value.number, values };
        }
        // Drain the remaining sheets so the file is closed.
        for (let s = await sheets.next(); !s.done; s = await sheets.next()) {
          for await (const _row of s.value) void _row;
        }
      }
      return { sheet: name, header, rows: dataRows() };
    }
  } catch (error) {
    if (error instanceof UnusableWorkbookError) throw error;
    throw new UnusableWorkbookError(
      workbookFileMessage('unreadablePart', { file: path, detail: (error as Error).message }),
    );
  }
  throw new UnusableWorkbookError(
    sheetName !== undefined && !seen.includes(sheetName)
      ? `Le classeur ${path} n'a pas de feuille « ${sheetName} ». Feuilles trouvées : ${seen.map((s) => `« ${s} »`).join(', ')}.`
      : `Aucune ligne d'en-tête (au moins deux titres de colonne) n'a été trouvée dans ${sheetName ? `la feuille « ${sheetName} »` : 'le classeur'}.`,
  );
}
