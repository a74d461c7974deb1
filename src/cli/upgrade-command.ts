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
import { EXIT, type CliIO } from './io';
import { copyTargetProblem } from './tracking-files';
import { cliText } from '../i18n/cli';

/**
 * `accrochage upgrade <fichier.xlsx> -o <copie.xlsx>`: brings an older template to the current version in a
 * copy (columns, sheets, lists and version added; every value, row and format kept). The input is never
 * written. Exit 0 when upgraded or already current, 1 when the upgrade is refused, 2 when unusable.
 */
export async function upgradeCommand(io: CliIO, file: string, options: { output?: string }): Promise<number> {
  const output = options.output;
  const refused = copyTargetProblem(file, output, 'copie.xlsx');
  if (refused !== undefined || output === undefined) {
    io.err(refused ?? '');
    return EXIT.unusable;
  }
  let workbook;
  try {
    workbook = await readWholeWorkbook(file);
  } catch (error) {
    io.err(cliText.unreadableWorkbook(file, error instanceof Error ? error.message : String(error)));
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
  const partial = `${output}.partiel.xlsx`;
  try {
    await workbook.xlsx.writeFile(partial);
    await fs.rename(partial, output);
  } finally {
    await fs.rm(partial, { force: true });
  }
  io.out(cliText.upgraded(output));
  for (const change of plan.changes) io.out(cliText.listItem(change));
  return EXIT.ok;
}
