import { formatHorodatage } from '../xml/horodatage';
import type { ExportMode, HistoryEntry, TrackingUpdate } from './types';

/** What an export leaves behind in the workbook: one history line per file, and its rows marked Envoyé. */

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
  readonly rows: readonly { readonly row: number; readonly idTechnique: string }[];
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
    for (const { row, idTechnique } of file.rows) {
      // A re-sent passage starts afresh: the previous message is in the history of the accusé, not the row.
      updates.push({
        row,
        idTechnique,
        values: { status: 'sent', message: '', action: '', statusDate: horodatage, idFlux: file.idFlux },
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
