import { listLabel, type RowRule } from './types';

/**
 * Access route rules (dictionary 7.1, 7.2). 7.2 is "à remplir si 7.1 = VAE"; its "caractère" is Facultatif and
 * the CDC's own example file fills it for a non-VAE passage, so both directions are warnings, not errors.
 */

export const ACCESS_RULES: readonly RowRule[] = [
  {
    field: '7.2',
    code: 'vaeRouteMissing',
    severity: 'warning',
    source: '7.2 à remplir si 7.1 = VAE (dictionnaire 7.2)',
    test: ({ values: v, filled }) => (v['7.1'] === 'VAE' && !filled.has('7.2') ? {} : undefined),
  },
  {
    field: '7.2',
    code: 'vaeRouteWithoutVae',
    severity: 'warning',
    source: '7.2 seulement si 7.1 = VAE (dictionnaire 7.2)',
    test: ({ dictionary, values: v, filled }) =>
      v['7.2'] !== undefined && v['7.1'] !== 'VAE' && (v['7.1'] !== undefined || !filled.has('7.1'))
        ? { other: v['7.1'] === undefined ? 'vide' : listLabel(dictionary, '7.1', v['7.1']) }
        : undefined,
  },
];
