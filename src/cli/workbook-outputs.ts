import { hasVbaProject, sameMacros } from '../xlsx/macro-parts';
import { checkWorkbookFile } from '../xlsx/workbook-file-guard';
import type { CliIO } from './io';
import { OutputPolicy, type ClaimedOutput } from './output-policy';

/** Workbooks the CLI writes: a copy of the user's workbook claimed under the output policy, then verified. */

/**
 * Claims `output` for a copy of `input` (ids, upgrade): refused when it is the input, or an existing file
 * without --remplacer, or named .xlsx for a workbook with macros. Prints the refusal and returns undefined.
 */
export async function claimWorkbookCopy(
  io: CliIO,
  input: string,
  output: string,
  replace: boolean | undefined,
): Promise<{ output: ClaimedOutput; macros: boolean } | undefined> {
  const macros = await hasVbaProject(input);
  const claim = await (
    await OutputPolicy.forInputs([input])
  ).claim({ path: output, kind: 'workbook', option: '-o', replace, macroSource: macros ? input : undefined });
  if (claim.ok) return { output: claim.output, macros };
  io.err(claim.message);
  return undefined;
}

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
