import ExcelJS from 'exceljs';
import { FIRST_DATA_ROW, HEADER_ROW, TEMPLATE_ROWS, type TemplateLayout } from '../core/template/layout';
import {
  appendColumn,
  planTemplateUpgrade,
  VERSION_LABEL,
  type DataSheetSnapshot,
  type TemplateSnapshot,
  type TemplateUpgradePlan,
} from '../core/template/template-version';
import type { CellValue } from '../core/model/types';
import { toCellValue } from './xlsx-reader';
import {
  COLORS,
  writeHistorySheet,
  writeLists,
  writeParameters,
  writeTableSheet,
  addListValidations,
} from './xlsx-template';

/**
 * The CLI's side of template upgrades (src/core/template-version.ts) on an exceljs workbook: snapshot, then
 * additions only. Added columns go right after the last header cell, where the readers find them by header.
 */

type WorksheetWithValidations = ExcelJS.Worksheet & {
  readonly dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
};

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

/** Applies an 'upgrade' plan to the workbook in memory. */
export function applyXlsxUpgrade(
  workbook: ExcelJS.Workbook,
  plan: TemplateUpgradePlan,
  layout: TemplateLayout,
): void {
  for (const name of plan.missingSheets) {
    if (name === layout.parameters.name) writeParameters(workbook, layout, undefined);
    else if (name === layout.passages.name) writeTableSheet(workbook, layout.passages, true);
    else if (name === layout.digcomp.name) writeTableSheet(workbook, layout.digcomp, false);
    else if (name === layout.history.name) writeHistorySheet(workbook, layout);
  }
  if (plan.missingSheets.includes(layout.lists.name)) {
    const placements = writeLists(workbook, layout);
    for (const spec of [layout.passages, layout.digcomp])
      if (plan.missingSheets.includes(spec.name)) addListValidations(workbook, spec, placements);
  }
  const listsSheet = workbook.getWorksheet(layout.lists.name);
  for (const list of plan.lists) {
    if (!listsSheet) break;
    listsSheet.getCell(`${list.column}1`).value = list.header;
    list.values.forEach((v, i) => (listsSheet.getCell(`${list.column}${i + 2}`).value = v.label));
  }
  for (const c of plan.columns) {
    const sheet = workbook.getWorksheet(c.sheet) as WorksheetWithValidations | undefined;
    if (!sheet) continue;
    const column = sheet.getColumn(c.index + 1);
    column.width = c.width;
    column.numFmt = c.numberFormat;
    const header = sheet.getCell(HEADER_ROW, c.index + 1);
    header.value = c.header;
    header.note = c.note;
    header.font = { bold: true, italic: c.field === undefined };
    header.alignment = { wrapText: true, vertical: 'top' };
    header.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.field === undefined ? COLORS.trackingHeader : COLORS.optionalHeader },
    };
    if (c.listColumn && c.list) {
      const letter = column.letter;
      sheet.dataValidations.add(`${letter}${FIRST_DATA_ROW}:${letter}${FIRST_DATA_ROW + TEMPLATE_ROWS - 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${layout.lists.name}'!$${c.listColumn}$2:$${c.listColumn}$${c.list.length + 1}`],
        showErrorMessage: true,
        errorStyle: c.strictList ? 'stop' : 'warning',
        errorTitle: 'Valeur hors liste',
        error: c.strictList
          ? 'Choisissez une valeur de la liste.'
          : 'Cette valeur ne fait pas partie des suggestions.',
      });
    }
  }
  if (plan.version) {
    const sheet = workbook.getWorksheet(layout.parameters.name);
    if (sheet) {
      sheet.getCell(plan.version.labelCell).value = VERSION_LABEL;
      sheet.getCell(plan.version.cell).value = plan.version.text;
      sheet.getCell(plan.version.cell).numFmt = '@';
    }
  }
}

export function planXlsxUpgrade(workbook: ExcelJS.Workbook, layout: TemplateLayout): TemplateUpgradePlan {
  return planTemplateUpgrade(xlsxTemplateSnapshot(workbook, layout), layout);
}
