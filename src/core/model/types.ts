/**
 * Data shapes shared by the pure core and its surfaces (CLI, Excel adapter, task pane).
 * Nothing here knows about Office.js or exceljs.
 */

/** An Excel error value such as #N/A or #REF!. */
export interface CellError {
  readonly error: string;
}

/**
 * A cell value as a workbook reader hands it over, before interpretation.
 * Office.js gives dates as serial numbers; exceljs gives Date objects (UTC midnight).
 */
export type CellValue = string | number | boolean | Date | CellError | null | undefined;

/** Round-trip columns of the passages sheet (never exported): see TRACKING_COLUMN_SPECS in layout.ts. */
export type TrackingKey =
  'status' | 'message' | 'action' | 'statusDate' | 'idFlux' | 'lastRejection' | 'fingerprint';

/** Columns of the history sheet: see HISTORY_COLUMN_SPECS in layout.ts. */
export type HistoryKey = 'idFlux' | 'dateTime' | 'fileName' | 'passages' | 'mode' | 'result';

/** One row of a template sheet: its Excel row number and its cells keyed by dictionary id. */
export interface SourceRow {
  /** 1-based Excel row number. */
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
  /** Round-trip cells of the row (status, message, send), when the sheet has those columns. */
  readonly tracking?: Readonly<Partial<Record<TrackingKey, CellValue>>>;
  /** Cells whose value is a link's address, with the different text they show (checked as a warning). */
  readonly linkTexts?: Readonly<Record<string, string>>;
}

/** A template sheet as read: where each field's column is, and the rows that hold data. */
export interface SourceSheet {
  readonly name: string;
  /** Column letter of each dictionary id found in the header. */
  readonly columns: Readonly<Record<string, string>>;
  readonly rows: readonly SourceRow[];
  /** Column letter of each round-trip column found in the header. */
  readonly trackingColumns?: Readonly<Partial<Record<TrackingKey, string>>>;
  /** Ids whose header appears in several columns → all their letters (only the first is read). */
  readonly duplicateColumns?: Readonly<Record<string, readonly string[]>>;
}

/** One row of the history sheet as read. */
export interface HistoryRow {
  readonly row: number;
  readonly cells: Readonly<Partial<Record<HistoryKey, CellValue>>>;
}

/** What a surface reads from a workbook filled from the template. */
export interface WorkbookData {
  /** Excel's 1904 date system (old Mac workbooks): serials are counted from 1904-01-01. */
  readonly date1904: boolean;
  /** Flux-level values by dictionary id, with the address of the cell they came from. */
  readonly parameters: {
    readonly name: string;
    readonly cells: Readonly<Record<string, { readonly address: string; readonly value: CellValue }>>;
  };
  readonly passages: SourceSheet;
  readonly digcomp: SourceSheet;
  /** The history of sends, when the workbook has that sheet. */
  readonly history?: { readonly name: string; readonly rows: readonly HistoryRow[] };
}

export type Severity = 'error' | 'warning';

/** One problem found in the workbook, located at a cell, with a French message. */
export interface Issue {
  readonly sheet: string;
  /** A1 address, e.g. "F12" (empty when the problem concerns no single cell). */
  readonly cell: string;
  /** 1-based Excel row (0 when the problem concerns no row). */
  readonly row: number;
  /** Dictionary id, e.g. "5.10" (empty when no field applies). */
  readonly field: string;
  /** XML tag of the field (empty when no field applies). */
  readonly tag: string;
  readonly severity: Severity;
  /** Stable machine code, e.g. "required", "tooLong". */
  readonly code: string;
  /** Where, in French: "Passages, ligne 12, colonne F « Nom de naissance » (8.1)". */
  readonly location: string;
  /** What is wrong and what to type instead, in French, without the location. */
  readonly text: string;
  /** `location : text`, as the CLI prints it. */
  readonly message: string;
  /** What fixes it, when it can be inferred: the value meant, or a command of the add-in. */
  readonly fix?: IssueFix;
  /**
   * Key shared by the issues of one group of rows that repeat each other (the same idTechnique, the same passage
   * of one person): each row has its issue, whose text names the other rows; the CLI prints the group once.
   */
  readonly group?: string;
}

/** The value the user most likely meant (« 01004 »), or the command that does the fix (« Générer les identifiants »). */
export type IssueFix =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'command'; readonly command: 'generateIds' };

/** A value ready for XML: canonical lexical form already applied by normalization. */
export type XmlValue = string;

/** One DIGCOMP result of a passage. */
export interface DigcompResult {
  readonly row: number;
  /** Values by dictionary id (6.2, 6.3, 6.4), canonical. */
  readonly values: Readonly<Record<string, XmlValue>>;
}

/** A passage ready to serialize: canonical values by dictionary id; absent key = empty cell. */
export interface Passage {
  /** Excel row it came from, for mapping XSD errors back. */
  readonly row: number;
  readonly values: Readonly<Record<string, XmlValue>>;
  readonly digcomp: readonly DigcompResult[];
}

/** Passages of one certification (type, code, natureDeposant are the grouping key). */
export interface CertificationGroup {
  /** Values of 4.1, 4.2 and, when given, 4.3. */
  readonly values: Readonly<Record<string, XmlValue>>;
  readonly passages: readonly Passage[];
  /**
   * Row of the certification's first passage in the whole export, when this group is a slice of it (a part
   * validated on its own): the certification's own lines are reported there, as for the whole file.
   */
  readonly firstRow?: number;
}

/** Everything needed to write one CDC file. */
export interface Flux {
  readonly idFlux: string;
  readonly horodatage: string;
  /** Values of 2.1, 3.1, 3.2. */
  readonly header: Readonly<Record<string, XmlValue>>;
  readonly certifications: readonly CertificationGroup[];
}

/** Where a line of a produced XML file came from, so XSD errors can be shown at their cell. */
export interface XmlLocation {
  readonly sheet: string;
  readonly row: number;
  /** Dictionary id of the element on that line, when the line holds a field. */
  readonly field?: string;
}

/** Maps 1-based line numbers of a produced XML file back to the workbook. */
export interface XmlSourceMap {
  locate(line: number): XmlLocation | undefined;
}
