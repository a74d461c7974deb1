import { promises as fs } from 'node:fs';
import { officeFileKind } from './office-file-kind';
import { UnusableWorkbookError } from './unusable-workbook-error';
import { workbookFileMessage, type WorkbookFileProblem } from '../i18n/workbook-file-messages';
import { verifyZipEntries, ZipFormatError, type ZipDirectory } from './zip-directory';

/**
 * The check every workbook goes through before exceljs opens it: it must be an .xlsx or .xlsm whose parts,
 * once inflated, stay under a limit no real template reaches. A generated workbook of 100 000 passages (the
 * most one CDC file holds) is 93 MB uncompressed; the limit is 1 GiB, so a zip bomb is refused from its
 * directory in milliseconds, and a directory that lies is caught while its parts are inflated and discarded
 * (bounded by what it declared), before any parser holds them. Measured on that 100 000-passage workbook:
 * 0.7 s and 66 MB, next to about 20 s for its export.
 */

export const MAX_WORKBOOK_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;

export interface CheckedWorkbookFile {
  /** The workbook holds a VBA project (an .xlsm). */
  readonly macros: boolean;
  readonly directory: ZipDirectory;
}

const ZIP_PROBLEMS: Record<ZipFormatError['code'], WorkbookFileProblem> = {
  noDirectory: 'truncated',
  badDirectory: 'damaged',
  tooManyEntries: 'tooManyParts',
  encrypted: 'zipPassword',
  unsupportedMethod: 'unsupportedCompression',
  sizeMismatch: 'damaged',
  crcMismatch: 'damaged',
  hiddenContent: 'hiddenContent',
  tooLarge: 'tooLarge',
};

/** Throws UnusableWorkbookError (French, naming `file`) unless `file` is a workbook safe to parse. */
export async function checkWorkbookFile(
  file: string,
  limit = MAX_WORKBOOK_UNCOMPRESSED_BYTES,
): Promise<CheckedWorkbookFile> {
  const refuse = (problem: WorkbookFileProblem, declared?: number) =>
    new UnusableWorkbookError(workbookFileMessage(problem, { file, declared, limit }));
  if ((await fs.stat(file)).isDirectory()) throw refuse('directory');
  const kind = await officeFileKind(file);
  switch (kind.kind) {
    case 'workbook':
      try {
        await verifyZipEntries(file, kind.directory, { maxTotalBytes: limit });
      } catch (error) {
        if (error instanceof ZipFormatError)
          throw refuse(ZIP_PROBLEMS[error.code], kind.directory.declaredBytes);
        throw error;
      }
      return { macros: kind.macros, directory: kind.directory };
    case 'brokenZip':
      throw refuse(ZIP_PROBLEMS[kind.error.code]);
    case 'opendocument':
    case 'zip':
    case 'encrypted':
    case 'legacyExcel':
    case 'compoundFile':
    case 'text':
    case 'empty':
    case 'other':
      throw refuse(kind.kind);
  }
}
