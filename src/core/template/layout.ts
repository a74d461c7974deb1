import {
  isDefaultOption,
  type ChoiceNode,
  type Dictionary,
  type EnumValue,
  type FieldDef,
} from '../../dictionary';
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
  // An option other than the default (bloc 9 instead of bloc 8) is used only when known: not starred.
  return dictionary
    .placement(field.id)
    .choices.every((c) => isDefaultOption(choiceNamed(dictionary, c.choice), c.option));
}

function choiceNamed(dictionary: Dictionary, name: string): ChoiceNode {
  const found = dictionary.choices.find((c) => c.name === name);
  if (!found) throw new Error(`No choice ${name}`);
  return found;
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

export function buildTemplateLayout(dictionary: Dictionary): TemplateLayout {
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
    note: 'Suivi CDC (non envoyé) : À envoyer (vide), Exporté — à déposer, Déposé, Accepté ou Rejeté. Rempli à l’export, quand vous confirmez le dépôt et à l’import de l’accusé de traitement.',
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
  {
    key: 'lastRejection',
    header: 'Dernier rejet',
    width: 40,
    numberFormat: TEXT_FORMAT,
    note: 'Suivi CDC (non envoyé) : le dernier message de rejet de la CDC, gardé quand le passage corrigé est renvoyé.',
  },
  {
    key: 'fingerprint',
    header: 'Empreinte de l’envoi',
    width: 14,
    numberFormat: TEXT_FORMAT,
    note: 'Suivi CDC (non envoyé, ne pas modifier) : résumé des données envoyées, pour savoir si le passage a été corrigé depuis un rejet.',
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
