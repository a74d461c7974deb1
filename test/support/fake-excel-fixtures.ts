import {
  buildTemplateLayout,
  columnLetter,
  FIRST_DATA_ROW,
  type TemplateLayout,
} from '../../src/core/template/layout';
import type { FakeValue } from '../../src/fake-excel/model';
import { VALID_PARAMETERS, validPassage } from './workbook';
import { typeCell, typeRows } from '../../src/fake-excel/user';
import type { WorkbookModel } from '../../src/fake-excel/model';
import { DICTIONARY } from './dictionary';

/**
 * A filled template, as a user would type it: used by the adapter tests and the e2e stub page.
 * Values are what Excel holds (dates as serial numbers, list cells as their French labels).
 */

const DAY_MS = 86_400_000;

/** A date as Excel stores it (1900 date system): days since 1899-12-30. */
export function excelSerial(date: Date): number {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Math.round((midnight - Date.UTC(1899, 11, 30)) / DAY_MS);
}

/** Delivered a month before `today`: recent enough for the CDC's 3-month sending rule. */
export function recentIssueSerial(today: Date = new Date()): number {
  return excelSerial(new Date(today.getTime() - 30 * DAY_MS));
}

const SURNAMES = [
  'MARTIN',
  'BERNARD',
  'DUBOIS',
  'THOMAS',
  'ROBERT',
  'RICHARD',
  'PETIT',
  'DURAND',
  'LEROY',
  'MOREAU',
];

/** Letters only (the checker warns about digits in names): MARTIN, …, MOREAU, MARTIN-B, … */
function surname(index: number): string {
  const base = SURNAMES[(index - 1) % SURNAMES.length];
  const round = Math.floor((index - 1) / SURNAMES.length);
  return round === 0 ? base : `${base}-${columnLetter(round)}`;
}

/**
 * Passage number `index` as typed in Excel: the one valid passage of the tests (support/workbook.ts), with its own
 * identifier and surname, issued a month before `today` (as a date serial, like Excel stores it).
 */
export function typedPassage(index: number, today: Date = new Date()): Readonly<Record<string, FakeValue>> {
  return validPassage({
    '5.1': `PASSAGE-${String(index).padStart(6, '0')}`,
    '5.10': recentIssueSerial(today),
    '8.1': surname(index),
  }) as Record<string, FakeValue>;
}

export function rowValues(layout: TemplateLayout, values: Readonly<Record<string, FakeValue>>): FakeValue[] {
  return layout.passages.columns.map((c) => values[c.field] ?? '');
}

export function fillParameters(
  model: WorkbookModel,
  layout = buildTemplateLayout(DICTIONARY),
  values = VALID_PARAMETERS,
): void {
  for (const cell of layout.parameters.cells)
    typeCell(model, layout.parameters.name, cell.cell, String(values[cell.field] ?? ''));
}

/** Types `count` passages under the Passages header, with `change` applied to some of them. */
export function fillPassages(
  model: WorkbookModel,
  count: number,
  change: (index: number, values: Record<string, FakeValue>) => void = () => undefined,
  today: Date = new Date(),
  layout = buildTemplateLayout(DICTIONARY),
): void {
  const rows: FakeValue[][] = [];
  for (let i = 0; i < count; i++) {
    const values = { ...typedPassage(i + 1, today) };
    change(i + 1, values);
    rows.push(rowValues(layout, values));
  }
  typeRows(model, layout.passages.name, FIRST_DATA_ROW, rows);
}
