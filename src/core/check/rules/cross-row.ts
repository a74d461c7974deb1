import { frenchDate } from '../normalize';
import { findRepeatedPassages } from '../identifiers';
import type { CrossRowRule } from './types';
import { OBLIGATION_START } from './dates';

/**
 * Rules over the rows of a sheet together: the same identifier twice, the same passage twice, and the legal
 * sending deadline (guide général V5 §2.8) of every passage.
 */

export const CROSS_ROW_RULES: readonly CrossRowRule[] = [
  {
    id: 'duplicateIdTechnique',
    field: '5.1',
    code: 'duplicateIdTechnique',
    severity: 'error',
    source: '5.1 « unique pour chaque passage de certification de l’émetteur » (dictionnaire 5.1)',
    run: ({ passages }) => {
      const rowsById = new Map<string, number[]>();
      for (const p of passages) {
        const id = p.values['5.1'];
        if (id !== undefined) rowsById.set(id, [...(rowsById.get(id) ?? []), p.row]);
      }
      return [...rowsById].flatMap(([id, rows]) =>
        rows.length < 2
          ? []
          : rows.map((row) => ({
              row,
              params: { value: id, rows: rows.filter((o) => o !== row).join(', ') },
            })),
      );
    },
  },
  {
    id: 'duplicatePassage',
    field: '5.1',
    code: 'duplicatePassage',
    severity: 'warning',
    source: 'une personne, une certification : un passage (compte du titulaire ; dictionnaire 5.1)',
    run: ({ passages }) => {
      const idOf = new Map(passages.map((p) => [p.row, p.values['5.1']]));
      return findRepeatedPassages(passages).flatMap((group) =>
        // Rows that also share their idTechnique are already reported as an error (duplicateIdTechnique).
        new Set(group.map((r) => idOf.get(r))).size === 1
          ? []
          : group.map((row) => ({ row, params: { rows: group.filter((o) => o !== row).join(', ') } })),
      );
    },
  },
  {
    id: 'sendingOverdue',
    field: '5.10',
    code: 'sendingOverdue',
    severity: 'warning',
    informational: true,
    source: 'transmission dans les 3 mois après la délivrance (guide général V5 §2.8, décret 2019-1490)',
    run: ({ deadlines }) =>
      deadlines
        .filter((d) => d.status === 'overdue' && d.awardDate >= OBLIGATION_START)
        .map((d) => ({
          row: d.row,
          params: { value: frenchDate(d.awardDate), other: frenchDate(d.dueDate) },
        })),
  },
];
