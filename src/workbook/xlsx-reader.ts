import ExcelJS from 'exceljs';
import { isBlank, mapHeaderColumns, rowsToSourceRows } from '../core/grid';
import { columnLetter, fieldIdInHeader, SHEET_NAMES } from '../core/layout';
import { FORMULA_ERROR, FORMULA_NOT_CALCULATED } from '../core/normalize';
import type { CellValue, SourceRow, SourceSheet, WorkbookData } from '../core/types';

/**
 * Reads a filled template (.xlsx) into WorkbookData with exceljs's streaming reader, so that a
 * 100 000-row file is read row by row without building the whole workbook in memory.
 */

/** Thrown when the file cannot be used at all (not an .xlsx, no template sheets). */
export class UnusableWorkbookError extends Error {}

type ExcelJsValue = ExcelJS.CellValue | { sharedString: number } | undefined;

/** exceljs cell value → CellValue: formulas give their cached result, rich text its plain text. */
export function toCellValue(value: ExcelJsValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJsValue }).result;
    // A formula Excel never calculated has no cached value: say so rather than read it as empty.
    if (result === undefined) return { error: FORMULA_NOT_CALCULATED };
    // The streaming reader parses every non-text cached result as a number, so #N/A or #REF! comes as NaN:
    // without this, a name computed by a failing lookup would be exported as the text "NaN".
    if (typeof result === 'number' && Number.isNaN(result)) return { error: FORMULA_ERROR };
    return toCellValue(result);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : toCellValue(value.text as ExcelJsValue);
  return null;
}

interface SheetAccumulator {
  readonly name: string;
  header?: CellValue[];
  headerRow?: number;
  columns?: Map<string, number>;
  readonly rows: SourceRow[];
  /** Parameters sheet: id found in column A → { address of the value in column B, value }. */
  readonly parameters: Map<string, { address: string; value: CellValue }>;
}

function rowValues(row: ExcelJS.Row): CellValue[] {
  const values = row.values as ExcelJsValue[];
  // exceljs row.values is 1-based (index 0 unused).
  const out: CellValue[] = [];
  for (let i = 1; i < values.length; i++) out.push(toCellValue(values[i]));
  return out;
}

function acceptRow(sheet: SheetAccumulator, rowNumber: number, values: CellValue[]): void {
  const first = values[0];
  if (typeof first === 'string') {
    const id = fieldIdInHeader(first);
    if (id && !sheet.parameters.has(id)) sheet.parameters.set(id, { address: `B${rowNumber}`, value: values[1] ?? null });
  }
  if (!sheet.columns) {
    // The header is the first row that names dictionary fields in several columns.
    const columns = mapHeaderColumns(values);
    if (columns.size >= 2) {
      sheet.columns = columns;
      sheet.header = values;
      sheet.headerRow = rowNumber;
    }
    return;
  }
  if (values.every(isBlank)) return;
  sheet.rows.push(...rowsToSourceRows(sheet.columns, [values], rowNumber));
}

function toSourceSheet(sheet: SheetAccumulator | undefined, fallbackName: string): SourceSheet {
  if (!sheet?.columns) return { name: sheet?.name ?? fallbackName, columns: {}, rows: [] };
  const letters: Record<string, string> = {};
  for (const [id, index] of sheet.columns) letters[id] = columnLetter(index);
  return { name: sheet.name, columns: letters, rows: sheet.rows };
}

/** Picks the sheet by its template name, else the first sheet whose content looks like it. */
function pick(
  sheets: SheetAccumulator[],
  name: string,
  looksRight: (s: SheetAccumulator) => boolean,
): SheetAccumulator | undefined {
  return sheets.find((s) => s.name === name) ?? sheets.find(looksRight);
}

export interface ReadProgress {
  (rowsRead: number): void;
}

export async function readTemplateWorkbook(path: string, onProgress?: ReadProgress): Promise<WorkbookData> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'cache',
    styles: 'cache',
    worksheets: 'emit',
  });
  const sheets: SheetAccumulator[] = [];
  let rowsRead = 0;
  let date1904 = false;
  try {
    for await (const worksheet of reader) {
      // exceljs sets the sheet name on its worksheet reader but does not declare it.
      const name = (worksheet as unknown as { name: string }).name;
      const sheet: SheetAccumulator = { name, rows: [], parameters: new Map() };
      sheets.push(sheet);
      for await (const row of worksheet) {
        acceptRow(sheet, row.number, rowValues(row));
        if (++rowsRead % 10000 === 0) onProgress?.(rowsRead);
      }
    }
    const props = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
    date1904 = props?.model?.date1904 === true;
  } catch (error) {
    throw new UnusableWorkbookError(
      `Le fichier ${path} n'est pas un classeur Excel (.xlsx) lisible : ${(error as Error).message}`,
    );
  }

  const parametersSheet = pick(sheets, SHEET_NAMES.parameters, (s) => s.parameters.has('2.1'));
  const passagesSheet = pick(sheets, SHEET_NAMES.passages, (s) => s.columns?.has('5.1') === true && s.columns.has('5.4'));
  const digcompSheet = pick(sheets, SHEET_NAMES.digcomp, (s) => s.columns?.has('6.2') === true);
  if (!passagesSheet?.columns) {
    throw new UnusableWorkbookError(
      `Le classeur ${path} ne contient pas de feuille « ${SHEET_NAMES.passages} » avec les en-têtes du modèle. ` +
        'Créez le modèle avec « accrochage template » et copiez-y vos données.',
    );
  }
  return {
    date1904,
    parameters: {
      name: parametersSheet?.name ?? SHEET_NAMES.parameters,
      cells: Object.fromEntries(parametersSheet?.parameters ?? []),
    },
    passages: toSourceSheet(passagesSheet, SHEET_NAMES.passages),
    digcomp: toSourceSheet(digcompSheet, SHEET_NAMES.digcomp),
  };
}
