import { foldForMatch } from '../check/normalize';
import type { CellValue, SourceRow } from '../model/types';

/**
 * Where each passage stands with the CDC, as Pix's CPF export tracks it: À envoyer → Envoyé (exported) →
 * Accepté or Rejeté (the accusé de traitement). The status lives in the "Statut CDC" column, typed as its
 * French label; an empty cell means "À envoyer".
 */

export type CdcStatus = 'toSend' | 'sent' | 'accepted' | 'rejected';

export const CDC_STATUS_LABELS: Readonly<Record<CdcStatus, string>> = {
  toSend: 'À envoyer',
  sent: 'Envoyé',
  accepted: 'Accepté',
  rejected: 'Rejeté',
};

/** Also the masculine/feminine plurals users may type ("acceptée", "rejetés"). */
const BY_FOLDED = new Map<string, CdcStatus>(
  (Object.entries(CDC_STATUS_LABELS) as [CdcStatus, string][]).flatMap(([status, label]) => {
    const base = foldForMatch(label);
    return [base, `${base}e`, `${base}s`, `${base}es`].map((form) => [form, status] as [string, CdcStatus]);
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
  const status = BY_FOLDED.get(foldForMatch(text));
  return status ? { status, recognized: true } : { status: 'toSend', recognized: false, text };
}

export function statusOfRow(row: SourceRow): ReadStatus {
  return readStatus(row.tracking?.status);
}

/** The text of a tracking cell (idFlux d'envoi…), trimmed; empty when blank or not text. */
export function trackingText(row: SourceRow, key: 'message' | 'action' | 'idFlux'): string {
  const value = row.tracking?.[key];
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}
