import ExcelJS from 'exceljs';

/**
 * exceljs's streaming workbook reader, made independent of the order of the entries in the .xlsx zip.
 *
 * The reader parses a worksheet as soon as the shared strings and the workbook relationships are known, and
 * then looks the sheet's name up in workbook.xml; when workbook.xml comes later in the zip (entry order
 * varies between the programs that write .xlsx files, and even between runs of exceljs's own writer) it
 * crashes with "Cannot read properties of undefined (reading 'sheets')". Hiding the relationships until
 * workbook.xml has been read makes it set such worksheets aside and parse them at the end, as it already
 * does when the shared strings come late.
 */
/** The parts of an .xlsx that exceljs's streaming reader reads (it skips the others). */
const READ_PARTS =
  /^xl\/(?:workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/sheet\d+\.xml|worksheets\/_rels\/sheet\d+\.xml\.rels)$/;

const SHEET_PREREQUISITES = new Set([
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
]);

type Parent = Record<string, (...args: unknown[]) => unknown>;
const parent = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Parent;

export class StreamingWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  private relationships: unknown;
  /** Parts handed to exceljs's parsers during this read, by zip entry name. */
  private readonly delivered = new Set<string>();

  /**
   * The parts among `entries` (the zip's central directory) that the read never reached. exceljs reads the zip
   * in one streaming pass (unzipper's Parse, iterated asynchronously) and, depending on timing, that pass can
   * end without error before its last entries (exceljs issues 2790 and 3064, node-unzipper issue 234): a
   * worksheet, the shared strings or the workbook part would then be missing without a word. Callers compare
   * with the directory once the read is over and read again (or refuse) rather than use a partial workbook.
   */
  missedParts(entries: readonly string[]): string[] {
    return entries.filter((name) => READ_PARTS.test(name) && !this.delivered.has(name));
  }

  /**
   * The parts among `entries` that every worksheet needs and that were not read when the worksheet was handed
   * out (its name, its shared strings). A worksheet is read at once only when they are known, or set aside and
   * read once the zip's pass is over: when it comes, a missing one is missing for good.
   */
  missedSheetPrerequisites(entries: readonly string[]): string[] {
    return entries.filter((name) => SHEET_PREREQUISITES.has(name) && !this.delivered.has(name));
  }

  /** Stops the read (closes the file) when its result is given up. */
  abandon(): void {
    (this as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }

  async _parseRels(entry: unknown): Promise<void> {
    this.delivered.add('xl/_rels/workbook.xml.rels');
    await parent._parseRels.call(this, entry);
  }

  async _parseWorkbook(entry: unknown): Promise<void> {
    this.delivered.add('xl/workbook.xml');
    await parent._parseWorkbook.call(this, entry);
  }

  async _parseStyles(entry: unknown): Promise<void> {
    this.delivered.add('xl/styles.xml');
    await parent._parseStyles.call(this, entry);
  }

  async *_parseSharedStrings(entry: unknown): AsyncGenerator<unknown> {
    this.delivered.add('xl/sharedStrings.xml');
    yield* parent._parseSharedStrings.call(this, entry) as AsyncGenerator<unknown>;
  }

  *_parseHyperlinks(iterator: unknown, sheetNo: string): Generator<unknown> {
    this.delivered.add(`xl/worksheets/_rels/sheet${sheetNo}.xml.rels`);
    yield* parent._parseHyperlinks.call(this, iterator, sheetNo) as Generator<unknown>;
  }

  get workbookRels(): unknown {
    return (this as unknown as { model?: unknown }).model === undefined ? undefined : this.relationships;
  }

  set workbookRels(value: unknown) {
    this.relationships = value;
  }

  /**
   * Tags each worksheet reader with the number of its part (xl/worksheets/sheetN.xml): the sheet's hyperlink
   * relationships are keyed by that number, while exceljs renames the reader after the workbook's sheet id.
   */
  *_parseWorksheet(iterator: unknown, sheetNo: string): Generator<{ eventType: string; value: unknown }> {
    this.delivered.add(`xl/worksheets/sheet${sheetNo}.xml`);
    const events = parent._parseWorksheet.call(this, iterator, sheetNo) as Generator<{
      eventType: string;
      value: unknown;
    }>;
    for (const event of events) {
      (event.value as { part?: string }).part = sheetNo;
      yield event;
    }
  }
}
