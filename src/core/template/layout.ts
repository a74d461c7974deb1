import { getDictionary, type Dictionary, type EnumValue, type FieldDef } from '../../dictionary';
import type { CellValue, HistoryKey, TrackingKey } from '../model/types';

/**
 * The template layout, defined once: the CLI renders it with exceljs, the add-in with Office.js,
 * and `accrochage template --json` prints it for other tools.
 */

/** Version of the template layout itself (bumped when columns or sheets change). */
export const TEMPLATE_VERSION = 2;

export const SHEET_NAMES = {
  parameters: 'Paramètres',
  passages: 'Passages',
  digcomp: 'DIGCOMP',
  lists: 'Listes',
  history: 'Historique',
} as const;

export const PASSAGES_TABLE_NAME = 'TablePassages';
export const DIGCOMP_TABLE_NAME = 'TableDIGCOMP';

/** Row of the header in the passages and DIGCOMP sheets. */
export const HEADER_ROW = 1;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

export interface LayoutColumn {
  /** Column letter, e.g. "A". */
  readonly column: string;
  readonly field: string;
  readonly tag: string;
  readonly header: string;
  readonly required: boolean;
  readonly width: number;
  /** Excel number format: "@" (text) for codes and free text, a date format for dates. */
  readonly numberFormat: string;
  /** French labels offered in the drop-down list, if any. */
  readonly list?: readonly EnumValue[];
  /** True when the list is closed (an XSD enumeration); false for suggestions. */
  readonly strictList: boolean;
  readonly note: string;
}

export interface ParameterCell {
  readonly cell: string;
  readonly labelCell: string;
  readonly field: string;
  readonly tag: string;
  readonly label: string;
  readonly note: string;
}

/**
 * A column of the passages sheet that follows the CDC round trip (status, message, send): not a dictionary
 * field, never exported, found by its exact header text.
 */
export interface TrackingColumn {
  readonly column: string;
  readonly key: TrackingKey;
  readonly header: string;
  readonly width: number;
  readonly numberFormat: string;
  readonly note: string;
}

/** A column of the history sheet, found by its exact header text. */
export interface HistoryColumn {
  readonly column: string;
  readonly key: HistoryKey;
  readonly header: string;
  readonly width: number;
  readonly numberFormat: string;
}

export interface TemplateLayout {
  readonly schemaVersion: string;
  readonly templateVersion: number;
  readonly parameters: {
    readonly name: string;
    readonly cells: readonly ParameterCell[];
    readonly versionCell: string;
  };
  readonly passages: {
    readonly name: string;
    readonly table: string;
    readonly columns: readonly LayoutColumn[];
    /** After the dictionary columns: the CDC status of each row (never exported). */
    readonly trackingColumns: readonly TrackingColumn[];
  };
  readonly digcomp: {
    readonly name: string;
    readonly table: string;
    readonly columns: readonly LayoutColumn[];
  };
  readonly lists: { readonly name: string };
  /** One row per export: what went to the CDC, when, in which file. */
  readonly history: { readonly name: string; readonly columns: readonly HistoryColumn[] };
}

export const DATE_FORMAT = 'dd/mm/yyyy';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const TEXT_FORMAT = '@';

/** "A", "B", … "Z", "AA", … for a 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 0-based index of a column letter. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Header text: French label, a star when mandatory, and the dictionary id the readers look for. */
export function headerText(field: FieldDef, required: boolean): string {
  return `${field.label}${required ? ' *' : ''} (${field.id})`;
}

/** The dictionary id written in a header cell, or undefined. */
export function fieldIdInHeader(text: string): string | undefined {
  return /\((\d{1,2}\.\d{1,2})\)/.exec(text)?.[1];
}

/** A header shows a star for fields that must always be filled in their block. */
function isMarkedRequired(dictionary: Dictionary, field: FieldDef): boolean {
  if (field.status !== 'required') return false;
  // Bloc 9 replaces bloc 8 only when a CPF file number is known: its columns are not starred.
  return !dictionary.placement(field.id).choices.some((c) => c.option === 'dossierFormation');
}

function numberFormatOf(field: FieldDef): string {
  if (field.kind === 'date') return DATE_FORMAT;
  if (field.kind === 'int') return 'General';
  return TEXT_FORMAT;
}

function noteOf(field: FieldDef, required: boolean): string {
  const status = required
    ? 'Obligatoire.'
    : field.status === 'requiredOrNil'
      ? 'Obligatoire sauf nil : laisser vide si inconnu.'
      : 'Facultatif.';
  return [`${field.id} – ${field.label}`, field.help, field.condition ?? '', status]
    .filter(Boolean)
    .join('\n');
}

