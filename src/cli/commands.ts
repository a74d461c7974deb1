import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import { checkWorkbook } from '../core/check/check';
import {
  officialXsdValidator,
  prepareExport,
  trackingOfPreparedExport,
  validateExport,
  xsdProblemsAsIssues,
} from '../core/export/export';
import { compareOfficialXsd, readOfficialXsd } from '../core/xsd/official-xsd';
import type { ExportMode } from '../core/tracking/types';
import { defaultExportMode, sendsOverview } from '../core/tracking/sends';
import type { ValidateXml } from '../core/xsd/xml-validator';
import type { Dictionary } from '../dictionary';
import { commandDictionary } from './schema';
import { TrackingWriteError, writeTrackingCopy } from '../xlsx/xlsx-tracking';
import { probeRawTrackingCopy } from '../xlsx/xlsx-tracking-patch';
import { defaultTrackingPath } from './tracking-files';
import { ExportOutputs } from './export-outputs';
import { OutputRefusedError, writeOutput } from './output-files';
import { OutputPolicy, type ClaimedOutput } from './output-policy';
import { verifyWrittenWorkbook } from './workbook-outputs';
import { frenchErrorMessage } from './system-errors';
import { buildTemplateLayout, layoutAsJson } from '../core/template/layout';
import type { Issue, WorkbookData } from '../core/model/types';
import { readTemplateWorkbook } from '../xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../xlsx/xlsx-template';
import { EXIT, type CliIO } from './io';
import {
  formatDeadlines,
  formatIssue,
  formatOmitted,
  formatReadiness,
  formatSummary,
  issueAsJson,
} from './output';
import { cliText } from '../i18n/cli';
import { exitText, outputText } from '../i18n/cli-files';
import { listedIssues, withBoundedMessages } from '../core/check/bounded-issues';
import { validateXml as validateXmlInNode } from '../workers/node/validate-xml';
import { xmlInputRefusal, xmlSizeRefusal } from '../core/import/xml-input-guard';

/** The CLI commands, as functions returning an exit code, so tests call them directly. */

export async function templateCommand(
  io: CliIO,
  options: { output?: string; json?: boolean; remplacer?: boolean },
): Promise<number> {
  const dictionary = commandDictionary();
  if (options.json) {
    io.out(JSON.stringify(layoutAsJson(buildTemplateLayout(dictionary))));
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
    (temp) => createTemplateWorkbook(dictionary).xlsx.writeFile(temp),
    (temp) => verifyWrittenWorkbook(temp),
  );
  const replaced = claim.output.replaces ? outputText.replaced(claim.output.replaces) : '';
  io.out(cliText.templateCreated(output, replaced));
  return EXIT.ok;
}

async function exists(path: string): Promise<boolean> {
  return fs
    .access(path)
    .then(() => true)
    .catch(() => false);
}

