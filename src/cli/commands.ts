import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import { checkWorkbook } from '../core/check';
import {
  officialXsdValidator,
  prepareExport,
  trackingOfPreparedExport,
  validateExport,
  xsdProblemsAsIssues,
} from '../core/export';
import { compareOfficialXsd, readOfficialXsd } from '../core/official-xsd';
import type { ExportMode } from '../core/tracking/types';
import type { ValidateXml } from '../core/xsd/xml-validator';
import { getDictionary } from '../dictionary';
import { TrackingWriteError, writeTrackingCopy } from '../workbook/xlsx-tracking';
import { defaultTrackingPath } from './tracking-files';
import { commandMessages, exitMessages, outputMessages } from './cli-messages';
import { ExportOutputs } from './export-outputs';
import { OutputRefusedError, writeOutput } from './output-files';
import { OutputPolicy, type ClaimedOutput } from './output-policy';
import { verifyWrittenWorkbook } from './workbook-outputs';
import { frenchErrorMessage } from './system-errors';
import { buildTemplateLayout, layoutAsJson } from '../core/layout';
import type { Issue, WorkbookData } from '../core/types';
import { readTemplateWorkbook } from '../workbook/xlsx-reader';
import { createTemplateWorkbook } from '../workbook/xlsx-template';
import { EXIT, type CliIO } from './io';
import {
  formatDeadlines,
  formatIssue,
  formatOmitted,
  formatReadiness,
  formatSummary,
  plural,
} from './output';
import { listedIssues, withBoundedMessages } from '../core/bounded-issues';
import { validateXml as validateXmlInNode } from '../core/xsd/validate-xml';
import { xmlInputRefusal, xmlSizeRefusal } from '../core/xml-input-guard';

/** The CLI commands, as functions returning an exit code, so tests call them directly. */

export async function templateCommand(
  io: CliIO,
  options: { output?: string; json?: boolean; remplacer?: boolean },
): Promise<number> {
  if (options.json) {
    io.out(JSON.stringify(layoutAsJson(buildTemplateLayout())));
    return EXIT.ok;
  }
  const output = options.output ?? 'modele-accrochage-cdc.xlsx';
  const claim = await (
    await OutputPolicy.forInputs([])
  ).claim({ path: output, kind: 'workbook', option: '-o', replace: options.remplacer });
  if (!claim.ok) {
    io.err(claim.message);
    return EXIT.unusable;
  }
  await writeOutput(
    claim.output,
    (temp) => createTemplateWorkbook().xlsx.writeFile(temp),
    (temp) => verifyWrittenWorkbook(temp),
  );
  io.out(
    `Modèle créé : ${output}${claim.output.replaces ? outputMessages.replaced(claim.output.replaces) : ''}`,
  );
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
    const message = frenchErrorMessage(error, { file, action: 'read' });
    if (message === undefined) throw error;
    io.err(message);
    return undefined;
  }
}

/** The first problems in full, then a count: bounded output whatever the workbook (all of them with --json). */
function printIssues(io: CliIO, issues: readonly Issue[]): void {
  const { listed, omitted } = listedIssues(issues);
  for (const issue of listed) io.out(formatIssue(issue));
  if (omitted.errors + omitted.warnings > 0) io.out(formatOmitted(omitted));
}

export async function checkCommand(
  io: CliIO,
  file: string,
  options: { json?: boolean; today?: Date },
): Promise<number> {
  const data = await readWorkbook(io, file);
  if (!data) return EXIT.unusable;
  const result = checkWorkbook(data, { today: options.today });
  if (options.json) io.out(JSON.stringify(withBoundedMessages(result).issues, null, 2));
  else {
    // Bounded whatever the workbook: the first problems in full, then a count (all of them with --json).
    printIssues(io, result.issues);
    io.out(formatReadiness(result.readinessSummary));
    for (const line of formatDeadlines(result.readinessSummary, result.deadlines)) io.out(line);
    io.out(formatSummary(result.summary));
  }
  return result.summary.errors > 0 ? EXIT.problems : EXIT.ok;
}

