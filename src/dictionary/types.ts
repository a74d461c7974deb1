/**
 * Types of the single description of the CDC data (dictionary + schema tree).
 * Everything else (template, validation, XML, XSD, docs) is derived from values of these types.
 */

/** Status as the CDC data dictionary states it. */
export type FieldStatus =
  /** "Obligatoire": must be present with a value. */
  | 'required'
  /** "Obligatoire (sauf nil)": the element is always sent; empty means xsi:nil="true". */
  | 'requiredOrNil'
  /** "Facultatif": omitted when empty. */
  | 'optional';

/** XSD base types used by the CDC schema. */
export type FieldKind = 'string' | 'int' | 'boolean' | 'date' | 'dateTime' | 'enum';

/** Where a value lives in the workbook. */
export type FieldScope =
  /** Generated at export (idFlux, horodatage). */
  | 'generated'
  /** One value per file, on the parameters sheet. */
  | 'flux'
  /** One value per passage row (certification columns are repeated on every row). */
  | 'passage'
  /** One value per DIGCOMP result row, on its own sheet. */
  | 'digcomp'
  /**
   * One value per passage, never typed: computed by `derive` from the passage's other values when the
   * workbook is checked (no column in the template; an imported value is recomputed, not copied).
   */
  | 'derived'
  /** Described by the dictionary but absent from this schema version: never exported. */
  | 'notInSchema';

export interface EnumValue {
  /** Value sent in the XML. */
  readonly code: string;
  /** French label shown in drop-down lists. */
  readonly label: string;
}

export interface FieldDef {
  /** Dictionary id, e.g. "5.10". */
  readonly id: string;
  /** XML local name, e.g. "dateDebutValidite". */
  readonly tag: string;
  /** French label, as a column header. */
  readonly label: string;
  /** Short French help written by us (header note, pane, docs). */
  readonly help: string;
  readonly kind: FieldKind;
  readonly status: FieldStatus;
  readonly nillable: boolean;
  readonly scope: FieldScope;
  /** Exact length (xsd:length), in characters. */
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  /** XSD pattern (an XML Schema regular expression, implicitly anchored). */
  readonly pattern?: string;
  /** Closed list enforced by the XSD. */
  readonly enumeration?: readonly EnumValue[];
  /** Suggested values that the XSD does not enforce (open drop-down list). */
  readonly suggestions?: readonly EnumValue[];
  /** A code that Excel could mangle as a number (leading zeros): the column is formatted as text. */
  readonly code?: boolean;
  /**
   * Number of digits the code has when it is numeric (postal and INSEE codes): a number typed with fewer
   * digits has lost its leading zeros in Excel.
   */
  readonly digits?: number;
  /** Condition stated by the dictionary, in French. */
  readonly condition?: string;
  /** Column width in the template, in characters. */
  readonly width?: number;
  /** Scope 'derived' only: the value sent for a passage, from its valid values (canonical, by id). */
  readonly derive?: (values: Readonly<Record<string, string>>) => string | undefined;
}

/** A node of the XML schema tree. Leaves point to a field by dictionary id. */
export type SchemaNode = ElementNode | ChoiceNode;

export interface ElementNode {
  readonly type: 'element';
  readonly tag: string;
  /** Leaf: the dictionary id of the field it carries. */
  readonly field?: string;
  /** How children are grouped in the XSD. */
  readonly compositor?: 'all' | 'sequence';
  readonly children?: readonly SchemaNode[];
  readonly minOccurs: 0 | 1;
  readonly maxOccurs: 1 | 'unbounded';
  readonly nillable?: boolean;
  /** An option of an exclusive choice: how messages name it, in French (« un dossier CPF (bloc 9) »). */
  readonly label?: string;
}

export interface ChoiceNode {
  readonly type: 'choice';
  /** Name of the choice, used by validation and the layout. */
  readonly name: string;
  /**
   * The options, the default last: a row uses the first option one of whose fields is filled, else the last
   * (see chosenOption in choices.ts).
   */
  readonly options: readonly ElementNode[];
  /**
   * What a row that fills several options gets: 'refused', an error (which one is meant cannot be told);
   * 'firstKept', a warning (the chosen option is sent, the others are left out).
   */
  readonly whenSeveral: 'refused' | 'firstKept';
}

/** One version of the CDC schema: data only, no code. */
export interface SchemaVersion {
  /** XSD version attribute, e.g. "1.1.2". */
  readonly version: string;
  readonly namespace: string;
  /** Prefix used by every CDC example. */
  readonly prefix: string;
  /** File name of our own XSD in xsd/. */
  readonly xsdFile: string;
  readonly fields: readonly FieldDef[];
  /** The root element (cpf:flux). */
  readonly root: ElementNode;
}
