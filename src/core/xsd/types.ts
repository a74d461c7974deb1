import type { Dictionary } from '../../dictionary';
import type { XmlLocation, XmlSourceMap } from '../model/types';

/**
 * Stable codes of XSD-stage problems, one per class of the CDC's guide to XML errors
 * (docs/cdc-guide-resolution-erreurs-xml-V4, §1), split where the fix differs.
 */
export type XsdErrorCode =
  | 'forbiddenComment'
  | 'xmlVersionMissing'
  | 'xmlVersion'
  | 'xsdVersion'
  | 'closingTagMissing'
  | 'unclosedTag'
  | 'invalidCharacter'
  | 'malformedXml'
  | 'badFormat'
  | 'outOfRange'
  | 'tooLong'
  | 'tooShort'
  | 'missing'
  | 'notNillable'
  | 'nilWithValue'
  | 'unexpected'
  | 'unexpectedAttribute'
  | 'exclusiveChoice'
  | 'enumeration'
  | 'schemaError'
  | 'invalid';

/** One problem found by XSD validation, with a French message and the libxml2 original. */
export interface XmlProblem {
  /** 1-based line in the XML file, null when libxml2 gave none. */
  readonly line: number | null;
  /** 1-based column, for well-formedness errors when it can be found. */
  readonly column?: number;
  readonly code: XsdErrorCode;
  /** French, names the element by its dictionary label and id when it is a known field. */
  readonly message: string;
  /** libxml2's English text, as printed by xmllint. */
  readonly raw: string;
  /** Where the line came from in the workbook, when a source map was given. */
  readonly location?: XmlLocation;
}

export interface XmlValidationReport {
  readonly valid: boolean;
  readonly errors: readonly XmlProblem[];
  /** Number of problems left out because of maxErrors (absent when none were). */
  readonly omittedErrors?: number;
}

export interface ValidateXmlOptions {
  /** The schema version whose generated XSD is used, and whose labels name the elements. */
  readonly dictionary: Dictionary;
  /**
   * Validate against this XSD instead of the one generated from the dictionary (e.g. a schema the CDC
   * has just published, or the official file in tests). Messages still use the dictionary's labels.
   */
  readonly extraSchema?: { readonly fileName: string; readonly contents: string };
  /** Maps XML lines back to workbook cells; fills XmlProblem.location. */
  readonly sourceMap?: XmlSourceMap;
  /** At most this many problems are reported (default 100, as in the CDC's report). */
  readonly maxErrors?: number;
  /**
   * False when the document is not the file the user gets (a part validated on its own): messages then say
   * where the value is in the workbook instead of quoting line numbers of a file nobody sees. Default true.
   */
  readonly linesInMessages?: boolean;
  /**
   * The caller no longer needs the document's bytes (a part built for this validation): they may be moved to the
   * thread that runs libxml2 instead of being copied. The report never depends on it.
   */
  readonly transferInput?: boolean;
}
