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
export class StreamingWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  private relationships: unknown;

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
    const parent = (
      ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as {
        _parseWorksheet(iterator: unknown, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
      }
    )._parseWorksheet;
    for (const event of parent.call(this, iterator, sheetNo)) {
      (event.value as { part?: string }).part = sheetNo;
      yield event;
    }
  }
}
