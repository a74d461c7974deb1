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
import { writeAtomically } from '../xlsx/write-atomically';

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
  const result = checkWorkbook(await readTemplateWorkbook(output), { dictionary });
  if (result.issues.length > 0) {
    io.out(importText.checkOfWritten);
    for (const issue of result.issues) io.out(formatIssue(issue));
  }
  io.out(formatSummary(result.summary));
  return result.summary.errors;
}

async function refuseExisting(io: CliIO, output: string): Promise<boolean> {
  if (!(await exists(output))) return false;
  io.err(cliText.outputExists(output));
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// import

export interface ImportCommandOptions {
  output?: string;
  /** 1-based certificateur to import, as text from the command line. */
  certificateur?: string;
  /** Passages above which the template is streamed (tests lower it). */
  inMemoryRows?: number;
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
  if (await refuseExisting(io, output)) return EXIT.unusable;
  const { size } = await fs.stat(file);
  if (size > DEFAULT_MAX_IMPORT_BYTES) {
    io.err(importText.tooLarge(file, Math.round(size / 1e6), DEFAULT_MAX_IMPORT_BYTES / (1024 * 1024)));
    return EXIT.unusable;
  }

  const dictionary = commandDictionary();
  const writer = new TemplateRowsWriter({ dictionary, inMemoryRows: options.inMemoryRows });
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

  const written = await writeAtomically(output, (partial) => writer.finish(partial, result.parameters));
  const original = result.generated;
  io.out(importText.imported(output, written.passages, written.digcomp, original['1.1']));
  const checkErrors = await checkWritten(io, output, written, dictionary);
  const notPlaced = result.issues.some((i) => i.severity === 'error') || result.stopped !== undefined;
  return notPlaced || checkErrors > 0 ? EXIT.problems : EXIT.ok;
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
  if (path.resolve(options.output) === path.resolve(file)) {
    io.err(importText.outputIsSource);
    return EXIT.unusable;
  }
  if (await refuseExisting(io, options.output)) return EXIT.unusable;

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
  if (options.enregistrer) {
    await fs.writeFile(
      options.enregistrer,
      savedMappingToJson(savedMappingFrom(columns, dictionary)),
      'utf8',
    );
    io.out(importText.mappingSaved(options.enregistrer));
  }

  const mapper = new RowMapper(columns, { dictionary, sheet: source.sheet });
  const writer = new TemplateRowsWriter({ dictionary, inMemoryRows: options.inMemoryRows });
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
    io.err(importText.nothingCopied);
    return EXIT.problems;
  }
  const output = options.output;
  const written = await writeAtomically(output, (partial) => writer.finish(partial, summary.parameters));
  io.out(importText.mapped(output, written.passages, source.sheet));
  const checkErrors = await checkWritten(io, options.output, written, dictionary);
  const notCopied = summary.issues.some((i) => i.severity === 'error');
  return notCopied || checkErrors > 0 ? EXIT.problems : EXIT.ok;
}
