import { listLabel, type RowRule } from './types';

/**
 * Scoring and mention (dictionary 5.4, 5.15, 5.16): "PAR_SCORING si le candidat doit atteindre un certain
 * score", 5.15 is the score reached. Both are nillable, so these are warnings: the CDC accepts nil.
 */

export const SCORING_RULES: readonly RowRule[] = [
  {
    field: '5.15',
    code: 'scoreMissing',
    severity: 'warning',
    // nil is accepted: the CDC records the passage without a score.
    informational: true,
    source: '5.15 score atteint si 5.4 = Par scoring (dictionnaire 5.4, 5.15)',
    test: ({ values: v, filled }) => (v['5.4'] === 'PAR_SCORING' && !filled.has('5.15') ? {} : undefined),
  },
  {
    field: '5.16',
    code: 'mentionWithScoring',
    severity: 'warning',
    informational: true,
    source: '5.16 / 5.4 (dictionnaire 5.4 : la mention relève d’une admission)',
    test: ({ dictionary, values: v }) =>
      v['5.4'] === 'PAR_SCORING' && v['5.16'] !== undefined && v['5.16'] !== 'SANS_MENTION'
        ? { value: listLabel(dictionary, '5.16', v['5.16']) }
        : undefined,
  },
];