async function readWorkbook(
  io: CliIO,
  file: string,
  dictionary: Dictionary,
): Promise<WorkbookData | undefined> {
  if (!(await exists(file))) {
    io.err(cliText.fileNotFound(file));
    return undefined;
  }
  try {
    return await readTemplateWorkbook(file, dictionary, (rows) => io.progress(cliText.reading(rows)));
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
  const dictionary = commandDictionary();
  const data = await readWorkbook(io, file, dictionary);
  if (!data) return EXIT.unusable;
  const result = checkWorkbook(data, { dictionary, today: options.today });
  if (options.json) io.out(JSON.stringify(withBoundedMessages(result).issues.map(issueAsJson), null, 2));
  else {
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
  /** Rows above which the default tracking copy is skipped when only the exceljs path can write it; only tests lower it. */
  trackingCopyMaxRows?: number;
  /** --inclure-inchanges: « rejetes » also sends rejected rows unchanged since the rejection. */
  inclureInchanges?: boolean;
}

const MODES: Readonly<Record<string, ExportMode>> = {
  tous: 'all',
  'non-envoyes': 'notSent',
  'non-envoyés': 'notSent',
  rejetes: 'rejected',
  rejetés: 'rejected',
};

/**
 * Above this many passage rows, the CLI writes the tracking copy only when --suivi names it, if the copy needs the
 * exceljs path (a workbook without every round-trip column or the history sheet: xlsx-tracking.ts). The raw copy
 * of a workbook made from the template has no cap: it streams the passages sheet in flat memory.
 */
export const TRACKING_COPY_MAX_ROWS = 20_000;

export async function exportCommand(
  io: CliIO,
  file: string,
  options: ExportCommandOptions = {},
): Promise<number> {
  // No --mode: decided once the workbook is read, like the pane (defaultExportMode).
  const chosenMode = options.mode === undefined ? undefined : MODES[options.mode.toLowerCase()];
  if (options.mode !== undefined && chosenMode === undefined) {
    io.err(cliText.unknownMode(options.mode));
    return EXIT.unusable;
  }
  const maxPassages = options.maxPassages === undefined ? undefined : Number(options.maxPassages);
  if (maxPassages !== undefined && !(Number.isSafeInteger(maxPassages) && maxPassages >= 1)) {
    io.err(cliText.badMaxPassages(options.maxPassages));
    return EXIT.unusable;
  }
  // Every output named on the command line is checked before any work (output-policy.ts).
  const plan = await ExportOutputs.plan(file, options);
  if (!plan.ok) {
    io.err(plan.message);
    return EXIT.unusable;
  }
  const outputs = plan.outputs;
  const dictionary = commandDictionary();
  let officialXsd: { fileName: string; contents: string } | undefined;
  if (options.xsd !== undefined) {
    if (!(await exists(options.xsd))) {
      io.err(cliText.fileNotFound(options.xsd));
      return EXIT.unusable;
    }
    const contents = await fs.readFile(options.xsd, 'utf8');
    const read = readOfficialXsd(contents);
    if (!read.ok) {
      io.err(cliText.unusableXsd(options.xsd, read.message));
      return EXIT.unusable;
    }
    const comparison = compareOfficialXsd(read.identity, dictionary);
    for (const note of comparison.notes) io.out(cliText.warning(note));
    if (comparison.blocking) {
      io.err(cliText.officialXsdBlocks);
      return EXIT.problems;
    }
    officialXsd = { fileName: 'officiel.xsd', contents };
  }
  const data = await readWorkbook(io, file, dictionary);
  if (!data) return EXIT.unusable;
  const mode = chosenMode ?? defaultExportMode(sendsOverview(data).counts);
  if (chosenMode === undefined && mode === 'notSent') io.out(cliText.defaultModeNotSent);
  // A workbook made from the template gets the raw copy (xlsx-tracking-patch.ts), at any size. Older layouts need
  // the exceljs path, which rewrites the whole workbook (about 40 kB of memory per row): for very large workbooks
  // that copy is only written when asked for, so that the export itself stays fast and light.
  const trackingMaxRows = options.trackingCopyMaxRows ?? TRACKING_COPY_MAX_ROWS;
  const tooLarge =
    options.suivi === undefined &&
    data.passages.rows.length > trackingMaxRows &&
    (await probeRawTrackingCopy(file, dictionary, { history: true })) !== true;
  const preparation = prepareExport(data, {
    dictionary,
    now: options.now,
    idFlux: options.idFlux,
    mode,
    includeUnchanged: options.inclureInchanges === true,
    maxPassagesPerFile: maxPassages,
    maxBytesPerFile: options.maxBytes,
  });
  if (!preparation.ok) {
    printIssues(io, preparation.check.issues);
    io.out(formatSummary(preparation.check.summary));
    io.err(cliText.exportBlocked);
    return EXIT.problems;
  }
  const { prepared } = preparation;
  const claims = await outputs.claimFluxNames(prepared);
  const refused = claims?.find((c) => !c.ok);
  if (claims === undefined || (refused !== undefined && !refused.ok)) {
    io.err(refused && !refused.ok ? refused.message : outputText.noFreeName(options.output ?? file));
    return EXIT.unusable;
  }
  // The default copy may already hold the history of earlier sends: never overwrite it; the XML is still
  // produced (it is what the user came for) and the message says how to record the send.
  const trackingTarget = await outputs.trackingTarget(tooLarge);
  // Written under temporary names and verified on the disk, validated, and only then given their names:
  // a refused export leaves nothing. The validation (worker threads) and the writing with its read-back (this
  // thread and the disk) need nothing from each other, so they overlap; nothing is named before both succeed.
  const validators: { label: string; validate: ValidateXml }[] = [
    { label: cliText.ourXsd, validate: validateXmlInNode },
  ];
  if (officialXsd)
    validators.push({
      label: cliText.officialXsd,
      validate: officialXsdValidator(validateXmlInNode, officialXsd),
    });
  const validation = (async () => {
    for (const { label, validate } of validators) {
      // Validated in parts on every core (validate-in-parts.ts): same verdict as the whole file, flat memory.
      const report = await validateExport(data, prepared, validate, {
        dictionary,
        validation: {
          concurrency: availableParallelism(),
          onProgress: (done, total) =>
            total > 20000 && done > 0 && io.progress(cliText.validating(done, total)),
        },
      });
      if (!report.valid) return { label, report };
    }
    return undefined;
  })().then(
    // Settled here, so that a failure while the files are still being written is never an unhandled rejection.
    (refusal) => ({ ok: true as const, refusal }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  // A failed write (disk full…) throws after removing its temporary files; the verdict then no longer matters.
  await outputs.writeFluxFiles(
    claims.map((c) => (c as { output: ClaimedOutput }).output),
    prepared,
    dictionary,
  );
  const bytes = outputs.files.reduce((n, f) => n + f.written.bytes, 0);
  if (bytes > 5e6) io.progress(cliText.xmlWritten(bytes / 1e6));
  const validated = await validation;
  if (!validated.ok) {
    await outputs.discard();
    throw validated.error;
  }
  const { refusal } = validated;
  if (refusal) {
    for (const issue of xsdProblemsAsIssues(refusal.report.errors, data.passages.name))
      io.out(formatIssue(issue));
    io.err(cliText.xsdRefused(refusal.label));
    await outputs.discard();
    return EXIT.problems;
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
  // Said with the files: rows left out of « rejetes » would have been rejected again.
  if (prepared.selection.unchanged.length > 0) io.out(cliText.unchangedLeftOut(prepared.selection.unchanged));
  const schemas = cliText.validAgainst(dictionary.schema.version, officialXsd !== undefined);
  const warnings = cliText.warnings(summary.warnings);
  const replaced = (i: number) => {
    const previous = outputs.files[i].output.replaces;
    return previous ? outputText.replaced(previous) : '';
  };
  if (names.length === 1) {
    io.out(
      cliText.fileWritten(
        names[0],
        replaced(0),
        summary.passages,
        prepared.flux.certifications.length,
        prepared.parts[0].flux.idFlux,
        warnings,
        schemas,
      ),
    );
  } else {
    io.out(cliText.filesWritten(summary.passages, names.length, warnings, schemas));
    for (const [i, name] of names.entries()) {
      const part = prepared.parts[i];
      io.out(cliText.partWritten(name, replaced(i), part.passages, part.flux.idFlux));
    }
  }

  if ('skip' in trackingTarget) {
    if (trackingTarget.skip === 'exists') {
      const copy = defaultTrackingPath(file, outputs.macros);
      const command = `accrochage export ${copy} --suivi ${copy} --remplacer`;
      io.out(cliText.trackingNotWritten(outputText.trackingExists(copy, '--suivi', command)));
    } else if (trackingTarget.skip === 'refused') {
      io.out(cliText.trackingNotWritten(trackingTarget.message ?? ''));
    } else {
      io.out(cliText.trackingTooLarge(trackingMaxRows));
    }
    return EXIT.ok;
  }
  const target = trackingTarget.write;
  const tracking = trackingOfPreparedExport(data, prepared, outputs.baseNames, dictionary);
  try {
    await writeOutput(
      target,
      (temp) => writeTrackingCopy(file, temp, tracking, dictionary),
      (temp) => outputs.verifyTracking(temp),
    );
  } catch (error) {
    const reason =
      error instanceof TrackingWriteError || error instanceof OutputRefusedError
        ? error.message
        : (frenchErrorMessage(error, { file: target.path, action: 'write' }) ??
          cliText.unexpectedReason(error instanceof Error ? error.message : String(error)));
    io.err(
      exitText.trackingFailed(
        names,
        prepared.parts.map((p) => p.flux.idFlux),
        target.path,
        reason.replace(/\s*Aucun fichier n’a été écrit\.$/, '').replace(/\.$/, ''),
      ),
    );
    return EXIT.partial;
  }
  io.out(
    cliText.trackingWritten(
      target.path,
      target.replaces !== undefined,
      tracking.updates.length,
      tracking.history.length,
    ),
  );
  return EXIT.ok;
}

export async function validateCommand(io: CliIO, file: string, options: { json?: boolean }): Promise<number> {
  const stats = await fs.stat(file).catch(() => undefined);
  if (stats === undefined) {
    io.err(cliText.fileNotFound(file));
    return EXIT.unusable;
  }
  if (stats.isDirectory()) {
    io.err(cliText.xmlIsFolder(file));
    return EXIT.unusable;
  }
  // Refused like an import: too large, DOCTYPE (entities), a zip; the size before reading anything.
  const sizeRefusal = xmlSizeRefusal(stats.size);
  const bytes = sizeRefusal ? undefined : await fs.readFile(file);
  const refusal = sizeRefusal ?? xmlInputRefusal(bytes as Uint8Array);
  if (refusal || bytes === undefined) {
    io.err(cliText.xmlRefused(file, refusal?.message ?? ''));
    return EXIT.unusable;
  }
  const report = await validateXmlInNode(bytes, { dictionary: commandDictionary() });
  if (options.json) io.out(JSON.stringify(report.errors, null, 2));
  else {
    for (const problem of report.errors) io.out(cliText.error(problem.message));
    io.out(report.valid ? cliText.xmlValid(file) : cliText.xmlInvalid(file, report.errors.length));
  }
  return report.valid ? EXIT.ok : EXIT.problems;
}