function toColumn(dictionary: Dictionary, field: FieldDef, index: number): LayoutColumn {
  const required = isMarkedRequired(dictionary, field);
  const list = field.enumeration ?? field.suggestions;
  return {
    column: columnLetter(index),
    field: field.id,
    tag: field.tag,
    header: headerText(field, required),
    required,
    width: field.width ?? 16,
    numberFormat: numberFormatOf(field),
    ...(list ? { list } : {}),
    strictList: field.enumeration !== undefined,
    note: noteOf(field, required),
  };
}

export function buildTemplateLayout(version?: string): TemplateLayout {
  const dictionary = getDictionary(version);
  const fluxFields = dictionary.fieldsOfScope('flux');
  const passageFields = dictionary.fieldsOfScope('passage');
  const digcompFields = [dictionary.field('5.1'), ...dictionary.fieldsOfScope('digcomp')];
  return {
    schemaVersion: dictionary.schema.version,
    templateVersion: TEMPLATE_VERSION,
    parameters: {
      name: SHEET_NAMES.parameters,
      cells: fluxFields.map((field, i) => ({
        cell: `B${i + 2}`,
        labelCell: `A${i + 2}`,
        field: field.id,
        tag: field.tag,
        label: headerText(field, true),
        note: noteOf(field, true),
      })),
      versionCell: `B${fluxFields.length + 3}`,
    },
    passages: {
      name: SHEET_NAMES.passages,
      table: PASSAGES_TABLE_NAME,
      columns: passageFields.map((field, i) => toColumn(dictionary, field, i)),
      trackingColumns: TRACKING_COLUMN_SPECS.map((spec, i) => ({
        ...spec,
        column: columnLetter(passageFields.length + i),
      })),
    },
    digcomp: {
      name: SHEET_NAMES.digcomp,
      table: DIGCOMP_TABLE_NAME,
      columns: digcompFields.map((field, i) => toColumn(dictionary, field, i)),
    },
    lists: { name: SHEET_NAMES.lists },
    history: {
      name: SHEET_NAMES.history,
      columns: HISTORY_COLUMN_SPECS.map((spec, i) => ({ ...spec, column: columnLetter(i) })),
    },
  };
}

/**
 * The round-trip columns, in sheet order. Their headers carry no "(id)", so the readers of dictionary
 * columns never take them for fields and the export never sends them.
 */
export const TRACKING_COLUMN_SPECS: readonly Omit<TrackingColumn, 'column'>[] = [
  {
    key: 'status',
    header: 'Statut CDC',
    width: 14,
    numberFormat: TEXT_FORMAT,
    note: 'Suivi CDC (non envoyé) : À envoyer (vide), Envoyé, Accepté ou Rejeté. Rempli à l’export et à l’import de l’accusé de traitement.',
  },
  {
    key: 'message',
    header: 'Message CDC',
    width: 40,
    numberFormat: TEXT_FORMAT,
    note: 'Suivi CDC (non envoyé) : le message de l’accusé de traitement pour ce passage.',
  },
  {
    key: 'action',
    header: 'Que faire',
    width: 50,
    numberFormat: TEXT_FORMAT,
    note: 'Suivi CDC (non envoyé) : ce que signifie le message de la CDC et comment corriger le passage.',
  },
  {
    key: 'statusDate',
    header: 'Date du statut',
    width: 17,
    numberFormat: DATE_TIME_FORMAT,
    note: 'Suivi CDC (non envoyé) : date et heure (Paris) du dernier changement de statut.',
  },
  {
    key: 'idFlux',
    header: 'idFlux d’envoi',
    width: 38,
    numberFormat: TEXT_FORMAT,
    note: 'Suivi CDC (non envoyé) : identifiant du fichier (idFlux) dans lequel le passage a été envoyé.',
  },
];

export const HISTORY_COLUMN_SPECS: readonly Omit<HistoryColumn, 'column'>[] = [
  { key: 'idFlux', header: 'idFlux', width: 38, numberFormat: TEXT_FORMAT },
  { key: 'dateTime', header: 'Date et heure', width: 17, numberFormat: DATE_TIME_FORMAT },
  { key: 'fileName', header: 'Fichier', width: 40, numberFormat: TEXT_FORMAT },
  { key: 'passages', header: 'Passages', width: 10, numberFormat: 'General' },
  { key: 'mode', header: 'Mode', width: 14, numberFormat: TEXT_FORMAT },
  { key: 'result', header: 'Résultat CDC', width: 50, numberFormat: TEXT_FORMAT },
];

