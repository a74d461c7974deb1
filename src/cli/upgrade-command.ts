import { promises as fs } from 'node:fs';
import { buildTemplateSpec } from '../core/template/template-spec';
import { commandDictionary } from './schema';
import { hasTemplate } from '../core/template/template-version';
import {
  applyXlsxUpgrade,
  planXlsxUpgrade,
  readWholeWorkbook,
  xlsxTemplateSnapshot,
} from '../xlsx/xlsx-upgrade';
import { restoreMacroParts } from '../xlsx/macro-parts';
import { EXIT, type CliIO } from './io';
import { OutputRefusedError, writeOutput } from './output-files';
import { frenchErrorMessage } from './system-errors';
import { claimWorkbookCopy, verifyWrittenWorkbook } from './workbook-outputs';
import { cliText } from '../i18n/cli';

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
    io.err(cliText.copyOutputMissing('copie.xlsx'));
    return EXIT.unusable;
  }
  if (!(await fs.stat(file).catch(() => undefined))) {
    io.err(cliText.fileNotFound(file));
    return EXIT.unusable;
  }
  const copy = await claimWorkbookCopy(io, file, output, options.remplacer);
  if (!copy) return EXIT.unusable;
  const { macros } = copy;
  let workbook;
  try {
    workbook = await readWholeWorkbook(file);
  } catch (error) {
    io.err(
      frenchErrorMessage(error, { file, action: 'read' }) ??
        cliText.unreadableWorkbook(file, error instanceof Error ? error.message : String(error)),
    );
    return EXIT.unusable;
  }
  const spec = buildTemplateSpec(commandDictionary());
  const { layout } = spec;
  if (!hasTemplate(xlsxTemplateSnapshot(workbook, layout), layout)) {
    io.err(cliText.notATemplate(file, layout.parameters.name, layout.passages.name));
    return EXIT.unusable;
  }
  const plan = planXlsxUpgrade(workbook, layout);
  if (plan.status === 'refused') {
    io.err(cliText.upgradeRefused);
    for (const refusal of plan.refusals) io.err(cliText.listItem(refusal.message));
    return EXIT.problems;
  }
  if (plan.status === 'current') {
    io.out(cliText.alreadyCurrent(file));
    return EXIT.ok;
  }
  applyXlsxUpgrade(workbook, plan, spec);
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
  io.out(cliText.upgraded(output));
  for (const change of plan.changes) io.out(cliText.listItem(change));
  return EXIT.ok;
}
