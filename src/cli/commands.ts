import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { checkWorkbook } from '../core/check';
import {
  exportFileName,
  prepareExport,
  validateExport,
  writePreparedXml,
  xsdProblemsAsIssues,
} from '../core/export';
import { buildTemplateLayout, layoutAsJson } from '../core/layout';
import type { WorkbookData } from '../core/types';
import { readTemplateWorkbook, UnusableWorkbookError } from '../workbook/xlsx-reader';
import { createTemplateWorkbook } from '../workbook/xlsx-template';
import { EXIT, type CliIO } from './io';
import { formatIssue, formatSummary, plural } from './output';
import { validateXml as validateXmlInNode } from '../core/xsd/validate-xml';

/** The CLI commands, as functions returning an exit code, so tests call them directly. */

export async function templateCommand(
  io: CliIO,
  options: { output?: string; json?: boolean },
): Promise<number> {
  if (options.json) {
    io.out(JSON.stringify(layoutAsJson(buildTemplateLayout())));
    return EXIT.ok;
  }
  const output = options.output ?? 'modele-accrochage-cdc.xlsx';
  if (await exists(output)) {
    io.err(
      `Le fichier ${output} existe déjà : choisissez un autre nom avec -o (aucun fichier n'a été modifié).`,
    );
    return EXIT.unusable;
  }
  await createTemplateWorkbook().xlsx.writeFile(output);
  io.out(`Modèle créé : ${output}`);
  return EXIT.ok;
}

async function exists(path: string): Promise<boolean> {
  return fs
    .access(path)
    .then(() => true)
    .catch(() => false);
}

async function readWorkbook(io: CliIO, file: string): Promise<WorkbookData | undefined> {
  if (!(await exists(file))) {
    io.err(`Fichier introuvable : ${file}`);
    return undefined;
  }
  try {
    return await readTemplateWorkbook(file, (rows) => io.progress(`Lecture… ${plural(rows, 'ligne')}`));
  } catch (error) {
    if (error instanceof UnusableWorkbookError) {
      io.err(error.message);
      return undefined;
    }
    throw error;
  }
}

export async function checkCommand(io: CliIO, file: string, options: { json?: boolean }): Promise<number> {
  const data = await readWorkbook(io, file);
  if (!data) return EXIT.unusable;
  const result = checkWorkbook(data);
  if (options.json) io.out(JSON.stringify(result.issues, null, 2));
  else {
    for (const issue of result.issues) io.out(formatIssue(issue));
    io.out(formatSummary(result.summary));
  }
  return result.summary.errors > 0 ? EXIT.problems : EXIT.ok;
}

export async function exportCommand(
  io: CliIO,
  file: string,
  options: { output?: string; now?: Date; idFlux?: string },
): Promise<number> {
  const data = await readWorkbook(io, file);
  if (!data) return EXIT.unusable;
  const preparation = prepareExport(data, { now: options.now, idFlux: options.idFlux });
  if (!preparation.ok) {
    for (const issue of preparation.check.issues) io.out(formatIssue(issue));
    io.out(formatSummary(preparation.check.summary));
    io.err('Export refusé : corrigez les erreurs ci-dessus, aucun fichier XML n’a été écrit.');
    return EXIT.problems;
  }
  const { prepared } = preparation;
  const output = options.output ?? exportFileName(prepared.flux.header['3.1'], prepared.flux.horodatage);
  // Write next to the target, validate, and only then give the file its name: a refused export leaves nothing.
  const partial = `${output}.partiel`;
  const { chunks } = writePreparedXml(data, prepared);
  const stream = createWriteStream(partial, { encoding: 'utf8' });
  let written = 0;
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
    written += chunk.length;
  }
  stream.end();
  await once(stream, 'finish');
  if (written > 5e6) io.progress(`XML écrit (${(written / 1e6).toFixed(0)} Mo), validation XSD…`);
  // Validated in parts on both cores (validate-in-parts.ts): same verdict as the whole file, flat memory.
  const report = await validateExport(data, prepared, validateXmlInNode, {
    validation: {
      concurrency: availableParallelism(),
      onProgress: (done, total) =>
        total > 20000 &&
        io.progress(`Validation XSD… ${plural(done, 'passage')} sur ${total.toLocaleString('fr-FR')}`),
    },
  });
  if (!report.valid) {
    await fs.rm(partial, { force: true });
    for (const issue of xsdProblemsAsIssues(report.errors, data.passages.name)) io.out(formatIssue(issue));
    io.err(
      'Export refusé : le fichier produit ne passe pas le XSD (voir ci-dessus) ; aucun fichier n’a été écrit.',
    );
    return EXIT.problems;
  }
  await fs.rename(partial, output);
  const { summary } = prepared.check;
  for (const issue of prepared.check.issues) io.out(formatIssue(issue));
  io.out(
    `Fichier écrit : ${output} — ${plural(summary.passages, 'passage')}, ` +
      `${plural(prepared.flux.certifications.length, 'certification')}, idFlux ${prepared.flux.idFlux}` +
      (summary.warnings > 0 ? ` (${plural(summary.warnings, 'avertissement')})` : '') +
      '. Valide selon le XSD 1.1.2.',
  );
  return EXIT.ok;
}

export async function validateCommand(io: CliIO, file: string, options: { json?: boolean }): Promise<number> {
  if (!(await exists(file))) {
    io.err(`Fichier introuvable : ${file}`);
    return EXIT.unusable;
  }
  const report = await validateXmlInNode(await fs.readFile(file), {});
  if (options.json) io.out(JSON.stringify(report.errors, null, 2));
  else {
    for (const problem of report.errors) io.out(`ERREUR ${problem.message}`);
    io.out(
      report.valid
        ? `${file} est valide selon le XSD de la CDC.`
        : `${file} n'est pas valide : ${plural(report.errors.length, 'erreur')}.`,
    );
  }
  return report.valid ? EXIT.ok : EXIT.problems;
}
