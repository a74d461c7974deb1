import type { Dictionary } from '../../dictionary';
import { normalizeCell } from '../check/normalize';
import type { SourceRow, WorkbookData } from '../model/types';

/** The idTechnique of a row as the export writes it (same normalization), or undefined when it has none. */
export function rowIdTechnique(
  row: SourceRow,
  data: WorkbookData,
  dictionary: Dictionary,
): string | undefined {
  const result = normalizeCell(dictionary.field('5.1'), row.cells['5.1'], { date1904: data.date1904 });
  return result.kind === 'value' ? result.value : undefined;
}

/** idTechnique → the rows that carry it, in sheet order. */
export function rowsByIdTechnique(data: WorkbookData, dictionary: Dictionary): Map<string, SourceRow[]> {
  const byId = new Map<string, SourceRow[]>();
  for (const row of data.passages.rows) {
    const id = rowIdTechnique(row, data, dictionary);
    if (id === undefined) continue;
    const rows = byId.get(id);
    if (rows) rows.push(row);
    else byId.set(id, [row]);
  }
  return byId;
}
