import type { Dictionary } from '../../dictionary';
import type { Passage, SourceRow, WorkbookData } from '../model/types';
import { rowIdTechnique } from './row-ids';
import { formatHorodatage } from '../xml/horodatage';
import { passageFingerprint } from './fingerprint';
import { statusOfRow, trackingText } from './status';
import type { ExportMode, HistoryEntry, TrackingUpdate } from './types';

/**
 * What an export leaves behind in the workbook: one history line per file, and its rows marked « Exporté — à
 * déposer » with the file's idFlux and the fingerprint of what was sent. A row the CDC had rejected keeps the CDC's
 * message in « Dernier rejet »: re-sending never erases it.
 */

export const EXPORT_MODE_LABELS: Readonly<Record<ExportMode, string>> = {
  all: 'tous',
  notSent: 'non envoyés',
  rejected: 'rejetés',
};

/** One file of an export, as the tracking needs it. */
export interface SentFile {
  readonly idFlux: string;
  readonly fileName: string;
  /** Passages rows of the file, with their idTechnique. */
  readonly rows: readonly SentRow[];
}

export interface SentRow {
  readonly row: number;
  readonly idTechnique: string;
  /** passageFingerprint of the values written in the file. */
  readonly fingerprint?: string;
  /** The CDC's message when the row was « Rejeté » before this export. */
  readonly rejectedMessage?: string;
}

export function trackingOfExport(
  files: readonly SentFile[],
  mode: ExportMode,
  horodatage: string,
): { updates: TrackingUpdate[]; history: HistoryEntry[] } {
  const updates: TrackingUpdate[] = [];
  const history: HistoryEntry[] = [];
  for (const file of files) {
    history.push({
      idFlux: file.idFlux,
      dateTime: horodatage,
      fileName: file.fileName,
      passages: file.rows.length,
      mode,
    });
    for (const { row, idTechnique, fingerprint, rejectedMessage } of file.rows) {
      // A re-sent passage starts afresh, but the CDC's last refusal stays readable in « Dernier rejet ».
      updates.push({
        row,
        idTechnique,
        values: {
          status: 'exported',
          message: '',
          action: '',
          statusDate: horodatage,
          idFlux: file.idFlux,
          ...(fingerprint !== undefined ? { fingerprint } : {}),
          ...(rejectedMessage ? { lastRejection: rejectedMessage } : {}),
        },
      });
    }
  }
  updates.sort((a, b) => a.row - b.row);
  return { updates, history };
}

/** The Paris wall-clock time of an horodatage as a Date whose UTC fields show it (Excel has no time zones). */
export function excelDateOfHorodatage(horodatage: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(horodatage);
  if (!m) throw new RangeError(`Not an horodatage: ${horodatage}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** The same, for "now". */
export function excelDateOfInstant(instant: Date): Date {
  return excelDateOfHorodatage(formatHorodatage(instant));
}

/**
 * What an export keeps of one row it sends: the fingerprint of the values written in the file, and the CDC's message
 * when the row had been rejected (moved to « Dernier rejet » so that it stays readable).
 */
export function sentRowTracking(
  source: SourceRow | undefined,
  passage: Pick<Passage, 'values' | 'digcomp'>,
): Pick<SentRow, 'fingerprint' | 'rejectedMessage'> {
  const rejectedMessage =
    source && statusOfRow(source).status === 'rejected' ? trackingText(source, 'message') : '';
  return {
    fingerprint: passageFingerprint(passage),
    ...(rejectedMessage !== '' ? { rejectedMessage } : {}),
  };
}

/**
 * « J'ai déposé le fichier »: the rows still « Exporté — à déposer » in those files become « Déposé ». Rows sent again
 * since (another idFlux) or already answered by an accusé are left as they are.
 */
export function trackingOfDeposit(
  data: WorkbookData,
  idFluxes: readonly string[],
  dictionary: Dictionary,
  now: Date,
): TrackingUpdate[] {
  const files = new Set(idFluxes);
  const statusDate = formatHorodatage(now);
  const updates: TrackingUpdate[] = [];
  for (const row of data.passages.rows) {
    if (statusOfRow(row).status !== 'exported' || !files.has(trackingText(row, 'idFlux'))) continue;
    const idTechnique = rowIdTechnique(row, data, dictionary);
    if (idTechnique === undefined) continue;
    updates.push({
      row: row.row,
      idTechnique,
      values: { status: 'deposited', message: '', action: '', statusDate },
    });
  }
  return updates;
}
