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
import { plural } from './output';
import { trackingTarget, trackingTargetProblem } from './tracking-files';

/** `accrochage receipt <accusé.xml> <fichier.xlsx>`: reports the CDC's verdict on each row of the workbook. */

export interface ReceiptCommandOptions {
  readonly output?: string;
  /** The file as deposited, to trace an XSD report to rows and fields. */
  readonly xml?: string;
  readonly json?: boolean;
  readonly now?: Date;
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
  const target = trackingTarget(workbookFile, options.output);
  if ((await fileSize(workbookFile)) === undefined) {
    io.err(`Fichier introuvable : ${workbookFile}`);
    return EXIT.unusable;
  }
  const problem = await trackingTargetProblem(target, '-o');
  if (problem) {
    io.err(problem);
    return EXIT.unusable;
  }
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
  const dictionary = commandDictionary();
  const application = applyReceipt(data, receipt, {
    dictionary,
    now: options.now ?? new Date(),
    sentXml: sentXml?.text,
  });

  try {
    await writeTrackingCopy(workbookFile, target.path, application.changes, dictionary);
  } catch (error) {
    if (error instanceof TrackingWriteError) {
      io.err(error.message);
      return EXIT.unusable;
    }
    throw error;
  }
  if (options.json) io.out(JSON.stringify(receiptJson(application, target.path), null, 2));
  else printApplication(io, application, data.passages.name, sentXml?.path, dictionary);
  for (const warning of parsed.warnings) io.err(`ATTENTION ${warning}`);
  if (!options.json)
    io.out(
      `Suivi enregistré dans ${target.path} (colonnes Statut CDC, Message CDC, Que faire ; feuille Historique).`,
    );
  const clean =
    receipt.kind === 'functional' && application.counts.rejected === 0 && application.counts.unmatched === 0;
  return clean ? EXIT.ok : EXIT.problems;
}

/** The deposited file: given with --xml, else the accusé's nomFichier looked for beside the accusé and the workbook. */
async function findSentXml(
  given: string | undefined,
  fileName: string | undefined,
  besides: readonly string[],
): Promise<{ path: string; text: string } | undefined> {
  const candidates =
    given !== undefined
      ? [given]
      : fileName !== undefined
        ? // Only the base name: the accusé's text must not point us anywhere else on disk.
          besides.map((f) => path.join(path.dirname(f), path.basename(fileName)))
        : [];
  for (const candidate of candidates) {
    const size = await fileSize(candidate);
    if (size !== undefined) return { path: candidate, text: await fs.readFile(candidate, 'utf8') };
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
    receipt.fileName !== undefined ? `fichier ${receipt.fileName}` : '',
    receipt.kind === 'functional' && receipt.idFlux !== undefined ? `idFlux ${receipt.idFlux}` : '',
  ].filter(Boolean);
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
