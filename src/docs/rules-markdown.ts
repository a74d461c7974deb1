import type { Dictionary } from '../dictionary';
import { listRules } from '../core/check/rules';

/** The business rules as a French Markdown table, for docs/regles.md (generated, never edited by hand). */
export function rulesMarkdown(dictionary: Dictionary): string {
  const rows = listRules().map((rule) => {
    const field = dictionary.field(rule.field);
    const severity = rule.severity === 'error' ? 'Erreur (bloque l’export)' : 'Avertissement';
    return `| ${field.id} ${field.label} | ${severity} | \`${rule.code}\` | ${rule.source.replace(/\|/g, '\\|')} |`;
  });
  return [
    '# Règles métier vérifiées au-delà du XSD',
    '',
    'Généré depuis `src/core/check/rules` (ne pas modifier à la main : `UPDATE_DOCS=1 npx jest test/docs`).',
    'Les contrôles de format (longueurs, listes, dates, nombres) viennent du dictionnaire : voir',
    '[dictionnaire.md](dictionnaire.md). Une erreur bloque l’export ; un avertissement signale un risque de rejet',
    '(KO à la nirisation, délai…) sans bloquer.',
    '',
    '| Donnée | Gravité | Code | Source |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
