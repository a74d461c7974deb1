import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { checkWorkbook } from '../core/check/check';
import {
  DEFAULT_MAX_IMPORT_BYTES,
  importFluxXml,
  type FluxImportResult,
  type ImportIssue,
} from '../core/import';
import {
  CONFIDENT,
  mappingTargets,
  parseSavedMapping,
  proposeMapping,
  resolveSavedMapping,
  RowMapper,
  savedMappingFrom,
  savedMappingToJson,
  type ColumnMapping,
  type MappingIssue,
} from '../core/mapping';
import { columnLetter } from '../core/template/layout';
import type { Dictionary } from '../dictionary';
import { commandDictionary } from './schema';
import { TemplateRowsWriter, type WrittenTemplate } from '../xlsx/xlsx-import-writer';
import { readTemplateWorkbook, UnusableWorkbookError } from '../xlsx/xlsx-reader';
import { readSourceSheet, type SourceSheetRows } from '../xlsx/xlsx-source-reader';
import { EXIT, type CliIO } from './io';
import { formatIssue, formatSummary } from './output';
import { cliText, importText } from '../i18n/cli';
import { outputText } from '../i18n/cli-files';
import { withPrivateTempDir } from './interruption';
import { writeOutput } from './output-files';
import { OutputPolicy, type ClaimedOutput } from './output-policy';
import { verifyWrittenWorkbook } from './workbook-outputs';

/**
 * `accrochage import` (a CDC XML file → a filled template) and `accrochage map` (another spreadsheet → a filled
 * template). Both write a new file next to nothing else: the source is only read, and an existing file is never
 * overwritten.
 */

async function exists(file: string): Promise<boolean> {
  return fs
    .access(file)
    .then(() => true)
    .catch(() => false);
}

function formatProblem(problem: ImportIssue | MappingIssue): string {
  return `${problem.severity === 'error' ? 'ERREUR' : 'ATTENTION'} ${problem.message}`;
}

/** Prints the detailed problems, then how many more of each kind were only counted. */
function printProblems(
  io: CliIO,
  issues: readonly (ImportIssue | MappingIssue)[],
  counts: Readonly<Partial<Record<string, number>>>,
): void {
  for (const issue of issues) io.out(formatProblem(issue));
  const total = Object.values(counts).reduce((n: number, c) => n + (c ?? 0), 0);
  if (total > issues.length) io.out(importText.moreRemarks(total - issues.length));
}

/** Checks the written template like `accrochage check`, when it is small enough to be read back quickly. */
async function checkWritten(
  io: CliIO,
  output: string,
  written: WrittenTemplate,
  dictionary: Dictionary,
): Promise<number> {
  if (written.streamed) {
    io.out(importText.checkBeforeExport(output));
    return 0;
  }
  const result = checkWorkbook(await readTemplateWorkbook(output, dictionary), { dictionary });
  if (result.issues.length > 0) {
    io.out(importText.checkOfWritten);
    for (const issue of result.issues) io.out(formatIssue(issue));
  }
  io.out(formatSummary(result.summary));
  return result.summary.errors;
}

/** Claims a workbook output under the output policy; prints the refusal and returns undefined when refused. */
async function claimTemplate(
  io: CliIO,
  policy: OutputPolicy,
  output: string,
  replace: boolean | undefined,
): Promise<ClaimedOutput | undefined> {
  const claim = await policy.claim({ path: output, kind: 'workbook', option: '-o', replace });
  if (claim.ok) return claim.output;
  io.err(claim.message);
  return undefined;
}

