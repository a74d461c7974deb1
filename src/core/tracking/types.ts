import type { CdcStatus } from './status';

/** What the surfaces write back into the workbook after an export or an accusé (pure data). */

/** New values of the round-trip columns of one passage row. */
export interface TrackingValues {
  readonly status: CdcStatus;
  readonly message: string;
  readonly action: string;
  /** The instant of the change, as a flux horodatage (Paris time with its offset). */
  readonly statusDate: string;
  /** The idFlux of the file the passage went in; absent = leave the cell as it is. */
  readonly idFlux?: string;
  /** « Dernier rejet »: the CDC's message kept when a rejected row is sent again; absent = leave it. */
  readonly lastRejection?: string;
  /** « Empreinte de l’envoi »: what was sent (passageFingerprint); absent = leave it. */
  readonly fingerprint?: string;
}

export interface TrackingUpdate {
  /** Excel row on the passages sheet. */
  readonly row: number;
  /** The row's idTechnique when the update was made: writers check it is still there before writing. */
  readonly idTechnique: string;
  readonly values: TrackingValues;
}

export type ExportMode = 'all' | 'notSent' | 'rejected';

/** One line of the history sheet: one file sent. */
export interface HistoryEntry {
  readonly idFlux: string;
  /** Horodatage of the export (Paris time with offset). */
  readonly dateTime: string;
  readonly fileName: string;
  readonly passages: number;
  readonly mode: ExportMode;
}

/** What an accusé says about one file of the history, to write in its "Résultat CDC" cell. */
export interface HistoryResult {
  /** The file is found by idFlux when the accusé gives one, else by file name. */
  readonly idFlux?: string;
  readonly fileName?: string;
  readonly result: string;
}

/** Everything to write back into a workbook at once. */
export interface TrackingChanges {
  readonly updates: readonly TrackingUpdate[];
  readonly history?: readonly HistoryEntry[];
  readonly historyResults?: readonly HistoryResult[];
}
