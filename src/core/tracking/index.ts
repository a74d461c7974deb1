/** The round trip with the CDC: statuses, export selection, accusés applied, history (pure functions). */
export {
  CDC_STATUS_LABELS,
  CDC_STATUSES,
  statusCountsText,
  readStatus,
  statusOfRow,
  trackingText,
  type CdcStatus,
  type ReadStatus,
} from './status';
export { selectPassagesForExport, type ExportSelection, type SelectionOptions } from './selection';
export { passageFingerprint } from './fingerprint';
export { addRejectionIssues, uncorrectedRejections } from './rejections';
export {
  applyReceipt,
  matchSend,
  withoutValidatorCode,
  type ApplyReceiptOptions,
  type ReceiptOutcome,
  type SendMatch,
  type LocatedXsdError,
  type ReceiptApplication,
  type ReceiptRowOutcome,
  type UnmatchedPassage,
} from './apply-receipt';
export {
  EXPORT_MODE_LABELS,
  excelDateOfHorodatage,
  excelDateOfInstant,
  trackingOfExport,
  trackingOfDeposit,
  sentRowTracking,
  type SentFile,
  type SentRow,
} from './history';
export {
  defaultExportMode,
  sendsOverview,
  sendsOverviewAfter,
  type FileToDeposit,
  type SendsOverview,
} from './sends';
export { rowIdTechnique, rowsByIdTechnique } from './row-ids';
export { trackingMessage } from '../../i18n/tracking-messages';
export type {
  ExportMode,
  HistoryEntry,
  HistoryResult,
  TrackingChanges,
  TrackingUpdate,
  TrackingValues,
} from './types';
