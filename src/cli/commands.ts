import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { checkWorkbook } from '../core/check/check';
import {
  officialXsdValidator,
  partFileNames,
  prepareExport,
  trackingOfPreparedExport,
  validateExport,
  xsdProblemsAsIssues,
} from '../core/export/export';
import { compareOfficialXsd, readOfficialXsd } from '../core/xsd/official-xsd';
import type { ExportMode } from '../core/tracking/types';
import { writeFluxXml } from '../core/xml/flux-writer';
import type { ValidateXml } from '../core/xsd/xml-validator';
import { commandDictionary } from './schema';
import { writeTrackingCopy } from '../xlsx/xlsx-tracking';
import { trackingTarget, trackingTargetProblem } from './tracking-files';
import { buildTemplateLayout, layoutAsJson } from '../core/template/layout';
import type { WorkbookData } from '../core/model/types';
import { readTemplateWorkbook, UnusableWorkbookError } from '../xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../xlsx/xlsx-template';
import { EXIT, type CliIO } from './io';
import { formatDeadlines, formatIssue, formatReadiness, formatSummary, issueAsJson } from './output';
import { cliText } from '../i18n/cli';
import { validateXml as validateXmlInNode } from '../core/xsd/validate-xml';

/** The CLI commands, as functions returning an exit code, so tests call them directly. */

export async function templateCommand(
  io: CliIO,
  options: { output?: string; json?: boolean },
): Promise<number> {
  if (options.json) {
    io.out(JSON.stringify(layoutAsJson(buildTemplateLayout(commandDictionary()))));
    return EXIT.ok;
  }
  const output = options.output ?? 'modele-accrochage-cdc.xlsx';
  if (await exists(output)) {
    io.err(cliText.outputExists(output));
    return EXIT.unusable;
  }
  await createTemplateWorkbook(commandDictionary()).xlsx.writeFile(output);
  io.out(cliText.templateCreated(output));
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
    io.err(cliText.fileNotFound(file));
    return undefined;
  }
  try {
    return await readTemplateWorkbook(file, (rows) => io.progress(cliText.reading(rows)));
  } catch (error) {
    if (error instanceof UnusableWorkbookError) {
      io.err(error.message);
      return undefined;
    }
    throw error;
  }
}

