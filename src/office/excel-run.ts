/// <reference types="office-js" />

/**
 * The one way this add-in reaches Excel: a function with the shape of `Excel.run`.
 * Production passes `Excel.run`; tests pass the in-memory fake's `run`, which implements the part
 * of the API used in src/office (the code is type-checked against the real Office.js typings).
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const officeExcelRun: ExcelRun = (batch) => Excel.run(batch);

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
