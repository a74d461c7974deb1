import ExcelJS from 'exceljs';
import { isBlank } from '../core/template/grid';
import type { IdAssignment } from '../core/check/identifiers';
import { toCellValue } from './xlsx-reader';
import { restoreMacroParts } from './macro-parts';

/**
 * Writes generated idTechnique values into a copy of the user's workbook with exceljs (the whole workbook is
 * loaded and saved back, so other sheets, formats, notes and macros stay) to `output`, a new file the caller then
 * gives its name. The input file is never written.
 */

export class IdsWriteError extends Error {}

export async function writeIdsCopy(
  input: string,
  output: string,
  sheetName: string,
  assignments: readonly IdAssignment[],
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new IdsWriteError(`La feuille « ${sheetName} » est introuvable : rien n'a été écrit.`);
  // Checked before any write: an identifier is only ever put in a cell that is still empty.
  for (const { row, column } of assignments) {
    if (!isBlank(toCellValue(sheet.getCell(`${column}${row}`).value))) {
      throw new IdsWriteError(
        `La cellule ${column}${row} de la feuille « ${sheetName} » n'est plus vide : le classeur a changé depuis sa lecture. ` +
          "Rien n'a été écrit ; recommencez.",
      );
    }
  }
  for (const { row, column, value } of assignments) sheet.getCell(`${column}${row}`).value = value;
  await workbook.xlsx.writeFile(output);
  await restoreMacroParts(input, output);
}