export async function checkCommand(
  io: CliIO,
  file: string,
  options: { json?: boolean; today?: Date },
): Promise<number> {
  const data = await readWorkbook(io, file);
  if (!data) return EXIT.unusable;
  const result = checkWorkbook(data, { dictionary: commandDictionary(), today: options.today });
  if (options.json) io.out(JSON.stringify(result.issues.map(issueAsJson), null, 2));
  else {
    for (const issue of result.issues) io.out(formatIssue(issue));
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
    io.err(cliText.unknownMode(options.mode));
    return EXIT.unusable;
  }
  const maxPassages = options.maxPassages === undefined ? undefined : Number(options.maxPassages);
  if (maxPassages !== undefined && !(Number.isSafeInteger(maxPassages) && maxPassages >= 1)) {
    io.err(cliText.badMaxPassages(options.maxPassages));
    return EXIT.unusable;
  }
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
    const comparison = compareOfficialXsd(read.identity, commandDictionary());
    for (const note of comparison.notes) io.out(cliText.warning(note));
    if (comparison.blocking) {
      io.err(cliText.officialXsdBlocks);
      return EXIT.problems;
    }
    officialXsd = { fileName: 'officiel.xsd', contents };
  }
  const data = await readWorkbook(io, file);
  if (!data) return EXIT.unusable;
  const target = trackingTarget(file, options.suivi);
  // The tracking copy rewrites the whole workbook with exceljs (about 40 kB of memory per row): for very large
  // workbooks it is only written when asked for, so that the export itself stays fast and light.
  const trackingMaxRows = options.trackingCopyMaxRows ?? TRACKING_COPY_MAX_ROWS;
  const tooLarge = options.suivi === undefined && data.passages.rows.length > trackingMaxRows;
  // The default copy may already hold the history of earlier sends: never overwrite it; the XML is still
  // produced (it is what the user came for) and the message says how to record the send.
  const targetProblem = tooLarge ? undefined : await trackingTargetProblem(target, '--suivi');
  const skipTracking = tooLarge || targetProblem !== undefined;
  const dictionary = commandDictionary();
  const preparation = prepareExport(data, {
    dictionary,
    now: options.now,
    idFlux: options.idFlux,
    mode,
    maxPassagesPerFile: maxPassages,
    maxBytesPerFile: options.maxBytes,
  });
  if (!preparation.ok) {
    for (const issue of preparation.check.issues) io.out(formatIssue(issue));
    io.out(formatSummary(preparation.check.summary));
    io.err(cliText.exportBlocked);
    return EXIT.problems;
  }
  const { prepared } = preparation;
  const names = partFileNames(prepared, options.output);
  // Write next to the targets, validate, and only then give the files their names: a refused export leaves nothing.
  const partials = names.map((name) => `${name}.partiel`);
  let written = 0;
  try {
    for (const [i, part] of prepared.parts.entries()) {
      const stream = createWriteStream(partials[i], { encoding: 'utf8' });
      let bytes = 0;
      for (const chunk of writeFluxXml(part.flux, dictionary)) {
        if (!stream.write(chunk)) await once(stream, 'drain');
        bytes += Buffer.byteLength(chunk, 'utf8');
      }
      stream.end();
      await once(stream, 'finish');
      // The split measured every passage beforehand; this only guards against a mistake in that sum.
      if (bytes > part.estimatedBytes)
        throw new Error(`Part ${i + 1} is ${bytes} bytes, over its estimate of ${part.estimatedBytes}`);
      written += bytes;
    }
    if (written > 5e6) io.progress(cliText.xmlWritten(written / 1e6));
    // Validated in parts on both cores (validate-in-parts.ts): same verdict as the whole file, flat memory.
    const validators: { label: string; validate: ValidateXml }[] = [
      { label: cliText.ourXsd, validate: validateXmlInNode },
    ];
    if (officialXsd)
      validators.push({
        label: cliText.officialXsd,
        validate: officialXsdValidator(validateXmlInNode, officialXsd),
      });
    for (const { label, validate } of validators) {
      const report = await validateExport(data, prepared, validate, {
        dictionary,
        validation: {
          concurrency: availableParallelism(),
          onProgress: (done, total) =>
            total > 20000 && done > 0 && io.progress(cliText.validating(done, total)),
        },
      });
      if (!report.valid) {
        for (const issue of xsdProblemsAsIssues(report.errors, data.passages.name))
          io.out(formatIssue(issue));
        io.err(cliText.xsdRefused(label));
        await Promise.all(partials.map((p) => fs.rm(p, { force: true })));
        return EXIT.problems;
      }
    }
  } catch (error) {
    await Promise.all(partials.map((p) => fs.rm(p, { force: true })));
    throw error;
  }
  for (const [i, name] of names.entries()) await fs.rename(partials[i], name);

  const { summary } = prepared.check;
  for (const issue of prepared.check.issues) io.out(formatIssue(issue));
  const schemas = cliText.validAgainst(dictionary.schema.version, officialXsd !== undefined);
  const warnings = cliText.warnings(summary.warnings);
  if (names.length === 1) {
    const { certifications } = prepared.flux;
    io.out(
      cliText.fileWritten(
        names[0],
        summary.passages,
        certifications.length,
        prepared.parts[0].flux.idFlux,
        warnings,
        schemas,
      ),
    );
  } else {
    io.out(cliText.filesWritten(summary.passages, names.length, warnings, schemas));
    for (const [i, name] of names.entries()) {
      const part = prepared.parts[i];
      io.out(cliText.partWritten(name, part.passages, part.flux.idFlux));
    }
  }

  if (targetProblem !== undefined) {
    io.out(cliText.trackingNotWritten(targetProblem));
    return EXIT.ok;
  }
  if (skipTracking) {
    io.out(cliText.trackingTooLarge(trackingMaxRows));
    return EXIT.ok;
  }
  const tracking = trackingOfPreparedExport(
    data,
    prepared,
    names.map((n) => path.basename(n)),
    dictionary,
  );
  try {
    await writeTrackingCopy(file, target.path, tracking, dictionary);
  } catch (error) {
    io.err(cliText.trackingFailed(target.path, error instanceof Error ? error.message : String(error)));
    return EXIT.problems;
  }
  io.out(cliText.trackingWritten(target.path, tracking.updates.length, tracking.history.length));
  return EXIT.ok;
}

export async function validateCommand(io: CliIO, file: string, options: { json?: boolean }): Promise<number> {
  if (!(await exists(file))) {
    io.err(cliText.fileNotFound(file));
    return EXIT.unusable;
  }
  const report = await validateXmlInNode(await fs.readFile(file), { dictionary: commandDictionary() });
  if (options.json) io.out(JSON.stringify(report.errors, null, 2));
  else {
    for (const problem of report.errors) io.out(cliText.error(problem.message));
    io.out(report.valid ? cliText.xmlValid(file) : cliText.xmlInvalid(file, report.errors.length));
  }
  return report.valid ? EXIT.ok : EXIT.problems;
}
