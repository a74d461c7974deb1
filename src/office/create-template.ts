/// <reference types="office-js" />
import { sheetSpec, type TemplateSpec } from '../core/template/template-spec';
import type { ExcelRun } from './excel-run';
import { renderSheet } from './render-template';

/**
 * « Créer le modèle » with Office.js: creates the sheets of the template spec that the workbook lacks, rendered by
 * render-template.ts. It never writes into a sheet that already exists.
 */

export type TemplateOutcome =
  | { readonly status: 'created'; readonly created: readonly string[] }
  | { readonly status: 'exists'; readonly existing: readonly string[]; readonly missing: readonly string[] };

export interface TemplateOptions {
  /** Create only the sheets that are missing (after the user agreed). */
  readonly addMissing?: boolean;
  /** ExcelApi 1.18: header help as notes; otherwise as data-validation input messages. */
  readonly notes: boolean;
}

export async function createTemplate(
  run: ExcelRun,
  spec: TemplateSpec,
  options: TemplateOptions,
): Promise<TemplateOutcome> {
  const { layout } = spec;
  const sheetNames = spec.sheets.map((s) => s.name);
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    const probes = sheetNames.map((name) => sheets.getItemOrNullObject(name).load('name'));
    const tables = [layout.passages.table, layout.digcomp.table].map((name) =>
      context.workbook.tables.getItemOrNullObject(name).load('name'),
    );
    await context.sync();

    const existing = sheetNames.filter((_, i) => !probes[i].isNullObject);
    const missing = sheetNames.filter((_, i) => probes[i].isNullObject);
    // A table name is workbook-wide: if ours is taken elsewhere, the sheet that needs it is not created.
    const tableTaken = (name: string): boolean =>
      tables.some((t) => !t.isNullObject && t.name.toLowerCase() === name.toLowerCase());
    if (existing.length > 0 && !options.addMissing) return { status: 'exists', existing, missing };
    const toCreate = missing.filter(
      (name) =>
        !(name === layout.passages.name && tableTaken(layout.passages.table)) &&
        !(name === layout.digcomp.name && tableTaken(layout.digcomp.table)),
    );
    if (toCreate.length === 0) return { status: 'exists', existing, missing };

    const created: Excel.Worksheet[] = [];
    for (const name of toCreate) {
      const sheet = sheets.add(name);
      created.push(sheet);
      renderSheet(sheet, sheetSpec(spec, name), options);
    }
    const first = created.find((_, i) => !sheetSpec(spec, toCreate[i]).hidden);
    first?.activate();
    await context.sync();
    return { status: 'created', created: toCreate };
  });
}
