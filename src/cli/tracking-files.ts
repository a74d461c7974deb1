import path from 'node:path';

/**
 * Where the CLI writes statuses and history by default: a copy `<name>-suivi.xlsx` beside the workbook. An
 * existing copy is never overwritten (it may hold the history of earlier sends): see output-policy.ts.
 */

/** `<name>-suivi.xlsx` beside the workbook (`.xlsm` when it holds macros, which the copy keeps). */
export function defaultTrackingPath(workbook: string, macros = false): string {
  const parsed = path.parse(workbook);
  return path.join(parsed.dir, `${parsed.name}-suivi${macros ? '.xlsm' : '.xlsx'}`);
}
