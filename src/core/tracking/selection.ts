import type { Dictionary } from '../../dictionary';
import { cellOf } from '../check/issue-collector';
import { locationPrefix } from '../../i18n/check-messages';
import type { Issue, SourceRow, WorkbookData } from '../model/types';
import { rowIdTechnique } from './row-ids';
import { statusOfRow, type CdcStatus } from './status';
import { checkWorkbook } from '../check/check';
import { uncorrectedRejections } from './rejections';
import { trackingMessage } from '../../i18n/tracking-messages';
import type { ExportMode } from './types';

/**
 * Which rows an export sends: all of them, those never sent (status empty or "À envoyer"), or those the CDC
 * rejected. The workbook handed to the check and the XML writer holds only those rows (and their DIGCOMP
 * results), so a half-typed new row does not block re-sending the rejected ones. A rejected row whose values are
 * those of the rejected send (same fingerprint) is left out of « Rejetés » unless asked (`includeUnchanged`): the
 * CDC would reject it again.
 */

export interface SelectionOptions {
  /** « Rejetés »: send rejected rows even when unchanged since the rejection (confirmed by the user). */
  readonly includeUnchanged?: boolean;
  /** "Today" of the check that tells unchanged rows (dates rules); default: now. */
  readonly today?: Date;
}

export interface ExportSelection {
  readonly mode: ExportMode;
  /** The workbook restricted to the selected rows. */
  readonly data: WorkbookData;
  /** Excel rows selected, in sheet order. */
  readonly rows: readonly number[];
  /** Rows left out, by status. */
  readonly leftOut: Readonly<Record<CdcStatus, number>>;
  /** « Rejetés »: rejected rows left out because unchanged since the rejected send (Excel rows). */
  readonly unchanged: readonly number[];
  /** Problems the selection itself finds (unreadable status, idTechnique shared with a row left out). */
  readonly issues: readonly Issue[];
}

/** An issue's location and text, and the message the CLI prints. */
function located(location: string, text: string): Pick<Issue, 'location' | 'text' | 'message'> {
  return { location, text, message: `${location} : ${text}` };
}

const WANTED: Record<ExportMode, (status: CdcStatus) => boolean> = {
  all: () => true,
  notSent: (status) => status === 'toSend',
  rejected: (status) => status === 'rejected',
};

export function selectPassagesForExport(
  data: WorkbookData,
  mode: ExportMode,
  dictionary: Dictionary,
  options: SelectionOptions = {},
): ExportSelection {
  const leftOut: Record<CdcStatus, number> = {
    toSend: 0,
    exported: 0,
    deposited: 0,
    accepted: 0,
    rejected: 0,
  };
  const unchangedRows =
    mode === 'rejected' && !options.includeUnchanged
      ? unchangedRejectedRows(data, dictionary, options.today)
      : new Set<number>();
  const unchanged: number[] = [];
  const issues: Issue[] = [];
  const selected: SourceRow[] = [];
  const statusField = data.passages.trackingColumns?.status;
  for (const row of data.passages.rows) {
    const status = statusOfRow(row);
    if (!status.recognized) {
      const cell = statusField ? `${statusField}${row.row}` : '';
      issues.push({
        sheet: data.passages.name,
        cell,
        row: row.row,
        field: '',
        tag: '',
        severity: 'warning',
        code: 'unknownStatus',
        ...located(
          locationPrefix(data.passages.name, cell, row.row, undefined),
          trackingMessage('unknownStatus', { value: status.text ?? '' }),
        ),
      });
    }
    if (unchangedRows.has(row.row)) unchanged.push(row.row);
    else if (WANTED[mode](status.status)) selected.push(row);
    else leftOut[status.status]++;
  }
  if (mode === 'all') return { mode, data, rows: selected.map((r) => r.row), leftOut, unchanged, issues };

  // An idTechnique the CDC already knows comes back "existe déjà en base", which counts as accepted: a new
  // row reusing the id of a row left out would then be taken as sent when it never was.
  const selectedRows = new Set(selected);
  const leftOutIds = new Map<string, number>();
  for (const row of data.passages.rows) {
    if (selectedRows.has(row)) continue;
    const id = rowIdTechnique(row, data, dictionary);
    if (id !== undefined && !leftOutIds.has(id)) leftOutIds.set(id, row.row);
  }
  const ids = new Set<string>();
  const idField = dictionary.field('5.1');
  for (const row of selected) {
    const id = rowIdTechnique(row, data, dictionary);
    if (id === undefined) continue;
    ids.add(id);
    const other = leftOutIds.get(id);
    if (other === undefined) continue;
    const where = cellOf(data.passages, row.row, '5.1');
    issues.push({
      ...where,
      field: idField.id,
      tag: idField.tag,
      severity: 'error',
      code: 'idTechniqueReused',
      ...located(
        locationPrefix(where.sheet, where.cell, where.row, idField),
        trackingMessage('idTechniqueReused', { value: id, row: other }),
      ),
    });
  }
  const digcompRows = data.digcomp.rows.filter((row) => {
    const id = rowIdTechnique(row, data, dictionary);
    return id !== undefined && ids.has(id);
  });
  return {
    mode,
    data: {
      ...data,
      passages: { ...data.passages, rows: selected },
      digcomp: { ...data.digcomp, rows: digcompRows },
    },
    rows: selected.map((r) => r.row),
    leftOut,
    unchanged,
    issues,
  };
}

/** Rejected rows whose values still have the fingerprint of the rejected send. */
function unchangedRejectedRows(data: WorkbookData, dictionary: Dictionary, today?: Date): Set<number> {
  const rejected = data.passages.rows.filter((r) => statusOfRow(r).status === 'rejected');
  if (rejected.length === 0) return new Set();
  // The passages' values as the export would write them: the check of those rows alone computes them.
  const ids = new Set(
    rejected.map((r) => rowIdTechnique(r, data, dictionary)).filter((id) => id !== undefined),
  );
  const subset: WorkbookData = {
    ...data,
    passages: { ...data.passages, rows: rejected },
    digcomp: {
      ...data.digcomp,
      rows: data.digcomp.rows.filter((r) => ids.has(rowIdTechnique(r, data, dictionary) ?? '')),
    },
  };
  const check = checkWorkbook(subset, { dictionary, ...(today ? { today } : {}) });
  return new Set(
    uncorrectedRejections(subset.passages, check.passages)
      .filter((r) => r.unchanged)
      .map((r) => r.row),
  );
}
