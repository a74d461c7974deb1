/// <reference types="office-js" />

/**
 * The one way this add-in reaches Excel: a function with the shape of `Excel.run`.
 * Production passes `Excel.run`; tests pass the in-memory fake's `run`, which implements the part
 * of the API used in src/office (the code is type-checked against the real Office.js typings).
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** `Excel.run` as the host provides it: the batch alone, or with Excel.RunOptions (delayForCellEdit…). */
export interface HostExcelRun {
  <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export const officeExcelRun: HostExcelRun = <T>(
  first: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>),
  second?: (context: Excel.RequestContext) => Promise<T>,
): Promise<T> => (typeof first === 'function' ? Excel.run(first) : Excel.run(first, second as never));

/** Office.js error codes we branch on (Excel.ErrorCodes values). */
export const OfficeErrorCode = {
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
} as const;

export function officeErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Rejects with an AbortError when the user pressed Annuler. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('Aborted by the user', 'AbortError');
}
