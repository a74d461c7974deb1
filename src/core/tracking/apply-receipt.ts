import type { Dictionary } from '../../dictionary';
import { fieldName, rowListText } from '../../i18n/check-messages';
import {
  explainCdcMessage,
  explainXsdReceiptMessage,
  type CdcMessageExplanation,
  type XsdReceiptExplanation,
} from '../receipt/cdc-messages';
import { traceSentXml, type TracedPosition } from '../receipt/trace-sent-xml';
import type { FunctionalReceipt, Receipt, ReceiptXsdError, XsdRejectionReceipt } from '../receipt/types';
import type { SourceRow, WorkbookData } from '../model/types';
import { formatHorodatage } from '../xml/horodatage';
import { rowsByIdTechnique } from './row-ids';
import { trackingText, type CdcStatus } from './status';
import { trackingMessage } from '../../i18n/tracking-messages';
import type { HistoryResult, TrackingChanges, TrackingUpdate } from './types';

/**
 * Applies an accusé to the passages: each passage it lists gets its status (Accepté / Rejeté), the CDC's
 * message and what to do; passages it lists that the workbook lacks are returned, not dropped. Pure: the
 * surface writes `changes` into the workbook.
 */

export interface ApplyReceiptOptions {
  /** When the accusé is imported: the "Date du statut". */
  readonly now: Date;
  readonly dictionary: Dictionary;
  /** The file as it was deposited: lets an XSD report be traced to rows and fields. */
  readonly sentXml?: string;
}

/** What the accusé says about one row. */
export interface ReceiptRowOutcome {
  readonly row: number;
  readonly idTechnique: string;
  readonly status: Extract<CdcStatus, 'accepted' | 'rejected'>;
  /** The CDC's message(s) for the passage; empty for a plain OK. */
  readonly cdcMessage: string;
  /** The catalogue's reading of each message, in the same order. */
  readonly explanations: readonly CdcMessageExplanation[];
  /** The "Que faire" text written in the row. */
  readonly action: string;
}

/** A passage of the accusé that no row carries. */
export interface UnmatchedPassage {
  readonly idTechnique: string;
  readonly status: Extract<CdcStatus, 'accepted' | 'rejected'>;
  readonly message: string;
}

/** An error of an XSD report, traced to the workbook when it could be. */
export interface LocatedXsdError {
  readonly error: ReceiptXsdError;
  readonly explanation: XsdReceiptExplanation;
  readonly idTechnique?: string;
  /** Passages sheet row of that passage. */
  readonly row?: number;
  readonly field?: string;
  readonly digcomp?: boolean;
  /** One French line: where, what, what to do. */
  readonly message: string;
}

export interface ReceiptApplication {
  readonly receipt: Receipt;
  readonly changes: TrackingChanges;
  readonly rows: readonly ReceiptRowOutcome[];
  readonly unmatched: readonly UnmatchedPassage[];
  /** Rows sent again since in another file: this accusé leaves them as they are. */
  readonly stale: readonly { readonly row: number; readonly idTechnique: string; readonly idFlux: string }[];
  readonly xsdErrors: readonly LocatedXsdError[];
  readonly counts: { readonly accepted: number; readonly rejected: number; readonly unmatched: number };
  /** General remarks, in French. */
  readonly notices: readonly string[];
}

export function applyReceipt(
  data: WorkbookData,
  receipt: Receipt,
  options: ApplyReceiptOptions,
): ReceiptApplication {
  // One "Date du statut" for every row the accusé changes.
  const applying: Applying = {
    data,
    options,
    dictionary: options.dictionary,
    statusDate: formatHorodatage(options.now),
  };
  return receipt.kind === 'functional'
    ? applyFunctional(receipt, applying)
    : applyXsdRejection(receipt, applying);
}

interface Verdict {
  okCount: number;
  koMessages: string[];
}

