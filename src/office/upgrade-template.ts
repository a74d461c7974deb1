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

/** What the workbook holds, in three round trips (names, headers, the columns right of each header). */
export async function takeTemplateSnapshot(
  context: Excel.RequestContext,
  layout: TemplateLayout,
): Promise<TemplateSnapshot> {
  const sheets = context.workbook.worksheets.load('items/name');
  const tables = [layout.passages.table, layout.digcomp.table].map((name) =>
    context.workbook.tables.getItemOrNullObject(name).load('name,worksheet/name'),
  );
  await context.sync();
  const names = sheets.items.map((s) => s.name);
  const find = (name: string) => names.find((n) => n.toLowerCase() === name.toLowerCase());

  const misplacedTables: string[] = [];
  const parts = [
    { sheetName: find(layout.passages.name), table: tables[0], expected: layout.passages.name },
    { sheetName: find(layout.digcomp.name), table: tables[1], expected: layout.digcomp.name },
  ].map(({ sheetName, table, expected }) => {
    const ours = !table.isNullObject && table.worksheet.name.toLowerCase() === expected.toLowerCase();
    if (!table.isNullObject && !ours) misplacedTables.push(table.name);
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
    sheets: names,
    parameterRows: params?.values.map((row) => row.map(toCellValue)),
    passages: snapshotOf(partial[0]),
    digcomp: snapshotOf(partial[1]),
    listsHeader: lists?.values[0]?.map(toCellValue),
    misplacedTables,
  };
}

/** Is there a template, and is it the current one? (Read only.) */
export async function inspectTemplate(run: ExcelRun, layout: TemplateLayout): Promise<TemplateInspection> {
  return run(async (context) => {
    const snapshot = await takeTemplateSnapshot(context, layout);
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
): void {
  for (const addition of plan.columns) {
    const sheet = context.workbook.worksheets.getItem(addition.sheet);
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
    const sheet = context.workbook.worksheets.getItem(spec.layout.lists.name);
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
    const snapshot = await takeTemplateSnapshot(context, layout);
    const rest = planTemplateUpgrade(snapshot, layout);
    if (rest.status !== 'upgrade') return;
    const tables = new Map([
      [layout.passages.name, snapshot.passages?.table?.name],
      [layout.digcomp.name, snapshot.digcomp?.table?.name],
    ]);
    applyColumns(context, rest, spec, options, tables);
    if (rest.version) {
      const sheet = context.workbook.worksheets.getItem(layout.parameters.name);
      for (const cell of versionCells(rest.version.labelCell, rest.version.cell, rest.version.text))
        renderCell(sheet, cell, options);
    }
    await context.sync();
  });
  return { status: 'upgraded', changes: plan.changes };
}
