import type { Dictionary } from '../../dictionary';
import { explainCdcMessage } from '../receipt/cdc-messages';
import { fieldName } from '../../i18n/check-messages';
import { cellOf, type IssueCollector } from '../check/issue-collector';
import type { Passage, SourceSheet } from '../model/types';
import { passageFingerprint } from './fingerprint';
import { statusOfRow, trackingText } from './status';

/**
 * Rows the CDC rejected, shown where they are: each uncorrected rejected row gets a « Rejeté par la CDC » problem on
 * the cells the CDC's message points at (the whole row when it says nothing more precise), with the message and what
 * to do. A row whose values still have the fingerprint of the rejected send also gets `unchangedSinceRejection`
 * on its first identity cell: sent again as it is, the CDC would reject it again. A row edited since the rejection is
 * « corrigé, à renvoyer »: no problem any more, the « Rejetés » export sends it.
 */

/** The passage's first identity cells, in the order people read them (birth name, then first name). */
const IDENTITY_FIELDS = ['8.1', '8.3'];

export interface RejectedRow {
  readonly row: number;
  /** The fingerprint of the values as they are equals the one kept at the rejected send. */
  readonly unchanged: boolean;
}

/** Rejected rows not corrected since (edited rows are left out: they are ready to be sent again). */
export function uncorrectedRejections(
  sheet: SourceSheet,
  passages: readonly Passage[],
): { row: number; unchanged: boolean; message: string }[] {
  const byRow = new Map(passages.map((p) => [p.row, p]));
  const out: { row: number; unchanged: boolean; message: string }[] = [];
  for (const row of sheet.rows) {
    if (statusOfRow(row).status !== 'rejected') continue;
    const passage = byRow.get(row.row);
    const kept = trackingText(row, 'fingerprint');
    // Without a kept fingerprint (a send of an earlier version), an edit cannot be told apart: still rejected.
    const unchanged = kept !== '' && passage !== undefined && passageFingerprint(passage) === kept;
    if (kept !== '' && !unchanged) continue;
    out.push({ row: row.row, unchanged, message: trackingText(row, 'message') });
  }
  return out;
}

/** Adds the rejection problems of the sheet's rows; returns how many rows remain rejected and uncorrected. */
export function addRejectionIssues(
  dictionary: Dictionary,
  sheet: SourceSheet,
  passages: readonly Passage[],
  issues: IssueCollector,
): number {
  const rejected = uncorrectedRejections(sheet, passages);
  const lastColumn = lastDataColumn(sheet);
  for (const { row, unchanged, message } of rejected) {
    const messages = message
      .split(' | ')
      .map((m) => m.trim())
      .filter((m) => m !== '');
    const explanations = messages.map((m) => explainCdcMessage(m, dictionary));
    const focus = [...new Set(explanations.flatMap((e) => e.focus))].filter((id) => sheet.columns[id]);
    const params = {
      value: messages.join(' ; ') || 'sans message',
      expected: explanations.map((e) => `${e.explanation} ${e.action}`).join(' ') || undefined,
    };
    if (focus.length === 0) {
      // Nothing more precise than « this passage »: the whole row, from its first to its last data column.
      const first = firstDataColumn(sheet);
      const cell = first && lastColumn ? `${first}${row}:${lastColumn}${row}` : '';
      issues.add('warning', 'rejectedByCdc', { sheet: sheet.name, row, cell }, undefined, params);
    } else {
      // The message and the remedy once, on the first cell; the other cells it points at refer to it.
      const [first, ...others] = focus;
      issues.add('warning', 'rejectedByCdc', cellOf(sheet, row, first), dictionary.field(first), params);
      for (const id of others)
        issues.add('warning', 'rejectedByCdc', cellOf(sheet, row, id), dictionary.field(id), {
          value: params.value,
          other: fieldName(dictionary.field(first)),
        });
    }
    if (unchanged) {
      const id = IDENTITY_FIELDS.find((f) => sheet.columns[f]) ?? '5.1';
      issues.add('warning', 'unchangedSinceRejection', cellOf(sheet, row, id), dictionary.field(id), {});
    }
  }
  return rejected.length;
}

function sortedColumns(sheet: SourceSheet): string[] {
  return Object.values(sheet.columns).sort((a, b) => a.length - b.length || a.localeCompare(b));
}

function firstDataColumn(sheet: SourceSheet): string | undefined {
  return sortedColumns(sheet)[0];
}

function lastDataColumn(sheet: SourceSheet): string | undefined {
  const columns = sortedColumns(sheet);
  return columns[columns.length - 1];
}
