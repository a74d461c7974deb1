import type { Dictionary } from '../../dictionary';
import type { CellValue } from '../model/types';
import { headerWords } from './headers';
import { mappingTargets } from './targets';

/**
 * The saved form of a confirmed mapping, reused for the next import from the same kind of spreadsheet. Columns
 * are found again by their header (accents, case and punctuation aside), not by position, so a moved column still
 * lands in the right field. Each entry also carries the field's French name, for the person who opens the file.
 */

export const SAVED_MAPPING_FORMAT = 'accrochage-cdc/correspondance';
export const SAVED_MAPPING_VERSION = 1;

export interface SavedColumn {
  readonly header: string;
  /** Dictionary id or BIRTH_DATE_TARGET; null = column deliberately left out. */
  readonly field: string | null;
  /** French name of the field, informative only (ignored when reading). */
  readonly label?: string;
}

export interface SavedMapping {
  readonly format: typeof SAVED_MAPPING_FORMAT;
  readonly version: number;
  readonly schemaVersion: string;
  readonly columns: readonly SavedColumn[];
}

/** A column of the selected range and the target it goes to (null: not copied). */
export interface ColumnMapping {
  readonly column: number;
  readonly header: string;
  readonly target: string | null;
}

export function savedMappingFrom(columns: readonly ColumnMapping[], dictionary: Dictionary): SavedMapping {
  const targets = mappingTargets(dictionary);
  return {
    format: SAVED_MAPPING_FORMAT,
    version: SAVED_MAPPING_VERSION,
    schemaVersion: dictionary.schema.version,
    columns: columns
      .filter((c) => c.header.trim() !== '')
      .map((c) => ({
        header: c.header,
        field: c.target,
        ...(c.target ? { label: targets.get(c.target)?.label } : {}),
      })),
  };
}

export function savedMappingToJson(mapping: SavedMapping): string {
  return `${JSON.stringify(mapping, null, 2)}\n`;
}

export type ParsedMapping = { ok: true; mapping: SavedMapping } | { ok: false; message: string };

/** Reads a saved mapping, with a French message saying what is wrong when it cannot be used. */
export function parseSavedMapping(json: string, dictionary: Dictionary): ParsedMapping {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, message: "Le fichier de correspondance n'est pas du JSON lisible." };
  }
  const record = data as Partial<Record<keyof SavedMapping, unknown>> | null;
  if (record === null || typeof record !== 'object' || record.format !== SAVED_MAPPING_FORMAT) {
    return { ok: false, message: "Ce fichier n'est pas une correspondance enregistrée par Accrochage CDC." };
  }
  if (record.version !== SAVED_MAPPING_VERSION) {
    return {
      ok: false,
      message: `Version de correspondance non prise en charge : ${String(record.version)}.`,
    };
  }
  if (!Array.isArray(record.columns))
    return { ok: false, message: 'La correspondance ne liste aucune colonne.' };
  const targets = mappingTargets(dictionary);
  const columns: SavedColumn[] = [];
  for (const [i, entry] of (record.columns as unknown[]).entries()) {
    const column = entry as Partial<Record<keyof SavedColumn, unknown>> | null;
    if (column === null || typeof column !== 'object' || typeof column.header !== 'string') {
      return { ok: false, message: `Colonne n° ${i + 1} de la correspondance : en-tête manquant.` };
    }
    if (column.field !== null && (typeof column.field !== 'string' || !targets.has(column.field))) {
      return {
        ok: false,
        message: `Colonne « ${column.header} » de la correspondance : donnée inconnue « ${String(column.field)} ».`,
      };
    }
    columns.push({ header: column.header, field: column.field });
  }
  return {
    ok: true,
    mapping: {
      format: SAVED_MAPPING_FORMAT,
      version: SAVED_MAPPING_VERSION,
      schemaVersion: typeof record.schemaVersion === 'string' ? record.schemaVersion : '',
      columns,
    },
  };
}

export interface ResolvedMapping {
  readonly columns: readonly ColumnMapping[];
  /** Saved columns the header does not have. */
  readonly missing: readonly SavedColumn[];
  /** Columns of the header the saved mapping does not know (not copied). */
  readonly unknown: readonly ColumnMapping[];
}

/** Applies a saved mapping to the header row of a new sheet. */
export function resolveSavedMapping(mapping: SavedMapping, header: readonly CellValue[]): ResolvedMapping {
  const byKey = new Map<string, SavedColumn>();
  for (const saved of mapping.columns) {
    const key = headerWords(saved.header).join(' ');
    if (!byKey.has(key)) byKey.set(key, saved);
  }
  const used = new Set<SavedColumn>();
  const columns: ColumnMapping[] = [];
  const unknown: ColumnMapping[] = [];
  header.forEach((value, column) => {
    const text = typeof value === 'string' ? value : value == null ? '' : String(value);
    if (text.trim() === '') {
      columns.push({ column, header: text, target: null });
      return;
    }
    const saved = byKey.get(headerWords(text).join(' '));
    if (saved && !used.has(saved)) {
      used.add(saved);
      columns.push({ column, header: text, target: saved.field });
    } else {
      const entry = { column, header: text, target: null };
      columns.push(entry);
      unknown.push(entry);
    }
  });
  const missing = mapping.columns.filter((c) => !used.has(c) && c.field !== null);
  return { columns, missing, unknown };
}
