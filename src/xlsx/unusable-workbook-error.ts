/** Thrown when a file cannot be used as a workbook at all; its message is French and says what to do. */
export class UnusableWorkbookError extends Error {}
