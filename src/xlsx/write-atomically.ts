import { promises as fs } from 'node:fs';

/**
 * Writes a file under a temporary name beside its target and renames it once complete, so that an interrupted
 * write never leaves a half workbook under the user's file name.
 */
export async function writeAtomically<T>(
  output: string,
  write: (partialPath: string) => Promise<T>,
): Promise<T> {
  const partial = `${output}.partiel.xlsx`;
  try {
    const result = await write(partial);
    await fs.rename(partial, output);
    return result;
  } finally {
    await fs.rm(partial, { force: true });
  }
}
