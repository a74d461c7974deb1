/**
 * French texts printed by the `accrochage` commands (src/cli). Messages about cells come from check-messages.ts;
 * what the CLI says about the files it writes (refused outputs, partial results, interruptions, system errors)
 * from cli-files.ts; how a problem or a summary is laid out on a line is src/cli/output.ts.
 */

const n = (value: number): string => value.toLocaleString('fr-FR');

/** "1 passage", "2 passages", "12 345 lignes". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n(count)} ${count > 1 ? pluralForm : singular}`;
}

export const cliText = {
  /** Why a file could not be written, when the error is not one the CLI knows. */
  unexpectedReason: (detail: string) => `erreur inattendue : ${detail}`,
  // Files
  fileNotFound: (file: string) => `Fichier introuvable : ${file}`,
  reading: (rows: number) => `Lecture… ${plural(rows, 'ligne')}`,
  copyOutputMissing: (example: string) =>
    `Indiquez la copie à écrire avec -o <${example}> : le classeur d'origine n'est jamais modifié.`,
  /** After the first problems listed: how many more, and how to see them all. */
  omittedProblems: (count: string, kinds: string) =>
    `… et ${count} (${kinds}) non affichés ici : corrigez d’abord ceux-ci, ou obtenez la liste complète avec --json.`,
  // template
  templateCreated: (output: string, replaced: string) => `Modèle créé : ${output}${replaced}`,
  // export
  defaultModeNotSent:
    'Des passages de ce classeur ont déjà un statut CDC : seuls ceux qui n’ont pas encore été envoyés sont exportés (--mode tous pour tout renvoyer, --mode rejetes pour renvoyer les rejetés corrigés).',
  unknownMode: (mode: string | undefined) =>
    `Mode d’export inconnu : ${mode}. Choisissez tous, non-envoyes ou rejetes.`,
  badMaxPassages: (given: string | number | undefined) =>
    `--max-passages attend un nombre entier de passages par fichier (1 ou plus), pas « ${given} ».`,
  unusableXsd: (file: string, detail: string) => `XSD inutilisable (${file}) : ${detail}`,
  warning: (text: string) => `ATTENTION ${text}`,
  error: (text: string) => `ERREUR ${text}`,
  officialXsdBlocks:
    'Export refusé : le XSD fourni ne correspond pas aux fichiers que produit cet outil (voir ci-dessus) ; aucun fichier n’a été écrit.',
  exportBlocked: 'Export refusé : corrigez les erreurs ci-dessus, aucun fichier XML n’a été écrit.',
  xmlWritten: (megabytes: number) => `XML écrit (${megabytes.toFixed(0)} Mo), validation XSD…`,
  ourXsd: 'le XSD',
  officialXsd: 'le XSD officiel fourni',
  validating: (done: number, total: number) => `Validation XSD… ${plural(done, 'passage')} sur ${n(total)}`,
  xsdRefused: (label: string) =>
    `Export refusé : le fichier produit ne passe pas ${label} (voir ci-dessus) ; aucun fichier n’a été écrit.`,
  /** The file checked is the one on the disk, read back after it was written. */
  validAgainst: (version: string, official: boolean) =>
    official
      ? `Valide selon le XSD ${version} et le XSD officiel fourni, relu et vérifié sur le disque.`
      : `Valide selon le XSD ${version}, relu et vérifié sur le disque.`,
  warnings: (count: number) => (count > 0 ? ` (${plural(count, 'avertissement')})` : ''),
  fileWritten: (
    name: string,
    replaced: string,
    passages: number,
    certifications: number,
    idFlux: string,
    warnings: string,
    valid: string,
  ) =>
    `Fichier écrit : ${name}${replaced} — ${plural(passages, 'passage')}, ${plural(certifications, 'certification')}, idFlux ${idFlux}${warnings}. ${valid}`,
  filesWritten: (passages: number, files: number, warnings: string, valid: string) =>
    `${plural(passages, 'passage')} répartis en ${files} fichiers${warnings} ; chacun est à déposer séparément. ${valid}`,
  partWritten: (name: string, replaced: string, passages: number, idFlux: string) =>
    `Fichier écrit : ${name}${replaced} — ${plural(passages, 'passage')}, idFlux ${idFlux}`,
  trackingNotWritten: (reason: string) =>
    `Suivi non enregistré : ${reason.replace(/\s*Aucun fichier n’a été écrit\.$/, '')}`,
  unchangedLeftOut: (rows: readonly number[]) =>
    `ATTENTION ${plural(rows.length, 'passage rejeté laissé', 'passages rejetés laissés')} de côté car ` +
    `${rows.length > 1 ? 'inchangés' : 'inchangé'} depuis le rejet (${rows.length > 1 ? 'lignes' : 'ligne'} ` +
    `${rows.slice(0, 10).join(', ')}${rows.length > 10 ? '…' : ''}) : renvoyés tels quels, la CDC les rejetterait de ` +
    'nouveau. Corrigez-les (colonnes Message CDC et Que faire), ou relancez avec --inclure-inchanges pour les envoyer quand même.',
  trackingTooLarge: (rows: number) =>
    `Suivi non enregistré : ce classeur n’a pas toutes les colonnes de suivi ou la feuille Historique du modèle ` +
    `actuel ; au-delà de ${n(rows)} lignes, sa copie de suivi (qui réécrit alors tout le classeur) ` +
    'n’est écrite que sur demande. Mettez-le à niveau (accrochage upgrade) ou relancez avec --suivi <fichier.xlsx> pour ' +
    'marquer ces lignes « Exporté — à déposer » et ajouter l’envoi à l’historique, ou notez les idFlux ci-dessus.',
  trackingWritten: (file: string, updated: boolean, rows: number, sends: number) =>
    `Suivi enregistré dans ${file}${updated ? ' (mis à jour)' : ''} : ${plural(rows, 'ligne marquée', 'lignes marquées')} ` +
    `« Exporté — à déposer » avec leur idFlux, ${plural(sends, 'envoi ajouté', 'envois ajoutés')} à la feuille Historique. ` +
    'Déposez le fichier sur l’espace certificateurs, puis reportez l’accusé de traitement avec « accrochage receipt ».',
  // validate
  xmlValid: (file: string) => `${file} est valide selon le XSD de la CDC.`,
  xmlInvalid: (file: string, errors: number) =>
    errors === 0
      ? `${file} n'est pas valide : le validateur l'a refusé sans préciser d'erreur.`
      : `${file} n'est pas valide : ${plural(errors, 'erreur')}.`,
  xmlIsFolder: (file: string) => `${file} est un dossier : indiquez le fichier XML lui-même.`,
  xmlRefused: (file: string, reason: string) => `Fichier refusé (${file}) : ${reason}`,
  // upgrade
  unreadableWorkbook: (file: string, detail: string) =>
    `Classeur illisible : ${file} (détail technique : ${detail}).`,
  notATemplate: (file: string, parameters: string, passages: string) =>
    `${file} ne contient pas le modèle (feuilles ${parameters} et ${passages}).`,
  upgradeRefused: 'Mise à jour impossible, aucune copie écrite :',
  listItem: (text: string) => `- ${text}`,
  alreadyCurrent: (file: string) => `${file} suit déjà la dernière version du modèle : aucune copie écrite.`,
  upgraded: (output: string) => `Modèle mis à jour dans ${output} :`,
} as const;

