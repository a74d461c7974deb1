import { createReadStream, createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import {
  buildTemplateLayout,
  FIRST_DATA_ROW,
  HEADER_ROW,
  TEMPLATE_ROWS,
  type LayoutColumn,
  type TemplateLayout,
} from '../core/template/layout';
import type { CellValue } from '../core/model/types';
import {
  addListValidations,
  addLiveRules,
  createTemplateWorkbook,
  styleHeaderCell,
  writeHistorySheet,
  writeLists,
  writeParameters,
  writeTrackingHeaders,
} from './xlsx-template';

/**
 * Writes a template filled with rows that arrive one by one (an XML import, a mapped spreadsheet), with bounded
 * memory. Up to `inMemoryRows` passages the result is exactly `createTemplateWorkbook` with its tables; above,
 * rows are spilled to a temporary file as they come and the workbook is then written with exceljs's streaming
 * writer: the same sheets, headers, formats, lists and live checks, without the Excel tables (which exceljs cannot
 * stream) — the readers find columns by their header, so both are read alike. Tracking columns and the history
 * sheet start empty: an imported passage has not been sent by this workbook yet.
 *
 * Rows are spilled rather than streamed straight into the workbook because the parameters may only be known at
 * the end of an XML file (xsd:all lets them come last) and the DIGCOMP rows arrive interleaved with passages,
 * while an .xlsx is a zip whose sheets must be written one after the other.
 */

export type TemplateRowCells = Readonly<Record<string, CellValue>>;

export interface TemplateRowsWriterOptions {
  readonly schemaVersion?: string;
  /** Above this many passages, stream instead of building the workbook in memory. Default TEMPLATE_ROWS. */
  readonly inMemoryRows?: number;
  /** Where to spill rows (default: the system temp directory). */
  readonly tempDir?: string;
}

export interface WrittenTemplate {
  readonly passages: number;
  readonly digcomp: number;
  /** True when written by the streaming writer (no Excel tables). */
  readonly streamed: boolean;
}

/** exceljs value of a cell: errors keep their Excel error, never become text. */
function toExcel(value: CellValue): ExcelJS.CellValue {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return { error: value.error } as ExcelJS.CellErrorValue;
  }
  return value;
}

function toExcelRow(cells: TemplateRowCells): Record<string, ExcelJS.CellValue> {
  const out: Record<string, ExcelJS.CellValue> = {};
  for (const [id, value] of Object.entries(cells)) out[id] = toExcel(value);
  return out;
}

