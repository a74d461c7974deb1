import type { EnumValue, FieldDef } from '../dictionary';

/**
 * Every French message the core shows to users, keyed by issue code.
 * A message says what is wrong and what to type instead; the location prefix
 * (sheet, row, column) is added by `locate`.
 */

export type IssueCode =
  | 'missingSheet'
  | 'missingColumn'
  | 'required'
  | 'excelError'
  | 'forbiddenChar'
  | 'tooLong'
  | 'tooShort'
  | 'wrongLength'
  | 'notADate'
  | 'twoDigitYear'
  | 'dateOutOfRange'
  | 'excelDateInTextField'
  | 'notABoolean'
  | 'notAnInteger'
  | 'outOfRange'
  | 'notInList'
  | 'leadingZerosLost'
  | 'numberNotACode'
  | 'identityConflict'
  | 'birthplaceBoth'
  | 'duplicateIdTechnique'
  | 'digcompUnknownPassage'
  | 'noPassage'
  | 'examEndBeforeStart'
  | 'validityEndBeforeStart'
  | 'languageLevelMissing'
  | 'languageLevelUnexpected'
  | 'digitalLevelMissing'
  | 'digitalLevelUnexpected'
  | 'formulaError'
  | 'formulaNotCalculated'
  | 'unreadableDate'
  | 'invisibleChar'
  | 'leadingApostrophe';

export interface MessageParams {
  readonly value?: string;
  readonly expected?: string;
  readonly count?: number;
  readonly limit?: number;
  readonly min?: number;
  readonly max?: number;
  readonly error?: string;
  readonly other?: string;
  readonly rows?: string;
  readonly sheet?: string;
}

/** "« Nom de naissance » (8.1)" */
export function fieldName(field: Pick<FieldDef, 'label' | 'id'>): string {
  return `« ${field.label} » (${field.id})`;
}

/** A short, printable excerpt of a cell value (never the whole of a long text). */
export function excerpt(value: string): string {
  const chars = [...value];
  return chars.length > 40 ? `${chars.slice(0, 37).join('')}…` : value;
}

export function listLabels(values: readonly EnumValue[]): string {
  return values.map((v) => v.label).join(', ');
}

type MessageBuilder = (field: FieldDef | undefined, p: MessageParams) => string;

