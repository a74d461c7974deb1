/// <reference types="office-js" />
import { columnLetter, HEADER_ROW, type TemplateLayout } from '../core/template/layout';
import {
  appendColumn,
  hasTemplate,
  planTemplateUpgrade,
  type DataSheetSnapshot,
  type TemplateSnapshot,
  type TemplateUpgradePlan,
} from '../core/template/template-version';
import type { CellValue } from '../core/model/types';
import {
  columnAdditionSpec,
  listCells,
  versionCells,
  type TemplateSpec,
} from '../core/template/template-spec';
import { createTemplate } from './create-template';
import { renderCell, renderColumn, renderValidation, type RenderOptions } from './render-template';
import type { ExcelRun } from './excel-run';
import { headerRowRange, loadHeader } from './sheet-columns';
import { probeTemplateSheets } from './template-sheets';

/**
 * Upgrades an older template in place with Office.js: takes a snapshot of what the workbook holds, asks
 * the core (src/core/template-version.ts) what is missing, then only adds: sheets, columns appended to
 * the template tables (TableColumnCollection.add, ExcelApi 1.1/1.4), lists, the version cell. Nothing is
 * written when the plan is refused.
 */

export type TemplateInspection =
  | { readonly template: false }
  | { readonly template: true; readonly plan: TemplateUpgradePlan; readonly hasData: boolean };

export type UpgradeOutcome =
  | { readonly status: 'current' }
  | { readonly status: 'upgraded'; readonly changes: readonly string[] }
  | { readonly status: 'refused'; readonly reasons: readonly string[] }
  | { readonly status: 'noTemplate' };

const PARAMETER_ROWS = 30;
const LAST_COLUMN = 'XFD';

function toCellValue(value: unknown): CellValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** A snapshot, and the names the template's sheets actually have (a renamed « Passages » keeps its table). */
interface LocatedSnapshot {
  readonly snapshot: TemplateSnapshot;
  /** The sheet a layout name stands for. */
  readonly actual: (layoutName: string) => string;
}

/**
 * What the workbook holds, in three round trips (names, headers, the columns right of each header). The data
 * sheets are found by their table: the snapshot lists them under the layout's names, so the plan is the same
 * whatever the user called them.
 */
export async function takeTemplateSnapshot(
  context: Excel.RequestContext,
  layout: TemplateLayout,
): Promise<LocatedSnapshot> {
  const located = probeTemplateSheets(context, layout);
  await context.sync();
  const where = located.names();
  const tables = [located.tables.passages, located.tables.digcomp];
  const roles = new Map<string, string>();
  if (where.passages) roles.set(where.passages.toLowerCase(), layout.passages.name);
  if (where.digcomp) roles.set(where.digcomp.toLowerCase(), layout.digcomp.name);
  const names = where.all.map((n) => roles.get(n.toLowerCase()) ?? n);
  const find = (name: string) => where.all.find((n) => n.toLowerCase() === name.toLowerCase());
  const actual = (layoutName: string): string =>
    layoutName === layout.passages.name && where.passages
      ? where.passages
      : layoutName === layout.digcomp.name && where.digcomp
        ? where.digcomp
        : (find(layoutName) ?? layoutName);

  const parts = [
    { sheetName: where.passages, table: tables[0] },
    { sheetName: where.digcomp, table: tables[1] },
  ].map(({ sheetName, table }) => {
    const ours = !table.isNullObject && table.worksheet.name === sheetName;
    if (!sheetName) return undefined;
    const sheet = context.workbook.worksheets.getItem(sheetName);
    return {
      sheet,
      tableName: ours ? table.name : undefined,
      tableRange: ours ? table.getRange().load('rowIndex,rowCount,columnIndex,columnCount') : undefined,
      header: loadHeader(sheet, ours ? table : undefined),
      used: sheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount'),
    };
  });
  const paramSheet = find(layout.parameters.name);
  const params = paramSheet
    ? context.workbook.worksheets.getItem(paramSheet).getRange(`A1:B${PARAMETER_ROWS}`).load('values')
    : undefined;
  const listsSheet = find(layout.lists.name);
  const lists = listsSheet
    ? headerRowRange(context.workbook.worksheets.getItem(listsSheet), 1).load('values')
    : undefined;
  await context.sync();

  const partial = parts.map((p) => {
    if (!p) return undefined;
    const range = p.tableRange;
    const leading: CellValue[] = Array.from({ length: range ? range.columnIndex : 0 }, () => null);
    const headerRow = range ? range.rowIndex + 1 : HEADER_ROW;
    const header = [...leading, ...(p.header.values[0] ?? []).map(toCellValue)];
    const table =
      range && p.tableName
        ? {
            name: p.tableName,
            firstColumn: range.columnIndex,
            lastColumn: range.columnIndex + range.columnCount - 1,
          }
        : undefined;
    const usedLast = p.used.isNullObject ? 0 : p.used.rowIndex + p.used.rowCount;
    const start = appendColumn({ header, table });
    // Values anywhere in the columns where additions would go (whole columns: rows above or below count too).
    const right = p.sheet.getRange(`${columnLetter(start)}:${LAST_COLUMN}`).getUsedRangeOrNullObject(true);
    right.load('columnIndex');
    return { headerRow, header, table, hasData: usedLast > headerRow, right };
  });
  await context.sync();

  const snapshotOf = (p: (typeof partial)[number]): DataSheetSnapshot | undefined =>
    p && {
      headerRow: p.headerRow,
      header: p.header,
      table: p.table,
      hasData: p.hasData,
      firstOccupiedColumn: p.right.isNullObject ? undefined : p.right.columnIndex,
    };
  return {
    actual,
    snapshot: {
      sheets: names,
      parameterRows: params?.values.map((row) => row.map(toCellValue)),
      passages: snapshotOf(partial[0]),
      digcomp: snapshotOf(partial[1]),
      listsHeader: lists?.values[0]?.map(toCellValue),
      // A table of ours is the template's wherever it is: never « misplaced » here.
      misplacedTables: [],
    },
  };
}