// Spill format: one JSON object per line; dates as {"$date": ISO} since JSON has no date.
function encodeRow(cells: TemplateRowCells): string {
  return JSON.stringify(cells, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

function decodeRow(line: string): Record<string, CellValue> {
  return JSON.parse(line, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && '$date' in value ? new Date(String(value.$date)) : value,
  ) as Record<string, CellValue>;
}

class Spill {
  private stream: WriteStream;
  count = 0;
  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
  }
  async add(cells: TemplateRowCells): Promise<void> {
    this.count++;
    if (!this.stream.write(`${encodeRow(cells)}\n`)) await once(this.stream, 'drain');
  }
  async end(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
  async *rows(): AsyncGenerator<Record<string, CellValue>> {
    const lines = createInterface({
      input: createReadStream(this.file, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    for await (const line of lines) if (line) yield decodeRow(line);
  }
}

export class TemplateRowsWriter {
  private readonly passages: TemplateRowCells[] = [];
  private readonly digcomp: TemplateRowCells[] = [];
  private spill: { dir: string; passages: Spill; digcomp: Spill } | undefined;
  private readonly inMemoryRows: number;

  constructor(private readonly options: TemplateRowsWriterOptions = {}) {
    this.inMemoryRows = options.inMemoryRows ?? TEMPLATE_ROWS;
  }

  async addPassage(cells: TemplateRowCells): Promise<void> {
    if (this.spill) return this.spill.passages.add(cells);
    this.passages.push(cells);
    if (this.passages.length > this.inMemoryRows) await this.startSpilling();
  }

  async addDigcomp(cells: TemplateRowCells): Promise<void> {
    if (this.spill) return this.spill.digcomp.add(cells);
    this.digcomp.push(cells);
  }

  private async startSpilling(): Promise<void> {
    const dir = await fs.mkdtemp(path.join(this.options.tempDir ?? tmpdir(), 'accrochage-import-'));
    const spill = {
      dir,
      passages: new Spill(path.join(dir, 'passages.jsonl')),
      digcomp: new Spill(path.join(dir, 'digcomp.jsonl')),
    };
    this.spill = spill;
    for (const row of this.passages.splice(0)) await spill.passages.add(row);
    for (const row of this.digcomp.splice(0)) await spill.digcomp.add(row);
  }

  /** Writes the workbook to `output` (replacing it) and frees the temporary files. */
  async finish(output: string, parameters: TemplateRowCells): Promise<WrittenTemplate> {
    try {
      if (!this.spill) {
        const workbook = createTemplateWorkbook(this.options.schemaVersion, {
          parameters: toExcelRow(parameters),
          passages: this.passages.map(toExcelRow),
          digcomp: this.digcomp.map(toExcelRow),
        });
        await workbook.xlsx.writeFile(output);
        return { passages: this.passages.length, digcomp: this.digcomp.length, streamed: false };
      }
      await this.spill.passages.end();
      await this.spill.digcomp.end();
      await writeStreamedTemplate(
        output,
        parameters,
        this.spill.passages,
        this.spill.digcomp,
        this.options.schemaVersion,
      );
      return { passages: this.spill.passages.count, digcomp: this.spill.digcomp.count, streamed: true };
    } finally {
      await this.discard();
    }
  }

  /** Frees the temporary files without writing anything. */
  async discard(): Promise<void> {
    if (this.spill) await fs.rm(this.spill.dir, { recursive: true, force: true });
    this.spill = undefined;
    this.passages.length = 0;
    this.digcomp.length = 0;
  }
}

/** A table sheet of the template without an Excel table: header, formats, frozen header, live checks. */
function addStreamedSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: {
    readonly name: string;
    readonly columns: readonly LayoutColumn[];
    readonly trackingColumns?: Parameters<typeof writeTrackingHeaders>[1];
  },
  withLiveRules: boolean,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 1 }],
  });
  spec.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    column.numFmt = c.numberFormat;
  });
  const header = sheet.getRow(HEADER_ROW);
  header.height = 45;
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    styleHeaderCell(cell, c);
  });
  writeTrackingHeaders(sheet, spec.trackingColumns ?? []);
  if (withLiveRules) addLiveRules(sheet, spec.columns);
  return sheet;
}

async function streamRows(
  sheet: ExcelJS.Worksheet,
  columns: readonly LayoutColumn[],
  rows: AsyncIterable<Record<string, CellValue>>,
): Promise<void> {
  sheet.getRow(HEADER_ROW).commit();
  let rowNumber = FIRST_DATA_ROW;
  for await (const cells of rows) {
    const row = sheet.getRow(rowNumber++);
    columns.forEach((c, i) => {
      const value = cells[c.field];
      if (value !== undefined && value !== null) row.getCell(i + 1).value = toExcel(value);
    });
    row.commit();
  }
}

async function writeStreamedTemplate(
  output: string,
  parameters: TemplateRowCells,
  passages: Spill,
  digcomp: Spill,
  schemaVersion?: string,
): Promise<void> {
  const layout: TemplateLayout = buildTemplateLayout(schemaVersion);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Accrochage CDC pour Excel';
  // Sheets are created in tab order; each is committed before the next one receives its rows.
  writeParameters(workbook, layout, toExcelRow(parameters));
  const passagesSheet = addStreamedSheet(workbook, layout.passages, true);
  const digcompSheet = addStreamedSheet(workbook, layout.digcomp, false);
  const history = writeHistorySheet(workbook, layout);
  const lists = writeLists(workbook, layout);
  for (const spec of [layout.passages, layout.digcomp]) addListValidations(workbook, spec, lists);
  (workbook.getWorksheet(layout.parameters.name) as unknown as { commit(): void }).commit();
  await streamRows(passagesSheet, layout.passages.columns, passages.rows());
  (passagesSheet as unknown as { commit(): void }).commit();
  await streamRows(digcompSheet, layout.digcomp.columns, digcomp.rows());
  (digcompSheet as unknown as { commit(): void }).commit();
  (history as unknown as { commit(): void }).commit();
  await workbook.commit();
}
