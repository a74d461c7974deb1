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

/** Reads of one workbook before giving up on a streaming pass that keeps ending early (streaming-reader.ts). */
const READ_ATTEMPTS = 3;

/** Thrown inside an attempt whose streaming pass ended early: the read is done again. */
class IncompleteRead extends Error {
  constructor(readonly missed: readonly string[]) {
    super(missed.join(', '));
  }
}

/**
 * Opens `path` and returns the header and the rows of `sheetName` (default: the first sheet with a header row).
 * Sheets are streamed in file order, so the returned rows must be consumed before anything else is read. The
 * read is checked against the zip's directory: a sheet is never handed out without its shared strings and
 * name, and a sheet not found because the read ended early is read again, never reported as absent.
 */
export async function readSourceSheet(path: string, sheetName?: string): Promise<SourceSheetRows> {
  const { directory } = await checkWorkbookFile(path);
  const entries = directory.entries.map((e) => e.name);
  let missed: readonly string[] = [];
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    try {
      return await readSourceSheetOnce(path, entries, sheetName);
    } catch (error) {
      if (!(error instanceof IncompleteRead)) throw error;
      missed = error.missed;
    }
  }
  throw new UnusableWorkbookError(
    workbookFileMessage('incompleteRead', { file: path, detail: missed.join(', ') }),
  );
}

async function readSourceSheetOnce(
  path: string,
  entries: readonly string[],
  sheetName: string | undefined,
): Promise<SourceSheetRows> {
  const reader = new StreamingWorkbookReader(path, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const seen: string[] = [];
  const sheets = reader[Symbol.asyncIterator]();
  const giveUp = (missed: readonly string[]) => {
    reader.abandon();
    return new IncompleteRead(missed);
  };
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const missedFirst = reader.missedSheetPrerequisites(entries);
      if (missedFirst.length > 0) throw giveUp(missedFirst);
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
    if (error instanceof UnusableWorkbookError || error instanceof IncompleteRead) throw error;
    throw new UnusableWorkbookError(
      workbookFileMessage('unreadablePart', { file: path, detail: (error as Error).message }),
    );
  }
  const missed = reader.missedParts(entries);
  if (missed.length > 0) throw giveUp(missed);
  throw new UnusableWorkbookError(
    sheetName !== undefined && !seen.includes(sheetName)
      ? `Le classeur ${path} n'a pas de feuille « ${sheetName} ». Feuilles trouvées : ${seen.map((s) => `« ${s} »`).join(', ')}.`
      : `Aucune ligne d'en-tête (au moins deux titres de colonne) n'a été trouvée dans ${sheetName ? `la feuille « ${sheetName} »` : 'le classeur'}.`,
  );
}
