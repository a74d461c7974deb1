import ExcelJS from 'exceljs';
import { HEADER_ROW, type TemplateLayout } from '../core/template/layout';
import {
  columnAdditionSpec,
  listCells,
  versionCells,
  type TemplateSpec,
} from '../core/template/template-spec';
import {
  appendColumn,
  planTemplateUpgrade,
  type DataSheetSnapshot,
  type TemplateSnapshot,
  type TemplateUpgradePlan,
} from '../core/template/template-version';
import type { CellValue } from '../core/model/types';
import { toCellValue } from './xlsx-reader';
import { renderCell, renderColumn, renderSheet, renderValidation, worksheetOptions } from './render-template';
import { checkWorkbookFile } from './workbook-file-guard';

/**
 * The CLI's side of template upgrades (src/core/template-version.ts) on an exceljs workbook: snapshot, then
 * additions only. Added columns go right after the last header cell, where the readers find them by header.
 */

function rowValues(sheet: ExcelJS.Worksheet, row: number, width?: number): CellValue[] {
  const values = sheet.getRow(row).values as ExcelJS.CellValue[];
  const out: CellValue[] = [];
  const end = width ?? values.length - 1;
  for (let i = 1; i <= end; i++) out.push(toCellValue(values[i] ?? null));
  return out;
}

function sheetSnapshot(sheet: ExcelJS.Worksheet): DataSheetSnapshot {
  const header = rowValues(sheet, HEADER_ROW);
  const start = appendColumn({ header });
  let firstOccupiedColumn: number | undefined;
  let hasData = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const value = toCellValue(cell.value);
      if (value === null || (typeof value === 'string' && value === '')) return;
      if (rowNumber > HEADER_ROW) hasData = true;
      const col = colNumber - 1;
      if (col >= start && (firstOccupiedColumn === undefined || col < firstOccupiedColumn))
        firstOccupiedColumn = col;
    });
  });
  return { headerRow: HEADER_ROW, header, firstOccupiedColumn, hasData };
}

export function xlsxTemplateSnapshot(workbook: ExcelJS.Workbook, layout: TemplateLayout): TemplateSnapshot {
  const params = workbook.getWorksheet(layout.parameters.name);
  const passages = workbook.getWorksheet(layout.passages.name);
  const digcomp = workbook.getWorksheet(layout.digcomp.name);
  const lists = workbook.getWorksheet(layout.lists.name);
  return {
    sheets: workbook.worksheets.map((s) => s.name),
    parameterRows: params ? Array.from({ length: 30 }, (_, i) => rowValues(params, i + 1, 2)) : undefined,
    passages: passages && sheetSnapshot(passages),
    digcomp: digcomp && sheetSnapshot(digcomp),
    listsHeader: lists ? rowValues(lists, 1) : undefined,
  };
}

/** Applies an 'upgrade' plan to the workbook in memory: the same columns, lists and cells as a new template's. */
export function applyXlsxUpgrade(
  workbook: ExcelJS.Workbook,
  plan: TemplateUpgradePlan,
  spec: TemplateSpec,
): void {
  const { layout } = spec;
  // Missing sheets are created whole, in the template's tab order.
  for (const sheet of spec.sheets) {
    if (!plan.missingSheets.includes(sheet.name)) continue;
    renderSheet(workbook.addWorksheet(sheet.name, worksheetOptions(sheet)), sheet);
  }
  const listsSheet = workbook.getWorksheet(layout.lists.name);
  for (const list of plan.lists)
    if (listsSheet) for (const cell of listCells(list)) renderCell(listsSheet, cell);
  for (const addition of plan.columns) {
    const sheet = workbook.getWorksheet(addition.sheet);
    if (!sheet) continue;
    const rendered = columnAdditionSpec(spec, addition);
    renderColumn(sheet, rendered.column);
    renderCell(sheet, rendered.header);
    if (rendered.validation) renderValidation(sheet, rendered.validation);
  }
  if (plan.version) {
    const sheet = workbook.getWorksheet(layout.parameters.name);
    if (sheet)
      for (const cell of versionCells(plan.version.labelCell, plan.version.cell, plan.version.text))
        renderCell(sheet, cell);
  }
}

/**
 * A whole workbook read into memory (upgrades rewrite it into a copy), once the file has passed the checks
 * every workbook goes through (workbook-file-guard.ts): throws UnusableWorkbookError, in French, otherwise.
 */
export async function readWholeWorkbook(file: string): Promise<ExcelJS.Workbook> {
  await checkWorkbookFile(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

export function planXlsxUpgrade(workbook: ExcelJS.Workbook, layout: TemplateLayout): TemplateUpgradePlan {
  return planTemplateUpgrade(xlsxTemplateSnapshot(workbook, layout), layout);
}
