import { foldForMatch } from './normalize';
import type { Passage, SourceSheet } from '../model/types';

/**
 * Passage identifiers (dictionary 5.1): "unique pour chaque passage de certification de l'émetteur", and never
 * changed once sent, since the CDC recognises a passage by it (a resent one is KO « existe déjà en base »).
 */

/** The field « Générer les identifiants » fills. */
export const ID_FIELD = '5.1';

export interface IdAssignment {
  /** Excel row of the passage. */
  readonly row: number;
  /** Column letter of 5.1 on the sheet. */
  readonly column: string;
  readonly value: string;
}

/** A random UUID (v4), from the platform's cryptographic generator (Node 20 and every browser Office supports). */
export function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The idTechnique to write in each passage row whose 5.1 cell is blank. Rows that have one, even a wrong one,
 * are never touched; a new identifier never repeats an existing one.
 */
export function planMissingIds(sheet: SourceSheet, newId: () => string = randomUuid): IdAssignment[] {
  const column = sheet.columns[ID_FIELD];
  if (column === undefined) return [];
  const taken = new Set(
    sheet.rows
      .map((r) => r.cells[ID_FIELD])
      .filter((v) => v !== undefined)
      .map(String),
  );
  const assignments: IdAssignment[] = [];
  for (const row of sheet.rows) {
    if (row.cells[ID_FIELD] !== undefined) continue;
    let value = newId();
    while (taken.has(value)) value = newId();
    taken.add(value);
    assignments.push({ row: row.row, column, value });
  }
  return assignments;
}

/** Who the passage is about: civil status (bloc 8) or the CPF file (bloc 9); undefined when too little is known. */
function personKey(v: Readonly<Record<string, string>>): string | undefined {
  if (v['9.1'] !== undefined) return `cpf\u0000${v['9.1']}`;
  if (v['8.1'] === undefined || v['8.3'] === undefined || v['8.6'] === undefined) return undefined;
  const parts = [
    foldForMatch(v['8.1']),
    foldForMatch(v['8.3']),
    v['8.6'],
    v['8.7'] ?? '',
    v['8.8'] ?? '',
    v['8.9'] ?? '',
  ];
  return `civil\u0000${parts.join('\u0000')}`;
}

/**
 * Groups of rows (two or more) that give the same person the same certification (type and code): most often a
 * row copied twice, which would show the certification twice in the holder's account.
 */
export function findRepeatedPassages(passages: readonly Passage[]): number[][] {
  const rowsByKey = new Map<string, number[]>();
  for (const { row, values } of passages) {
    const person = personKey(values);
    if (person === undefined || values['4.2'] === undefined) continue;
    const key = `${person}\u0000${values['4.1'] ?? ''}\u0000${values['4.2']}`;
    const rows = rowsByKey.get(key);
    if (rows) rows.push(row);
    else rowsByKey.set(key, [row]);
  }
  return [...rowsByKey.values()].filter((rows) => rows.length > 1);
}
