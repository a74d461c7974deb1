import { excerpt } from './check-messages';

/** French messages of the spreadsheet mapping, keyed by issue code. */

export type MappingIssueCode =
  | 'unconvertible'
  | 'yearOnly'
  | 'conflictingParameter'
  | 'unmappedColumn'
  | 'rowOutsideMapping'
  | 'savedColumnMissing'
  | 'savedColumnUnknown';

export interface MappingMessageParams {
  readonly header?: string;
  readonly value?: string;
  readonly target?: string;
  readonly other?: string;
  readonly count?: number;
}

const q = (text: string | undefined) => `« ${excerpt(text ?? '')} »`;

const MESSAGES: Record<MappingIssueCode, (p: MappingMessageParams) => string> = {
  unconvertible: (p) =>
    `la valeur ${q(p.value)} de la colonne ${q(p.header)} n'a pas pu être convertie pour ${p.target} : elle a été copiée telle quelle, la vérification la signalera. Corrigez-la dans le modèle.`,
  yearOnly: (p) =>
    `la colonne ${q(p.header)} ne donne que l'année (${p.value}) : le mois et le jour de naissance sont laissés vides. Complétez-les si vous les connaissez, ils aident la CDC à retrouver la personne.`,
  conflictingParameter: (p) =>
    `la colonne ${q(p.header)} (${p.target}) a plusieurs valeurs (${q(p.other)} puis ${q(p.value)}) alors qu'un fichier CDC n'en porte qu'une : seule la première a été reprise dans les Paramètres. Faites un fichier par valeur.`,
  unmappedColumn: (p) =>
    `la colonne ${q(p.header)} n'est associée à aucune donnée du modèle : ses ${p.count} valeur(s) n'ont pas été copiées. Associez-la à une donnée si elle doit être envoyée.`,
  rowOutsideMapping: (p) =>
    `cette ligne n'a de valeurs que dans des colonnes non reprises (${p.header}) : elle n'a pas été copiée.`,
  savedColumnMissing: (p) =>
    `la correspondance enregistrée prévoit une colonne ${q(p.header)} que la feuille n'a pas : ${p.target} restera vide.`,
  savedColumnUnknown: (p) =>
    `la colonne ${q(p.header)} n'est pas dans la correspondance enregistrée : elle n'a pas été reprise. Mettez la correspondance à jour si elle doit l'être.`,
};

export function mappingMessage(code: MappingIssueCode, params: MappingMessageParams): string {
  return MESSAGES[code](params);
}

/** Every code, for the test that keeps the messages in plain French. */
export const MAPPING_ISSUE_CODES = Object.keys(MESSAGES) as MappingIssueCode[];
