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
import { rowIdTechnique } from './row-ids';
import { statusOfRow, trackingText, type CdcStatus } from './status';
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
  /**
   * Apply an accusé whose send is not in the history, by idTechnique (CLI --force, the pane's « Appliquer quand
   * même »). Without it such an accusé changes nothing: it may be another workbook's.
   */
  readonly force?: boolean;
}

/** The send of the history an accusé answers: by idFlux when it gives one, else by file name. */
export interface SendMatch {
  readonly known: boolean;
  readonly idFlux?: string;
  readonly fileName?: string;
}

/**
 * What applying the accusé does: `applied` (some rows change); `unknownSend` (its send is not in the history:
 * nothing is written unless forced); `noPassageOfWorkbook` (none of its passages is in the workbook);
 * `alreadyApplied` (the rows already say what it says). Only `applied` has changes to write.
 */
export type ReceiptOutcome = 'applied' | 'unknownSend' | 'noPassageOfWorkbook' | 'alreadyApplied';

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
  readonly outcome: ReceiptOutcome;
  readonly send: SendMatch;
  readonly changes: TrackingChanges;
  readonly rows: readonly ReceiptRowOutcome[];
  readonly unmatched: readonly UnmatchedPassage[];
  /** Rows sent again since in another file: this accusé leaves them as they are. */
  readonly stale: readonly { readonly row: number; readonly idTechnique: string; readonly idFlux: string }[];
  readonly xsdErrors: readonly LocatedXsdError[];
  /**
   * Rows actually changed (accepted, rejected, or marked « Déposé » because their file is answered but they are not
   * listed), passages of the accusé absent from the workbook, rows that already said what the accusé says.
   */
  readonly counts: {
    readonly accepted: number;
    readonly rejected: number;
    readonly deposited: number;
    readonly unmatched: number;
    readonly unchanged: number;
  };
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
  const send = matchSend(data, receipt);
  if (!send.known && !options.force) return notApplied(receipt, send, 'unknownSend', []);
  const application =
    receipt.kind === 'functional'
      ? applyFunctional(receipt, applying, send)
      : applyXsdRejection(receipt, applying, send);
  return finished(application);
}

/** An application that writes nothing, with the reason said first. */
function notApplied(
  receipt: Receipt,
  send: SendMatch,
  outcome: Exclude<ReceiptOutcome, 'applied'>,
  notices: readonly string[],
  counts: Partial<ReceiptApplication['counts']> = {},
  unmatched: readonly UnmatchedPassage[] = [],
): ReceiptApplication {
  const reason =
    outcome === 'unknownSend'
      ? trackingMessage('unknownSend', { file: send.fileName ?? receipt.fileName, idFlux: send.idFlux })
      : outcome === 'noPassageOfWorkbook'
        ? trackingMessage('noPassageOfWorkbook')
        : trackingMessage('alreadyApplied');
  return {
    receipt,
    outcome,
    send,
    changes: { updates: [] },
    rows: [],
    unmatched,
    stale: [],
    xsdErrors: [],
    counts: { accepted: 0, rejected: 0, deposited: 0, unmatched: 0, unchanged: 0, ...counts },
    notices: [reason, ...notices],
  };
}

/** Nothing to write → say why (and write no history line either). */
function finished(application: ReceiptApplication): ReceiptApplication {
  if (application.changes.updates.length > 0) return application;
  const { counts } = application;
  const outcome =
    counts.unchanged > 0 || application.stale.length > 0 ? 'alreadyApplied' : 'noPassageOfWorkbook';
  const kept = notApplied(
    application.receipt,
    application.send,
    outcome,
    application.notices,
    counts,
    application.unmatched,
  );
  return { ...kept, xsdErrors: application.xsdErrors, stale: application.stale };
}

interface HistorySend {
  readonly index: number;
  readonly idFlux: string;
  readonly fileName: string;
}

function historySends(data: WorkbookData): HistorySend[] {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  return (data.history?.rows ?? []).map((h, index) => ({
    index,
    idFlux: text(h.cells.idFlux),
    fileName: text(h.cells.fileName),
  }));
}

/** The history line of the send the accusé answers (the last one of that idFlux, else of that file name). */
function findSend(data: WorkbookData, receipt: Receipt): HistorySend | undefined {
  const sends = historySends(data);
  const idFlux = receipt.kind === 'functional' ? receipt.idFlux : undefined;
  const byId = idFlux !== undefined ? sends.filter((s) => s.idFlux === idFlux) : [];
  if (byId.length > 0) return byId[byId.length - 1];
  if (idFlux !== undefined) return undefined;
  const byName =
    receipt.fileName !== undefined ? sends.filter((s) => s.fileName === receipt.fileName?.trim()) : [];
  return byName[byName.length - 1];
}

export function matchSend(data: WorkbookData, receipt: Receipt): SendMatch {
  const send = findSend(data, receipt);
  const idFlux = receipt.kind === 'functional' ? receipt.idFlux : undefined;
  return {
    known: send !== undefined,
    ...(idFlux !== undefined ? { idFlux } : send?.idFlux ? { idFlux: send.idFlux } : {}),
    ...(receipt.fileName !== undefined ? { fileName: receipt.fileName } : {}),
  };
}

/**
 * True when the history shows a send of `sentIn` after the one the accusé answers: that row went out again since,
 * so this (older) accusé does not speak of its current state.
 */
