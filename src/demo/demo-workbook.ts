import type { Dictionary } from '../dictionary';
import { columnIndex, FIRST_DATA_ROW, type LayoutColumn } from '../core/template/layout';
import { buildTemplateSpec } from '../core/template/template-spec';
import { excelSerialOf } from '../core/model/excel-serial';
import { createTemplate } from '../office/create-template';
import { FakeExcel, type FakeValue } from '../fake-excel';
import { typeCell, typeRows } from '../fake-excel/user';
import type { TemplateContent } from '../core/template/examples';

/**
 * The demo's workbook: the same in-memory Excel the tests use, filled with the fictitious examples of
 * src/core/template/examples.ts as a user would have typed them (dates as Excel serial numbers).
 */

type ContentValue = NonNullable<TemplateContent['parameters']>[string];

function toFakeValue(value: ContentValue): FakeValue | undefined {
  if (value instanceof Date) return excelSerialOf(value, false);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

function rowOf(
  columns: readonly LayoutColumn[],
  values: Readonly<Record<string, ContentValue>>,
): FakeValue[] {
  const row: FakeValue[] = [];
  for (const c of columns) row[columnIndex(c.column)] = toFakeValue(values[c.field]) ?? '';
  return row;
}

export async function demoWorkbook(dictionary: Dictionary, content?: TemplateContent): Promise<FakeExcel> {
  const excel = new FakeExcel({ platform: 'web', apiVersion: '1.18' });
  if (!content) return excel;
  const spec = buildTemplateSpec(dictionary);
  const { layout } = spec;
  await createTemplate(excel.excelRun, spec, { notes: true });
  const model = excel.model;
  for (const cell of layout.parameters.cells) {
    const value = toFakeValue(content.parameters?.[cell.field] ?? null);
    if (value !== undefined) typeCell(model, layout.parameters.name, cell.cell, value);
  }
  const passages = (content.passages ?? []).map((p) => rowOf(layout.passages.columns, p));
  if (passages.length > 0) typeRows(model, layout.passages.name, FIRST_DATA_ROW, passages);
  const digcomp = (content.digcomp ?? []).map((p) => rowOf(layout.digcomp.columns, p));
  if (digcomp.length > 0) typeRows(model, layout.digcomp.name, FIRST_DATA_ROW, digcomp);
  model.activeSheet = model.requireSheet(layout.passages.name);
  return excel;
}
