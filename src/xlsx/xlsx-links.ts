import { columnLetter } from '../core/template/layout';
import type { SourceRow } from '../core/model/types';
import type { Dictionary } from '../dictionary';

/**
 * Hyperlinks in a field that holds a web address (5.2, the link to the digital proof): what the CDC needs is
 * the link's address, not the text the cell shows (« Voir la preuve »). A link is either a cell hyperlink
 * (<hyperlink ref="…" r:id="…"> in the sheet, its address in the sheet's relationships, ECMA-376 part 1
 * §18.3.1.47) or a HYPERLINK formula whose address is written in it. The shown text is kept beside the
 * address so the check can warn when they differ.
 */

/** What one sheet says about links while it streams by. */
export class SheetLinks {
  /** Cell → address, from HYPERLINK("…"; …) formulas. */
  readonly formulas = new Map<string, string>();
  /** Cell → relationship id, from the sheet's <hyperlinks>. */
  readonly relationships = new Map<string, string>();
  /** The sheet's part number (xl/worksheets/sheetN.xml), which keys its relationships. */
  part?: string;

  get empty(): boolean {
    return this.formulas.size === 0 && this.relationships.size === 0;
  }
}

/** Fields whose value is a web address, named so by their tag (urlPreuve). */
export function urlFieldIds(dictionary: Dictionary): readonly string[] {
  return dictionary.fields.filter((f) => /^url/i.test(f.tag)).map((f) => f.id);
}

/** The address of `HYPERLINK("address", …)` when it is written literally in the formula. */
export function hyperlinkFormulaAddress(formula: string): string | undefined {
  const match = /^\s*=?\s*HYPERLINK\(\s*"((?:[^"]|"")*)"/i.exec(formula);
  return match ? match[1].replace(/""/g, '"') : undefined;
}

/**
 * The rows with each URL-field cell that carries a link given the link's address; when the text shown was
 * different, it is kept in `linkTexts` for the check's warning.
 */
export function rowsWithLinkAddresses(
  rows: SourceRow[],
  columns: ReadonlyMap<string, number>,
  links: SheetLinks,
  targets: ReadonlyMap<string, string> | undefined,
  fields: readonly string[],
): SourceRow[] {
  if (links.empty) return rows;
  const watched = fields.flatMap((id) => {
    const index = columns.get(id);
    return index === undefined ? [] : [{ id, letter: columnLetter(index) }];
  });
  if (watched.length === 0) return rows;
  return rows.map((row) => {
    let cells: Record<string, SourceRow['cells'][string]> | undefined;
    let linkTexts: Record<string, string> | undefined;
    for (const { id, letter } of watched) {
      const ref = `${letter}${row.row}`;
      const relationship = links.relationships.get(ref);
      const address = links.formulas.get(ref) ?? (relationship ? targets?.get(relationship) : undefined);
      const shown = row.cells[id];
      if (address === undefined || shown === undefined || shown === null) continue;
      cells ??= { ...row.cells };
      cells[id] = address;
      if (String(shown).trim() !== address.trim()) (linkTexts ??= {})[id] = String(shown);
    }
    if (!cells) return row;
    return { ...row, cells, ...(linkTexts ? { linkTexts } : {}) };
  });
}
