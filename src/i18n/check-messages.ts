import type { EnumValue, FieldDef } from '../dictionary';

/**
 * Every French message the core shows to users, keyed by issue code.
 * A message says what is wrong and what to type instead; the location prefix
 * (sheet, row, column) is added by `locate`.
 */

export type IssueCode =
  | 'missingSheet'
  | 'missingColumn'
  | 'duplicateColumn'
  | 'hyperlinkText'
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
  | 'leadingApostrophe'
  | 'digitalScoreMissing'
  | 'digcompIncomplete'
  | 'digcompDomainUnknown'
  | 'digcompCompetenceUnknown'
  | 'digcompDuplicate'
  | 'futureDate'
  | 'awardBeforeObligation'
  | 'examAfterAward'
  | 'enrolmentAfterAward'
  | 'dateFarBeforeAward'
  | 'provisionalResultOld'
  | 'sendingOverdue'
  | 'certificationCodeMismatch'
  | 'certificationTypeForCode'
  | 'certificationTypeUnlisted'
  | 'vaeRouteMissing'
  | 'vaeRouteWithoutVae'
  | 'scoreMissing'
  | 'mentionWithScoring'
  | 'inseeCodeMalformed'
  | 'franceAsBirthCountry'
  | 'unknownCommuneCode'
  | 'unknownCountryCode'
  | 'countryCodeMissing'
  | 'countryCodeMismatch'
  | 'countryCodeForFrance'
  | 'countryCodeWithoutInsee'
  | 'postalCodeUnknown'
  | 'postalCodeMismatch'
  | 'birthplaceMissing'
  | 'birthMonthMissing'
  | 'birthDayMissing'
  | 'birthDateImpossible'
  | 'implausibleAge'
  | 'nameUnexpectedCharacters'
  | 'severalFirstNames'
  | 'civilStatusMarker'
  | 'usageNameSameAsBirthName'
  | 'usageNameInBirthName'
  | 'duplicatePassage'
  | 'leadingZerosMissing'
  | 'rejectedByCdc'
  | 'unchangedSinceRejection';

export interface MessageParams {
  /** Column letters, "B, AF" (duplicateColumn). */
  readonly columns?: string;
  readonly value?: string;
  readonly expected?: string;
  readonly count?: number;
  readonly limit?: number;
  readonly min?: number;
  readonly max?: number;
  readonly error?: string;
  readonly other?: string;
  /** Other rows, worded: « à la ligne 5 », « aux lignes 5, 9 et 12 » (otherRowsText), or one row number. */
  readonly rows?: string;
  readonly sheet?: string;
  /** The value the user most likely meant (« 01004 », « 7 »): said in the message and offered as the fix. */
  readonly suggestion?: string;
  /** A command of the add-in that fixes the problem: said in the message and offered as a button. */
  readonly command?: IssueCommand;
}

/** Commands a message can point to (the pane shows them as buttons, the ribbon has them too). */
export type IssueCommand = 'generateIds';

/** "« Nom de naissance » (8.1)" of any field of the dictionary, by id: messages name the fields they mention. */
export type FieldNamer = (id: string) => string;

