/// <reference types="office-js" />
import { columnIndex, columnLetter } from '../core/template/layout';
import { OfficeErrorCode, officeErrorCode, type ExcelRun } from './excel-run';

/**
 * Groups cell addresses into the multi-area strings passed to `worksheet.getRanges()`, so that
 * thousands of cells cost a handful of calls instead of one proxy each.
 * Office.js cuts getRanges addresses at 8 192 characters (PERF-NOTES); we stay well under.
 */

export const MAX_AREAS_ADDRESS_LENGTH = 8000;

interface CellRef {
  readonly col: number;
  readonly row: number;
}

function parseCell(address: string): CellRef | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(address.trim());
  if (!match) return undefined;
  return { col: columnIndex(match[1]), row: Number(match[2]) };
}

/** Vertical runs of each column: "M2:M40" for 39 empty mandatory cells in a column, "C5" alone. */
export function compactAreas(cells: Iterable<string>): string[] {
  const byColumn = new Map<number, Set<number>>();
  for (const cell of cells) {
    const ref = parseCell(cell);
    if (!ref) continue;
    const rows = byColumn.get(ref.col) ?? new Set<number>();
    rows.add(ref.row);
    byColumn.set(ref.col, rows);
  }
  const areas: string[] = [];
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const letter = columnLetter(col);
    const rows = [...(byColumn.get(col) ?? [])].sort((a, b) => a - b);
    let start = rows[0];
    let previous = rows[0];
    const flush = (): void => {
      areas.push(start === previous ? `${letter}${start}` : `${letter}${start}:${letter}${previous}`);
    };
    for (const row of rows.slice(1)) {
      if (row === previous + 1) {
        previous = row;
        continue;
      }
      flush();
      start = row;
      previous = row;
    }
    if (rows.length > 0) flush();
  }
  return areas;
}

/** The character between the areas of a multi-area address. */
export type AreaSeparator = ',' | ';';

/** Joins areas with the separator into strings no longer than `maxLength`. */
export function chunkAreas(
  areas: readonly string[],
  maxLength = MAX_AREAS_ADDRESS_LENGTH,
  separator: AreaSeparator = ',',
): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const area of areas) {
    if (current && current.length + 1 + area.length > maxLength) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}${separator}${area}` : area;
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * Which separator `getRanges` takes here. The typings (l.37631) document both "A1:B2, A5:B5" and "A1:B2; A5:B5",
 * but Windows Excel with a « ; » list separator (French regional settings) has refused the comma form with
 * InvalidArgument (office-js #1167, #1985, #2891: "Office.js is opaque regarding which separator is actually
 * used"; no API exposes it). So we ask once, in its own Excel.run: two areas with a comma.
 */
export async function probeAreaSeparator(run: ExcelRun): Promise<AreaSeparator> {
  return run(async (context) => {
    const probe = context.workbook.worksheets.getActiveWorksheet().getRanges('A1,A3').load('areaCount');
    try {
      await context.sync();
    } catch (error) {
      if (officeErrorCode(error) === OfficeErrorCode.invalidArgument) return ';';
      throw error;
    }
    return probe.areaCount === 2 ? ',' : ';';
  });
}
