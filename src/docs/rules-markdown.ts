import type { Dictionary } from '../dictionary';
import { listRules, type RuleSummary } from '../core/check/rules';

/** The rule registry as a French Markdown table, for docs/regles.md (generated, never edited by hand). */

const KIND: Record<RuleSummary['kind'], string> = {
  row: 'la ligne',
  digcomp: 'le résultat DIGCOMP',
  rows: 'plusieurs lignes',
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function rulesMarkdown(dictionary: Dictionary): string {
  const rows = listRules().map((rule) => {
    const field = dictionary.field(rule.field);
    const severity = rule.severity === 'error' ? 'Erreur (bloque l’export)' : 'Avertissement';
    const rejection = rule.predictsRejection ? 'oui' : 'non';
    return `| ${field.id} ${field.label} | ${severity} | ${rejection} | \`${rule.id}\` | ${KIND[rule.kind]} | ${cell(rule.source)} |`;
  });
  return [
    '# Règles métier vérifiées au-delà du XSD',
    '',
    'Généré depuis le registre `src/core/check/rules` (ne pas modifier à la main : `UPDATE_DOCS=1 npx jest test/docs`).',
    'Les contrôles de format (longueurs, listes, dates, nombres) viennent du dictionnaire : voir',
    '[dictionnaire.md](dictionnaire.md). Une erreur bloque l’export ; un avertissement signale un risque de rejet',
    '(KO à la nirisation, délai…) sans bloquer. « Prédit un rejet » : non pour un avertissement vrai qui laisse le',
    'passage « prêt » (la CDC l’accepte quand même).',
    '',
    'Les règles sur plusieurs lignes regroupent les lignes qui se répètent (même identifiant, même passage de la',
    'même personne) : chaque ligne du groupe est signalée et surlignée, avec un message qui cite les dix premières',
    'autres lignes puis leur nombre (« aux lignes 5, 9, 12 et 99 997 autres ») ; la ligne de commande affiche le',
    'groupe une seule fois.',
    '',
    '| Donnée | Gravité | Prédit un rejet | Règle | Porte sur | Source |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
