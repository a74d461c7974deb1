/// <reference types="office-js" />
import { sheetSpec, type TemplateSpec } from '../core/template/template-spec';
import type { ExcelRun } from './excel-run';
import { renderSheet } from './render-template';
import { probeTemplateSheets } from './template-sheets';

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
    const located = probeTemplateSheets(context, layout);
    await context.sync();

    // A data sheet is there when its table is, whatever the sheet is called (a renamed « Passages »).
    const names = located.names();
    const byName = new Map<string, string | undefined>([
      [layout.parameters.name, names.parameters],
      [layout.passages.name, names.passages],
      [layout.digcomp.name, names.digcomp],
      [layout.history.name, names.history],
      [layout.lists.name, names.lists],
    ]);
    const found = (name: string) =>
      byName.get(name) ?? names.all.find((n) => n.toLowerCase() === name.toLowerCase());
    const existing = sheetNames.map(found).filter((n): n is string => n !== undefined);
    const missing = sheetNames.filter((name) => found(name) === undefined);
    if (existing.length > 0 && !options.addMissing) return { status: 'exists', existing, missing };
    // A table name is workbook-wide: if ours is taken elsewhere, the sheet that needs it is not created.
    const tableTaken = (table: Excel.Table) => !table.isNullObject;
    const toCreate = missing.filter(
      (name) =>
        !(name === layout.passages.name && tableTaken(located.tables.passages)) &&
        !(name === layout.digcomp.name && tableTaken(located.tables.digcomp)),
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
