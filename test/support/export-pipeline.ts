import { prepareExport, writePreparedXml } from '../../src/core/export/export';
import { buildTemplateLayout } from '../../src/core/template/layout';
import type { CheckResult } from '../../src/core/check/check';
import type { FieldDef } from '../../src/dictionary';
import type { WorkbookData } from '../../src/core/model/types';
import { passageColumn } from './workbook';
import { DICTIONARY } from './dictionary';

export { escapeForTest } from './xml-text';

/** The text of one exported file (its UTF-8 bytes decoded): tests only, the product never decodes a whole file. */
export function exportedText(file: { readonly bytes: readonly Uint8Array[] }): string {
  return Buffer.concat(file.bytes.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength))).toString(
    'utf8',
  );
}

/** The product's check + export, synchronously (no XSD step: the fuzz tests ask native xmllint instead). */

export const NOW = new Date('2026-06-01T08:00:00Z');

export function checkAndExport(data: WorkbookData): { check: CheckResult; xml?: string } {
  const preparation = prepareExport(data, {
    dictionary: DICTIONARY,
    now: NOW,
    today: NOW,
    idFlux: 'fuzz-0001',
  });
  if (!preparation.ok) return { check: preparation.check };
  return {
    check: preparation.prepared.check,
    xml: Array.from(writePreparedXml(data, preparation.prepared, DICTIONARY).chunks).join(''),
  };
}

const parameterCells = new Map(
  buildTemplateLayout(DICTIONARY).parameters.cells.map((c) => [c.field, c.cell]),
);

/** Sheet and address of a field's cell in a workbook built by test/helpers/workbook.ts (passages on row `row`). */
export function cellAddress(field: FieldDef, row = 2): { sheet: string; cell: string } {
  if (field.scope === 'flux') return { sheet: 'Paramètres', cell: parameterCells.get(field.id) ?? '' };
  return { sheet: 'Passages', cell: `${passageColumn(field.id)}${row}` };
}

/**
 * Puts `text` (already escaped) as the content of the element of `field` in a one-passage document,
 * whether it held a value or xsi:nil. emetteur/idClient (2.1) is the first idClient, certificateur's (3.1)
 * the second. Throws when the element is not in the document, so a case never passes by not applying.
 */
export function setElementText(xml: string, field: FieldDef, text: string): string {
  const tag = `cpf:${field.tag}`;
  const pattern = new RegExp(`<${tag}>[^<]*</${tag}>|<${tag} xsi:nil="true"/>`, 'g');
  const wanted = field.id === '3.1' ? 1 : 0;
  let seen = 0;
  let applied = false;
  const result = xml.replace(pattern, (match) => {
    if (seen++ !== wanted) return match;
    applied = true;
    return `<${tag}>${text}</${tag}>`;
  });
  if (!applied) throw new Error(`element ${tag} (${field.id}) not found`);
  return result;
}
