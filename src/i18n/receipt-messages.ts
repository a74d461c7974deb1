import type { ReceiptErrorCode } from '../core/receipt/types';

/** French texts about reading an accusé: why a file is refused, what was noticed while reading it. */

type Params = Record<string, string | number>;

const megabytes = (n: string | number | undefined) => `${Math.ceil(Number(n) / (1024 * 1024))} Mo`;

const ERRORS: Record<ReceiptErrorCode, (p: Params) => string> = {
  tooLarge: (p) =>
    `Ce fichier fait ${megabytes(p.size)}, bien plus qu'un accusé de traitement (limite : ${megabytes(p.limit)}). ` +
    'Vérifiez que vous avez choisi l’accusé téléchargé sur l’espace certificateurs.',
  empty: () =>
    'Ce fichier est vide : téléchargez à nouveau l’accusé de traitement sur l’espace certificateurs.',
  zip: () =>
    'Ce fichier est une archive ZIP ou un classeur Excel, pas un accusé de traitement : ' +
    'si l’accusé est dans une archive, extrayez d’abord le fichier .xml.',
  encoding: (p) =>
    `Ce fichier n'est pas un texte lisible${p.encoding ? ` dans l'encodage ${p.encoding}` : ''} : ` +
    'ce n’est pas un accusé de traitement de la CDC (les accusés sont en XML UTF-8).',
  doctype: () =>
    'Ce fichier contient une déclaration DOCTYPE, qu’un accusé de la CDC ne contient jamais : ' +
    'il est refusé par sécurité. Téléchargez l’accusé directement depuis l’espace certificateurs.',
  notXml: (p) =>
    `Ce fichier n'est pas un XML lisible (ligne ${p.line} : ${p.detail}) : ce n’est pas un accusé de traitement. ` +
    'Téléchargez à nouveau l’accusé sur l’espace certificateurs, sans l’ouvrir ni le modifier.',
  tooDeep: (p) =>
    `Ce fichier imbrique plus de ${p.limit} niveaux d'éléments, ce qu’un accusé de traitement ne fait jamais : il est refusé.`,
  tooManyElements: (p) =>
    `Ce fichier contient plus de ${Number(p.limit).toLocaleString('fr-FR')} éléments XML, bien plus qu’un accusé : il est refusé.`,
  fluxNotReceipt: () =>
    'Ce fichier est un fichier de passages (flux) tel qu’on l’envoie à la CDC, pas l’accusé de traitement ' +
    'qu’elle renvoie. Choisissez l’accusé téléchargé sur l’espace certificateurs après le dépôt.',
  notAReceipt: (p) =>
    `Ce fichier XML commence par l'élément « ${p.root} » : ce n’est pas un accusé de traitement de la CDC ` +
    '(qui commence par « rapport »).',
  wrongNamespace: (p) =>
    `Ce fichier est un « rapport » d'un autre système (espace de noms ${p.namespace}), pas un accusé de traitement de la CDC.`,
  noContent: () =>
    'Cet accusé ne contient ni passages (PassagesOK / PassagesKO) ni erreurs : il n’y a rien à reporter dans le classeur. ' +
    'Vérifiez que le traitement du fichier est terminé sur l’espace certificateurs.',
};

export function receiptErrorMessage(code: ReceiptErrorCode, params: Params = {}): string {
  return ERRORS[code](params);
}

export type ReceiptWarningCode = 'textCut' | 'emptyOkId' | 'koWithoutId' | 'foreignElements' | 'bothSections';

const WARNINGS: Record<ReceiptWarningCode, (p: Params) => string> = {
  textCut: (p) => `Un texte de l'accusé dépassait ${p.limit} caractères : il a été raccourci (marqué « … »).`,
  emptyOkId: () =>
    'L’accusé contient un passage accepté sans identifiant technique : il ne peut être rattaché à aucune ligne.',
  koWithoutId: (p) =>
    `L’accusé contient un passage rejeté sans identifiant technique (message : « ${p.message} ») : ` +
    'il ne peut être rattaché à aucune ligne.',
  foreignElements: (p) => `${p.count} élément(s) d’un autre espace de noms ont été ignorés dans l’accusé.`,
  bothSections: () =>
    'L’accusé contient à la fois des erreurs de format et des passages : seules les erreurs de format sont prises en compte ' +
    '(un fichier refusé au contrôle de format n’est pas traité).',
};

export function receiptWarning(code: ReceiptWarningCode, params: Params = {}): string {
  return WARNINGS[code](params);
}

/** Every code, for the test that keeps the messages in plain French. */
export const RECEIPT_ERROR_CODES = Object.keys(ERRORS) as ReceiptErrorCode[];
export const RECEIPT_WARNING_CODES = Object.keys(WARNINGS) as ReceiptWarningCode[];