/** Header texts are compared without surrounding blanks, and both apostrophes count as one. */
function sameHeader(a: string, b: string): boolean {
  const clean = (s: string) => s.trim().replace(/'/g, '’');
  return clean(a) === clean(b);
}

/** Tracking key → 0-based column index, from a header row's values (exact header text). */
export function trackingColumnsInHeader(header: readonly CellValue[]): Map<TrackingKey, number> {
  return columnsByHeader(header, TRACKING_COLUMN_SPECS);
}

/** History key → 0-based column index, from the history sheet's header row. */
export function historyColumnsInHeader(header: readonly CellValue[]): Map<HistoryKey, number> {
  return columnsByHeader(header, HISTORY_COLUMN_SPECS);
}

function columnsByHeader<K extends string>(
  header: readonly CellValue[],
  specs: readonly { readonly key: K; readonly header: string }[],
): Map<K, number> {
  const found = new Map<K, number>();
  header.forEach((value, index) => {
    if (typeof value !== 'string') return;
    const spec = specs.find((s) => sameHeader(s.header, value));
    if (spec && !found.has(spec.key)) found.set(spec.key, index);
  });
  return found;
}

/** The machine-readable shape printed by `accrochage template --json`. */
export function layoutAsJson(layout: TemplateLayout): unknown {
  const columns = (cols: readonly LayoutColumn[]) =>
    cols.map((c) => ({ column: c.column, field: c.field, tag: c.tag }));
  return {
    schemaVersion: layout.schemaVersion,
    sheets: [
      {
        name: layout.parameters.name,
        kind: 'parameters',
        cells: layout.parameters.cells.map((c) => ({ cell: c.cell, field: c.field, tag: c.tag })),
      },
      {
        name: layout.passages.name,
        kind: 'passages',
        firstDataRow: FIRST_DATA_ROW,
        columns: columns(layout.passages.columns),
        trackingColumns: layout.passages.trackingColumns.map((c) => ({
          column: c.column,
          key: c.key,
          header: c.header,
        })),
      },
      {
        name: layout.digcomp.name,
        kind: 'digcomp',
        firstDataRow: FIRST_DATA_ROW,
        columns: columns(layout.digcomp.columns),
      },
    ],
  };
}

/** How many rows of the template get drop-down lists and live formats (Excel extends them as the table grows). */
export const TEMPLATE_ROWS = 5000;

/** A conditional format that shows a mistake as people type, for what a formula can express. */
export interface LiveRule {
  /** Column letter the format applies to. */
  readonly column: string;
  readonly field: string;
  /** Formula relative to the first data row (Excel evaluates it for each row). */
  readonly formula: string;
  readonly why: 'required' | 'length';
}

/**
 * Live checks for the passages sheet: an empty mandatory cell on a row that has data,
 * and lengths. The full check stays the core's; these only give early feedback.
 */
export function liveRules(columns: readonly LayoutColumn[], version?: string): LiveRule[] {
  const dictionary = getDictionary(version);
  const r = FIRST_DATA_ROW;
  const last = columns[columns.length - 1].column;
  const rowHasData = `COUNTA($A${r}:$${last}${r})>0`;
  const colOf = (id: string) => columns.find((c) => c.field === id)?.column;
  const dossier = colOf('9.1');
  const rules: LiveRule[] = [];
  for (const c of columns) {
    const field = dictionary.field(c.field);
    const cell = `${c.column}${r}`;
    const empty = `LEN(TRIM(${cell}))=0`;
    const options = dictionary.placement(field.id).choices.map((x) => x.option);
    if (field.status === 'required') {
      if (options.includes('titulaire') && dossier) {
        rules.push({
          column: c.column,
          field: c.field,
          why: 'required',
          formula: `AND(${rowHasData},${empty},LEN(TRIM($${dossier}${r}))=0)`,
        });
      } else if (options.includes('dossierFormation') && dossier) {
        rules.push({
          column: c.column,
          field: c.field,
          why: 'required',
          formula: `AND(LEN(TRIM($${dossier}${r}))>0,${empty})`,
        });
      } else if (options.length === 0) {
        rules.push({
          column: c.column,
          field: c.field,
          why: 'required',
          formula: `AND(${rowHasData},${empty})`,
        });
      }
    }
    if (field.kind !== 'string') continue;
    if (field.length !== undefined) {
      const formula = `AND(LEN(${cell})>0,LEN(TRIM(${cell}))<>${field.length})`;
      rules.push({ column: c.column, field: c.field, why: 'length', formula });
    } else if (field.maxLength !== undefined) {
      rules.push({
        column: c.column,
        field: c.field,
        why: 'length',
        formula: `LEN(TRIM(${cell}))>${field.maxLength}`,
      });
    }
  }
  return rules;
}
