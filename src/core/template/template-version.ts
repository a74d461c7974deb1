import { isBlank } from './grid';
import {
  columnLetter,
  fieldIdInHeader,
  trackingColumnsInHeader,
  type LayoutColumn,
  type TemplateLayout,
  type TrackingColumn,
} from './layout';
import type { EnumValue } from '../../dictionary';
import type { CellValue } from '../model/types';
import { upgradeText } from '../../i18n/template';

/**
 * Template versions: what a workbook says it is (the version cell of the parameters sheet) and what it
 * lacks compared with the current layout. Pure: the add-in (src/office/upgrade-template.ts) and the CLI
 * (src/xlsx/xlsx-upgrade.ts) take a snapshot of the workbook, ask for a plan, and apply it.
 *
 * An upgrade only adds (sheets, columns after the last one, lists, the version cell): it never moves or
 * rewrites a cell the user could have typed in. When that is not possible, the plan is refused as a whole.
 */

/** "modèle 2 – XSD 1.1.2": what the version cell holds. */
export function templateVersionText(layout: TemplateLayout): string {
  return upgradeText.versionText(layout.templateVersion, layout.schemaVersion);
}

/** Label written next to the version cell; older add-in templates wrote "Version du schéma CDC". */
export const VERSION_LABEL = upgradeText.versionLabel;
const VERSION_LABEL_PREFIX = /^version du (modèle|schéma)/i;

export interface FoundVersion {
  /** Template layout version; 1 for the first templates, which wrote the schema version alone. */
  readonly templateVersion?: number;
  readonly schemaVersion?: string;
  /** The cell's text as found, for messages. */
  readonly text?: string;
}

/** Reads a version cell's value: "modèle 2 – XSD 1.1.2", or "1.1.2" alone (first add-in templates). */
export function parseTemplateVersion(value: CellValue): FoundVersion {
  if (typeof value !== 'string' || value.trim() === '') return {};
  const text = value.trim();
  const full = /^mod[èe]le\s+(\d+)\s*[–—-]\s*XSD\s+(\d+(?:\.\d+)*)$/i.exec(text);
  if (full) return { templateVersion: Number(full[1]), schemaVersion: full[2], text };
  if (/^\d+\.\d+\.\d+$/.test(text)) return { templateVersion: 1, schemaVersion: text, text };
  return { text };
}

/** A sheet holding a header row: the passages or DIGCOMP sheet of a workbook, as found. */
export interface DataSheetSnapshot {
  /** 1-based header row (the table's, else the layout's). */
  readonly headerRow: number;
  /** Header cells from column A. */
  readonly header: readonly CellValue[];
  /** The template table on this sheet, if it is still a table (0-based columns). */
  readonly table?: { readonly name: string; readonly firstColumn: number; readonly lastColumn: number };
  /**
   * 0-based index of the first column at or after `appendColumn(snapshot)` that holds a value in any row,
   * if there is one: new columns must not land on the user's cells.
   */
  readonly firstOccupiedColumn?: number;
  /** The sheet has data rows under its header. */
  readonly hasData: boolean;
}

export interface TemplateSnapshot {
  /** Names of every sheet of the workbook. */
  readonly sheets: readonly string[];
  /** Columns A and B of the first rows of the parameters sheet, when it exists. */
  readonly parameterRows?: readonly (readonly CellValue[])[];
  readonly passages?: DataSheetSnapshot;
  readonly digcomp?: DataSheetSnapshot;
  /** First row of the lists sheet, when it exists. */
  readonly listsHeader?: readonly CellValue[];
  /** Our table names that exist on a sheet other than theirs. */
  readonly misplacedTables?: readonly string[];
}

/** First column where added columns go: after the table, or after the last header cell of a plain range. */
export function appendColumn(sheet: Pick<DataSheetSnapshot, 'header' | 'table'>): number {
  if (sheet.table) return sheet.table.lastColumn + 1;
  for (let i = sheet.header.length - 1; i >= 0; i--) if (!isBlank(sheet.header[i])) return i + 1;
  return 0;
}

export interface ColumnAddition {
  readonly sheet: string;
  /** 0-based column it goes to. */
  readonly index: number;
  readonly header: string;
  readonly width: number;
  readonly numberFormat: string;
  readonly note: string;
  /** Dictionary id, for dictionary columns. */
  readonly field?: string;
  readonly list?: readonly EnumValue[];
  readonly strictList: boolean;
  /** Where the drop-down list values are on the lists sheet (existing, or added by this plan). */
  readonly listColumn?: string;
}

