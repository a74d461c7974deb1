/** French texts of the round trip with the CDC: statuses, receipts applied, export selection. */

type Params = Record<string, string | number | undefined>;

export type TrackingMessageCode =
  | 'unknownStatus'
  | 'idTechniqueReused'
  | 'acceptedOk'
  | 'xsdFileRejected'
  | 'xsdFileRejectedAction'
  | 'xsdVersionNotice'
  | 'xsdRowsUnknown'
  | 'sentXmlUnreadable'
  | 'duplicatedInReceipt'
  | 'okAndKo'
  | 'duplicatedRows'
  | 'staleRows'
  | 'unmatched'
  | 'historyFunctional'
  | 'historyXsd'
  | 'nothingSelected'
  | 'unchangedLeftOut'
  | 'unknownSend'
  | 'noPassageOfWorkbook'
  | 'alreadyApplied'
  | 'exportedRowsDeposited';

const MESSAGES: Record<TrackingMessageCode, (p: Params) => string> = {
  unknownStatus: (p) =>
    `le statut CDC « ${p.value} » n'est pas reconnu : la ligne est traitée comme « À envoyer ». ` +
    'Choisissez À envoyer, Exporté — à déposer, Déposé, Accepté ou Rejeté, ou videz la cellule.',
  idTechniqueReused: (p) =>
    `l'identifiant technique « ${p.value} » est déjà celui de la ligne ${p.row}, qui n'est pas dans cet envoi. ` +
    'La CDC prendrait ce passage pour un doublon (« existe déjà en base ») : donnez-lui un identifiant unique.',
  acceptedOk: () => '',
  xsdFileRejected: () =>
    'Fichier refusé au contrôle de format de la CDC : aucun passage de ce fichier n’a été enregistré.',
  xsdFileRejectedAction: () =>
    'Corrigez les erreurs signalées pour ce fichier, puis renvoyez ces passages (export « rejetés »).',
  xsdVersionNotice: () =>
    'La CDC n’a pas reconnu la version du format du fichier : elle attend sans doute un format plus récent. ' +
    'Téléchargez le fichier de format officiel sur l’espace certificateurs et chargez-le dans les options avancées du volet : chaque export sera vérifié avec lui.',
  xsdRowsUnknown: (p) =>
    `Impossible de savoir quelles lignes étaient dans le fichier ${p.file ?? 'rejeté'} : il n’est pas dans l’historique ` +
    'du classeur et le fichier déposé n’a pas été fourni. Les statuts n’ont pas été modifiés.',
  sentXmlUnreadable: (p) =>
    `Le fichier déposé n’a pas pu être relu jusqu’au bout (${p.detail}) : les erreurs situées après ne sont pas rattachées à une ligne.`,
  duplicatedInReceipt: (p) =>
    `${p.count} identifiant(s) technique(s) figurent plusieurs fois dans l’accusé ; ils ne sont comptés qu’une fois.`,
  okAndKo: (p) =>
    `L’identifiant technique « ${p.value} » figure à la fois parmi les passages acceptés et rejetés : ` +
    'il est marqué Rejeté par prudence (le renvoyer est sans risque : s’il est déjà en base, la CDC le dira).',
  duplicatedRows: (p) =>
    `L’identifiant technique « ${p.value} » est porté par plusieurs lignes (${p.rows}) : toutes reçoivent le statut de l’accusé.`,
  staleRows: (p) =>
    `${p.count} ligne(s) ont été renvoyées depuis dans un fichier plus récent (selon la feuille Historique) : cet accusé, plus ancien, ne change pas leur statut.`,
  unmatched: (p) =>
    `${p.count} passage(s) de l’accusé ne correspondent à aucune ligne du classeur (identifiant technique absent).`,
  historyFunctional: (p) =>
    `Accusé du ${p.date} : ${p.accepted} accepté(s), ${p.rejected} rejeté(s)` +
    (p.unmatched ? `, ${p.unmatched} absent(s) du classeur` : '') +
    (p.idTraitement ? ` (traitement ${p.idTraitement})` : '') +
    '.',
  historyXsd: (p) => `Accusé du ${p.date} : fichier refusé au contrôle de format (${p.count} erreur(s)).`,
  unchangedLeftOut: (p) =>
    `${p.count} rejeté(s) laissé(s) de côté car inchangé(s) depuis le rejet : renvoyés tels quels, la CDC les rejetterait de nouveau`,
  unknownSend: (p) =>
    `Cet accusé concerne le fichier ${p.file ?? '(sans nom)'}${p.idFlux ? ` (identifiant ${p.idFlux})` : ''}, ` +
    'qui n’est pas dans la feuille Historique de ce classeur : il vient sans doute d’un autre classeur ou d’un autre envoi. ' +
    'Rien n’a été modifié.',
  noPassageOfWorkbook: () =>
    'Cet accusé ne concerne aucun passage de ce classeur (aucun de ses identifiants techniques n’y figure). Rien n’a été modifié.',
  alreadyApplied: () =>
    'Les statuts de ce classeur disent déjà ce que dit cet accusé (déjà importé ?) : rien à changer.',
  exportedRowsDeposited: (p) =>
    `${p.count} passage(s) de ce fichier absent(s) de l’accusé sont marqués « Déposé ».`,
  nothingSelected: (p) =>
    `Aucun passage à exporter en mode « ${p.mode} »${p.detail ? ` (${p.detail})` : ''}.`,
};

export function trackingMessage(code: TrackingMessageCode, params: Params = {}): string {
  return MESSAGES[code](params);
}

/** Every code, for the test that keeps the messages in plain French. */
export const TRACKING_MESSAGE_CODES = Object.keys(MESSAGES) as TrackingMessageCode[];

/** Texts of the tracking copy written by the CLI (src/xlsx/xlsx-tracking.ts and xlsx-tracking-patch.ts). */
export const trackingCopyText = {
  rowChanged: (row: number, sheet: string, idTechnique: string) =>
    `La ligne ${row} de la feuille « ${sheet} » ne porte plus l'identifiant technique ` +
    `« ${idTechnique} » : le classeur a changé depuis sa lecture. Rien n'a été écrit ; recommencez.`,
  noPassagesSheet: (sheet: string) =>
    `Le classeur n'a plus de feuille « ${sheet} » avec les en-têtes du modèle : rien n'a été écrit.`,
  tooLarge:
    'La copie de suivi dépasserait 4 Go, la taille la plus grande qu’un classeur peut avoir ici : rien n’a été écrit. ' +
    'Répartissez les passages dans plusieurs classeurs.',
};
