import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import { buildTemplateLayout } from '../core/layout';
import { hasTemplate } from '../core/template-version';
import { applyXlsxUpgrade, planXlsxUpgrade, xlsxTemplateSnapshot } from '../workbook/xlsx-upgrade';
import { checkWorkbookFile } from '../workbook/workbook-file-guard';
import { restoreMacroParts } from '../workbook/macro-parts';
import { EXIT, type CliIO } from './io';
import { OutputRefusedError, writeOutput } from './output-files';
import { frenchErrorMessage } from './system-errors';
import { claimWorkbookCopy, verifyWrittenWorkbook } from './workbook-outputs';

/**
 * `accrochage upgrade <fichier.xlsx> -o <copie.xlsx>`: brings an older template to the current version in a
 * copy (columns, sheets, lists and version added; every value, row and format kept). The input is never
 * written. Exit 0 when upgraded or already current, 1 when the upgrade is refused, 2 when unusable.
 */
export async function upgradeCommand(
  io: CliIO,
  file: string,
  options: { output?: string; remplacer?: boolean },
): Promise<number> {
  const output = options.output;
  if (!output) {
    io.err("Indiquez la copie à écrire avec -o <copie.xlsx> : le classeur d'origine n'est jamais modifié.");
    return EXIT.unusable;
  }
  if (!(await fs.stat(file).catch(() => undefined))) {
    io.err(`Fichier introuvable : ${file}`);
    return EXIT.unusable;
  }
  const copy = await claimWorkbookCopy(io, file, output, options.remplacer);
  if (!copy) return EXIT.unusable;
  const { macros } = copy;
  const workbook = new ExcelJS.Workbook();
  try {
    await checkWorkbookFile(file);
    await workbook.xlsx.readFile(file);
  } catch (error) {
    io.err(
      frenchErrorMessage(error, { file, action: 'read' }) ??
        `Classeur illisible : ${file} (détail technique : ${error instanceof Error ? error.message : String(error)}).`,
    );
    return EXIT.unusable;
  }
  const layout = buildTemplateLayout();
  if (!hasTemplate(xlsxTemplateSnapshot(workbook, layout), layout)) {
    io.err(
      `${file} ne contient pas le modèle (feuilles ${layout.parameters.name} et ${layout.passages.name}).`,
    );
    return EXIT.unusable;
  }
  const plan = planXlsxUpgrade(workbook, layout);
  if (plan.status === 'refused') {
    io.err('Mise à jour impossible, aucune copie écrite :');
    for (const refusal of plan.refusals) io.err(`- ${refusal.message}`);
    return EXIT.problems;
  }
  if (plan.status === 'current') {
    io.out(`${file} suit déjà la dernière version du modèle : aucune copie écrite.`);
    return EXIT.ok;
  }
  applyXlsxUpgrade(workbook, plan, layout);
  try {
    await writeOutput(
      copy.output,
      async (temp) => {
        await workbook.xlsx.writeFile(temp);
        await restoreMacroParts(file, temp);
      },
      (temp) => verifyWrittenWorkbook(temp, macros ? file : undefined),
    );
  } catch (error) {
    if (!(error instanceof OutputRefusedError)) throw error;
    io.err(error.message);
    return EXIT.unusable;
  }
  io.out(`Modèle mis à jour dans ${output} :`);
  for (const change of plan.changes) io.out(`- ${change}`);
  return EXIT.ok;
}
