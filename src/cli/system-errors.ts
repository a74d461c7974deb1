import { UnusableWorkbookError } from '../xlsx/unusable-workbook-error';
import { workbookFileMessage } from '../i18n/workbook-file-messages';
import { systemErrorText, type SystemErrorAction } from '../i18n/cli-files';

/**
 * Translates what the system and the libraries throw into a French sentence for the user: Node's error codes
 * (folder missing, no permission, disk full…) and the zip libraries' own wording (exceljs reads with unzipper
 * and jszip) for a workbook that passed the first checks but still breaks. Returns undefined for anything
 * unknown, which the CLI reports as an unexpected error with its technical detail.
 */

/** Library wordings seen on damaged workbooks, and what they mean. */
const WORKBOOK_LIBRARY_ERRORS: readonly [RegExp, 'truncated' | 'damaged' | 'other'][] = [
  [/FILE_ENDED|End of data reached|unexpected end of file|Unexpected end/i, 'truncated'],
  [/invalid signature|Can't find end of central directory|is this a zip file/i, 'other'],
  [
    /size mismatch|Corrupted zip|invalid (?:stored block lengths|distance|code|block type)|incorrect header check|crc32/i,
    'damaged',
  ],
];

/** The file a temporary name stands for (output-files.ts names them `<final>.<pid>-<hex>.partiel`). */
function finalName(file: string): string {
  return file.replace(/\.\d+-[0-9a-f]{8}\.partiel$/, '');
}

export function frenchErrorMessage(
  error: unknown,
  context: { readonly file: string; readonly action: SystemErrorAction },
): string | undefined {
  if (error instanceof UnusableWorkbookError) return error.message;
  // Node's own errors are not always `instanceof Error` here (another realm under jest): read their fields.
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string')
    return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && systemErrorText[code]) {
    const file = finalName(context.file || ((error as NodeJS.ErrnoException).path ?? ''));
    return systemErrorText[code](file, context.action);
  }
  if (context.action === 'read') {
    for (const [pattern, problem] of WORKBOOK_LIBRARY_ERRORS) {
      if (pattern.test((error as Error).message)) return workbookFileMessage(problem, { file: context.file });
    }
  }
  return undefined;
}