function frenchDay(horodatage: string): string {
  const [y, m, d] = horodatage.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** What applying an accusé to a workbook needs, whatever its kind. */
interface Applying {
  readonly data: WorkbookData;
  readonly options: ApplyReceiptOptions;
  readonly dictionary: Dictionary;
  readonly statusDate: string;
}

function applyFunctional(
  receipt: FunctionalReceipt,
  { data, dictionary, statusDate }: Applying,
): ReceiptApplication {
  const notices: string[] = [];
  const verdicts = new Map<string, Verdict>();
  let repeated = 0;
  const verdictOf = (id: string) => {
    let verdict = verdicts.get(id);
    if (!verdict) verdicts.set(id, (verdict = { okCount: 0, koMessages: [] }));
    else repeated++;
    return verdict;
  };
  for (const { idTechnique, message } of receipt.rejected) verdictOf(idTechnique).koMessages.push(message);
  for (const id of receipt.accepted) verdictOf(id).okCount++;
  if (repeated > 0) notices.push(trackingMessage('duplicatedInReceipt', { count: repeated }));

  const byId = rowsByIdTechnique(data, dictionary);
  const updates: TrackingUpdate[] = [];
  const rows: ReceiptRowOutcome[] = [];
  const unmatched: UnmatchedPassage[] = [];
  const stale: { row: number; idTechnique: string; idFlux: string }[] = [];
  let accepted = 0;
  let rejected = 0;
  for (const [idTechnique, verdict] of verdicts) {
    const messages = [...new Set(verdict.koMessages)];
    const explanations = messages.map((m) => explainCdcMessage(m, dictionary));
    const refusals = explanations.filter((e) => !e.accepted);
    const status = refusals.length > 0 ? 'rejected' : 'accepted';
    if (status === 'rejected' && verdict.okCount > 0)
      notices.push(trackingMessage('okAndKo', { value: idTechnique }));
    const cdcMessage = messages.join(' | ');
    const action = explanations.map((e) => `${e.explanation} → ${e.action}`).join(' | ');
    const matching = byId.get(idTechnique) ?? [];
    if (matching.length === 0) {
      unmatched.push({ idTechnique, status, message: cdcMessage });
      continue;
    }
    if (matching.length > 1) {
      notices.push(
        trackingMessage('duplicatedRows', {
          value: idTechnique,
          rows: rowListText(matching.map((r) => r.row)),
        }),
      );
    }
    if (status === 'accepted') accepted++;
    else rejected++;
    for (const row of matching) {
      const sentIn = trackingText(row, 'idFlux');
      if (receipt.idFlux !== undefined && sentIn !== '' && sentIn !== receipt.idFlux) {
        stale.push({ row: row.row, idTechnique, idFlux: sentIn });
        continue;
      }
      rows.push({ row: row.row, idTechnique, status, cdcMessage, explanations, action });
      updates.push({
        row: row.row,
        idTechnique,
        values: { status, message: cdcMessage, action, statusDate },
      });
    }
  }
  if (stale.length > 0) notices.push(trackingMessage('staleRows', { count: stale.length }));
  if (unmatched.length > 0) notices.push(trackingMessage('unmatched', { count: unmatched.length }));
  rows.sort((a, b) => a.row - b.row);
  updates.sort((a, b) => a.row - b.row);

  const historyResults: HistoryResult[] = [
    {
      ...(receipt.idFlux !== undefined ? { idFlux: receipt.idFlux } : {}),
      ...(receipt.fileName !== undefined ? { fileName: receipt.fileName } : {}),
      result: trackingMessage('historyFunctional', {
        date: frenchDay(statusDate),
        accepted,
        rejected,
        unmatched: unmatched.length,
        idTraitement: receipt.idTraitement ?? receipt.idDemande,
      }),
    },
  ];
  return {
    receipt,
    changes: { updates, historyResults },
    rows,
    unmatched,
    stale,
    xsdErrors: [],
    counts: { accepted, rejected, unmatched: unmatched.length },
    notices,
  };
}

function applyXsdRejection(receipt: XsdRejectionReceipt, applying: Applying): ReceiptApplication {
  const { data, options, dictionary, statusDate } = applying;
  const notices: string[] = [];
  const byId = rowsByIdTechnique(data, dictionary);

  // Which passages were in the rejected file: read from the file itself when given, else from the history.
  let fileIds: readonly string[] | undefined;
  let traced: readonly (TracedPosition | undefined)[] = receipt.errors.map(() => undefined);
  if (options.sentXml !== undefined) {
    const positions = receipt.errors.map((e) => ({
      line: e.line ?? 0,
      ...(e.column !== undefined ? { column: e.column } : {}),
    }));
    const trace = traceSentXml(options.sentXml, positions, dictionary);
    traced = trace.positions.map((p, i) => (receipt.errors[i].line === undefined ? undefined : p));
    fileIds = trace.idTechniques;
    if (trace.readError !== undefined)
      notices.push(trackingMessage('sentXmlUnreadable', { detail: trace.readError }));
  } else {
    fileIds = idsSentInFile(data, receipt.fileName, byId);
  }

  const xsdErrors: LocatedXsdError[] = receipt.errors.map((error, i) => {
    const explanation = explainXsdReceiptMessage(error.message);
    const at = traced[i];
    const row = at?.idTechnique !== undefined ? byId.get(at.idTechnique)?.[0]?.row : undefined;
    return {
      error,
      explanation,
      ...(at?.idTechnique !== undefined ? { idTechnique: at.idTechnique } : {}),
      ...(row !== undefined ? { row } : {}),
      ...(at?.field !== undefined ? { field: at.field } : {}),
      ...(at?.digcomp ? { digcomp: true } : {}),
      message: describeXsdError(error, explanation, at, row, data, dictionary),
    };
  });
  if (xsdErrors.some((e) => e.explanation.code === 'xsdVersion'))
    notices.push(trackingMessage('xsdVersionNotice'));

  const updates: TrackingUpdate[] = [];
  const rows: ReceiptRowOutcome[] = [];
  const unmatched: UnmatchedPassage[] = [];
  if (fileIds === undefined) notices.push(trackingMessage('xsdRowsUnknown', { file: receipt.fileName }));
  for (const idTechnique of new Set(fileIds ?? [])) {
    const own = xsdErrors.filter((e) => e.idTechnique === idTechnique);
    const cdcMessage =
      own.length > 0 ? own.map((e) => e.error.message).join(' | ') : trackingMessage('xsdFileRejected');
    const action =
      own.length > 0
        ? own
            .map(
              (e) =>
                `${e.explanation.title}${e.field ? ` (${fieldName(dictionary.field(e.field))})` : ''} → ${e.explanation.action}`,
            )
            .join(' | ')
        : `${trackingMessage('xsdFileRejected')} → ${trackingMessage('xsdFileRejectedAction')}`;
    const matching = byId.get(idTechnique) ?? [];
    if (matching.length === 0) {
      unmatched.push({ idTechnique, status: 'rejected', message: cdcMessage });
      continue;
    }
    for (const row of matching) {
      rows.push({ row: row.row, idTechnique, status: 'rejected', cdcMessage, explanations: [], action });
      updates.push({
        row: row.row,
        idTechnique,
        values: { status: 'rejected', message: cdcMessage, action, statusDate },
      });
    }
  }
  if (unmatched.length > 0) notices.push(trackingMessage('unmatched', { count: unmatched.length }));
  rows.sort((a, b) => a.row - b.row);
  updates.sort((a, b) => a.row - b.row);
  const historyResults: HistoryResult[] =
    receipt.fileName !== undefined
      ? [
          {
            fileName: receipt.fileName,
            result: trackingMessage('historyXsd', {
              date: frenchDay(statusDate),
              count: receipt.errors.length,
            }),
          },
        ]
      : [];
  return {
    receipt,
    changes: { updates, historyResults },
    rows,
    unmatched,
    stale: [],
    xsdErrors,
    counts: { accepted: 0, rejected: rows.length, unmatched: unmatched.length },
    notices,
  };
}

/** idTechniques of the rows marked as sent in the history's file of that name (undefined when not found). */
function idsSentInFile(
  data: WorkbookData,
  fileName: string | undefined,
  byId: ReadonlyMap<string, readonly SourceRow[]>,
): string[] | undefined {
  if (fileName === undefined || !data.history) return undefined;
  const fluxIds = new Set(
    data.history.rows
      .filter((h) => typeof h.cells.fileName === 'string' && h.cells.fileName.trim() === fileName)
      .map((h) => String(h.cells.idFlux ?? '').trim())
      .filter((id) => id !== ''),
  );
  if (fluxIds.size === 0) return undefined;
  const ids: string[] = [];
  for (const [id, rows] of byId) if (rows.some((r) => fluxIds.has(trackingText(r, 'idFlux')))) ids.push(id);
  return ids;
}

function describeXsdError(
  error: ReceiptXsdError,
  explanation: XsdReceiptExplanation,
  at: TracedPosition | undefined,
  row: number | undefined,
  data: WorkbookData,
  dictionary: Dictionary,
): string {
  const where: string[] = [];
  if (error.line !== undefined)
    where.push(
      `ligne ${error.line}${error.column !== undefined ? `, colonne ${error.column}` : ''} du fichier déposé`,
    );
  const inSheet: string[] = [];
  if (row !== undefined) inSheet.push(`feuille « ${data.passages.name} », ligne ${row}`);
  else if (at?.idTechnique !== undefined) inSheet.push(`passage « ${at.idTechnique} », absent du classeur`);
  if (at?.field !== undefined) inSheet.push(fieldName(dictionary.field(at.field)));
  if (at?.digcomp) inSheet.push('résultat DIGCOMP du passage');
  const place =
    where.length > 0
      ? `${where[0][0].toUpperCase()}${where[0].slice(1)}${inSheet.length > 0 ? ` (${inSheet.join(', ')})` : ''} : `
      : '';
  return `${place}${explanation.title} — ${error.message} ${explanation.action}`;
}