export interface ListAddition {
  /** Column letter on the lists sheet. */
  readonly column: string;
  readonly field: string;
  readonly header: string;
  readonly values: readonly EnumValue[];
}

export type RefusalCode =
  | 'newer-template'
  | 'unknown-schema'
  | 'duplicate-column'
  | 'table-elsewhere'
  | 'occupied-columns'
  | 'no-version-row';

export interface UpgradeRefusal {
  readonly code: RefusalCode;
  readonly message: string;
}

export interface TemplateUpgradePlan {
  readonly found: FoundVersion;
  /** current: nothing to do; upgrade: apply the additions; refused: change nothing. */
  readonly status: 'current' | 'upgrade' | 'refused';
  /** Template sheets to create whole, in the layout's order. */
  readonly missingSheets: readonly string[];
  /** Columns to add to the passages and DIGCOMP sheets (to their table when there is one). */
  readonly columns: readonly ColumnAddition[];
  readonly lists: readonly ListAddition[];
  /** The version cell to (re)write; undefined when the parameters sheet is created whole. */
  readonly version?: { readonly labelCell: string; readonly cell: string; readonly text: string };
  readonly refusals: readonly UpgradeRefusal[];
  /** What the upgrade adds, in French, for the user. */
  readonly changes: readonly string[];
}

/** The template's sheets exist at all (otherwise the workbook is not a template: « Créer le modèle »). */
export function hasTemplate(snapshot: TemplateSnapshot, layout: TemplateLayout): boolean {
  const names = new Set(snapshot.sheets.map((s) => s.toLowerCase()));
  return names.has(layout.passages.name.toLowerCase()) || names.has(layout.parameters.name.toLowerCase());
}

function findVersionRow(
  rows: readonly (readonly CellValue[])[],
  layout: TemplateLayout,
): { row: number; value: CellValue } | undefined {
  const index = rows.findIndex((r) => typeof r[0] === 'string' && VERSION_LABEL_PREFIX.test(r[0].trim()));
  if (index >= 0) return { row: index + 1, value: rows[index][1] ?? null };
  const fallback = Number(layout.parameters.versionCell.slice(1));
  const fallbackRow = rows[fallback - 1] ?? [];
  if (isBlank(fallbackRow[0] ?? null) && isBlank(fallbackRow[1] ?? null))
    return { row: fallback, value: null };
  return undefined;
}

function listIdOf(value: CellValue): string | undefined {
  if (typeof value !== 'string') return undefined;
  // The add-in writes "4.1 type", the CLI the column header "Type … (4.1)".
  return fieldIdInHeader(value) ?? /^(\d{1,2}\.\d{1,2})\s/.exec(value.trim())?.[1];
}

function columnsToAdd(
  sheetName: string,
  sheet: DataSheetSnapshot,
  columns: readonly LayoutColumn[],
  tracking: readonly TrackingColumn[],
  refusals: UpgradeRefusal[],
): Omit<ColumnAddition, 'listColumn'>[] {
  const seen = new Map<string, number>();
  sheet.header.forEach((value, index) => {
    const id = typeof value === 'string' ? fieldIdInHeader(value) : undefined;
    if (id === undefined) return;
    if (seen.has(id)) {
      refusals.push({
        code: 'duplicate-column',
        message: upgradeText.duplicateColumn(
          sheetName,
          id,
          columnLetter(seen.get(id) as number),
          columnLetter(index),
        ),
      });
    } else seen.set(id, index);
  });
  const foundTracking = trackingColumnsInHeader(sheet.header);
  const described = (c: Pick<LayoutColumn, 'header' | 'width' | 'numberFormat' | 'note'>) => ({
    header: c.header,
    width: c.width,
    numberFormat: c.numberFormat,
    note: c.note,
  });
  const missing = [
    ...columns
      .filter((c) => !seen.has(c.field))
      .map((c) => ({ ...described(c), field: c.field, list: c.list, strictList: c.strictList })),
    ...tracking.filter((c) => !foundTracking.has(c.key)).map((c) => ({ ...described(c), strictList: false })),
  ];
  if (missing.length === 0) return [];
  const start = appendColumn(sheet);
  const end = start + missing.length - 1;
  if (sheet.firstOccupiedColumn !== undefined && sheet.firstOccupiedColumn <= end) {
    const place = sheet.table ? upgradeText.rightOfTable(sheet.table.name) : upgradeText.rightOfHeaders;
    refusals.push({
      code: 'occupied-columns',
      message: upgradeText.occupiedColumns(
        missing.length,
        place,
        sheetName,
        columnLetter(sheet.firstOccupiedColumn),
        columnLetter(start),
      ),
    });
  }
  return missing.map((m, i) => ({ ...m, sheet: sheetName, index: start + i }));
}

