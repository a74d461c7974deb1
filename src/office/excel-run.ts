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
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  accessDenied: 'AccessDenied',
  invalidArgument: 'InvalidArgument',
} as const;

/** Told when a request to Excel has been pending for a while, and when none is any more. */
export interface SlowRequestWatch {
  readonly afterMs: number;
  readonly onChange: (slow: boolean) => void;
}

/**
 * How the add-in runs every batch. `delayForCellEdit: true` (Excel.RunOptions, typings l.33533): while the user
 * types in a cell Excel holds the request until the entry ends, instead of failing it (the default). The wait has
 * no time limit and Excel says nothing (office-js #806, #3388): a request pending longer than `watch.afterMs` is
 * reported so the pane can say what to do.
 */
export function addinExcelRun(host: HostExcelRun, watch?: SlowRequestWatch): ExcelRun {
  let slow = 0;
  const watchSyncs = (context: Excel.RequestContext): Excel.RequestContext => {
    if (!watch) return context;
    const sync = context.sync.bind(context);
    // Own property over the prototype's method: every sync of this batch, including Excel.run's last one.
    context.sync = (<T>(passThroughValue?: T) => {
      let flagged = false;
      const timer = setTimeout(() => {
        flagged = true;
        if (slow++ === 0) watch.onChange(true);
      }, watch.afterMs);
      return sync(passThroughValue).finally(() => {
        clearTimeout(timer);
        if (flagged && --slow === 0) watch.onChange(false);
      });
    }) as typeof context.sync;
    return context;
  };
  return (batch) => host({ delayForCellEdit: true }, (context) => batch(watchSyncs(context)));
}

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
