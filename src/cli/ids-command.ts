import { promises as fs } from 'node:fs';
import { planMissingIds, randomUuid } from '../core/check/identifiers';
import { readTemplateWorkbook, UnusableWorkbookError } from '../xlsx/xlsx-reader';
import { IdsWriteError, writeIdsCopy } from '../xlsx/xlsx-ids';
import { EXIT, type CliIO } from './io';
import { OutputRefusedError, writeOutput } from './output-files';
import { claimWorkbookCopy, verifyWrittenWorkbook } from './workbook-outputs';
import { cliText, idsText } from '../i18n/cli';
import { fieldName } from '../i18n/check-messages';
import { commandDictionary } from './schema';

/**
 * `accrochage ids <fichier.xlsx> -o <sortie.xlsx>`: fills the missing idTechnique (5.1) of the passages with
 * UUIDs in a copy of the workbook. Existing identifiers are never changed, and the input file is never written.
 */

const LISTED_ROWS = 20;

async function exists(file: string): Promise<boolean> {
  return fs
    .access(file)
    .then(() => true)
    .catch(() => false);
}

function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, LISTED_ROWS).join(', ');
  return idsText.rowList(shown, rows.length, rows.length > LISTED_ROWS);
}

export async function idsCommand(
  io: CliIO,
  file: string,
  options: { output?: string; newId?: () => string; remplacer?: boolean },
): Promise<number> {
  const output = options.output;
  if (!output) {
    io.err(cliText.copyOutputMissing('sortie.xlsx'));
    return EXIT.unusable;
  }
  if (!(await exists(file))) {
    io.err(cliText.fileNotFound(file));
    return EXIT.unusable;
  }
  const copy = await claimWorkbookCopy(io, file, output, options.remplacer);
  if (!copy) return EXIT.unusable;
  const { macros } = copy;
  try {
    const data = await readTemplateWorkbook(file, commandDictionary(), (rows) =>
      io.progress(cliText.reading(rows)),
    );
    if (data.passages.columns['5.1'] === undefined) {
      io.err(idsText.idColumnMissing(data.passages.name, fieldName(commandDictionary().field('5.1'))));
      return EXIT.unusable;
    }
    const assignments = planMissingIds(data.passages, options.newId ?? randomUuid);
    await writeOutput(
      copy.output,
      (temp) => writeIdsCopy(file, temp, data.passages.name, assignments),
      (temp) => verifyWrittenWorkbook(temp, macros ? file : undefined),
    );
    if (assignments.length === 0) {
      io.out(idsText.noneMissing(output));
    } else {
      io.out(idsText.written(assignments.length, rowList(assignments.map((a) => a.row)), output));
    }
    return EXIT.ok;
  } catch (error) {
    if (
      error instanceof UnusableWorkbookError ||
      error instanceof IdsWriteError ||
      error instanceof OutputRefusedError
    ) {
      io.err(error.message);
      return EXIT.unusable;
    }
    throw error;
  }
}
