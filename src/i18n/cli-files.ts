/**
 * French text of the CLI about files (src/cli/output-policy.ts, output-files.ts, system-errors.ts, main.ts):
 * what may be written where, what was replaced, what exists after a partial outcome or an interruption, and
 * errors of the system translated. Every refusal names the file and says what to do; none shows a library's or
 * the system's own wording. What the commands themselves say is in cli.ts.
 */

export const NOTHING_WRITTEN = 'Aucun fichier n’a été écrit.';

/** What is written, as the messages name it. */
export type WrittenKind = 'cdcFlux' | 'workbook' | 'savedMapping';

const WRITTEN: Record<WrittenKind, string> = {
  cdcFlux: 'un fichier XML CDC',
  workbook: 'un classeur Excel',
  savedMapping: 'une correspondance de colonnes (.json)',
};

/** What may already stand where a command writes (src/cli/existing-file.ts tells which). */
export type ExistingKind =
  | 'cdcFlux'
  | 'cdcReceipt'
  | 'xsd'
  | 'xml'
  | 'workbook'
  | 'macroWorkbook'
  | 'officeFile'
  | 'savedMapping'
  | 'empty'
  | 'directory'
  | 'special'
  | 'other';

const EXISTING: Record<ExistingKind, string> = {
  cdcFlux: 'un fichier XML CDC (un envoi)',
  cdcReceipt: 'un accusé de traitement de la CDC',
  xsd: 'un schéma XSD',
  xml: 'un fichier XML',
  workbook: 'un classeur Excel',
  macroWorkbook: 'un classeur Excel avec macros',
  officeFile: 'un document Office ou une archive',
  savedMapping: 'une correspondance de colonnes',
  empty: 'un fichier vide',
  directory: 'un dossier',
  special: 'un fichier spécial du système',
  other: 'un fichier d’un autre type',
};

