import { ErrorCode, FakeOfficeError } from './errors';

/**
 * The request/response batching of Office.js, modelled so tests can count round trips and bytes.
 * Every proxy call queues an operation; nothing touches the workbook until `sync()`, exactly as
 * with the real API (errors such as ItemNotFound therefore surface at sync, not at the call).
 */

/** Excel on the web: 5 MB per request and per response (docs: "Resource limits and performance optimization"). */
export const WEB_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Any platform: 5 000 000 cells per read. */
export const CELL_READ_LIMIT = 5_000_000;
/** Fixed cost we count per queued operation (the JSON envelope of an action). */
const OP_OVERHEAD_BYTES = 40;

export interface OpResult {
  /** Bytes this operation adds to the response. */
  readonly bytes: number;
  /** Applies loaded values to the proxy, once the whole response is known to be deliverable. */
  readonly commit?: () => void;
}

export interface Operation {
  readonly requestBytes: number;
  readonly run: () => OpResult;
}

export interface SyncRecord {
  readonly operations: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Excel refused the batch (payload limit, invalid argument…). */
  readonly failed: boolean;
}

export class FakeStats {
  readonly records: SyncRecord[] = [];
  /** Largest number of cells loaded by one read (values or number formats). */
  maxCellsPerRead = 0;

  get syncs(): number {
    return this.records.length;
  }

  /** Largest request Excel accepted. */
  get maxRequestBytes(): number {
    return Math.max(0, ...this.records.filter((r) => !r.failed).map((r) => r.requestBytes));
  }

  /** Largest response Excel delivered. */
  get maxResponseBytes(): number {
    return Math.max(0, ...this.records.filter((r) => !r.failed).map((r) => r.responseBytes));
  }

  get failedSyncs(): number {
    return this.records.filter((r) => r.failed).length;
  }

  reset(): void {
    this.records.length = 0;
    this.maxCellsPerRead = 0;
  }
}

const encoder = new TextEncoder();

/** UTF-8 size of a value's JSON, which is how Office.js ships it. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  // Pure-ASCII fast path: avoids encoding multi-megabyte strings.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7F]*$/.test(text) ? text.length : encoder.encode(text).length;
}

/** Runs before each sync is processed; may wait or throw (cell-edit mode, see FakeExcel.run). */
export type SyncGate = () => Promise<void>;

export class BatchQueue {
  private queue: Operation[] = [];

  constructor(
    private readonly stats: FakeStats,
    private readonly web: boolean,
    private readonly gate: SyncGate = () => Promise.resolve(),
  ) {}

  enqueue(requestBytes: number, run: () => OpResult): void {
    this.queue.push({ requestBytes: requestBytes + OP_OVERHEAD_BYTES, run });
  }

  get pending(): number {
    return this.queue.length;
  }

  noteCellsRead(cells: number): void {
    if (cells > CELL_READ_LIMIT) {
      throw new FakeOfficeError(
        ErrorCode.rangeExceedsLimit,
        `Read of ${cells} cells: Excel reads at most ${CELL_READ_LIMIT} cells per request.`,
      );
    }
    this.stats.maxCellsPerRead = Math.max(this.stats.maxCellsPerRead, cells);
  }

  async flush(): Promise<void> {
    const operations = this.queue;
    this.queue = [];
    const requestBytes = operations.reduce((sum, op) => sum + op.requestBytes, 0);
    let responseBytes = 0;
    let failed = true;
    const record = (): void => {
      this.stats.records.push({ operations: operations.length, requestBytes, responseBytes, failed });
    };
    // Real Office.js is asynchronous here; so must the fake be, or ordering bugs would hide.
    await Promise.resolve();
    try {
      await this.gate();
    } catch (error) {
      // Refused as a whole: nothing of this request reaches the workbook.
      record();
      throw error;
    }
    if (this.web && requestBytes > WEB_PAYLOAD_LIMIT_BYTES) {
      record();
      throw new FakeOfficeError(
        ErrorCode.requestPayloadSizeLimitExceeded,
        `Request of ${requestBytes} bytes exceeds the 5 MB limit of Excel on the web.`,
      );
    }
    const commits: (() => void)[] = [];
    try {
      for (const op of operations) {
        const result = op.run();
        responseBytes += result.bytes;
        if (result.commit) commits.push(result.commit);
      }
      failed = this.web && responseBytes > WEB_PAYLOAD_LIMIT_BYTES;
    } finally {
      record();
    }
    if (failed) {
      throw new FakeOfficeError(
        ErrorCode.responsePayloadSizeLimitExceeded,
        `Response of ${responseBytes} bytes exceeds the 5 MB limit of Excel on the web.`,
      );
    }
    for (const commit of commits) commit();
  }
}
