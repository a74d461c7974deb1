/// <reference types="office-js" />
import { OfficeErrorCode, officeErrorCode, throwIfAborted } from './excel-run';

/**
 * Reads a rectangle of values in blocks of rows, within Office's limits (PERF-NOTES, Microsoft "Resource limits
 * and performance optimization"): 5 MB per request/response on the web, 5 000 000 cells per read. Blocks are sized
 * from the bytes per row seen so far and halved when Excel still refuses the payload ("If you hit a limit error,
 * retry with a smaller block size", docs `excel/excel-add-ins-ranges-large.md`).
 */

export interface BlockReadOptions {
  readonly signal?: AbortSignal;
  /** Most rows per read (default 10 000). */
  readonly maxBlockRows?: number;
  /** Target response size per read, under the 5 MB web limit with room for the envelope. */
  readonly payloadBudgetBytes?: number;
  /** Rows read by the block that just came back. */
  readonly onRows?: (rows: number) => void;
}

/** The cells to read: 0-based first row and column, and the size. */
export interface BlockArea {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

// 10 000 typical rows are about 2 MB, well under the 5 MB limit of Excel on the web; longer rows shrink the
// next blocks (see the payload budget), so fewer round trips without risking a refused request.
const DEFAULT_BLOCK_ROWS = 10_000;
const DEFAULT_PAYLOAD_BUDGET = 4_000_000;
const CELLS_PER_READ_LIMIT = 5_000_000;

function approximateBytes(values: unknown[][]): number {
  return JSON.stringify(values).length;
}

export async function readRowBlocks(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  area: BlockArea,
  options: BlockReadOptions = {},
): Promise<unknown[][]> {
  const width = Math.max(1, area.columns);
  const maxRows = Math.max(
    1,
    Math.min(options.maxBlockRows ?? DEFAULT_BLOCK_ROWS, Math.floor(CELLS_PER_READ_LIMIT / width)),
  );
  const budget = options.payloadBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET;
  const rows: unknown[][] = [];
  let next = 0;
  let blockRows = maxRows;
  while (next < area.rows) {
    throwIfAborted(options.signal);
    const count = Math.min(blockRows, area.rows - next);
    const block = sheet.getRangeByIndexes(area.row + next, area.column, count, width).load('values');
    try {
      await context.sync();
    } catch (error) {
      const code = officeErrorCode(error);
      if (
        count > 1 &&
        (code === OfficeErrorCode.responsePayloadSizeLimitExceeded ||
          code === OfficeErrorCode.requestPayloadSizeLimitExceeded)
      ) {
        blockRows = Math.max(1, Math.floor(count / 2));
        continue;
      }
      throw error;
    }
    rows.push(...block.values);
    const bytesPerRow = approximateBytes(block.values) / count;
    blockRows = Math.max(1, Math.min(maxRows, Math.floor(budget / Math.max(1, bytesPerRow))));
    next += count;
    options.onRows?.(count);
  }
  return rows;
}
