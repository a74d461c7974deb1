import { foldForMatch } from '../check/normalize';
import type { CellValue, SourceRow } from '../model/types';

/**
 * Where each passage stands with the CDC, saying only what is known:
 * À envoyer → Exporté — à déposer (a file was produced; nobody knows yet whether it reached the CDC) → Déposé (the
 * user confirmed the deposit on the portal, or an accusé of that file came back) → Accepté or Rejeté (the accusé de
 * traitement) → after a fix and a new export, Exporté — à déposer again. The status lives in the "Statut CDC" column,
 * typed as its French label; an empty cell means "À envoyer". Workbooks of earlier versions say « Envoyé », which is
 * read as Exporté: that is all an export ever knew.
 */

export type CdcStatus = 'toSend' | 'exported' | 'deposited' | 'accepted' | 'rejected';

export const CDC_STATUSES: readonly CdcStatus[] = ['toSend', 'exported', 'deposited', 'accepted', 'rejected'];

export const CDC_STATUS_LABELS: Readonly<Record<CdcStatus, string>> = {
  toSend: 'À envoyer',
  exported: 'Exporté — à déposer',
  deposited: 'Déposé',
  accepted: 'Accepté',
  rejected: 'Rejeté',
};

/** Counts of rows by status, in words (« 3 exportés à déposer, 2 rejetés »): zero counts left out. */
export function statusCountsText(counts: Readonly<Record<CdcStatus, number>>): string {
  const words: Record<CdcStatus, [string, string]> = {
    toSend: ['à envoyer', 'à envoyer'],
    exported: ['exporté à déposer', 'exportés à déposer'],
    deposited: ['déposé', 'déposés'],
    accepted: ['accepté', 'acceptés'],
    rejected: ['rejeté', 'rejetés'],
  };
  return CDC_STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s].toLocaleString('fr-FR')} ${words[s][counts[s] > 1 ? 1 : 0]}`)
    .join(', ');
}

/** Other texts read as a status: the label of earlier versions, and what users type for short. */
const ALIASES: readonly [string, CdcStatus][] = [
  ['Envoyé', 'exported'],
  ['Exporté', 'exported'],
  ['Exporté à déposer', 'exported'],
  ['À déposer', 'exported'],
];

/** Also the masculine/feminine plurals users may type ("acceptée", "rejetés"). */
const BY_FOLDED = new Map<string, CdcStatus>(
  [
    ...(Object.entries(CDC_STATUS_LABELS) as [CdcStatus, string][]),
    ...ALIASES.map(([l, st]) => [st, l] as const),
  ].flatMap(([status, label]) => {
    // The dash of « Exporté — à déposer » is not a word: "exporte a deposer" and "exporte — a deposer" match.
    const base = foldForMatch(label.replace(/[—–]/g, ' ')).replace(/\s+/g, ' ');
    const forms = [base, `${base}e`, `${base}s`, `${base}es`];
    return forms.map((form) => [form, status] as [string, CdcStatus]);
  }),
);

export interface ReadStatus {
  readonly status: CdcStatus;
  /** False when the cell holds something that is no status: the row is then treated as "À envoyer". */
  readonly recognized: boolean;
  /** The cell's text when not recognized, to quote it back. */
  readonly text?: string;
}

export function readStatus(value: CellValue): ReadStatus {
  if (value === null || value === undefined) return { status: 'toSend', recognized: true };
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : '';
  if (text.trim() === '') {
    return typeof value === 'string'
      ? { status: 'toSend', recognized: true }
      : { status: 'toSend', recognized: false, text: '?' };
  }
  const folded = foldForMatch(text.replace(/[—–]/g, ' ')).replace(/\s+/g, ' ');
  const status = BY_FOLDED.get(folded);
  return status ? { status, recognized: true } : { status: 'toSend', recognized: false, text };
}

export function statusOfRow(row: SourceRow): ReadStatus {
  return readStatus(row.tracking?.status);
}

/** The text of a tracking cell (idFlux d'envoi…), trimmed; empty when blank or not text. */
export function trackingText(
  row: SourceRow,
  key: 'message' | 'action' | 'idFlux' | 'fingerprint' | 'lastRejection',
): string {
  const value = row.tracking?.[key];
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}
