import { buildTemplateLayout, FIRST_DATA_ROW } from '../../src/core/template/layout';
import type { CellValue, SourceSheet, WorkbookData } from '../../src/core/model/types';
import { DICTIONARY } from './dictionary';
import type { Dictionary } from '../../src/dictionary';

/** Builds WorkbookData the way a reader of a template made by us would, from rows keyed by dictionary id. */

const currentLayout = buildTemplateLayout(DICTIONARY);

export type RowInput = Record<string, CellValue>;

export const VALID_PARAMETERS: RowInput = { '2.1': 'AB123CDE', '3.1': 'E564ACB0', '3.2': 'MCFCER000123' };

/** A complete, valid titulaire passage (only mandatory fields and common ones). */
export function validPassage(overrides: RowInput = {}): RowInput {
  return {
    '4.1': 'RNCP',
    '4.2': 'RNCP34825',
    '4.3': 'Certificateur',
    '5.1': 'P-0001',
    '5.4': 'Par admission',
    '5.5': 'Oui',
    '5.10': '15/06/2024',
    '5.12': 'Non',
    '5.14': 'Non',
    '7.1': 'Formation continue hors contrat de professionnalisation',
    '8.1': 'Martin',
    '8.3': 'Léa',
    '8.6': 1990,
    '8.7': 4,
    '8.8': 12,
    '8.9': 'F',
    '8.10': '69123',
    ...overrides,
  };
}

function sheetOf(
  name: string,
  columns: readonly { column: string; field: string }[],
  rows: RowInput[],
): SourceSheet {
  const letters: Record<string, string> = {};
  for (const c of columns) letters[c.field] = c.column;
  return {
    name,
    columns: letters,
    rows: rows.map((cells, i) => {
      const clean: Record<string, CellValue> = {};
      for (const [k, v] of Object.entries(cells)) if (v !== undefined && v !== null && v !== '') clean[k] = v;
      return { row: FIRST_DATA_ROW + i, cells: clean };
    }),
  };
}

export function workbook(
  passages: RowInput[],
  options: { parameters?: RowInput; digcomp?: RowInput[]; date1904?: boolean; dictionary?: Dictionary } = {},
): WorkbookData {
  const layout = options.dictionary ? buildTemplateLayout(options.dictionary) : currentLayout;
  const parameters = options.parameters ?? VALID_PARAMETERS;
  const cells: Record<string, { address: string; value: CellValue }> = {};
  for (const c of layout.parameters.cells)
    cells[c.field] = { address: c.cell, value: parameters[c.field] ?? null };
  return {
    date1904: options.date1904 ?? false,
    parameters: { name: layout.parameters.name, cells },
    passages: sheetOf(layout.passages.name, layout.passages.columns, passages),
    digcomp: sheetOf(layout.digcomp.name, layout.digcomp.columns, options.digcomp ?? []),
  };
}

/** Column letter of a field on the passages sheet. */
export function passageColumn(fieldId: string): string {
  const column = currentLayout.passages.columns.find((c) => c.field === fieldId);
  if (!column) throw new Error(`no passage column for ${fieldId}`);
  return column.column;
}