/** `accrochage ids`. */
export const idsText = {
  idColumnMissing: (sheet: string, column: string) =>
    `La feuille « ${sheet} » n'a pas de colonne ${column} : rétablissez son en-tête. Aucun fichier n’a été écrit.`,
  noneMissing: (output: string) =>
    `Aucun identifiant technique ne manquait : copie écrite dans ${output}, identique pour les données.`,
  written: (count: number, rows: string, output: string) =>
    `${plural(count, 'identifiant technique généré', 'identifiants techniques générés')} ` +
    `(ligne${count > 1 ? 's' : ''} ${rows}) : copie écrite dans ${output}. ` +
    "Les identifiants existants n'ont pas été modifiés, ni le classeur d'origine. " +
    'Gardez ces identifiants : la CDC reconnaît chaque passage par le sien.',
  rowList: (shown: string, total: number, cut: boolean) => (cut ? `${shown}… (${total} en tout)` : shown),
} as const;

/** `accrochage receipt`. */
export const receiptText = {
  unusable: (file: string, detail: string) =>
    `Accusé inutilisable (${file}) : ${detail} Le classeur n’a pas été modifié.`,
  trackingWritten: (file: string) =>
    `Suivi enregistré dans ${file} (colonnes Statut CDC, Message CDC, Que faire ; feuille Historique).`,
  forceOption:
    'applique un accusé dont l’envoi (idFlux) n’est pas dans la feuille Historique, par identifiant technique',
  sentXmlRefused: (file: string, reason: string) =>
    `Fichier déposé refusé (${file}) : ${reason} Le classeur n’a pas été modifié.`,
  ids: (ids: readonly string[]) => (ids.length ? ` (${ids.join(', ')})` : ''),
  fileName: (name: string) => `fichier ${name}`,
  idFlux: (id: string) => `idFlux ${id}`,
  functional: (ids: string, accepted: number, rejected: number, unmatched: number) =>
    `Accusé de traitement${ids} : ${plural(accepted, 'passage accepté', 'passages acceptés')}, ` +
    `${plural(rejected, 'rejeté', 'rejetés')}` +
    (unmatched > 0 ? `, ${plural(unmatched, 'absent', 'absents')} du classeur` : '') +
    '.',
  xsdRejected: (ids: string, errors: number, sentXml: string | undefined) =>
    `Accusé de traitement${ids} : le fichier a été rejeté au contrôle XSD ` +
    `(${plural(errors, 'erreur')}) ; aucun de ses passages n’a été enregistré.` +
    (sentXml ? ` Erreurs situées grâce au fichier déposé ${sentXml}.` : ''),
  rejectedRow: (
    status: string,
    sheet: string,
    row: number,
    id: string,
    message: string,
    action: string,
    fields: string,
  ) =>
    `${status} ${sheet}, ligne ${row} (identifiant technique ${id}) : « ${message} ». Que faire : ${action}` +
    (fields ? ` [${fields}]` : ''),
  moreRejected: (count: number) =>
    `… et ${plural(count, 'autre passage rejeté', 'autres passages rejetés')} : voir les colonnes Message CDC et Que faire ` +
    'de la copie de suivi, ou --json pour la liste complète.',
  moreUnmatched: (count: number) =>
    `… et ${plural(count, 'autre passage absent', 'autres passages absents')} du classeur (--json pour la liste complète).`,
  deposited: (count: number) =>
    count > 0 ? ` ${plural(count, 'passage non cité marqué', 'passages non cités marqués')} « Déposé ».` : '',
  unknownSend: (file: string, idFlux: string | undefined, fileName: string | undefined) =>
    `Accusé non appliqué (${file}) : il répond à l’envoi ${idFlux ? `idFlux ${idFlux}` : `du fichier ${fileName ?? '(sans nom)'}`}` +
    `${idFlux && fileName ? ` (fichier ${fileName})` : ''}, absent de la feuille Historique de ce classeur : il vient sans ` +
    'doute d’un autre classeur ou d’un autre envoi. Rien n’a été écrit. Si vous êtes sûr qu’il concerne ce classeur ' +
    '(envoi fait avec un autre outil), relancez avec --force : il sera appliqué par identifiant technique.',
  notApplied: (reason: string) => `${reason} Aucun fichier n’a été écrit.`,
  unmatched: (id: string, status: string, message: string | undefined) =>
    `ABSENT identifiant technique ${id} (${status}${message ? ` : « ${message} »` : ''}) : ` +
    'aucune ligne du classeur ne porte cet identifiant.',
} as const;

