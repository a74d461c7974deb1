import type { FieldDef } from '../dictionary';
import { excerpt, fieldName } from './check-messages';

/**
 * French messages of the XML import, keyed by issue code. A message says what could not be placed (or where
 * reading stopped) and what to do; the XML location prefix is added by `importMessage`.
 */

export type ImportIssueCode =
  // Reading stopped: nothing after this point was imported.
  | 'doctypeForbidden'
  | 'fileTooLarge'
  | 'tooDeep'
  | 'notWellFormed'
  | 'unsupportedEncoding'
  | 'notAFlux'
  | 'emptyFile'
  // Something of the file could not be placed in the template.
  | 'unknownElement'
  | 'unexpectedText'
  | 'unknownAttribute'
  | 'duplicateValue'
  | 'otherCertificateur'
  | 'lateCertificationValue'
  | 'valueTruncated'
  | 'tooManyResults'
  | 'nilWithValue'
  // Placed, but worth knowing.
  | 'keptAsText'
  | 'emptyElement'
  | 'nilNotAllowed'
  | 'digcompWithoutPassageId'
  | 'xmlDeclaration'
  | 'foreignNamespace';

export interface ImportMessageParams {
  readonly value?: string;
  readonly path?: string;
  readonly count?: number;
  readonly limit?: number;
  readonly detail?: string;
  readonly cell?: string;
  readonly other?: string;
}

type Builder = (field: FieldDef | undefined, p: ImportMessageParams) => string;

const quoted = (value: string | undefined) => `« ${excerpt(value ?? '')} »`;
/** Element paths are shown whole: their end is what locates them. */
const element = (path: string | undefined) => `« ${path ?? ''} »`;
const where = (p: ImportMessageParams) => (p.cell ? ` (cellule ${p.cell})` : '');