export interface ExportCommandOptions {
  output?: string;
  now?: Date;
  idFlux?: string;
  /** tous | non-envoyes | rejetes */
  mode?: string;
  /** At most this many passages per file (split beyond). */
  maxPassages?: string | number;
  /** Official XSD from the CDC portal: exports must pass it too. */
  xsd?: string;
  /** Where to record the rows sent and the history (default `<name>-suivi.xlsx`). */
  suivi?: string;
  /** --remplacer: the workbook named by --suivi may be replaced (or updated in place, when it is the input). */
  remplacer?: boolean;
  /** Byte cap per file; only tests lower it. */
  maxBytes?: number;
  /** Rows above which the default tracking copy is skipped; only tests lower it. */
  trackingCopyMaxRows?: number;
}

const MODES: Readonly<Record<string, ExportMode>> = {
  tous: 'all',
  'non-envoyes': 'notSent',
  'non-envoyés': 'notSent',
  rejetes: 'rejected',
  rejetés: 'rejected',
};

/** Above this many passage rows, the CLI writes the tracking copy only when --suivi names it. */
export const TRACKING_COPY_MAX_ROWS = 20_000;

export async function exportCommand(
  io: CliIO,
  file: string,
  options: ExportCommandOptions = {},
): Promise<number> {
  const mode = MODES[(options.mode ?? 'tous').toLowerCase()];
  if (mode === undefined) {
    io.err(`Mode d’export inconnu : ${options.mode}. Choisissez tous, non-envoyes ou rejetes.`);
    return EXIT.unusable;
  }
  const maxPassages = options.maxPassages === undefined ? undefined : Number(options.maxPassages);
  if (maxPassages !== undefined && !(Number.isSafeInteger(maxPassages) && maxPassages >= 1)) {
    io.err(
      `--max-passages attend un nombre entier de passages par fichier (1 ou plus), pas « ${options.maxPassages} ».`,
    );
    return EXIT.unusable;
  }
  // Every output named on the command line is checked before any work (output-policy.ts).
  const plan = await ExportOutputs.plan(file, options);
  if (!plan.ok) {
    io.err(plan.message);
    return EXIT.unusable;
  }
  const outputs = plan.outputs;
  let officialXsd: { fileName: string; contents: string } | undefined;
  if (options.xsd !== undefined) {
    if (!(await exists(options.xsd))) {
      io.err(`Fichier introuvable : ${options.xsd}`);
      return EXIT.unusable;
    }
    const contents = await fs.readFile(options.xsd, 'utf8');
    const read = readOfficialXsd(contents);
    if (!read.ok) {
      io.err(`XSD inutilisable (${options.xsd}) : ${read.message}`);
      return EXIT.unusable;
    }
    const comparison = compareOfficialXsd(read.identity);
    for (const note of comparison.notes) io.out(`ATTENTION ${note}`);
    if (comparison.blocking) {
      io.err(
        'Export refusé : le XSD fourni ne correspond pas aux fichiers que produit cet outil (voir ci-dessus) ; aucun fichier n’a été écrit.',
      );
      return EXIT.problems;
    }
    officialXsd = { fileName: 'officiel.xsd', contents };
  }
  const data = await readWorkbook(io, file);
  if (!data) return EXIT.unusable;
  // The tracking copy rewrites the whole workbook with exceljs (about 40 kB of memory per row): for very large
  // workbooks it is only written when asked for, so that the export itself stays fast and light.
  const trackingMaxRows = options.trackingCopyMaxRows ?? TRACKING_COPY_MAX_ROWS;
  const tooLarge = options.suivi === undefined && data.passages.rows.length > trackingMaxRows;
  const preparation = prepareExport(data, {
    now: options.now,
    idFlux: options.idFlux,
    mode,
    maxPassagesPerFile: maxPassages,
    maxBytesPerFile: options.maxBytes,
  });
  if (!preparation.ok) {
    printIssues(io, preparation.check.issues);
    io.out(formatSummary(preparation.check.summary));
    io.err('Export refusé : corrigez les erreurs ci-dessus, aucun fichier XML n’a été écrit.');
    return EXIT.problems;
  }
  const { prepared } = preparation;
  const claims = await outputs.claimFluxNames(prepared);
  const refused = claims?.find((c) => !c.ok);
  if (claims === undefined || (refused !== undefined && !refused.ok)) {
    io.err(refused && !refused.ok ? refused.message : outputMessages.noFreeName(options.output ?? file));
    return EXIT.unusable;
  }
  // The default copy may already hold the history of earlier sends: never overwrite it; the XML is still
  // produced (it is what the user came for) and the message says how to record the send.
  const trackingTarget = await outputs.trackingTarget(tooLarge);
  const dictionary = getDictionary();
  // Written under temporary names and verified on the disk, validated, and only then given their names:
  // a refused export leaves nothing.
  await outputs.writeFluxFiles(
    claims.map((c) => (c as { output: ClaimedOutput }).output),
    prepared,
    dictionary,
  );
  try {
    const written = outputs.files.reduce((n, f) => n + f.written.bytes, 0);
    if (written > 5e6) io.progress(`XML écrit (${(written / 1e6).toFixed(0)} Mo), validation XSD…`);
    // Validated in parts on both cores (validate-in-parts.ts): same verdict as the whole file, flat memory.
    const validators: { label: string; validate: ValidateXml }[] = [
      { label: 'le XSD', validate: validateXmlInNode },
    ];
    if (officialXsd)
      validators.push({
        label: 'le XSD officiel fourni',
        validate: officialXsdValidator(validateXmlInNode, officialXsd),
      });
    for (const { label, validate } of validators) {
      const report = await validateExport(data, prepared, validate, {
        validation: {
          concurrency: availableParallelism(),
          onProgress: (done, total) =>
            total > 20000 &&
            done > 0 &&
            io.progress(`Validation XSD… ${plural(done, 'passage')} sur ${total.toLocaleString('fr-FR')}`),
        },
      });
      if (!report.valid) {
        for (const issue of xsdProblemsAsIssues(report.errors, data.passages.name))
          io.out(formatIssue(issue));
        io.err(
          `Export refusé : le fichier produit ne passe pas ${label} (voir ci-dessus) ; aucun fichier n’a été écrit.`,
        );
        await outputs.discard();
        return EXIT.problems;
      }
    }
  } catch (error) {
    await outputs.discard();
    throw error;
  }
  try {
    await outputs.commitFlux(prepared);
  } catch (error) {
    if (!(error instanceof OutputRefusedError)) throw error;
    io.err(error.message);
    return EXIT.unusable;
  }
  const names = outputs.names;

  const { summary } = prepared.check;
  printIssues(io, prepared.check.issues);
  const schemas = officialXsd
    ? 'Valide selon le XSD 1.1.2 et le XSD officiel fourni'
    : 'Valide selon le XSD 1.1.2';
  const verified = commandMessages.verifiedOnDisk(schemas);
  const replaced = (i: number) => {
    const previous = outputs.files[i].output.replaces;
    return previous ? outputMessages.replaced(previous) : '';
  };
  if (names.length === 1) {
    io.out(
      `Fichier écrit : ${names[0]}${replaced(0)} — ${plural(summary.passages, 'passage')}, ` +
        `${plural(prepared.flux.certifications.length, 'certification')}, idFlux ${prepared.parts[0].flux.idFlux}` +
        (summary.warnings > 0 ? ` (${plural(summary.warnings, 'avertissement')})` : '') +
        `. ${verified}`,
    );
  } else {
    io.out(
      `${plural(summary.passages, 'passage')} répartis en ${names.length} fichiers` +
        (summary.warnings > 0 ? ` (${plural(summary.warnings, 'avertissement')})` : '') +
        ` ; chacun est à déposer séparément. ${verified}`,
    );
    for (const [i, name] of names.entries()) {
      const part = prepared.parts[i];
      io.out(
        `Fichier écrit : ${name}${replaced(i)} — ${plural(part.passages, 'passage')}, idFlux ${part.flux.idFlux}`,
      );
    }
  }

  if ('skip' in trackingTarget) {
    if (trackingTarget.skip === 'exists') {
      const copy = defaultTrackingPath(file, outputs.macros);
      const command = `accrochage export ${copy} --suivi ${copy} --remplacer`;
      io.out(`Suivi non enregistré : ${outputMessages.trackingExists(copy, '--suivi', command)}`);
    } else if (trackingTarget.skip === 'refused') {
      io.out(
        `Suivi non enregistré : ${trackingTarget.message?.replace(/\s*Aucun fichier n’a été écrit\.$/, '')}`,
      );
    } else {
      io.out(
        `Suivi non enregistré : au-delà de ${trackingMaxRows.toLocaleString('fr-FR')} lignes, la copie de suivi ` +
          'n’est écrite que sur demande (elle réécrit tout le classeur). Relancez avec --suivi <fichier.xlsx> pour ' +
          'marquer ces lignes « Envoyé » et ajouter l’envoi à l’historique, ou notez les idFlux ci-dessus.',
      );
    }
    return EXIT.ok;
  }
  const target = trackingTarget.write;
  const tracking = trackingOfPreparedExport(data, prepared, outputs.baseNames);
  try {
    await writeOutput(
      target,
      (temp) => writeTrackingCopy(file, temp, tracking),
      (temp) => outputs.verifyTracking(temp),
    );
  } catch (error) {
    const reason =
      error instanceof TrackingWriteError || error instanceof OutputRefusedError
        ? error.message
        : (frenchErrorMessage(error, { file: target.path, action: 'write' }) ??
          `erreur inattendue : ${error instanceof Error ? error.message : String(error)}`);
    io.err(
      exitMessages.trackingFailed(
        names,
        prepared.parts.map((p) => p.flux.idFlux),
        target.path,
        reason.replace(/\s*Aucun fichier n’a été écrit\.$/, '').replace(/\.$/, ''),
      ),
    );
    return EXIT.partial;
  }
  io.out(
    `Suivi enregistré dans ${target.path}${target.replaces ? commandMessages.trackingUpdated : ''} : ` +
      `${plural(tracking.updates.length, 'ligne marquée', 'lignes marquées')} ` +
      `« Envoyé » avec leur idFlux, ${plural(tracking.history.length, 'envoi ajouté', 'envois ajoutés')} à la feuille Historique.`,
  );
  return EXIT.ok;
}

