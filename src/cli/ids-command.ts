import { promises as fs } from 'node:fs';
import { planMissingIds, randomUuid } from '../core/identifiers';
import { readTemplateWorkbook, UnusableWorkbookError } from '../workbook/xlsx-reader';
import { IdsWriteError, writeIdsCopy } from '../workbook/xlsx-ids';
import { EXIT, type CliIO } from './io';
import { plural } from './output';
import { OutputRefusedError, writeOutput } from './output-files';
import { claimWorkbookCopy, verifyWrittenWorkbook } from './workbook-outputs';

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
  return rows.length > LISTED_ROWS ? `${shown}… (${rows.length} en tout)` : shown;
}

export async function idsCommand(
  io: CliIO,
  file: string,
  options: { output?: string; newId?: () => string; remplacer?: boolean },
): Promise<number> {
  const output = options.output;
  if (!output) {
    io.err("Indiquez la copie à écrire avec -o <sortie.xlsx> : le classeur d'origine n'est jamais modifié.");
    return EXIT.unusable;
  }
  if (!(await exists(file))) {
    io.err(`Fichier introuvable : ${file}`);
    return EXIT.unusable;
  }
  const copy = await claimWorkbookCopy(io, file, output, options.remplacer);
  if (!copy) return EXIT.unusable;
  const { macros } = copy;
  try {
    const data = await readTemplateWorkbook(file, (rows) => io.progress(`Lecture… ${plural(rows, 'ligne')}`));
    if (data.passages.columns['5.1'] === undefined) {
      io.err(
        `La feuille « ${data.passages.name} » n'a pas de colonne « Identifiant technique du passage » (5.1) : ` +
          'rétablissez son en-tête. Aucun fichier n’a été écrit.',
      );
      return EXIT.unusable;
    }
    const assignments = planMissingIds(data.passages, options.newId ?? randomUuid);
    await writeOutput(
      copy.output,
      (temp) => writeIdsCopy(file, temp, data.passages.name, assignments),
      (temp) => verifyWrittenWorkbook(temp, macros ? file : undefined),
    );
    if (assignments.length === 0) {
      io.out(
        `Aucun identifiant technique ne manquait : copie écrite dans ${output}, identique pour les données.`,
      );
    } else {
      io.out(
        `${plural(assignments.length, 'identifiant technique généré', 'identifiants techniques générés')} ` +
          `(ligne${assignments.length > 1 ? 's' : ''} ${rowList(assignments.map((a) => a.row))}) : copie écrite dans ${output}. ` +
          "Les identifiants existants n'ont pas été modifiés, ni le classeur d'origine. " +
          'Gardez ces identifiants : la CDC reconnaît chaque passage par le sien.',
      );
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