function sentLater(data: WorkbookData, receipt: Receipt, sentIn: string): boolean {
  if (sentIn === '') return false;
  const answered = findSend(data, receipt);
  if (!answered || answered.idFlux === sentIn) return false;
  return historySends(data).some((s) => s.idFlux === sentIn && s.index > answered.index);
}

/** The row already says this: writing would change nothing. */
function alreadySays(row: SourceRow, status: CdcStatus, message: string, action: string): boolean {
  return (
    statusOfRow(row).status === status &&
    trackingText(row, 'message') === message.trim() &&
    trackingText(row, 'action') === action.trim()
  );
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
  send: SendMatch,
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
  let unchanged = 0;
  const listed = new Set<SourceRow>();
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
    for (const row of matching) {
      listed.add(row);
      // Only a later send in the history makes this accusé out of date for the row.
      const sentIn = trackingText(row, 'idFlux');
      if (send.known && sentLater(data, receipt, sentIn)) {
        stale.push({ row: row.row, idTechnique, idFlux: sentIn });
        continue;
      }
      if (alreadySays(row, status, cdcMessage, action)) {
        unchanged++;
        continue;
      }
      // Counted once the row is known to change: the summary and the history line tell what was applied.
      if (status === 'accepted') accepted++;
      else rejected++;
      rows.push({ row: row.row, idTechnique, status, cdcMessage, explanations, action });
      updates.push({
        row: row.row,
        idTechnique,
        values: { status, message: cdcMessage, action, statusDate },
      });
    }
  }
  // Any accusé of a file says it was deposited: its rows the accusé does not list are « Déposé » now.
  let deposited = 0;
  // Only when it lists some row of the workbook: an accusé about none of them is not this workbook's.
  if (receipt.idFlux !== undefined && listed.size > 0) {
    for (const row of data.passages.rows) {
      if (listed.has(row) || trackingText(row, 'idFlux') !== receipt.idFlux) continue;
      if (statusOfRow(row).status !== 'exported') continue;
      const idTechnique = rowIdTechnique(row, data, dictionary);
      if (idTechnique === undefined) continue;
      deposited++;
      updates.push({
        row: row.row,
        idTechnique,
        values: { status: 'deposited', message: '', action: '', statusDate },
      });
    }
    if (deposited > 0) notices.push(trackingMessage('exportedRowsDeposited', { count: deposited }));
  }
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
  return applied(
    { receipt, send, updates, historyResults, rows, unmatched, stale, xsdErrors: [], notices },
    {
      accepted,
      rejected,
      deposited,
      unchanged,
    },
  );
}

function applyXsdRejection(
  receipt: XsdRejectionReceipt,
  applying: Applying,
  send: SendMatch,
): ReceiptApplication {
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
  let unchanged = 0;
  const stale: { row: number; idTechnique: string; idFlux: string }[] = [];
  for (const idTechnique of new Set(fileIds ?? [])) {
    const own = xsdErrors.filter((e) => e.idTechnique === idTechnique);
    // The cells get the explanation in plain French and the CDC's text without the validator's codes.
    const cdcMessage =
      own.length > 0
        ? own.map((e) => withoutValidatorCode(e.error.message)).join(' | ')
        : trackingMessage('xsdFileRejected');
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
      const sentIn = trackingText(row, 'idFlux');
      if (send.known && sentLater(data, receipt, sentIn)) {
        stale.push({ row: row.row, idTechnique, idFlux: sentIn });
        continue;
      }
      if (alreadySays(row, 'rejected', cdcMessage, action)) {
        unchanged++;
        continue;
      }
      rows.push({ row: row.row, idTechnique, status: 'rejected', cdcMessage, explanations: [], action });
      updates.push({
        row: row.row,
        idTechnique,
        values: { status: 'rejected', message: cdcMessage, action, statusDate },
      });
    }
  }
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
  return applied(
    { receipt, send, updates, historyResults, rows, unmatched, stale, xsdErrors, notices },
    {
      accepted: 0,
      rejected: rows.length,
      deposited: 0,
      unchanged,
    },
  );
}

/** The outcome of an accusé that changes rows: rows and updates in sheet order, notices of stale and unmatched rows. */
function applied(
  parts: Omit<ReceiptApplication, 'outcome' | 'changes' | 'counts' | 'notices'> & {
    readonly updates: TrackingUpdate[];
    readonly historyResults: HistoryResult[];
    readonly rows: ReceiptRowOutcome[];
    readonly notices: string[];
  },
  counts: Omit<ReceiptApplication['counts'], 'unmatched'>,
): ReceiptApplication {
  const { updates, historyResults, rows, notices, stale, unmatched, ...rest } = parts;
  if (stale.length > 0) notices.push(trackingMessage('staleRows', { count: stale.length }));
  if (unmatched.length > 0) notices.push(trackingMessage('unmatched', { count: unmatched.length }));
  rows.sort((a, b) => a.row - b.row);
  updates.sort((a, b) => a.row - b.row);
  return {
    ...rest,
    outcome: 'applied',
    changes: { updates, historyResults },
    rows,
    unmatched,
    stale,
    counts: { ...counts, unmatched: unmatched.length },
    notices,
  };
}

/** A validator's message without its leading code (« cvc-elt.1.a : … » → « … »): codes mean nothing to users. */
export function withoutValidatorCode(message: string): string {
  return message.replace(/^\s*(?:cvc|cos|src|sch-props-correct)-[\w.-]*\s*:?\s*/i, '').trim() || message;
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
  return `${place}${explanation.title} — ${withoutValidatorCode(error.message)} ${explanation.action}`;
}
