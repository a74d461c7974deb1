import { workbook, type RowInput } from './workbook';
import type { CellValue, TrackingKey, WorkbookData } from '../../src/core/model/types';

/** Test workbooks whose passage rows carry round-trip cells (status, idFlux d'envoi…). */
export function trackedWorkbook(
  rows: readonly { readonly cells: RowInput; readonly tracking?: Partial<Record<TrackingKey, CellValue>> }[],
  options: Parameters<typeof workbook>[1] & { history?: WorkbookData['history'] } = {},
): WorkbookData {
  const data = workbook(
    rows.map((r) => r.cells),
    options,
  );
  return {
    ...data,
    passages: {
      ...data.passages,
      trackingColumns: { status: 'AZ', message: 'BA', action: 'BB', statusDate: 'BC', idFlux: 'BD' },
      rows: data.passages.rows.map((row, i) =>
        rows[i].tracking ? { ...row, tracking: rows[i].tracking } : row,
      ),
    },
    ...(options.history ? { history: options.history } : {}),
  };
}