/** `accrochage import` and `accrochage map`. */
export const importText = {
  moreRemarks: (count: number) => `… et ${plural(count, 'autre remarque')} du même genre.`,
  checkBeforeExport: (output: string) => `Vérifiez le modèle avant l'export : accrochage check ${output}`,
  checkOfWritten: 'Vérification du modèle rempli :',
  badCertificateur: (given: string | undefined) =>
    `--certificateur attend un numéro d'ordre (1, 2…), pas « ${given} ».`,
  tooLarge: (file: string, megabytes: number, limit: number) =>
    `Le fichier ${file} fait ${megabytes} Mo : au-delà de ${limit} Mo, il n'est pas importé (la CDC refuse les fichiers de plus de 200 Mo).`,
  importing: (passages: number) => `Import… ${plural(passages, 'passage')}`,
  refused: 'Import refusé : aucun fichier n’a été écrit.',
  fewerCertificateurs: (count: number, wanted: number) =>
    `Le fichier n'a que ${plural(count, 'certificateur')} : rien à importer pour le n° ${wanted}.`,
  noPassage: 'Le fichier ne contient aucun passage : aucun fichier n’a été écrit.',
  imported: (output: string, passages: number, digcomp: number, originalIdFlux: string | undefined) =>
    `Modèle écrit : ${output} — ${plural(passages, 'passage')}, ${plural(digcomp, 'résultat')} DIGCOMP.` +
    (originalIdFlux
      ? ` Identifiant du flux d'origine : ${originalIdFlux} (l'export en créera un nouveau, avec un nouvel horodatage).`
      : ''),
  // map
  notMapped: 'non reprise',
  reasons: {
    templateHeader: 'en-tête du modèle',
    label: 'même libellé',
    tag: 'nom de balise',
    synonym: 'synonyme connu',
    similar: 'mots proches',
  } as Readonly<Record<string, string>>,
  mappingNotFound: (file: string) => `Correspondance introuvable : ${file}`,
  mappingUnusable: (file: string, detail: string) => `${file} : ${detail}`,
  mappingUsed: (file: string, sheet: string) => `Correspondance utilisée (${file}), feuille « ${sheet} » :`,
  mappedColumn: (letter: string, header: string, target: string) => `  ${letter} « ${header} » → ${target}`,
  savedColumnMissing: (header: string, target: string) =>
    `ATTENTION la correspondance prévoit une colonne « ${header} » que la feuille n'a pas : ${target} restera vide.`,
  columnNotInMapping: (letter: string, header: string) =>
    `ATTENTION la colonne ${letter} « ${header} » n'est pas dans la correspondance : elle n'est pas reprise.`,
  proposed: (sheet: string, row: number) =>
    `Correspondance proposée, feuille « ${sheet} » (en-têtes ligne ${row}) :`,
  because: (reason: string, confidence: number) => ` [${reason}, ${Math.round(confidence * 100)} %]`,
  toConfirm: (target: string) => `non reprise ; peut-être ${target} ? à confirmer`,
  unconfirmed:
    'Les associations « à confirmer » ne sont pas appliquées : enregistrez la correspondance (--enregistrer), corrigez-la, puis relancez avec --correspondance.',
  outputMissing: 'Indiquez le modèle à créer avec -o modele.xlsx.',
  mappingSaved: (file: string) => `Correspondance enregistrée : ${file}`,
  nothingCopied: 'Aucune ligne n’a pu être copiée : aucun fichier n’a été écrit.',
  /** Exit 3 of map: the mapping was saved, no row could be copied. */
  mappingOnly: (mapping: string) =>
    `Aucune ligne n’a pu être copiée : le modèle n’a pas été écrit ; seule la correspondance l’a été (${mapping}), ` +
    'pour que vous la corrigiez et relanciez avec --correspondance.',
  mapped: (output: string, passages: number, sheet: string) =>
    `Modèle écrit : ${output} — ${plural(passages, 'passage')} copié(s) depuis « ${sheet} » (la feuille source n'a pas été modifiée).`,
} as const;

