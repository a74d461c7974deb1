/**
 * French texts about a file that cannot be read as a workbook: what it is, and what to do with it.
 * Each names the file; none shows a library's own wording.
 */

export type WorkbookFileProblem =
  | 'empty'
  | 'directory'
  | 'text'
  | 'other'
  | 'encrypted'
  | 'legacyExcel'
  | 'compoundFile'
  | 'opendocument'
  | 'zip'
  | 'truncated'
  | 'damaged'
  | 'tooLarge'
  | 'tooManyParts'
  | 'zipPassword'
  | 'unsupportedCompression'
  | 'hiddenContent'
  | 'unreadablePart'
  | 'incompleteRead';

export interface WorkbookFileProblemParams {
  readonly file: string;
  /** Uncompressed bytes the zip declares, and the limit (tooLarge). */
  readonly declared?: number;
  readonly limit?: number;
  /** The library's own words, or the parts not read, shown as a technical detail only. */
  readonly detail?: string;
}

const megabytes = (bytes: number | undefined) =>
  `${Math.ceil((bytes ?? 0) / 1e6).toLocaleString('fr-FR')} Mo`;

const SAVE_AS_XLSX =
  'Ouvrez-le dans Excel, enregistrez-le au format « Classeur Excel (.xlsx) » (Fichier > Enregistrer sous) et relancez la commande sur ce nouveau fichier.';

const MESSAGES: Record<WorkbookFileProblem, (p: WorkbookFileProblemParams) => string> = {
  empty: (p) =>
    `Le fichier ${p.file} est vide (0 octet) : ce n'est pas un classeur Excel (.xlsx) lisible. Vérifiez que vous avez choisi le bon fichier, ou enregistrez-le à nouveau depuis Excel.`,
  directory: (p) => `${p.file} est un dossier, pas un classeur Excel : indiquez le fichier .xlsx lui-même.`,
  text: (p) =>
    `Le fichier ${p.file} n'est pas un classeur Excel (.xlsx) lisible : c'est un fichier texte (CSV ou autre), même si son nom finit par .xlsx. ${SAVE_AS_XLSX}`,
  other: (p) =>
    `Le fichier ${p.file} n'est pas un classeur Excel (.xlsx) lisible : son contenu n'est celui d'aucun classeur. Vérifiez que vous avez choisi le bon fichier.`,
  encrypted: (p) =>
    `Le classeur ${p.file} est protégé par un mot de passe (chiffré) : il ne peut pas être lu sans ce mot de passe. ` +
    'Ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe, puis effacez-le), enregistrez-le et relancez la commande.',
  legacyExcel: (p) =>
    `Le fichier ${p.file} est au format Excel 97-2003 (.xls), que l'outil ne lit pas. ${SAVE_AS_XLSX}`,
  compoundFile: (p) =>
    `Le fichier ${p.file} est un ancien document Office (format binaire), pas un classeur Excel (.xlsx). ${SAVE_AS_XLSX}`,
  opendocument: (p) =>
    `Le fichier ${p.file} est un classeur OpenDocument (.ods, LibreOffice ou OpenOffice), pas un classeur Excel (.xlsx). ` +
    'Ouvrez-le dans LibreOffice ou Excel, enregistrez-le au format .xlsx et relancez la commande sur ce nouveau fichier.',
  zip: (p) =>
    `Le fichier ${p.file} est une archive ZIP qui ne contient pas de classeur Excel : si le classeur est dans l'archive, extrayez-le d'abord.`,
  truncated: (p) =>
    `Le fichier ${p.file} est incomplet (sa fin manque) : il a sans doute été mal copié ou mal téléchargé. ` +
    'Copiez-le ou téléchargez-le à nouveau ; s’il s’ouvre dans Excel, enregistrez-le sous un autre nom et relancez la commande sur cette copie.',
  damaged: (p) =>
    `Le classeur ${p.file} est endommagé (son contenu ne correspond pas à ce que le fichier annonce) : il n'a pas été lu. ` +
    'S’il s’ouvre dans Excel, enregistrez-le sous un autre nom et relancez la commande sur cette copie ; sinon reprenez une sauvegarde.',
  tooLarge: (p) =>
    `Le classeur ${p.file} annonce ${megabytes(p.declared)} une fois décompressé, au-delà de la limite de ${megabytes(p.limit)} ` +
    '(bien au-delà d’un classeur de 100 000 passages, le plus grand qu’un fichier CDC puisse contenir) : il n’a pas été lu. ' +
    'Un tel fichier est piégé ou n’est pas un modèle de passages ; vérifiez que vous avez choisi le bon fichier.',
  tooManyParts: (p) =>
    `Le fichier ${p.file} contient bien plus de parties qu’un classeur n’en a jamais : il n’a pas été lu. Vérifiez que vous avez choisi le bon fichier.`,
  zipPassword: (p) =>
    `Le fichier ${p.file} est une archive protégée par un mot de passe : il ne peut pas être lu. Enregistrez le classeur sans mot de passe depuis Excel.`,
  unsupportedCompression: (p) =>
    `Le fichier ${p.file} a été compressé par un outil d’archivage d’une façon qu’Excel n’utilise pas : il n’a pas été lu. ${SAVE_AS_XLSX}`,
  hiddenContent: (p) =>
    `Le classeur ${p.file} contient des données cachées hors de son sommaire (structure d’archive anormale) : il n’a pas été lu par sécurité. ` +
    'S’il s’ouvre dans Excel, enregistrez-le sous un autre nom et relancez la commande sur cette copie.',
  unreadablePart: (p) =>
    `Le fichier ${p.file} n'est pas un classeur Excel (.xlsx) lisible : une de ses parties est endommagée ou n’est pas celle d’un classeur. ` +
    `S’il s’ouvre dans Excel, enregistrez-le sous un autre nom et relancez la commande sur cette copie.${p.detail ? ` (Détail technique : ${p.detail})` : ''}`,
  incompleteRead: (p) =>
    `Le classeur ${p.file} n'a pas pu être lu en entier (la lecture s'est arrêtée avant la fin, plusieurs fois) : ` +
    "il n'a pas été utilisé, pour ne rien vérifier ni envoyer d'incomplet. Relancez la commande ; si cela se " +
    `reproduit, enregistrez le classeur sous un autre nom depuis Excel et relancez sur cette copie. (Détail technique : parties non lues ${p.detail ?? ''})`,
};

export function workbookFileMessage(problem: WorkbookFileProblem, params: WorkbookFileProblemParams): string {
  return MESSAGES[problem](params);
}
