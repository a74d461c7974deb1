import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fieldName } from '../i18n/check-messages';
import { parseReceipt, RECEIPT_LIMITS, receiptErrorMessage } from '../core/receipt';
import { applyReceipt, CDC_STATUS_LABELS, type ReceiptApplication } from '../core/tracking';
import type { Dictionary } from '../dictionary';
import { commandDictionary } from './schema';
import { readTemplateWorkbook, UnusableWorkbookError } from '../xlsx/xlsx-reader';
import { TrackingWriteError, writeTrackingCopy } from '../xlsx/xlsx-tracking';
import { EXIT, type CliIO } from './io';
import { cliText, receiptText } from '../i18n/cli';
import { NOTHING_WRITTEN, outputText } from '../i18n/cli-files';
import { defaultTrackingPath } from './tracking-files';
import { OutputRefusedError, writeOutput } from './output-files';
import { OutputPolicy } from './output-policy';
import { verifyWrittenWorkbook } from './workbook-outputs';
import { hasVbaProject } from '../xlsx/macro-parts';
import { xmlSizeRefusal } from '../core/import/xml-input-guard';

/** `accrochage receipt <accusé.xml> <fichier.xlsx>`: reports the CDC's verdict on each row of the workbook. */

export interface ReceiptCommandOptions {
  readonly output?: string;
  /** The file as deposited, to trace an XSD report to rows and fields. */
  readonly xml?: string;
  readonly json?: boolean;
  readonly now?: Date;
  /** --remplacer: an existing workbook named by -o may be replaced (updated in place when it is the input). */
  readonly remplacer?: boolean;
  /** --force: apply an accusé whose send is not in the history, by idTechnique. */
  readonly force?: boolean;
}

/** Rejected rows printed one by one; beyond, a count (the tracking copy and --json have them all). */
export const MAX_REJECTED_LINES = 50;

async function fileSize(file: string): Promise<number | undefined> {
  return fs
    .stat(file)
    .then((s) => (s.isFile() ? s.size : undefined))
    .catch(() => undefined);
}

export async function receiptCommand(
  io: CliIO,
  receiptFile: string,
  workbookFile: string,
  options: ReceiptCommandOptions = {},
): Promise<number> {
  const size = await fileSize(receiptFile);
  if (size === undefined) {
    io.err(cliText.fileNotFound(receiptFile));
    return EXIT.unusable;
  }
  // Refused before reading: a huge file is not loaded into memory to find out it is not an accusé.
  const parsed =
    size > RECEIPT_LIMITS.maxBytes
      ? ({
          ok: false,
          message: receiptErrorMessage('tooLarge', { size, limit: RECEIPT_LIMITS.maxBytes }),
        } as const)
      : parseReceipt(await fs.readFile(receiptFile));
  if (!parsed.ok) {
    io.err(receiptText.unusable(receiptFile, parsed.message));
    return EXIT.unusable;
  }
  if (!(await fs.stat(workbookFile).catch(() => undefined))) {
    io.err(cliText.fileNotFound(workbookFile));
    return EXIT.unusable;
  }
  // Where the statuses go, decided before any work (output-policy.ts): never the accusé nor the deposited file,
  // the workbook itself only with --remplacer, an existing default copy never.
  const policy = await OutputPolicy.forInputs([receiptFile, workbookFile, options.xml]);
  const macros = await hasVbaProject(workbookFile);
  const claim = await policy.claim(
    options.output !== undefined
      ? {
          path: options.output,
          kind: 'workbook',
          option: '-o',
          replace: options.remplacer,
          mayUpdate: workbookFile,
          macroSource: macros ? workbookFile : undefined,
        }
      : {
          path: defaultTrackingPath(workbookFile, macros),
          kind: 'workbook',
          option: '-o',
          chosenByTool: true,
          macroSource: macros ? workbookFile : undefined,
        },
  );
  if (!claim.ok) {
    const copy = defaultTrackingPath(workbookFile, macros);
    const command = `accrochage receipt ${receiptFile} ${copy} -o ${copy} --remplacer`;
    io.err(
      claim.code === 'taken'
        ? `${outputText.trackingExists(copy, '-o', command)} ${NOTHING_WRITTEN}`
        : claim.message,
    );
    return EXIT.unusable;
  }
  const target = claim.output;
  const dictionary = commandDictionary();
  let data;
  try {
    data = await readTemplateWorkbook(workbookFile, dictionary, (rows) => io.progress(cliText.reading(rows)));
  } catch (error) {
    if (error instanceof UnusableWorkbookError) {
      io.err(error.message);
      return EXIT.unusable;
    }
    throw error;
  }
  const { receipt } = parsed;
  const sentXml =
    receipt.kind === 'xsdRejection'
      ? await findSentXml(options.xml, receipt.fileName, [receiptFile, workbookFile])
      : undefined;
  if (options.xml !== undefined && sentXml === undefined) {
    io.err(cliText.fileNotFound(options.xml));
    return EXIT.unusable;
  }
  if (sentXml && 'refused' in sentXml) {
    io.err(receiptText.sentXmlRefused(sentXml.path, sentXml.refused));
    return EXIT.unusable;
  }
  const application = applyReceipt(data, receipt, {
    dictionary,
    now: options.now ?? new Date(),
    sentXml: sentXml && 'text' in sentXml ? sentXml.text : undefined,
    force: options.force === true,
  });
  // An accusé of another send is not applied silently; one that changes nothing writes nothing.
  if (application.outcome === 'unknownSend') {
    io.err(
      receiptText.unknownSend(
        receiptFile,
        application.send.idFlux,
        application.send.fileName ?? receipt.fileName,
      ),
    );
    return EXIT.problems;
  }
  if (application.outcome !== 'applied') {
    if (options.json) io.out(JSON.stringify(receiptJson(application, null), null, 2));
    else {
      for (const passage of application.unmatched.slice(0, MAX_REJECTED_LINES))
        io.out(
          receiptText.unmatched(passage.idTechnique, CDC_STATUS_LABELS[passage.status], passage.message),
        );
    }
    io.err(receiptText.notApplied(application.notices[0]));
    return application.outcome === 'alreadyApplied' ? EXIT.ok : EXIT.problems;
  }

  try {
    await writeOutput(
      target,
      (temp) => writeTrackingCopy(workbookFile, temp, application.changes, dictionary),
      (temp) => verifyWrittenWorkbook(temp, macros ? workbookFile : undefined),
    );
  } catch (error) {
    if (error instanceof TrackingWriteError || error instanceof OutputRefusedError) {
      io.err(error.message);
      return EXIT.unusable;
    }
    throw error;
  }
  if (options.json) io.out(JSON.stringify(receiptJson(application, target.path), null, 2));
  else
    printApplication(
      io,
      application,
      data.passages.name,
      sentXml && 'text' in sentXml ? sentXml.path : undefined,
      dictionary,
    );
  for (const warning of parsed.warnings) io.err(cliText.warning(warning));
  if (!options.json) io.out(receiptText.trackingWritten(target.path));
  const clean =
    receipt.kind === 'functional' && application.counts.rejected === 0 && application.counts.unmatched === 0;
  // The copy is written either way: rejected or unmatched passages are something to handle, not a failure.
  return clean ? EXIT.ok : EXIT.writtenWithProblems;
}

