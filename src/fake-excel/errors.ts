/** Error shaped like OfficeExtension.Error: `code` is what add-in code branches on. */
export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: { readonly code: string; readonly message: string };

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.debugInfo = { code, message };
  }
}

/** Codes used by Office.js (Excel.ErrorCodes) that the fake raises. */
export const ErrorCode = {
  propertyNotLoaded: 'PropertyNotLoaded',
  itemNotFound: 'ItemNotFound',
  itemAlreadyExists: 'ItemAlreadyExists',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidReference: 'InvalidReference',
  invalidCellAddress: 'InvalidCellAddress',
  apiNotFound: 'ApiNotFound',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  /**
   * "The cell count in the range has exceeded the maximum supported number" (docs: "Office Add-ins error
   * codes", testing/application-specific-api-error-handling.md). Its exact trigger is « à confirmer »: the fake
   * raises it above the 5 000 000 cells per read of "Resource limits and performance optimization".
   */
  rangeExceedsLimit: 'RangeExceedsLimit',
  /** Excel.ErrorCodes.invalidOperationInCellEditMode (typings l.70158): a batch while the user edits a cell. */
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  /**
   * Excel.ErrorCodes.accessDenied: documented for protection-related methods (typings l.33597, l.38220). That
   * range writes on a protected sheet raise it is « à confirmer »: the fake takes it as the stricter choice.
   */
  accessDenied: 'AccessDenied',
} as const;