/** Is there a template, and is it the current one? (Read only.) */
export async function inspectTemplate(run: ExcelRun, layout: TemplateLayout): Promise<TemplateInspection> {
  return run(async (context) => {
    const { snapshot } = await takeTemplateSnapshot(context, layout);
    if (!hasTemplate(snapshot, layout)) return { template: false };
    return {
      template: true,
      plan: planTemplateUpgrade(snapshot, layout),
      hasData: snapshot.passages?.hasData ?? false,
    };
  });
}

function applyColumns(
  context: Excel.RequestContext,
  plan: TemplateUpgradePlan,
  spec: TemplateSpec,
  options: RenderOptions,
  tables: ReadonlyMap<string, string | undefined>,
  actual: (layoutName: string) => string,
): void {
  for (const addition of plan.columns) {
    const sheet = context.workbook.worksheets.getItem(actual(addition.sheet));
    const tableName = tables.get(addition.sheet);
    // TableColumnCollection.add: the table grows and keeps its style and filters.
    if (tableName)
      context.workbook.tables.getItem(tableName).columns.add(undefined, undefined, addition.header);
    const rendered = columnAdditionSpec(spec, addition);
    renderColumn(sheet, rendered.column);
    if (rendered.validation) renderValidation(sheet, rendered.validation);
    renderCell(sheet, rendered.header, options);
  }
  if (plan.lists.length > 0) {
    const sheet = context.workbook.worksheets.getItem(actual(spec.layout.lists.name));
    for (const list of plan.lists) for (const cell of listCells(list)) renderCell(sheet, cell, options);
  }
}

/**
 * Adds what an older template lacks, keeping every value, row, format and note. Template sheets that are
 * missing are created whole first (as « Créer le modèle » would), then columns, lists and the version cell are
 * added in one batch. The plan is made before anything is written, so a refusal changes nothing.
 */
export async function upgradeTemplate(
  run: ExcelRun,
  spec: TemplateSpec,
  options: RenderOptions,
): Promise<UpgradeOutcome> {
  const { layout } = spec;
  const first = await inspectTemplate(run, layout);
  if (!first.template) return { status: 'noTemplate' };
  const { plan } = first;
  if (plan.status === 'refused') return { status: 'refused', reasons: plan.refusals.map((r) => r.message) };
  if (plan.status === 'current') return { status: 'current' };
  if (plan.missingSheets.length > 0)
    await createTemplate(run, spec, { notes: options.notes, addMissing: true });
  await run(async (context) => {
    const { snapshot, actual } = await takeTemplateSnapshot(context, layout);
    const rest = planTemplateUpgrade(snapshot, layout);
    if (rest.status !== 'upgrade') return;
    const tables = new Map([
      [layout.passages.name, snapshot.passages?.table?.name],
      [layout.digcomp.name, snapshot.digcomp?.table?.name],
    ]);
    applyColumns(context, rest, spec, options, tables, actual);
    if (rest.version) {
      const sheet = context.workbook.worksheets.getItem(actual(layout.parameters.name));
      for (const cell of versionCells(rest.version.labelCell, rest.version.cell, rest.version.text))
        renderCell(sheet, cell, options);
    }
    await context.sync();
  });
  return { status: 'upgraded', changes: plan.changes };
}
