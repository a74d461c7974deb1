import { sameMacros } from '../workbook/macro-parts';
import { checkWorkbookFile } from '../workbook/workbook-file-guard';

/**
 * The check of a workbook the CLI has just written, read back from the disk before it gets its name: a zip
 * whose every part inflates to its declared size and CRC-32, with a workbook in it; for a copy of an .xlsm,
 * the same VBA project byte for byte and the same macro-enabled content type as the source.
 */
export async function verifyWrittenWorkbook(file: string, macroSource?: string): Promise<boolean> {
  try {
    await checkWorkbookFile(file);
  } catch {
    return false;
  }
  return macroSource === undefined || sameMacros(macroSource, file);
}