/** `accrochage --help`: what each command and option does. */
export const cliHelp = {
  program: 'Accrochage CDC : modèle Excel, vérification et export XML des passages de certification',
  afterError: '(accrochage --help pour l’aide)',
  template: 'crée un classeur modèle vide, ou affiche sa structure avec --json',
  templateOutput: 'fichier à créer',
  templateJson: 'affiche la structure du modèle (feuilles, cellules, colonnes) en JSON',
  check:
    'vérifie chaque cellule ; code de sortie 0 sans erreur, 1 avec erreurs, 2 si le fichier est inutilisable',
  checkJson: 'liste des problèmes en JSON',
  export:
    'produit le fichier XML CDC, validé par le XSD ; refuse tant qu’il reste une erreur. Les lignes exportées ' +
    'sont marquées « Exporté — à déposer » et l’envoi noté dans la feuille Historique d’une copie <nom>-suivi.xlsx',
  exportOutput: 'fichier XML à écrire (numéroté -1, -2… s’il faut plusieurs fichiers)',
  exportMode:
    'tous | non-envoyes (statut vide ou À envoyer) | rejetes (statut Rejeté, corrigés depuis le rejet) ; par défaut : tous pour un classeur jamais envoyé, non-envoyes dès qu’un passage a un statut CDC',
  exportIncludeUnchanged:
    'avec --mode rejetes : renvoie aussi les passages rejetés inchangés depuis le rejet (la CDC les rejetterait de nouveau)',
  exportMaxPassages: 'au plus N passages par fichier (au-delà, plusieurs fichiers, chacun son idFlux)',
  exportXsd: 'XSD officiel téléchargé sur l’espace certificateurs : l’export doit aussi le respecter',
  exportSuivi:
    'classeur où noter le suivi (par défaut <nom>-suivi.xlsx ; le nom du classeur, avec --remplacer, pour le mettre à jour)',
  exportReplace:
    'le classeur de --suivi peut être remplacé ou mis à jour (un XML CDC précédent est toujours remplacé)',
  receipt:
    'reporte l’accusé de traitement de la CDC dans le classeur : statut (Accepté / Rejeté), message et que faire, ' +
    'sur chaque ligne ; écrit une copie <nom>-suivi.xlsx. Code de sortie 0 si tout est accepté, 4 si des passages sont rejetés, 2 si inutilisable',
  receiptOutput: 'classeur à écrire (le nom du classeur, avec --remplacer, pour le mettre à jour)',
  receiptXml: 'le fichier déposé, pour situer les erreurs XSD (par défaut : cherché d’après l’accusé)',
  receiptJson: 'résultat en JSON',
  ids:
    'génère les identifiants techniques (5.1) manquants dans une copie du classeur ; ' +
    'les identifiants existants et le classeur d’origine ne sont jamais modifiés',
  idsOutput: 'copie à écrire, sous un autre nom que le classeur',
  upgrade:
    'met un ancien modèle à la dernière version dans une copie (colonnes, feuilles, listes ajoutées ; ' +
    'valeurs, lignes et mises en forme gardées) ; code de sortie 1 si la mise à jour est impossible',
  upgradeOutput: 'copie à écrire, sous un autre nom que le classeur',
  validate: 'vérifie un fichier XML CDC (fait par n’importe quel outil) avec le XSD',
  validateJson: 'liste des erreurs en JSON',
  import: 'remplit un modèle avec les passages d’un fichier XML CDC (le sien ou celui d’un autre outil)',
  importOutput: 'modèle à créer (par défaut : le nom du fichier XML en .xlsx)',
  importCertificateur: 'n° d’ordre du certificateur à importer si le fichier en contient plusieurs',
  map: 'copie une feuille aux colonnes libres dans un modèle, en associant ses colonnes aux données CDC',
  mapFeuille: 'feuille à lire (par défaut : la première qui a une ligne d’en-têtes)',
  mapCorrespondance: 'correspondance enregistrée à utiliser',
  mapEnregistrer: 'enregistre la correspondance utilisée pour la prochaine fois',
  mapOutput: 'modèle à créer',
  replace: 'remplace un fichier existant du même type (sans cette option, un classeur existant est refusé)',
  /** Shown after `accrochage --help` and each command's help. */
  exitCodes: `
Codes de sortie :
  0    terminé : tout ce qui était demandé est écrit, rien à corriger
  1    problèmes trouvés (erreurs dans les cellules, XML non valide, mise à jour refusée) : aucun fichier écrit
  2    fichier inutilisable ou sortie refusée (fichier existant, dossier absent…) : aucun fichier écrit
  3    résultat partiel : une partie des fichiers est écrite (le message dit lesquels et quoi faire)
  4    fichier écrit, avec des points à traiter : passages rejetés par la CDC, lignes ou cellules à corriger
  130  interrompu par Ctrl-C (143 : arrêt demandé) : fichiers partiels et temporaires supprimés

Fichiers écrits : jamais par-dessus un fichier lu par la commande, ni par-dessus un fichier d’un autre type ;
un classeur existant n’est remplacé qu’avec --remplacer ; un export XML précédent du même nom est remplacé
(le message le dit). Chaque fichier est écrit sous un nom temporaire, relu et vérifié, puis renommé.`,
} as const;