/** The deposited file: given with --xml, else the accusé's nomFichier looked for beside the accusé and the workbook. */
async function findSentXml(
  given: string | undefined,
  fileName: string | undefined,
  besides: readonly string[],
): Promise<{ path: string; text: string } | { path: string; refused: string } | undefined> {
  const candidates =
    given !== undefined
      ? [given]
      : fileName !== undefined
        ? // Only the base name: the accusé's text must not point us anywhere else on disk.
          besides.map((f) => path.join(path.dirname(f), path.basename(fileName)))
        : [];
  for (const candidate of candidates) {
    const size = await fileSize(candidate);
    if (size === undefined) continue;
    // Bounded like any XML input: a file larger than the CDC accepts is not read into memory.
    const tooLarge = xmlSizeRefusal(size);
    if (tooLarge) return { path: candidate, refused: tooLarge.message.replace(/^le fichier/, 'Le fichier') };
    return { path: candidate, text: await fs.readFile(candidate, 'utf8') };
  }
  return undefined;
}

function printApplication(
  io: CliIO,
  application: ReceiptApplication,
  sheet: string,
  sentXml: string | undefined,
  dictionary: Dictionary,
): void {
  const { receipt, counts } = application;
  const ids = [
    receipt.fileName !== undefined ? receiptText.fileName(receipt.fileName) : '',
    receipt.kind === 'functional' && receipt.idFlux !== undefined ? receiptText.idFlux(receipt.idFlux) : '',
  ].filter(Boolean);
  if (receipt.kind === 'functional') {
    io.out(
      receiptText.functional(receiptText.ids(ids), counts.accepted, counts.rejected, counts.unmatched) +
        receiptText.deposited(counts.deposited),
    );
  } else {
    io.out(receiptText.xsdRejected(receiptText.ids(ids), receipt.errors.length, sentXml));
    for (const error of application.xsdErrors) io.out(cliText.error(error.message));
  }
  const rejected = application.rows.filter((r) => r.status === 'rejected' && receipt.kind === 'functional');
  for (const row of rejected.slice(0, MAX_REJECTED_LINES)) {
    const fields = [...new Set(row.explanations.flatMap((e) => e.fields))].slice(0, 3);
    const names = fields.map((id) => fieldName(dictionary.field(id))).join(', ');
    const status = CDC_STATUS_LABELS.rejected.toUpperCase();
    io.out(
      receiptText.rejectedRow(status, sheet, row.row, row.idTechnique, row.cdcMessage, row.action, names),
    );
  }
  if (rejected.length > MAX_REJECTED_LINES)
    io.out(receiptText.moreRejected(rejected.length - MAX_REJECTED_LINES));
  for (const passage of application.unmatched.slice(0, MAX_REJECTED_LINES)) {
    io.out(receiptText.unmatched(passage.idTechnique, CDC_STATUS_LABELS[passage.status], passage.message));
  }
  if (application.unmatched.length > MAX_REJECTED_LINES)
    io.out(receiptText.moreUnmatched(application.unmatched.length - MAX_REJECTED_LINES));
  for (const notice of application.notices) io.out(cliText.warning(notice));
}

function receiptJson(application: ReceiptApplication, output: string | null): unknown {
  const { receipt } = application;
  return {
    kind: receipt.kind,
    outcome: application.outcome,
    fileName: receipt.fileName ?? null,
    idFlux: receipt.kind === 'functional' ? (receipt.idFlux ?? null) : null,
    counts: application.counts,
    rows: application.rows.map((r) => ({
      row: r.row,
      idTechnique: r.idTechnique,
      status: r.status,
      message: r.cdcMessage,
      action: r.action,
      codes: r.explanations.map((e) => e.code),
    })),
    unmatched: application.unmatched,
    xsdErrors: application.xsdErrors.map((e) => ({
      line: e.error.line ?? null,
      column: e.error.column ?? null,
      row: e.row ?? null,
      field: e.field ?? null,
      idTechnique: e.idTechnique ?? null,
      code: e.explanation.code,
      message: e.message,
    })),
    notices: application.notices,
    output,
  };
}
