import { buildTemplateLayout, FIRST_DATA_ROW, type TemplateLayout } from '../../core/layout';
import type { FakeValue } from './model';
import { typeCell, typeRows } from './user';
import type { WorkbookModel } from './model';

/**
 * A filled template, as a user would type it: used by the adapter tests and the e2e stub page.
 * Values are what Excel holds (dates as serial numbers, list cells as their French labels).
 */

/** 2024-06-15 in Excel's 1900 date system. */
export const SERIAL_2024_06_15 = 45458;

/** One valid passage row by dictionary id. */
export function validPassage(index: number): Readonly<Record<string, FakeValue>> {
  return {
    '4.1': 'RNCP',
    '4.2': 'RNCP34825',
    '5.1': `PASSAGE-${String(index).padStart(6, '0')}`,
    '5.4': 'Par admission',
    '5.5': 'Oui',
    '5.10': SERIAL_2024_06_15,
    '5.12': 'Non',
    '5.14': 'Non',
    '8.1': `NOM${index}`,
    '8.3': 'Marie',
    '8.6': 1990,
    '8.9': 'F',
    '8.10': '75056',
  };
}

export function rowValues(layout: TemplateLayout, values: Readonly<Record<string, FakeValue>>): FakeValue[] {
  return layout.passages.columns.map((c) => values[c.field] ?? '');
}

export const VALID_PARAMETERS: Readonly<Record<string, string>> = {
  '2.1': '12ABC345',
  '3.1': '12ABC345',
  '3.2': 'MCFCER000123',
};

export function fillParameters(model: WorkbookModel, layout = buildTemplateLayout(), values = VALID_PARAMETERS): void {
  for (const cell of layout.parameters.cells) typeCell(model, layout.parameters.name, cell.cell, values[cell.field] ?? '');
}

/** Types `count` passages under the Passages header, with `change` applied to some of them. */
export function fillPassages(
  model: WorkbookModel,
  count: number,
  change: (index: number, values: Record<string, FakeValue>) => void = () => undefined,
  layout = buildTemplateLayout(),
): void {
  const rows: FakeValue[][] = [];
  for (let i = 0; i < count; i++) {
    const values = { ...validPassage(i + 1) };
    change(i + 1, values);
    rows.push(rowValues(layout, values));
  }
  typeRows(model, layout.passages.name, FIRST_DATA_ROW, rows);
}