const MESSAGES: Record<IssueCode, MessageBuilder> = {
  missingSheet: (_f, p) =>
    `La feuille « ${p.sheet} » est introuvable. Créez le modèle avec « Nouveau modèle » ou rétablissez le nom de la feuille.`,
  missingColumn: (f) =>
    `La colonne ${f ? fieldName(f) : ''} est introuvable dans l'en-tête. Rétablissez cet en-tête (il doit contenir « (${f?.id}) »).`,
  required: (f) => `la cellule est vide alors que ce champ est obligatoire. ${f?.help ?? ''}`.trim(),
  excelError: (_f, p) =>
    `la cellule contient l'erreur Excel ${p.error}. Corrigez la formule ou saisissez la valeur directement.`,
  forbiddenChar: (_f, p) =>
    `la valeur contient un caractère invisible ou interdit en XML (${p.value}). Retapez la valeur sans ce caractère.`,
  tooLong: (_f, p) =>
    `« ${p.value} » fait ${p.count} caractères, le maximum est ${p.limit}. Raccourcissez la valeur.`,
  tooShort: (_f, p) => `la valeur doit faire au moins ${p.limit} caractère(s).`,
  wrongLength: (_f, p) =>
    `« ${p.value} » fait ${p.count} caractère(s) ; il en faut exactement ${p.limit}.`,
  notADate: (_f, p) =>
    `« ${p.value} » n'est pas une date. Saisissez une date au format JJ/MM/AAAA (par ex. 15/03/2024).`,
  twoDigitYear: (_f, p) =>
    `« ${p.value} » a une année sur 2 chiffres, ambiguë. Saisissez l'année sur 4 chiffres (JJ/MM/AAAA).`,
  dateOutOfRange: (_f, p) =>
    `la date ${p.value} est hors de la période acceptée par la CDC (de 1900 à 2099). Vérifiez l'année.`,
  excelDateInTextField: (_f, p) =>
    `Excel a transformé la saisie en date (${p.value}). Mettez la colonne au format Texte et retapez la valeur.`,
  notABoolean: (_f, p) => `« ${p.value} » n'est pas une réponse Oui/Non. Choisissez Oui ou Non dans la liste.`,
  notAnInteger: (_f, p) => `« ${p.value} » n'est pas un nombre entier. Saisissez un nombre entier sans décimale.`,
  outOfRange: (_f, p) => `${p.value} est hors limites : saisissez un nombre entier de ${p.min} à ${p.max}.`,
  notInList: (_f, p) => `« ${p.value} » ne fait pas partie de la liste. Choisissez l'une des valeurs : ${p.expected}.`,
  leadingZerosLost: (_f, p) =>
    `le code a été saisi comme un nombre (${p.value}) et Excel a pu supprimer ses zéros initiaux : il doit faire ${p.limit} chiffres. Mettez la cellule au format Texte et saisissez le code complet (par ex. ${p.expected}).`,
  numberNotACode: (_f, p) =>
    `le code a été saisi comme un nombre (${p.value}) qu'Excel a pu arrondir ou écrire en notation scientifique. Mettez la cellule au format Texte et retapez le code.`,
  identityConflict: () =>
    `le titulaire est décrit à la fois par un dossier CPF (bloc 9) et par son état civil (bloc 8). La CDC n'accepte que l'un des deux : videz les colonnes du bloc que vous n'utilisez pas.`,
  birthplaceBoth: () =>
    `le code INSEE de naissance (8.10) est renseigné : le code postal de naissance ne sera pas envoyé (la CDC n'accepte que l'un des deux). Videz l'une des deux cellules.`,
  duplicateIdTechnique: (_f, p) =>
    `l'identifiant technique « ${p.value} » est aussi utilisé ligne(s) ${p.rows}. Chaque passage doit avoir un identifiant unique.`,
  digcompUnknownPassage: (_f, p) =>
    `aucun passage de la feuille Passages n'a l'identifiant technique « ${p.value} ». Reprenez l'identifiant exact du passage.`,
  noPassage: () => `aucun passage n'est renseigné dans la feuille Passages : il n'y a rien à exporter.`,
  examEndBeforeStart: (_f, p) =>
    `la fin des épreuves (${p.value}) est antérieure à leur début (${p.other}, 5.6). Corrigez l'une des deux dates.`,
  validityEndBeforeStart: (_f, p) =>
    `la fin de validité (${p.value}) est antérieure à la date de délivrance (${p.other}, 5.10) : la CDC rejetterait ce passage. Corrigez l'une des deux dates.`,
  languageLevelMissing: () =>
    `« Niveau de langue européen connu » (5.12) vaut Oui mais le niveau CECRL est vide. Choisissez le niveau, ou mettez 5.12 à Non.`,
  languageLevelUnexpected: () =>
    `un niveau CECRL est saisi alors que « Niveau de langue européen connu » (5.12) vaut Non. Mettez 5.12 à Oui ou videz le niveau.`,
  digitalLevelMissing: () =>
    `« Niveau numérique européen connu » vaut Oui mais ni score général DIGCOMP (6.1) ni résultat dans la feuille DIGCOMP. Renseignez-les, ou mettez Non.`,
  digitalLevelUnexpected: () =>
    `des résultats DIGCOMP (6.1 ou feuille DIGCOMP) sont saisis alors que « Niveau numérique européen connu » vaut Non. Mettez Oui ou videz ces résultats.`,
  formulaError: () =>
    `la formule de cette cellule renvoie une erreur Excel (#N/A, #REF!, #VALEUR!…). Corrigez la formule ou saisissez la valeur directement.`,
  formulaNotCalculated: () =>
    `la formule de cette cellule n'a jamais été calculée (classeur enregistré par un autre logiciel qu'Excel). Ouvrez le classeur dans Excel, enregistrez-le, puis recommencez.`,
  unreadableDate: () =>
    `la cellule contient un nombre au format date qu'Excel ne peut pas afficher (#####). Mettez la cellule au format Texte et retapez la valeur.`,
  invisibleChar: (_f, p) =>
    `la valeur contient un caractère invisible (${p.value}) en position ${p.count}, souvent venu d'un copier-coller. Retapez la valeur au clavier.`,
  leadingApostrophe: (_f, p) =>
    `« ${p.value} » commence par une apostrophe, qui ne fait pas partie du code. Retapez le code sans apostrophe (au format Texte pour garder les zéros).`,
};

export function messageFor(code: IssueCode, field: FieldDef | undefined, params: MessageParams = {}): string {
  return MESSAGES[code](field, params);
}

/** "Passages, ligne 12, colonne F « Nom de naissance » (8.1) : " */
export function locationPrefix(sheet: string, cell: string, row: number, field: FieldDef | undefined): string {
  const column = cell.replace(/\d+$/, '');
  const parts = [sheet];
  if (row > 0) {
    parts.push(`ligne ${row}`);
    if (column) parts.push(`colonne ${column}`);
  } else if (cell) parts.push(`cellule ${cell}`);
  if (field) parts[parts.length - 1] += ` ${fieldName(field)}`;
  return parts.join(', ');
}