export async function validateCommand(io: CliIO, file: string, options: { json?: boolean }): Promise<number> {
  const stats = await fs.stat(file).catch(() => undefined);
  if (stats === undefined) {
    io.err(`Fichier introuvable : ${file}`);
    return EXIT.unusable;
  }
  if (stats.isDirectory()) {
    io.err(commandMessages.xmlIsFolder(file));
    return EXIT.unusable;
  }
  // Refused like an import: too large, DOCTYPE (entities), a zip; the size before reading anything.
  const sizeRefusal = xmlSizeRefusal(stats.size);
  const bytes = sizeRefusal ? undefined : await fs.readFile(file);
  const refusal = sizeRefusal ?? xmlInputRefusal(bytes as Uint8Array);
  if (refusal || bytes === undefined) {
    io.err(commandMessages.xmlRefused(file, refusal?.message ?? ''));
    return EXIT.unusable;
  }
  const report = await validateXmlInNode(bytes, {});
  if (options.json) io.out(JSON.stringify(report.errors, null, 2));
  else {
    for (const problem of report.errors) io.out(`ERREUR ${problem.message}`);
    io.out(
      report.valid
        ? `${file} est valide selon le XSD de la CDC.`
        : report.errors.length === 0
          ? commandMessages.invalidWithoutDetail(file)
          : `${file} n'est pas valide : ${plural(report.errors.length, 'erreur')}.`,
    );
  }
  return report.valid ? EXIT.ok : EXIT.problems;
}
