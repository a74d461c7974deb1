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
  /** Not an Office code: real Excel silently returns null values above 5 000 000 cells; the fake fails loudly. */
  cellCountLimitExceeded: 'CellCountLimitExceeded',
} as const;