/** Compares a workbook with the current layout and says what an upgrade would add, or why it cannot. */
export function planTemplateUpgrade(snapshot: TemplateSnapshot, layout: TemplateLayout): TemplateUpgradePlan {
  const refusals: UpgradeRefusal[] = [];
  const changes: string[] = [];
  const present = new Set(snapshot.sheets.map((s) => s.toLowerCase()));
  const has = (name: string) => present.has(name.toLowerCase());

  const versionRow = snapshot.parameterRows ? findVersionRow(snapshot.parameterRows, layout) : undefined;
  const found = versionRow ? parseTemplateVersion(versionRow.value) : {};
  if (found.templateVersion !== undefined && found.templateVersion > layout.templateVersion) {
    refusals.push({
      code: 'newer-template',
      message: upgradeText.newerTemplate(found.text, layout.templateVersion),
    });
  }
  if (found.schemaVersion !== undefined && found.schemaVersion !== layout.schemaVersion) {
    refusals.push({
      code: 'unknown-schema',
      message: upgradeText.otherSchema(found.schemaVersion, layout.schemaVersion),
    });
  }
  for (const table of snapshot.misplacedTables ?? []) {
    refusals.push({
      code: 'table-elsewhere',
      message: upgradeText.tableElsewhere(table),
    });
  }

  const missingSheets = [
    layout.parameters.name,
    layout.passages.name,
    layout.digcomp.name,
    layout.history.name,
    layout.lists.name,
  ].filter((name) => !has(name));
  if (missingSheets.length > 0) changes.push(upgradeText.sheetsAdded(missingSheets));

  const additions = [
    ...(snapshot.passages
      ? columnsToAdd(
          layout.passages.name,
          snapshot.passages,
          layout.passages.columns,
          layout.passages.trackingColumns,
          refusals,
        )
      : []),
    ...(snapshot.digcomp
      ? columnsToAdd(layout.digcomp.name, snapshot.digcomp, layout.digcomp.columns, [], refusals)
      : []),
  ];

  // Drop-down lists of added columns: reuse the lists sheet's column for that field, else add one after.
  const lists: ListAddition[] = [];
  const listsHeader = snapshot.listsHeader ?? [];
  const existingLists = new Map<string, number>();
  listsHeader.forEach((v, i) => {
    const id = listIdOf(v);
    if (id !== undefined && !existingLists.has(id)) existingLists.set(id, i);
  });
  let nextList = appendColumn({ header: listsHeader });
  const columns: ColumnAddition[] = additions.map((a) => {
    if (!a.list || !a.field || !has(layout.lists.name)) return a;
    const at = existingLists.get(a.field);
    if (at !== undefined) return { ...a, listColumn: columnLetter(at) };
    const placed = lists.find((l) => l.field === a.field);
    if (placed) return { ...a, listColumn: placed.column };
    const column = columnLetter(nextList++);
    lists.push({ column, field: a.field, header: a.header, values: a.list });
    return { ...a, listColumn: column };
  });
  for (const sheet of [layout.passages.name, layout.digcomp.name]) {
    const added = columns.filter((c) => c.sheet === sheet);
    if (added.length > 0)
      changes.push(
        upgradeText.columnsAdded(
          sheet,
          added.map((c) => c.header),
        ),
      );
  }
  if (lists.length > 0) changes.push(upgradeText.listsAdded(lists.map((l) => l.field)));

  let version: TemplateUpgradePlan['version'];
  const text = templateVersionText(layout);
  if (snapshot.parameterRows && found.text !== text) {
    if (!versionRow) {
      refusals.push({
        code: 'no-version-row',
        message: upgradeText.noVersionRow(
          layout.parameters.name,
          VERSION_LABEL,
          layout.parameters.versionCell.slice(1),
        ),
      });
    } else {
      version = { labelCell: `A${versionRow.row}`, cell: `B${versionRow.row}`, text };
      changes.push(upgradeText.versionNoted(text));
    }
  }

  const status =
    refusals.length > 0
      ? 'refused'
      : missingSheets.length === 0 && columns.length === 0 && version === undefined
        ? 'current'
        : 'upgrade';
  return { found, status, missingSheets, columns, lists, version, refusals, changes };
}