/** "2026-11-23T11:15:00+01:00" → "23/11/2026 à 11:15". */
function frenchDateTime(horodatage: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(horodatage ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]} à ${m[4]}:${m[5]}` : undefined;
}

export const outputText = {
  folderMissing: (file: string, option: string) =>
    `Le dossier de ${file} (${option}) n’existe pas : créez-le, ou choisissez un autre emplacement. ${NOTHING_WRITTEN}`,
  danglingLink: (file: string, option: string) =>
    `${file} (${option}) est un lien vers un fichier qui n’existe plus : supprimez ce lien ou choisissez un autre nom. ${NOTHING_WRITTEN}`,
  isDirectory: (file: string, option: string) =>
    `${file} (${option}) est un dossier : indiquez un nom de fichier, par exemple ${file.replace(/[\\/]+$/, '')}/envoi.xml. ${NOTHING_WRITTEN}`,
  special: (file: string, option: string) =>
    `${file} (${option}) n’est pas un fichier ordinaire : choisissez un nom de fichier dans un dossier. ${NOTHING_WRITTEN}`,
  isInput: (file: string, option: string, input: string, written: WrittenKind) =>
    `${option} ${file} désigne un fichier que la commande lit (${input}) : ${WRITTEN[written]} l’aurait remplacé. ` +
    `Choisissez un autre nom de fichier. ${NOTHING_WRITTEN}`,
  updateNeedsReplace: (file: string, option: string) =>
    `${option} ${file} est aussi un fichier que la commande lit : pour le mettre à jour directement, ajoutez --remplacer ` +
    `(il est alors réécrit) ; sinon choisissez un autre nom. ${NOTHING_WRITTEN}`,
  sameOutput: (file: string, first: string, second: string) =>
    `${first} et ${second} désignent le même fichier (${file}) : une commande n’écrit pas deux fichiers au même endroit. ` +
    `Donnez-leur des noms différents. ${NOTHING_WRITTEN}`,
  otherKind: (file: string, option: string, existing: ExistingKind, written: WrittenKind) =>
    `Le fichier ${file} existe déjà et c’est ${EXISTING[existing]} : la commande, qui écrit ${WRITTEN[written]}, ` +
    `ne le remplacera pas (même avec --remplacer). Choisissez un autre nom avec ${option}. ${NOTHING_WRITTEN}`,
  exists: (file: string, option: string, existing: ExistingKind) =>
    `Le fichier ${file} existe déjà (${EXISTING[existing]}) : pour le remplacer, relancez avec --remplacer ; ` +
    `sinon choisissez un autre nom avec ${option}. ${NOTHING_WRITTEN}`,
  workbookExtension: (file: string, option: string) =>
    `${option} ${file} : un classeur doit porter l’extension .xlsx pour qu’Excel l’ouvre. Choisissez un nom en .xlsx. ${NOTHING_WRITTEN}`,
  macroExtension: (file: string, option: string, input: string) =>
    `Le classeur ${input} contient des macros : sa copie doit porter l’extension .xlsm pour les garder (${option} ${file}). ` +
    `Choisissez un nom en .xlsm. ${NOTHING_WRITTEN}`,
  macroInPlace: (file: string) =>
    `Le classeur ${file} contient des macros : l’outil ne le réécrit jamais lui-même. Écrivez le suivi dans une copie ` +
    `(par exemple ${file.replace(/\.xlsm$/i, '')}-suivi.xlsm), qui garde les macros. ${NOTHING_WRITTEN}`,
  trackingExists: (file: string, option: string, command: string) =>
    `Le fichier de suivi ${file} existe déjà (il contient peut-être l’historique de vos envois) : il n’est pas remplacé. ` +
    `Travaillez désormais dans ce fichier : ${command} ; ou indiquez une autre copie avec ${option}.`,
  noFreeName: (file: string) =>
    `Impossible de trouver un nom libre à côté de ${file} : indiquez le fichier à écrire avec -o. ${NOTHING_WRITTEN}`,
  appeared: (file: string) =>
    `Le fichier ${file} est apparu pendant le travail (une autre commande ou un autre programme l’a écrit en même temps) : ` +
    `il n’a pas été remplacé. Vérifiez ce fichier, puis relancez la commande si besoin. ${NOTHING_WRITTEN}`,
  changedMeanwhile: (file: string) =>
    `Le fichier ${file} a été remplacé par un fichier d’un autre type pendant le travail : il n’a pas été touché. ` +
    `Relancez la commande. ${NOTHING_WRITTEN}`,
  notVerified: (file: string) =>
    `Le fichier préparé pour ${file}, relu sur le disque, ne correspond pas à ce qui a été produit (disque plein, ` +
    `support défectueux, ou fichier modifié par un autre programme pendant l’écriture) : il a été supprimé. ${NOTHING_WRITTEN}`,

  /** Appended to "Fichier écrit : …" when an older file of the same kind was replaced. */
  replaced: (existing: { kind: ExistingKind; idFlux?: string; horodatage?: string }) => {
    if (existing.kind === 'cdcFlux') {
      const when = frenchDateTime(existing.horodatage);
      const what = [existing.idFlux && `idFlux ${existing.idFlux}`, when && `du ${when}`]
        .filter(Boolean)
        .join(', ');
      return ` (remplace l’export précédent du même nom${what ? `, ${what}` : ''})`;
    }
    if (existing.kind === 'empty') return ' (remplace un fichier vide du même nom)';
    return ' (remplace le fichier précédent, comme demandé par --remplacer)';
  },
};

export const exitText = {
  /** Exit 3: the XML is written, the tracking copy is not. */
  trackingFailed: (files: readonly string[], ids: readonly string[], target: string, reason: string) =>
    `Résultat partiel : ${files.length > 1 ? `les fichiers XML ${files.join(', ')} sont écrits` : `le fichier XML ${files[0]} est écrit`} ` +
    `et valide, mais le suivi n’a pas pu être enregistré dans ${target} (${reason}). ` +
    `Vous pouvez déposer ${files.length > 1 ? 'ces fichiers' : 'ce fichier'} ; notez ${ids.length > 1 ? 'leurs idFlux' : 'son idFlux'} ` +
    `(${ids.join(', ')}) : les lignes exportées ne sont pas marquées « Exporté — à déposer ». L’accusé de traitement, reporté ensuite avec ` +
    `« accrochage receipt », donnera leur statut ; ou supprimez ${files.length > 1 ? 'ces fichiers' : 'ce fichier'} et relancez l’export une fois la cause corrigée.`,
  interrupted: (signal: string, removed: readonly string[], completed: readonly string[]) =>
    `Interrompu (${signal === 'SIGINT' ? 'Ctrl-C' : signal}) : ` +
    (removed.length > 0
      ? 'les fichiers partiels et temporaires ont été supprimés'
      : 'rien n’était en cours d’écriture') +
    (completed.length > 0
      ? ` ; ces fichiers étaient déjà complets et restent : ${completed.join(', ')}.`
      : `. ${NOTHING_WRITTEN}`),
  /** After a translated system error: what exists, so the user knows what the failure left. */
  outcome: (completed: readonly string[]) =>
    completed.length > 0 ? `Ces fichiers sont complets : ${completed.join(', ')}.` : NOTHING_WRITTEN,
  unexpected: (detail: string, completed: readonly string[]) =>
    `Erreur inattendue (détail technique : ${detail}). ` +
    (completed.length > 0
      ? `Ces fichiers sont complets : ${completed.join(', ')} ; aucun autre n’a été écrit.`
      : NOTHING_WRITTEN) +
    ' Si cela se reproduit, signalez-le avec ce message.',
};

export type SystemErrorAction = 'read' | 'write';

/** Errors of the system (Node's error codes), in French, naming the file. */
export const systemErrorText: Record<string, (file: string, action: SystemErrorAction) => string> = {
  ENOENT: (file, action) =>
    action === 'read'
      ? `Fichier introuvable : ${file}. Vérifiez le nom et le dossier.`
      : `Le dossier de ${file} n’existe pas : créez-le ou choisissez un autre emplacement.`,
  EACCES: (file, action) =>
    `Accès refusé à ${file} : vous n’avez pas le droit ${action === 'read' ? 'de lire ce fichier' : 'd’écrire à cet endroit'}. ` +
    'Choisissez un autre emplacement ou demandez ce droit.',
  EPERM: (file, action) =>
    `Opération refusée par le système sur ${file} (${action === 'read' ? 'lecture' : 'écriture'}) : le fichier est peut-être ` +
    'ouvert dans un autre programme (Excel) ou protégé. Fermez-le ou choisissez un autre emplacement.',
  EBUSY: (file) =>
    `${file} est utilisé par un autre programme (peut-être ouvert dans Excel) : fermez-le et relancez.`,
  ENOSPC: (file) =>
    `Le disque est plein : ${file} n’a pas pu être écrit. Libérez de la place ou choisissez un autre disque, puis relancez.`,
  EDQUOT: (file) =>
    `Votre quota d’espace disque est atteint : ${file} n’a pas pu être écrit. Libérez de la place, puis relancez.`,
  EROFS: (file) =>
    `${file} est sur un support en lecture seule : choisissez un emplacement où vous pouvez écrire.`,
  EISDIR: (file) => `${file} est un dossier, pas un fichier : indiquez le fichier lui-même.`,
  ENOTDIR: (file) =>
    `Le chemin ${file} passe par un fichier comme s’il était un dossier : vérifiez le chemin.`,
  ENAMETOOLONG: (file) => `Le nom ${file} est trop long pour le système : choisissez un nom plus court.`,
  EMFILE: (file) =>
    `Trop de fichiers ouverts à la fois pour lire ou écrire ${file} : fermez des programmes et relancez.`,
  EIO: (file) =>
    `Erreur du disque en lisant ou en écrivant ${file} : le support est peut-être défectueux ou débranché.`,
};
systemErrorText.ENFILE = systemErrorText.EMFILE;