const MESSAGES: Record<ImportIssueCode, Builder> = {
  doctypeForbidden: () =>
    "le fichier contient une déclaration DOCTYPE (DTD, entités). Un fichier CDC n'en a jamais : par sécurité, il n'a pas été lu. Supprimez la ligne <!DOCTYPE …> et recommencez.",
  fileTooLarge: (_f, p) =>
    `le fichier dépasse ${p.limit} Mo : il n'a pas été importé (la CDC refuse d'ailleurs les fichiers de plus de 200 Mo). Découpez-le en plusieurs fichiers.`,
  tooDeep: (_f, p) =>
    `les éléments sont imbriqués sur plus de ${p.limit} niveaux, ce qui n'arrive dans aucun fichier CDC : la lecture s'est arrêtée ici.`,
  notWellFormed: (_f, p) =>
    `le XML est mal formé à cet endroit (balise non fermée, « & » ou « < » non échappé, caractère interdit…) : la lecture s'est arrêtée ici, ${p.count ?? 0} passage(s) lu(s) avant ont été importés, la suite du fichier ne l'a pas été. Détail technique : ${p.detail ?? ''}`,
  unsupportedEncoding: (_f, p) =>
    `le fichier n'est pas lisible dans l'encodage ${quoted(p.value)}. Enregistrez-le en UTF-8 et recommencez.`,
  notAFlux: (_f, p) =>
    `l'élément racine est ${quoted(p.value)} et non « flux » : ce n'est pas un fichier de passages CDC (un accusé de traitement, peut-être ?). Rien n'a été importé.`,
  emptyFile: () => "le fichier ne contient aucun élément XML : rien n'a été importé.",
  unknownElement: (_f, p) =>
    `l'élément ${element(p.path)} ne fait pas partie du schéma CDC : il n'a pas été importé${p.value ? ` (contenu : ${quoted(p.value)})` : ''}. Reportez son contenu à la main s'il doit être envoyé.`,
  unexpectedText: (_f, p) =>
    `du texte se trouve directement dans l'élément ${element(p.path)}, qui ne doit contenir que des éléments : il n'a pas été importé (${quoted(p.value)}).`,
  unknownAttribute: (_f, p) =>
    `l'attribut ${quoted(p.path)} (valeur ${quoted(p.value)}) n'est pas prévu par le schéma CDC : il n'a pas été importé.`,
  duplicateValue: (f, p) =>
    `${f ? fieldName(f) : 'cette donnée'} apparaît une seconde fois ; seule la première valeur a été importée${where(p)}, celle-ci ne l'a pas été : ${quoted(p.value)}.`,
  otherCertificateur: (_f, p) =>
    `le fichier contient un autre certificateur (n° ${p.count ?? ''}${p.value ? `, BCR ${p.value}` : ''}) : ses ${p.other ?? '0'} passage(s) n'ont pas été importés, car un fichier CDC n'en porte qu'un. Importez-les à part en choisissant ce certificateur (le n° ${p.count ?? ''} du fichier, en ligne de commande).`,
  lateCertificationValue: (f, p) =>
    `${f ? fieldName(f) : 'cette donnée'} de la certification est placée après ses passages : la valeur ${quoted(p.value)} n'a pas pu être reportée sur les ${p.count} passage(s) déjà lus. Complétez la colonne à la main pour ces lignes.`,
  valueTruncated: (f, p) =>
    `la valeur de ${f ? fieldName(f) : 'cet élément'} dépasse ${p.limit} caractères, la limite d'une cellule Excel : seul le début a été importé${where(p)}.`,
  tooManyResults: (_f, p) =>
    `ce passage a plus de ${p.limit} résultats DIGCOMP (il y a 21 compétences) : les suivants n'ont pas été importés.`,
  nilWithValue: (f, p) =>
    `${f ? fieldName(f) : 'cet élément'} est marqué comme inconnu mais contient une valeur : la valeur ${quoted(p.value)} a été gardée${where(p)}.`,
  keptAsText: (f, p) =>
    `la valeur ${quoted(p.value)} de ${f ? fieldName(f) : 'cet élément'} n'a pas le format attendu par la CDC : elle a été gardée telle quelle${where(p)} pour que la vérification la signale. Corrigez-la avant l'export.`,
  emptyElement: (f, p) =>
    `${f ? fieldName(f) : 'cet élément'} est présent mais vide, ce que la CDC refuse : la cellule${p.cell ? ` ${p.cell}` : ''} est laissée vide.`,
  nilNotAllowed: (f, p) =>
    `${f ? fieldName(f) : 'cet élément'} est marqué comme inconnu, ce que la CDC n'autorise pas pour cette donnée : la cellule${p.cell ? ` ${p.cell}` : ''} est laissée vide.`,
  digcompWithoutPassageId: () =>
    "ce passage a des résultats DIGCOMP mais pas d'identifiant technique (5.1) : ses résultats sont importés sans lien avec lui. Renseignez l'identifiant sur le passage et sur ses lignes DIGCOMP.",
  xmlDeclaration: (_f, p) =>
    `la déclaration XML (première ligne du fichier) ${p.value ? `annonce la version ${quoted(p.value)}` : 'est absente'}, alors que la CDC exige la déclaration standard. L'export l'écrira correctement.`,
  foreignNamespace: (_f, p) =>
    `l'espace de noms ${quoted(p.value)} n'est pas celui du schéma CDC en vigueur (${p.other}) : les éléments ont été lus par leur nom, et l'export utilisera le bon espace de noms.`,
};

export function importMessage(
  code: ImportIssueCode,
  field: FieldDef | undefined,
  params: ImportMessageParams,
): string {
  return MESSAGES[code](field, params);
}

/** Every code, for the test that keeps the messages in plain French. */
export const IMPORT_ISSUE_CODES = Object.keys(MESSAGES) as ImportIssueCode[];

/** Refusals of an XML file given to validate (core/import/xml-input-guard.ts) that are not import issues. */
export const xmlInputText = {
  zip: "c'est une archive ZIP ou un classeur Excel, pas un fichier XML : si le fichier XML est dans une archive, extrayez-le d'abord.",
} as const;
