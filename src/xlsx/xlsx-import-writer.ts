import { createReadStream, createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import type { Dictionary } from '../dictionary';
import { FIRST_DATA_ROW, HEADER_ROW, type LayoutColumn } from '../core/template/layout';
import { TEMPLATE_ROWS } from '../core/template/live-rules';
import { buildTemplateSpec, sheetSpec, type SheetSpec } from '../core/template/template-spec';
import { renderSheet, worksheetOptions } from './render-template';
import type { CellValue } from '../core/model/types';
import { createTemplateWorkbook, tableRow, toExcelValue } from './xlsx-template';

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
  readonly dictionary: Dictionary;
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

  constructor(private readonly options: TemplateRowsWriterOptions) {
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
        const workbook = createTemplateWorkbook(this.options.dictionary, {
          parameters,
          passages: this.passages,
          digcomp: this.digcomp,
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
        this.options.dictionary,
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

async function streamRows(
  sheet: ExcelJS.Worksheet,
  spec: SheetSpec,
  columns: readonly LayoutColumn[],
  rows: AsyncIterable<Record<string, CellValue>>,
): Promise<void> {
  sheet.getRow(HEADER_ROW).commit();
  let rowNumber = FIRST_DATA_ROW;
  for await (const cells of rows) {
    const row = sheet.getRow(rowNumber++);
    tableRow(spec, columns, cells).forEach((value, i) => {
      if (value !== null) row.getCell(i + 1).value = value;
    });
    row.commit();
  }
}

type Committable = ExcelJS.Worksheet & { commit(): void };

async function writeStreamedTemplate(
  output: string,
  parameters: TemplateRowCells,
  passages: Spill,
  digcomp: Spill,
  dictionary: Dictionary,
): Promise<void> {
  const spec = buildTemplateSpec(dictionary);
  const { layout } = spec;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Accrochage CDC pour Excel';
  // Sheets are created in tab order; each is committed before the next one receives its rows. No Excel table:
  // exceljs cannot stream one (the readers find columns by their header, so both files read alike).
  const sheets = new Map<string, Committable>();
  for (const sheetSpec of spec.sheets) {
    const sheet = workbook.addWorksheet(sheetSpec.name, worksheetOptions(sheetSpec)) as Committable;
    renderSheet(sheet, sheetSpec, { table: false });
    sheets.set(sheetSpec.name, sheet);
  }
  const parametersSheet = sheets.get(layout.parameters.name) as Committable;
  for (const p of layout.parameters.cells) {
    const value = parameters[p.field];
    if (value !== undefined && value !== null) parametersSheet.getCell(p.cell).value = toExcelValue(value);
  }
  parametersSheet.commit();
  for (const [part, spill] of [
    [layout.passages, passages],
    [layout.digcomp, digcomp],
  ] as const) {
    const sheet = sheets.get(part.name) as Committable;
    await streamRows(sheet, sheetSpec(spec, part.name), part.columns, spill.rows());
    sheet.commit();
  }
  for (const name of [layout.history.name, layout.lists.name]) (sheets.get(name) as Committable).commit();
  await workbook.commit();
}
