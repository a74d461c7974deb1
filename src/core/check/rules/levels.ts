import type { RowRule } from './types';

/**
 * European levels: 5.12 drives 5.13, 5.14 drives bloc 6 (dictionary 5.12–5.14, 6.1–6.4). A general DIGCOMP
 * score without per-competence results is accepted: it is a digital level the CDC can record.
 */

export const LEVEL_RULES: readonly RowRule[] = [
  {
    field: '5.13',
    code: 'languageLevelMissing',
    severity: 'error',
    source: '5.13 à remplir si 5.12 = Oui (dictionnaire 5.12, 5.13)',
    test: ({ values: v, filled }) => (v['5.12'] === 'true' && !filled.has('5.13') ? {} : undefined),
  },
  {
    field: '5.13',
    code: 'languageLevelUnexpected',
    severity: 'error',
    source: '5.13 « ne sera pas à remplir » si 5.12 = Non (dictionnaire 5.12)',
    test: ({ values: v }) => (v['5.12'] === 'false' && v['5.13'] !== undefined ? {} : undefined),
  },
  {
    field: '5.14',
    code: 'digitalLevelMissing',
    severity: 'error',
    source: 'bloc 6 « doit être rempli » si 5.14 = Oui (dictionnaire 5.14)',
    test: ({ values: v, passage, filled }) =>
      v['5.14'] === 'true' && !filled.has('6.1') && passage.digcomp.length === 0 ? {} : undefined,
  },
  {
    field: '5.14',
    code: 'digitalLevelUnexpected',
    severity: 'error',
    source: 'bloc 6 « ne doit pas être rempli » si 5.14 = Non (dictionnaire 5.14)',
    test: ({ values: v, passage }) =>
      v['5.14'] === 'false' && (v['6.1'] !== undefined || passage.digcomp.length > 0) ? {} : undefined,
  },
  {
    field: '6.1',
    code: 'digitalScoreMissing',
    severity: 'error',
    source: '6.1 à remplir si 5.14 = Oui, une fois (dictionnaire 6.1)',
    test: ({ values: v, passage, filled }) =>
      v['5.14'] === 'true' && !filled.has('6.1') && passage.digcomp.length > 0 ? {} : undefined,
  },
];
