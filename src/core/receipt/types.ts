/**
 * What the CDC sends back after a deposit (SPEC-NOTES §c): either the functional accusé de traitement
 * (passages OK and KO after the holder matching) or, when the file failed the XSD stage, the report of XSD
 * errors. Both are `<rapport>` documents; this is what the parser keeps of them.
 */

/** A passage listed in PassagesKO. */
export interface ReceiptRejection {
  readonly idTechnique: string;
  /** The CDC's message, blanks collapsed (the CDC wraps long messages over several lines). */
  readonly message: string;
}

export interface FunctionalReceipt {
  readonly kind: 'functional';
  /** nomFichier: the name of the deposited file. */
  readonly fileName?: string;
  readonly idFlux?: string;
  readonly idTraitement?: string;
  /** Older accusés (2022) carry idDemande instead of idFlux/idTraitement. */
  readonly idDemande?: string;
  /** In document order, duplicates kept: merging them is the tracking's business. */
  readonly rejected: readonly ReceiptRejection[];
  readonly accepted: readonly string[];
}

/** One `<erreur>` of an XSD-rejection report. */
export interface ReceiptXsdError {
  /** "XSD" in every known report. */
  readonly type: string;
  /** Xerces' French message, blanks collapsed. */
  readonly message: string;
  /** Line and column in the deposited file, when given. */
  readonly line?: number;
  readonly column?: number;
}

export interface XsdRejectionReceipt {
  readonly kind: 'xsdRejection';
  readonly fileName?: string;
  readonly idDemande?: string;
  readonly idTraitement?: string;
  readonly errors: readonly ReceiptXsdError[];
}

export type Receipt = FunctionalReceipt | XsdRejectionReceipt;

export type ReceiptErrorCode =
  | 'tooLarge'
  | 'empty'
  | 'zip'
  | 'encoding'
  | 'doctype'
  | 'notXml'
  | 'tooDeep'
  | 'tooManyElements'
  | 'fluxNotReceipt'
  | 'notAReceipt'
  | 'wrongNamespace'
  | 'noContent';

export type ParseReceiptResult =
  | { readonly ok: true; readonly receipt: Receipt; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly code: ReceiptErrorCode; readonly message: string };