/** "5, 9, 12" + "et 99 997 autres" / "5, 9 et 12": row numbers as Excel shows them, the count in French. */
function joinRows(shown: readonly number[], more: number): string {
  if (more > 0) return `${shown.join(', ')} et ${more.toLocaleString('fr-FR')} autre${more > 1 ? 's' : ''}`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} et ${shown[shown.length - 1]}` : shown.join('');
}

/**
 * The other rows of a group, bounded: « à la ligne 5 », « aux lignes 5, 9 et 12 », « aux lignes 5, 9, 12 et
 * 99 997 autres » (`shown` listed, `more` counted).
 */
export function otherRowsText(shown: readonly number[], more: number): string {
  return shown.length === 1 && more === 0 ? `à la ligne ${shown[0]}` : `aux lignes ${joinRows(shown, more)}`;
}

/** Rows listed in a message: the first `max`, then a count (« 2, 3, 4 et 99 997 autres »). */
export function rowListText(rows: readonly number[], max = 10): string {
  return joinRows(rows.slice(0, max), Math.max(0, rows.length - max));
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

type MessageBuilder = (field: FieldDef | undefined, p: MessageParams, name: FieldNamer) => string;

/** " Vouliez-vous dire 01004 ?" when the value meant can be inferred. */
const meant = (p: MessageParams, quoted = false): string =>
  p.suggestion === undefined ? '' : ` Vouliez-vous dire ${quoted ? `« ${p.suggestion} »` : p.suggestion} ?`;

/** What the message says about the command that fixes the problem. */
const COMMAND_HINTS: Record<IssueCommand, string> = {
  generateIds: 'Cliquez sur « Générer les identifiants » pour en donner un à chaque passage qui n’en a pas.',
};

/** Rows the CDC rejected (src/core/tracking/rejections.ts): shown where they are until corrected. */
const ROUND_TRIP_MESSAGES: Record<'rejectedByCdc' | 'unchangedSinceRejection', MessageBuilder> = {
  rejectedByCdc: (_f, p) =>
    p.other !== undefined
      ? `rejeté par la CDC : cette donnée est à vérifier aussi (message de la CDC et que faire : voir ${p.other}).`
      : `rejeté par la CDC : « ${p.value ?? ''} ». ${p.expected ?? 'Corrigez le passage.'} ` +
        'Une fois corrigé, exportez les « Rejetés » pour le renvoyer.',
  unchangedSinceRejection: () =>
    'ce passage rejeté par la CDC n’a pas changé depuis son envoi : renvoyé tel quel, il serait rejeté de nouveau. ' +
    'Corrigez-le d’abord (colonnes « Message CDC » et « Que faire ») ; l’export des « Rejetés » le laisse de côté ' +
    'tant qu’il n’a pas changé.',
};

const MESSAGES: Record<IssueCode, MessageBuilder> = {
  ...ROUND_TRIP_MESSAGES,
  missingSheet: (_f, p) =>
    `La feuille « ${p.sheet} » est introuvable. Créez le modèle avec « Créer le modèle » ou rétablissez le nom de la feuille.`,
  missingColumn: (f) =>
    `La colonne ${f ? fieldName(f) : ''} est introuvable dans l'en-tête. Rétablissez cet en-tête (il doit contenir « (${f?.id}) »).`,
  duplicateColumn: (f, p) =>
    `plusieurs colonnes portent cette donnée dans leur en-tête (colonnes ${p.columns}) : seule la première (${p.value}) ` +
    `serait lue et les autres ignorées. Gardez une seule colonne « (${f?.id}) » : supprimez les autres ou retirez « (${f?.id}) » de leur en-tête.`,
  hyperlinkText: (_f, p) =>
    `la cellule affiche « ${excerpt(p.other ?? '')} » mais c'est l'adresse de son lien qui est envoyée : ${p.value}. ` +
    'Vérifiez que ce lien mène bien à la preuve.',
  required: (f, p) =>
    [
      `la cellule est vide alors que ce champ est obligatoire. ${f?.help ?? ''}`.trim(),
      ...(p.command ? [COMMAND_HINTS[p.command]] : []),
    ].join(' '),
  excelError: (_f, p) =>
    `la cellule contient l'erreur Excel ${p.error}. Corrigez la formule ou saisissez la valeur directement.`,
  forbiddenChar: (_f, p) =>
    `la valeur contient un caractère invisible que la CDC refuse (${p.value}). Retapez la valeur sans ce caractère.`,
  tooLong: (_f, p) =>
    `« ${p.value} » fait ${p.count} caractères, le maximum est ${p.limit}. Raccourcissez la valeur.`,
  tooShort: (_f, p) => `la valeur doit faire au moins ${p.limit} caractère(s).`,
  wrongLength: (_f, p) => `« ${p.value} » fait ${p.count} caractère(s) ; il en faut exactement ${p.limit}.`,
  leadingZerosMissing: (_f, p) =>
    `« ${p.value} » n'a que ${p.count} chiffre(s) ; ce code en a ${p.limit}.${meant(p)} Saisissez le code complet, avec ses zéros.`,
  notADate: (_f, p) =>
    `« ${p.value} » n'est pas une date.${meant(p)} Saisissez une date au format JJ/MM/AAAA (par ex. 15/03/2024).`,
  twoDigitYear: (_f, p) =>
    `« ${p.value} » a une année sur 2 chiffres, ambiguë. Saisissez l'année sur 4 chiffres (JJ/MM/AAAA).`,
  dateOutOfRange: (_f, p) =>
    `la date ${p.value} est hors de la période acceptée par la CDC (de 1900 à 2099). Vérifiez l'année.`,
  excelDateInTextField: (_f, p) =>
    `Excel a transformé la saisie en date (${p.value}). Mettez la colonne au format Texte et retapez la valeur.`,
  notABoolean: (_f, p) =>
    `« ${p.value} » n'est pas une réponse Oui/Non.${meant(p)} Choisissez Oui ou Non dans la liste.`,
  notAnInteger: (_f, p) =>
    `« ${p.value} » n'est pas un nombre entier.${meant(p)} Saisissez un nombre entier sans décimale.`,
  outOfRange: (_f, p) => `${p.value} est hors limites : saisissez un nombre entier de ${p.min} à ${p.max}.`,
  notInList: (_f, p) =>
    `« ${p.value} » ne fait pas partie de la liste.${meant(p, true)} ${p.suggestion === undefined ? 'Choisissez' : 'Sinon, choisissez'} l'une des valeurs : ${p.expected}.`,
  leadingZerosLost: (_f, p) =>
    `le code a été saisi comme un nombre (${p.value}) et Excel a pu supprimer ses zéros initiaux : il doit faire ${p.limit} chiffres.${meant(p)} Mettez la cellule au format Texte et saisissez le code complet.`,
  numberNotACode: (_f, p) =>
    `le code a été saisi comme un nombre (${p.value}) qu'Excel a pu arrondir ou écrire en notation scientifique. Mettez la cellule au format Texte et retapez le code.`,
  identityConflict: (_f, p) =>
    `le titulaire est décrit à la fois par ${p.value} et par ${p.other}. La CDC n'accepte que l'un des deux : videz les colonnes de celui que vous n'utilisez pas.`,
  birthplaceBoth: (f, p) =>
    `${p.other} est renseigné : ${f ? fieldName(f) : 'cette valeur'} ne sera pas envoyé (la CDC n'accepte que l'un des deux). Videz l'une des deux cellules.`,
  duplicateIdTechnique: (_f, p) =>
    `l'identifiant technique « ${p.value} » est aussi utilisé ${p.rows}. Chaque passage doit avoir un identifiant unique.`,
  digcompUnknownPassage: (_f, p) =>
    `aucun passage de la feuille Passages n'a l'identifiant technique « ${p.value} ». Reprenez l'identifiant exact du passage.`,
  noPassage: () =>
    `aucun passage n'est renseigné dans la feuille Passages : saisissez ou collez une ligne par personne certifiée.`,
  examEndBeforeStart: (_f, p, name) =>
    `la fin des épreuves (${p.value}) est antérieure à leur début (${name('5.6')} : ${p.other}). Corrigez l'une des deux dates.`,
  validityEndBeforeStart: (_f, p, name) =>
    `la fin de validité (${p.value}) est antérieure à la date de délivrance (${name('5.10')} : ${p.other}) : la CDC rejetterait ce passage. Corrigez l'une des deux dates.`,
  languageLevelMissing: (_f, _p, name) =>
    `${name('5.12')} vaut Oui mais le niveau de langue est vide. Choisissez le niveau, ou mettez ${name('5.12')} à Non.`,
  languageLevelUnexpected: (_f, _p, name) =>
    `un niveau de langue est saisi alors que ${name('5.12')} vaut Non. Mettez-le à Oui ou videz le niveau.`,
  digitalLevelMissing: (_f, _p, name) =>
    `${name('5.14')} vaut Oui mais ni ${name('6.1')} ni résultat dans la feuille DIGCOMP ne sont saisis. Renseignez-les, ou mettez Non.`,
  digitalLevelUnexpected: (_f, _p, name) =>
    `des résultats DIGCOMP (${name('6.1')} ou feuille DIGCOMP) sont saisis alors que ${name('5.14')} vaut Non. Mettez Oui ou videz ces résultats.`,
  formulaError: () =>
    `la formule de cette cellule renvoie une erreur Excel (#N/A, #REF!, #VALEUR!…). Corrigez la formule ou saisissez la valeur directement.`,
  formulaNotCalculated: () =>
    `la formule de cette cellule n'a jamais été calculée (classeur enregistré par un autre logiciel qu'Excel). Ouvrez le classeur dans Excel, enregistrez-le, puis recommencez.`,
  unreadableDate: () =>
    `la cellule contient un nombre au format date qu'Excel ne peut pas afficher (#####). Mettez la cellule au format Texte et retapez la valeur.`,
  invisibleChar: (_f, p) =>
    `la valeur contient un caractère invisible (${p.value}) en position ${p.count}, souvent venu d'un copier-coller. Retapez la valeur au clavier.`,
  leadingApostrophe: (_f, p) =>
    `« ${p.value} » commence par une apostrophe, qui ne fait pas partie du code.${meant(p)} Retapez le code sans apostrophe (au format Texte pour garder les zéros).`,
  // Business rules, nirisation readiness, deadlines and identifiers (src/core/check/rules).
  digitalScoreMissing: (_f, _p, name) =>
    `des résultats DIGCOMP sont saisis mais pas le score général, à renseigner une fois quand ${name('5.14')} vaut Oui. Saisissez le score, de 1 à 1000.`,
  digcompIncomplete: (_f, _p, name) =>
    `la cellule est vide : ${name('6.2')}, ${name('6.3')} et ${name('6.4')} sont à remplir pour chaque compétence DIGCOMP. Complétez la ligne ou supprimez-la.`,
  digcompDomainUnknown: (_f, p) =>
    `le domaine DIGCOMP « ${p.value} » n'existe pas. Choisissez l'un des domaines : ${p.expected}.`,
  digcompCompetenceUnknown: (_f, p, name) =>
    `le domaine ${p.other} (${name('6.3')}) n'a pas de compétence « ${p.value} » : ses compétences vont de 1 à ${p.max}. Corrigez la compétence ou le domaine.`,
  digcompDuplicate: (_f, p) =>
    `la compétence ${p.value} est déjà donnée pour ce passage ligne ${p.rows} : une seule ligne par compétence. Supprimez le doublon.`,
  futureDate: (_f, p) =>
    `la date ${p.value} est dans le futur (nous sommes le ${p.other}) : on ne transmet que des certifications déjà délivrées. Vérifiez l'année.`,
  awardBeforeObligation: (_f, p) =>
    `la délivrance du ${p.value} est antérieure au 01/07/2021, début de l'obligation de transmission à la CDC : ce passage n'est pas attendu. Vérifiez l'année.`,
  examAfterAward: (_f, p, name) =>
    `les épreuves commencent (${p.value}) après la délivrance (${name('5.10')} : ${p.other}) : une certification se délivre après l'examen. Vérifiez les deux dates.`,
  enrolmentAfterAward: (_f, p, name) =>
    `la date d'inscription (${p.value}) est postérieure à la délivrance (${name('5.10')} : ${p.other}). Vérifiez les deux dates.`,
  dateFarBeforeAward: (_f, p, name) =>
    `la date ${p.value} précède de plus de ${p.limit} ans la délivrance (${name('5.10')} : ${p.other}). Vérifiez l'année.`,
  provisionalResultOld: (_f, p, name) =>
    `le résultat est déclaré non définitif alors que la délivrance (${name('5.10')} : ${p.value}) date de plus de 3 mois ; la CDC tient les résultats pour définitifs passé ce délai. Mettez Oui si plus rien ne peut changer.`,
  sendingOverdue: (_f, p) =>
    `délivré le ${p.value}, ce passage devait être transmis à la CDC au plus tard le ${p.other} (3 mois après la délivrance). Envoyez-le sans attendre.`,
  certificationCodeMismatch: (_f, p, name) =>
    p.expected
      ? `« ${p.value} » n'est pas écrit comme un code ${p.other} (${name('4.1')}) : la CDC attend le code de la fiche France compétences avec son préfixe, ici « ${p.expected} », sinon elle rejette le passage.`
      : `« ${p.value} » n'est pas un code ${p.other} (${name('4.1')}) : la CDC attend ${p.other} suivi du numéro de la fiche France compétences (par ex. ${p.other === 'RS' ? 'RS5487' : 'RNCP34825'}), sinon elle rejette le passage. Corrigez le code ou le type.`,
  certificationTypeForCode: (_f, p, name) =>
    `le code ${p.value} (${name('4.2')}) est celui d'une fiche ${p.expected} mais le type est « ${p.other} ». Choisissez le type ${p.expected}.`,
  certificationTypeUnlisted: (_f, p) =>
    `le type « ${p.value} » ne fait pas partie de la liste de la CDC (${p.expected}). Choisissez l'un de ces types.`,
  vaeRouteMissing: (_f, _p, name) =>
    `${name('7.1')} est VAE : la CDC demande alors la voie d'accès VAE. Choisissez Congé VAE ou VAE classique.`,
  vaeRouteWithoutVae: (_f, p, name) =>
    `une voie d'accès VAE est saisie alors que ${name('7.1')} n'est pas VAE (${p.other}). Videz cette cellule ou corrigez la modalité d'accès.`,
  scoreMissing: (_f, _p, name) =>
    `la certification est obtenue par scoring (${name('5.4')}) mais le score atteint n'est pas saisi : renseignez-le (ex. 955), sinon la CDC l'enregistre comme inconnu.`,
  mentionWithScoring: (_f, p, name) =>
    `une mention (${p.value}) est saisie pour une certification obtenue par scoring (${name('5.4')}) ; une mention est d'ordinaire décernée par un jury (par admission). Vérifiez l'obtention et la mention.`,
  inseeCodeMalformed: (_f, p) =>
    `« ${p.value} » n'est pas un code INSEE : 5 chiffres (ex. 69383), 2A ou 2B suivi de 3 chiffres pour la Corse (ex. 2A004), ou 99 suivi du code du pays pour une naissance à l'étranger (ex. 99109).${meant(p)}`,
  franceAsBirthCountry: () =>
    `99100 est le code de la France dans la liste des pays : pour une personne née en France, saisissez le code INSEE de sa commune de naissance (ex. 75112 pour Paris 12e).`,
  unknownCommuneCode: (_f, p) =>
    `le code ${p.value} n'existe pas dans le code officiel géographique de l'INSEE, ni comme commune actuelle ni comme ancienne commune. Vérifiez-le : un chiffre inversé empêche la CDC de retrouver la personne.`,
  unknownCountryCode: (_f, p) =>
    `le code ${p.value} n'existe pas dans la liste des pays de l'INSEE. Vérifiez-le : 99 suivi des 3 chiffres du pays (ex. 99109 pour l'Allemagne, 99350 pour le Maroc).`,
  countryCodeMissing: (_f, p, name) =>
    `la personne est née à l'étranger (${name('8.10')} : ${p.value}) : la CDC demande d'y reporter les 3 derniers chiffres du code INSEE.${meant(p)}`,
  countryCodeMismatch: (_f, p, name) =>
    `le code pays ${p.value} ne correspond pas au lieu de naissance (${name('8.10')} : ${p.other}), qui donne ${p.expected}. Corrigez l'un des deux.`,
  countryCodeForFrance: (_f, p, name) =>
    `la personne est née en France (${name('8.10')} : ${p.other}) : la CDC demande de ne pas remplir le code du pays de naissance. Videz cette cellule.`,
  countryCodeWithoutInsee: (_f, p, name) =>
    `le pays de naissance est donné (${name('8.13')} : ${p.value}${p.other ? `, ${p.other}` : ''}) mais pas le code INSEE : pour une naissance à l'étranger, la CDC demande aussi 99 suivi du code pays ici.${meant(p)}`,
  postalCodeUnknown: (_f, p, name) =>
    `le code postal ${p.value} n'est attribué à aucune commune (base officielle des codes postaux). Vérifiez-le, ou saisissez plutôt ${name('8.10')}, recommandé par la CDC.`,
  postalCodeMismatch: (_f, p, name) =>
    `le code postal ${p.value} n'est pas celui de la commune ${p.other} (${name('8.10')}), qui a ${p.expected} : l'un des deux est faux. Vérifiez le code INSEE, qui est seul envoyé.`,
  birthplaceMissing: () =>
    `ni code INSEE ni code postal de la commune de naissance : si plusieurs personnes ont les mêmes nom, prénom, sexe et date de naissance, la CDC ne pourra pas reconnaître le titulaire. Saisissez le code INSEE de la commune (ou 99 suivi du code pays si la personne est née à l'étranger).`,
  birthMonthMissing: () =>
    `le mois de naissance est vide : la CDC s'en sert avec le jour pour distinguer les homonymes nés la même année, et peut rejeter le passage sans lui (« Aucun titulaire ne correspond aux critères obligatoires enrichis du jour et du mois de naissance »). Saisissez-le si vous le connaissez.`,
  birthDayMissing: () =>
    `le jour de naissance est vide : la CDC s'en sert avec le mois pour distinguer les homonymes nés la même année, et peut rejeter le passage sans lui (« Aucun titulaire ne correspond aux critères obligatoires enrichis du jour et du mois de naissance »). Saisissez-le si vous le connaissez.`,
  birthDateImpossible: (_f, p, name) =>
    `la date de naissance ${p.value} n'existe pas : vérifiez ${name('8.8')}, ${name('8.7')} et ${name('8.6')}.`,
  implausibleAge: (_f, p, name) =>
    (p.count ?? 0) < 0
      ? `l'année de naissance ${p.value} est postérieure à la délivrance (${name('5.10')} : ${p.other}). Vérifiez l'année : c'est un critère principal pour retrouver la personne.`
      : `le titulaire aurait ${p.count} ans à la délivrance (${name('5.10')} : ${p.other}). Vérifiez l'année de naissance : c'est un critère principal pour retrouver la personne.`,
  nameUnexpectedCharacters: (_f, p) =>
    `« ${excerpt(p.value ?? '')} » contient ${p.other} : un nom ou un prénom ne contient que des lettres, des espaces, des tirets et des apostrophes, et la CDC tient compte de la ponctuation. Recopiez-le tel qu'à l'état civil.`,
  severalFirstNames: (_f, p) =>
    `« ${excerpt(p.value ?? '')} » semble contenir plusieurs prénoms : ne mettez ici que le premier prénom de l'état civil (les suivants dans Prénom 2 et Prénom 3). Un prénom composé s'écrit avec son tiret (Jean-François), car la CDC en tient compte.`,
  civilStatusMarker: (_f, p, name) =>
    `« ${excerpt(p.value ?? '')} » contient la mention « ${p.other} » : ne saisissez que le nom lui-même, le nom de naissance dans ${name('8.1')} et le nom d'usage dans ${name('8.2')}.`,
  usageNameSameAsBirthName: (_f, _p, name) =>
    `le nom d'usage est identique au nom de naissance (${name('8.1')}) : laissez cette cellule vide quand la personne n'a pas d'autre nom d'usage.`,
  usageNameInBirthName: (_f, p, name) =>
    `le nom de naissance « ${excerpt(p.value ?? '')} » contient le nom d'usage (${name('8.2')} : ${p.other}) : n'indiquez ici que le nom de naissance, celui que la CDC recherche.`,
  duplicatePassage: (_f, p) =>
    `la même personne a déjà ce passage de la même certification ${p.rows} : envoyé deux fois, il apparaîtrait en double dans son compte. Supprimez le doublon, ou vérifiez qu'il s'agit bien de deux passages distincts.`,
};

export function messageFor(
  code: IssueCode,
  field: FieldDef | undefined,
  params: MessageParams = {},
  name: FieldNamer,
): string {
  return MESSAGES[code](field, params, name);
}

/** "Passages, ligne 12, colonne F « Nom de naissance » (8.1) : " */
export function locationPrefix(
  sheet: string,
  cell: string,
  row: number,
  field: FieldDef | undefined,
): string {
  const column = cell.replace(/\d+$/, '');
  const parts = [sheet];
  if (row > 0) {
    parts.push(`ligne ${row}`);
    if (column) parts.push(`colonne ${column}`);
  } else if (cell) parts.push(`cellule ${cell}`);
  if (field) parts[parts.length - 1] += ` ${fieldName(field)}`;
  return parts.join(', ');
}

/** Every code, for the test that keeps the messages in plain French. */
export const ISSUE_CODES = Object.keys(MESSAGES) as IssueCode[];

/** What bounds the length of a message shown (core/check/bounded-issues.ts) appends to one it cut. */
export const boundedText = {
  cut: (chars: number) => `… (message abrégé : ${chars.toLocaleString('fr-FR')} caractères de plus)`,
} as const;
