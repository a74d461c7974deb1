import type { HistoryRow, SourceRow, WorkbookData } from '../model/types';
import { CDC_STATUS_LABELS, CDC_STATUSES, statusOfRow, trackingText, type CdcStatus } from './status';
import type { ExportMode, TrackingChanges } from './types';

/**
 * Where the workbook's sends stand, read from its own « Statut CDC » and « idFlux d’envoi » cells and the Historique:
 * what the pane says after the workbook is reopened (the pane's session forgets the last export, the workbook does
 * not). Only what the cells say: a row « Exporté — à déposer » waits for its deposit whatever the pane remembers.
 */

/** One exported file whose rows still say « Exporté — à déposer ». */
export interface FileToDeposit {
  /** The idFlux written in the rows; empty for rows exported without one (then the file is unknown). */
  readonly idFlux: string;
  /** The file's name in the Historique (its last line of that idFlux); absent when the history does not say. */
  readonly fileName?: string;
  /** Rows of that file still waiting for their deposit. */
  readonly rows: number;
}

export interface SendsOverview {
  /** Rows by status (an unreadable status counts as « À envoyer », as the export reads it). */
  readonly counts: Readonly<Record<CdcStatus, number>>;
  /** Files exported and not deposited, in the order of the Historique (files it does not know last). */
  readonly toDeposit: readonly FileToDeposit[];
}

function cellText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

export function sendsOverview(data: WorkbookData): SendsOverview {
  const counts = Object.fromEntries(CDC_STATUSES.map((s) => [s, 0])) as Record<CdcStatus, number>;
  const waiting = new Map<string, number>();
  for (const row of data.passages.rows) {
    const { status } = statusOfRow(row);
    counts[status]++;
    if (status !== 'exported') continue;
    const idFlux = trackingText(row, 'idFlux');
    waiting.set(idFlux, (waiting.get(idFlux) ?? 0) + 1);
  }
  // The Historique names each file (one line per file sent; the last line of an idFlux wins).
  const names = new Map<string, { fileName: string; index: number }>();
  (data.history?.rows ?? []).forEach((h, index) => {
    const idFlux = cellText(h.cells.idFlux);
    const fileName = cellText(h.cells.fileName);
    if (idFlux !== '') names.set(idFlux, { fileName, index });
  });
  const toDeposit = [...waiting.entries()]
    .map(([idFlux, rows]) => {
      const known = idFlux !== '' ? names.get(idFlux) : undefined;
      return {
        file: { idFlux, rows, ...(known?.fileName ? { fileName: known.fileName } : {}) },
        order: known?.index ?? Number.MAX_SAFE_INTEGER,
      };
    })
    .sort((a, b) => a.order - b.order)
    .map((f) => f.file);
  return { counts, toDeposit };
}

/**
 * The export mode when the user chose none, the same in the pane and the CLI: once any row has a CDC status, only
 * the rows never sent go out (« Non envoyés »), so that exporting again never sends the same passages twice
 * without being asked; a workbook never sent exports everything.
 */
export function defaultExportMode(counts: Readonly<Record<CdcStatus, number>>): ExportMode {
  return Object.entries(counts).some(([status, n]) => status !== 'toSend' && n > 0) ? 'notSent' : 'all';
}

/**
 * The overview once `changes` are written into the workbook `data` was read from: what an export or « J'ai déposé »
 * leaves in the cells, without reading the workbook again.
 */
export function sendsOverviewAfter(data: WorkbookData, changes: TrackingChanges): SendsOverview {
  const byRow = new Map(changes.updates.map((u) => [u.row, u.values]));
  const rows = data.passages.rows.map((row): SourceRow => {
    const values = byRow.get(row.row);
    if (!values) return row;
    return {
      ...row,
      tracking: {
        ...row.tracking,
        status: CDC_STATUS_LABELS[values.status],
        ...(values.idFlux !== undefined ? { idFlux: values.idFlux } : {}),
      },
    };
  });
  const added: HistoryRow[] = (changes.history ?? []).map((h) => ({
    row: 0,
    cells: { idFlux: h.idFlux, fileName: h.fileName },
  }));
  return sendsOverview({
    ...data,
    passages: { ...data.passages, rows },
    history: { name: data.history?.name ?? '', rows: [...(data.history?.rows ?? []), ...added] },
  });
}
