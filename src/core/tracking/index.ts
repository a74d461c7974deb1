/** The round trip with the CDC: statuses, export selection, accusés applied, history (pure functions). */
export {
  CDC_STATUS_LABELS,
  readStatus,
  statusOfRow,
  trackingText,
  type CdcStatus,
  type ReadStatus,
} from './status';
export { selectPassagesForExport, type ExportSelection } from './selection';
export {
  applyReceipt,
  type ApplyReceiptOptions,
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
  type SentFile,
} from './history';
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
