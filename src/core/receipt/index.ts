/** Reading what the CDC sends back: public API of src/core/receipt (no file system: callers pass the text). */
export { parseReceipt, RECEIPT_LIMITS } from './parse-receipt';
export { receiptErrorMessage, receiptWarning } from '../../i18n/receipt-messages';
export {
  explainCdcMessage,
  explainXsdReceiptMessage,
  type CdcMessageCode,
  type CdcMessageExplanation,
  type XsdReceiptExplanation,
} from './cdc-messages';
export { traceSentXml, type SentXmlPosition, type SentXmlTrace, type TracedPosition } from './trace-sent-xml';
export { decodeXmlBytes, readGuardedXml, type XmlReadLimits } from './xml-guard';
export type {
  FunctionalReceipt,
  ParseReceiptResult,
  Receipt,
  ReceiptErrorCode,
  ReceiptRejection,
  ReceiptXsdError,
  XsdRejectionReceipt,
} from './types';