/** "Modèle écrit : x.xlsx (remplace …)" */
function writtenName(output: ClaimedOutput): string {
  return `${output.path}${output.replaces ? outputText.replaced(output.replaces) : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// import

export interface ImportCommandOptions {
  output?: string;
  /** 1-based certificateur to import, as text from the command line. */
  certificateur?: string;
  /** Passages above which the template is streamed (tests lower it). */
  inMemoryRows?: number;
  /** --remplacer: an existing workbook at -o may be replaced. */
  remplacer?: boolean;
}

/** A stop that leaves nothing worth writing: the file was refused or is not a CDC file. */
function isRefusal(result: FluxImportResult): boolean {
  return result.stopped !== undefined && (result.stopped.code !== 'notWellFormed' || result.passages === 0);
}

export async function importCommand(
  io: CliIO,
  file: string,
  options: ImportCommandOptions = {},
): Promise<number> {
  if (!(await exists(file))) {
    io.err(cliText.fileNotFound(file));
    return EXIT.unusable;
  }
  const certificateur = options.certificateur === undefined ? 1 : Number(options.certificateur);
  if (!Number.isInteger(certificateur) || certificateur < 1) {
    io.err(importText.badCertificateur(options.certificateur));
    return EXIT.unusable;
  }
  const output = options.output ?? `${path.basename(file).replace(/\.xml$/i, '')}.xlsx`;
  const target = await claimTemplate(io, await OutputPolicy.forInputs([file]), output, options.remplacer);
  if (!target) return EXIT.unusable;
  const { size } = await fs.stat(file);
  if (size > DEFAULT_MAX_IMPORT_BYTES) {
    io.err(importText.tooLarge(file, Math.round(size / 1e6), DEFAULT_MAX_IMPORT_BYTES / (1024 * 1024)));
    return EXIT.unusable;
  }
  // Rows spilled to disk hold personal data: in a private folder, removed at the end whatever happens.
  return withPrivateTempDir((spillDir) => importInto(io, file, target, certificateur, options, spillDir));
}

async function importInto(
  io: CliIO,
  file: string,
  target: ClaimedOutput,
  certificateur: number,
  options: ImportCommandOptions,
  spillDir: string,
): Promise<number> {
  const dictionary = commandDictionary();
  const writer = new TemplateRowsWriter({
    dictionary,
    inMemoryRows: options.inMemoryRows,
    tempDir: spillDir,
  });
  let result: FluxImportResult;
  try {
    result = await importFluxXml(
      createReadStream(file, { highWaterMark: 1 << 20 }),
      async (passage) => {
        await writer.addPassage(passage.cells);
        for (const row of passage.digcomp) await writer.addDigcomp(row.cells);
        if (passage.index > 0 && passage.index % 10000 === 0)
          io.progress(importText.importing(passage.index));
      },
      { dictionary, certificateur },
    );
  } catch (error) {
    await writer.discard();
    throw error;
  }

  printProblems(io, result.issues, result.issueCounts);
  if (isRefusal(result)) {
    await writer.discard();
    io.err(`${result.stopped?.message ?? ''}`);
    io.err(importText.refused);
    return EXIT.unusable;
  }
  if (result.stopped) io.out(formatProblem(result.stopped));
  if (result.passages === 0) {
    await writer.discard();
    io.err(
      result.certificateurs < certificateur
        ? importText.fewerCertificateurs(result.certificateurs, certificateur)
        : importText.noPassage,
    );
    return EXIT.unusable;
  }

  const written = await writeOutput(
    target,
    (temp) => writer.finish(temp, result.parameters),
    (temp) => verifyWrittenWorkbook(temp),
  );
  const output = target.path;
  const original = result.generated;
  io.out(importText.imported(writtenName(target), written.passages, written.digcomp, original['1.1']));
  const checkErrors = await checkWritten(io, output, written, dictionary);
  const notPlaced = result.issues.some((i) => i.severity === 'error') || result.stopped !== undefined;
  // The template is written either way: what was not placed, or errors in it, are left to handle.
  return notPlaced || checkErrors > 0 ? EXIT.writtenWithProblems : EXIT.ok;
}

// ---------------------------------------------------------------------------------------------------------
// map

export interface MapCommandOptions {
  output?: string;
  /** Sheet of the source to read (default: the first with a header row). */
  feuille?: string;
  /** Saved mapping to use instead of the proposal. */
  correspondance?: string;
  /** Where to save the mapping used, for next time. */
  enregistrer?: string;
  inMemoryRows?: number;
  /** --remplacer: an existing workbook at -o, or saved mapping at --enregistrer, may be replaced. */
  remplacer?: boolean;
}

function describeTarget(dictionary: Dictionary, target: string | null | undefined): string {
  if (!target) return importText.notMapped;
  const t = mappingTargets(dictionary).get(target);
  if (!t) return target;
  return t.kind === 'birthDate' ? t.label : `« ${t.label} » (${t.id})`;
}

/** The columns to apply: a saved mapping, or the confident part of the proposal. */
async function chooseMapping(
  io: CliIO,
  source: SourceSheetRows,
  options: MapCommandOptions,
  dictionary: Dictionary,
): Promise<ColumnMapping[] | undefined> {
  const header = source.header.values;
  const letter = (i: number) => columnLetter(i);
  if (options.correspondance) {
    if (!(await exists(options.correspondance))) {
      io.err(importText.mappingNotFound(options.correspondance));
      return undefined;
    }
    const parsed = parseSavedMapping(await fs.readFile(options.correspondance, 'utf8'), dictionary);
    if (!parsed.ok) {
      io.err(importText.mappingUnusable(options.correspondance, parsed.message));
      return undefined;
    }
    const resolved = resolveSavedMapping(parsed.mapping, header);
    io.out(importText.mappingUsed(options.correspondance, source.sheet));
    for (const c of resolved.columns)
      if (c.header.trim())
        io.out(importText.mappedColumn(letter(c.column), c.header, describeTarget(dictionary, c.target)));
    for (const c of resolved.missing) {
      io.out(importText.savedColumnMissing(c.header, describeTarget(dictionary, c.field)));
    }
    for (const c of resolved.unknown) {
      io.out(importText.columnNotInMapping(letter(c.column), c.header));
    }
    return [...resolved.columns];
  }
  const proposal = proposeMapping(header, dictionary);
  io.out(importText.proposed(source.sheet, source.header.row));
  const columns: ColumnMapping[] = [];
  for (const p of proposal) {
    if (!p.header.trim()) continue;
    const applied = p.target !== undefined && p.confidence >= CONFIDENT;
    const because = p.target
      ? importText.because(importText.reasons[p.reason] ?? p.reason, p.confidence)
      : '';
    const target =
      applied || !p.target
        ? describeTarget(dictionary, applied ? p.target : null)
        : importText.toConfirm(describeTarget(dictionary, p.target));
    io.out(`${importText.mappedColumn(letter(p.column), p.header, target)}${because}`);
    columns.push({ column: p.column, header: p.header, target: applied ? (p.target ?? null) : null });
  }
  if (proposal.some((p) => p.target !== undefined && p.confidence < CONFIDENT)) {
    io.out(importText.unconfirmed);
  }
  return columns;
}

export async function mapCommand(io: CliIO, file: string, options: MapCommandOptions): Promise<number> {
  if (!(await exists(file))) {
    io.err(cliText.fileNotFound(file));
    return EXIT.unusable;
  }
  if (!options.output) {
    io.err(importText.outputMissing);
    return EXIT.unusable;
  }
  const policy = await OutputPolicy.forInputs([file, options.correspondance]);
  const target = await claimTemplate(io, policy, options.output, options.remplacer);
  if (!target) return EXIT.unusable;
  let savedMapping: ClaimedOutput | undefined;
  if (options.enregistrer !== undefined) {
    const claim = await policy.claim({
      path: options.enregistrer,
      kind: 'savedMapping',
      option: '--enregistrer',
      replace: options.remplacer,
      mayUpdate: options.correspondance,
    });
    if (!claim.ok) {
      io.err(claim.message);
      return EXIT.unusable;
    }
    savedMapping = claim.output;
  }

  let source: SourceSheetRows;
  try {
    source = await readSourceSheet(file, options.feuille);
  } catch (error) {
    if (error instanceof UnusableWorkbookError) {
      io.err(error.message);
      return EXIT.unusable;
    }
    throw error;
  }
  const dictionary = commandDictionary();
  const columns = await chooseMapping(io, source, options, dictionary);
  if (!columns) return EXIT.unusable;
  if (savedMapping) {
    const json = savedMappingToJson(savedMappingFrom(columns, dictionary));
    await writeOutput(
      savedMapping,
      (temp) => fs.writeFile(temp, json, 'utf8'),
      async (temp) => (await fs.readFile(temp, 'utf8')) === json,
    );
    io.out(importText.mappingSaved(writtenName(savedMapping)));
  }

  // Rows spilled to disk hold personal data: in a private folder, removed at the end whatever happens.
  return withPrivateTempDir((spillDir) =>
    mapInto(io, source, columns, target, savedMapping, options, spillDir, dictionary),
  );
}

async function mapInto(
  io: CliIO,
  source: SourceSheetRows,
  columns: ColumnMapping[],
  target: ClaimedOutput,
  savedMapping: ClaimedOutput | undefined,
  options: MapCommandOptions,
  spillDir: string,
  dictionary: Dictionary,
): Promise<number> {
  const mapper = new RowMapper(columns, { dictionary, sheet: source.sheet });
  const writer = new TemplateRowsWriter({
    dictionary,
    inMemoryRows: options.inMemoryRows,
    tempDir: spillDir,
  });
  try {
    for await (const { row, values } of source.rows) {
      const cells = mapper.mapRow(values, row);
      if (cells) await writer.addPassage(cells);
    }
  } catch (error) {
    await writer.discard();
    throw error;
  }
  const summary = mapper.summary();
  printProblems(io, summary.issues, summary.issueCounts);
  if (summary.rows === 0) {
    await writer.discard();
    if (savedMapping) {
      io.err(importText.mappingOnly(savedMapping.path));
      return EXIT.partial;
    }
    io.err(importText.nothingCopied);
    return EXIT.problems;
  }
  const output = target.path;
  const written = await writeOutput(
    target,
    (temp) => writer.finish(temp, summary.parameters),
    (temp) => verifyWrittenWorkbook(temp),
  );
  io.out(importText.mapped(writtenName(target), written.passages, source.sheet));
  const checkErrors = await checkWritten(io, output, written, dictionary);
  const notCopied = summary.issues.some((i) => i.severity === 'error');
  return notCopied || checkErrors > 0 ? EXIT.writtenWithProblems : EXIT.ok;
}
