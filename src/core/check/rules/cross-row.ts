import { frenchDate } from '../normalize';
import { findRepeatedPassages } from '../identifiers';
import type { CrossRowFinding, CrossRowRule } from './types';
import { OBLIGATION_START } from './dates';

/**
 * Rules over the rows of a sheet together: the same identifier twice, the same passage twice, and the legal
 * sending deadline (guide général V5 §2.8) of every passage. Repeats are found with one hash map each and
 * returned as groups (types.ts): linear in the rows, even when 100 000 rows share one identifier.
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
        if (id === undefined) continue;
        const rows = rowsById.get(id);
        if (rows) rows.push(p.row);
        else rowsById.set(id, [p.row]);
      }
      const groups: CrossRowFinding[] = [];
      for (const [id, rows] of rowsById)
        if (rows.length > 1) groups.push({ group: rows, params: { value: id } });
      return groups;
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
      return (
        findRepeatedPassages(passages)
          // Rows that also share their idTechnique are already reported as an error (duplicateIdTechnique).
          .filter((group) => !group.every((row) => idOf.get(row) === idOf.get(group[0])))
          .map((group) => ({ group, params: {} }))
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
