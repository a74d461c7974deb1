import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fieldName } from '../core/messages';
import { parseReceipt, RECEIPT_LIMITS, receiptErrorMessage } from '../core/receipt';
import { applyReceipt, CDC_STATUS_LABELS, type ReceiptApplication } from '../core/tracking';
import { getDictionary } from '../dictionary';
import { readTemplateWorkbook, UnusableWorkbookError } from '../workbook/xlsx-reader';
import { TrackingWriteError, writeTrackingCopy } from '../workbook/xlsx-tracking';
import { EXIT, type CliIO } from './io';
import { plural } from './output';
import { defaultTrackingPath } from './tracking-files';
import { commandMessages, NOTHING_WRITTEN, outputMessages } from './cli-messages';
import { OutputRefusedError, writeOutput } from './output-files';
import { OutputPolicy } from './output-policy';
import { verifyWrittenWorkbook } from './workbook-outputs';
import { hasVbaProject } from '../workbook/macro-parts';
import { xmlSizeRefusal } from '../core/xml-input-guard';

/** `accrochage receipt <accusé.xml> <fichier.xlsx>`: reports the CDC's verdict on each row of the workbook. */

export interface ReceiptCommandOptions {
  readonly output?: string;
  /** The file as deposited, to trace an XSD report to rows and fields. */
  readonly xml?: string;
  readonly json?: boolean;
  readonly now?: Date;
  /** --remplacer: an existing workbook named by -o may be replaced (updated in place when it is the input). */
  readonly remplacer?: boolean;
}

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
    io.err(`Fichier introuvable : ${receiptFile}`);
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
    io.err(`Accusé inutilisable (${receiptFile}) : ${parsed.message} Le classeur n’a pas été modifié.`);
    return EXIT.unusable;
  }
  if (!(await fs.stat(workbookFile).catch(() => undefined))) {
    io.err(`Fichier introuvable : ${workbookFile}`);
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
        ? `${outputMessages.trackingExists(copy, '-o', command)} ${NOTHING_WRITTEN}`
        : claim.message,
    );
    return EXIT.unusable;
  }
  const target = claim.output;
  let data;
  try {
    data = await readTemplateWorkbook(workbookFile, (rows) =>
      io.progress(`Lecture… ${plural(rows, 'ligne')}`),
    );
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
    io.err(`Fichier introuvable : ${options.xml}`);
    return EXIT.unusable;
  }
  if (sentXml && 'refused' in sentXml) {
    io.err(commandMessages.sentXmlRefused(sentXml.path, sentXml.refused));
    return EXIT.unusable;
  }
  const application = applyReceipt(data, receipt, {
    now: options.now ?? new Date(),
    sentXml: sentXml && 'text' in sentXml ? sentXml.text : undefined,
  });

  try {
    await writeOutput(
      target,
      (temp) => writeTrackingCopy(workbookFile, temp, application.changes),
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
    );
  for (const warning of parsed.warnings) io.err(`ATTENTION ${warning}`);
  if (!options.json)
    io.out(
      `Suivi enregistré dans ${target.path} (colonnes Statut CDC, Message CDC, Que faire ; feuille Historique).`,
    );
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
): void {
  const { receipt, counts } = application;
  const ids = [
    receipt.fileName !== undefined ? `fichier ${receipt.fileName}` : '',
    receipt.kind === 'functional' && receipt.idFlux !== undefined ? `idFlux ${receipt.idFlux}` : '',
  ].filter(Boolean);
  const dictionary = getDictionary();
  if (receipt.kind === 'functional') {
    io.out(
      `Accusé de traitement${ids.length ? ` (${ids.join(', ')})` : ''} : ${plural(counts.accepted, 'passage accepté', 'passages acceptés')}, ` +
        `${plural(counts.rejected, 'rejeté', 'rejetés')}` +
        (counts.unmatched > 0 ? `, ${plural(counts.unmatched, 'absent', 'absents')} du classeur` : '') +
        '.',
    );
  } else {
    io.out(
      `Accusé de traitement${ids.length ? ` (${ids.join(', ')})` : ''} : le fichier a été rejeté au contrôle XSD ` +
        `(${plural(receipt.errors.length, 'erreur')}) ; aucun de ses passages n’a été enregistré.` +
        (sentXml ? ` Erreurs situées grâce au fichier déposé ${sentXml}.` : ''),
    );
    for (const error of application.xsdErrors) io.out(`ERREUR ${error.message}`);
  }
  for (const row of application.rows) {
    if (row.status !== 'rejected' || receipt.kind !== 'functional') continue;
    const fields = [...new Set(row.explanations.flatMap((e) => e.fields))].slice(0, 3);
    io.out(
      `${CDC_STATUS_LABELS.rejected.toUpperCase()} ${sheet}, ligne ${row.row} (identifiant technique ${row.idTechnique}) : ` +
        `« ${row.cdcMessage} ». Que faire : ${row.action}` +
        (fields.length > 0 ? ` [${fields.map((id) => fieldName(dictionary.field(id))).join(', ')}]` : ''),
    );
  }
  for (const passage of application.unmatched) {
    io.out(
      `ABSENT identifiant technique ${passage.idTechnique} (${CDC_STATUS_LABELS[passage.status]}` +
        `${passage.message ? ` : « ${passage.message} »` : ''}) : aucune ligne du classeur ne porte cet identifiant.`,
    );
  }
  for (const notice of application.notices) io.out(`ATTENTION ${notice}`);
}

function receiptJson(application: ReceiptApplication, output: string): unknown {
  const { receipt } = application;
  return {
    kind: receipt.kind,
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
