/**
 * French texts of the round trip with the CDC (identifiers, accusés, export modes, official XSD) and of the
 * imports (CDC XML file, another table). Spread into `strings` (src/i18n/pane.ts): components use `strings`.
 */

const n = (value: number): string => value.toLocaleString('fr-FR');
const rows = (count: number): string => `${n(count)} ligne${count > 1 ? 's' : ''}`;

export const roundTripStrings = {
  // Readiness and deadlines (summary)
  readinessTitle: 'Passages prêts pour la CDC',
  readyRows: 'Prêts',
  atRiskRows: 'À risque de rejet',
  blockedRows: 'Bloqués par une erreur',
  deadlinesTitle: 'Délai de transmission (3 mois après la délivrance)',
  overdueRows: 'En retard',
  dueSoonRows: 'À envoyer sous 15 jours',
  readinessLevel: { prete: 'prête', 'a-risque': 'à risque', bloquee: 'bloquée' },
  // Progress and confirmation
  writingStatuses: 'Inscription des statuts dans le classeur…',
  confirmTitle: 'Confirmation',
  confirmCancel: 'Ne rien écrire',
  nothingWritten: 'Rien n’a été écrit dans le classeur.',
  workbookChanged: (sheet: string, row: number) =>
    `La feuille « ${sheet} » a changé depuis sa lecture${row > 0 ? ` (ligne ${row})` : ''} : rien n’a été écrit. Recommencez l’opération.`,
  // Identifiers
  generateIds: 'Générer les identifiants',
  idsNoneMissing: 'Chaque passage a déjà son identifiant technique : rien à écrire.',
  idsConfirm: (count: number) =>
    `${rows(count)} sans identifiant technique : ${n(count)} cellule${count > 1 ? 's' : ''} de la colonne « Identifiant technique du passage » ${count > 1 ? 'vont' : 'va'} recevoir un identifiant unique. Les identifiants existants ne sont jamais modifiés.`,
  idsConfirmButton: 'Écrire les identifiants',
  idsWritten: (count: number) =>
    `${n(count)} identifiant${count > 1 ? 's' : ''} technique${count > 1 ? 's' : ''} écrit${count > 1 ? 's' : ''}.`,
  // Export settings
  exportSettingsTitle: 'Options d’export',
  exportModeLabel: 'Passages à exporter',
  exportModes: { all: 'Tout', notSent: 'Non envoyés', rejected: 'Rejetés' },
  maxPerFileLabel: 'Passages par fichier (vide = sans limite)',
  exportDoneSplit: (fileNames: readonly string[], passages: number) =>
    `${fileNames.length} fichiers prêts (${n(passages)} passages au total) : enregistrez-les un par un avec leurs boutons ci-dessous, puis déposez chacun sur l’espace certificateurs.`,
  exportCopyParts: (files: number) =>
    `Le téléchargement n’est pas possible ici (Excel pour Mac) : l’export a produit ${n(files)} fichiers. Copiez le contenu de chacun ci-dessous et enregistrez-le sous le nom indiqué.`,
  exportTooLargeToCopy: (fileName: string, megabytes: number, passagesPerFile: number) =>
    `Le téléchargement n’est pas possible ici (Excel pour Mac), et le fichier ${fileName} (${n(Math.ceil(megabytes))} Mo) est trop gros pour être copié à la main : il n’a pas été enregistré, et aucune ligne n’a été marquée « Exporté ». Indiquez ${n(passagesPerFile)} dans « Passages par fichier » (Options d’export), puis cliquez à nouveau sur « Exporter » : chaque fichier pourra être copié. Vous pouvez aussi exporter depuis Excel sur le web ou sous Windows.`,
  markedExported: (count: number) =>
    `${rows(count)} marquée${count > 1 ? 's' : ''} « Exporté — à déposer » ; l’envoi est noté dans la feuille Historique.`,
  unchangedLeftOut: (count: number) =>
    `${rows(count)} rejetée${count > 1 ? 's' : ''} par la CDC ${count > 1 ? 'ont été laissées' : 'a été laissée'} de côté : ${count > 1 ? 'elles n’ont' : 'elle n’a'} pas changé depuis le rejet, et la CDC ${count > 1 ? 'les' : 'la'} rejetterait de nouveau.`,
  nothingChangedSinceRejection: (count: number) =>
    `Rien n’a été exporté : ${count > 1 ? `les ${n(count)} passages rejetés n’ont` : 'le passage rejeté n’a'} pas changé depuis le rejet, et la CDC ${count > 1 ? 'les' : 'le'} rejetterait de nouveau. Corrigez d’abord ce que dit la colonne « Que faire » (voir la liste « Rejeté par la CDC »).`,
  includeUnchangedConfirm: (count: number) =>
    `Renvoyer quand même ${count > 1 ? `les ${n(count)} passages rejetés inchangés` : 'le passage rejeté inchangé'} ? La CDC ${count > 1 ? 'les' : 'le'} rejettera très probablement de nouveau.`,
  includeUnchangedButton: 'Les renvoyer quand même',
  filesTitle: 'Fichiers à enregistrer',
  saveFileButton: (fileName: string) => `Enregistrer ${fileName}`,
  saveFileAgain: (fileName: string) => `Enregistrer à nouveau ${fileName}`,
  fileSavedMark: 'enregistré',
  fileSaved: (fileName: string) =>
    `${fileName} : téléchargement lancé. Vérifiez qu’il se trouve dans vos téléchargements.`,
  filesExplain:
    'Chaque fichier se dépose séparément sur l’espace certificateurs. Si un téléchargement n’a pas démarré, cliquez à nouveau sur son bouton.',
  copyPartTitle: (index: number, total: number, fileName: string) =>
    total > 1 ? `Fichier ${index} sur ${total} : ${fileName}` : fileName,
  // Deposit (the user says the file is on the CDC's portal)
  confirmDeposit: 'J’ai déposé le fichier',
  confirmDepositSeveral: 'J’ai déposé les fichiers',
  confirmDepositTicked: 'J’ai déposé les fichiers cochés',
  // The files the workbook says are exported and not deposited (a file by its name in the Historique)
  fileToDepositName: (fileName: string | undefined, rowCount: number) =>
    `${fileName ?? 'fichier dont le nom n’est pas dans l’Historique'} (${n(rowCount)} passage${rowCount > 1 ? 's' : ''})`,
  oneFileToDeposit: (name: string) => `Fichier exporté, pas encore déposé : ${name}.`,
  filesToDeposit: (count: number) =>
    `${n(count)} fichiers exportés ne sont pas encore déposés. Cochez ceux que vous avez déposés sur l’espace certificateurs :`,
  depositWritten: (count: number) =>
    `${rows(count)} marquée${count > 1 ? 's' : ''} « Déposé ». Quand la CDC envoie son accusé de traitement, importez-le avec « Importer un accusé ».`,
  depositNothing:
    'Aucune ligne n’est encore « Exporté — à déposer » pour ce fichier (déjà déposée, ou renvoyée depuis) : rien n’a été écrit.',
  // Official XSD (the advanced section: the only place the pane says « XSD »)
  advancedTitle: 'Options avancées',
  officialXsdExplain:
    'Le XSD est le fichier qui décrit le format exact attendu par la CDC ; l’outil contient celui de la version en vigueur. Si la CDC en publie un nouveau sur l’espace certificateurs, chargez-le : chaque export sera aussi vérifié avec lui.',
  loadOfficialXsd: 'Charger le XSD officiel',
  officialXsdLoaded: (fileName: string, version: string) =>
    `XSD officiel ${fileName} (version ${version}) chargé : chaque export sera vérifié avec lui et avec le schéma de l’outil.`,
  officialXsdRefused: (fileName: string) => `Le XSD ${fileName} n’a pas été retenu.`,
  officialXsdActive: (fileName: string, version: string) =>
    `Exports vérifiés aussi avec ${fileName} (version ${version}).`,
  // Accusés
  importReceipt: 'Importer un accusé',
  dropHint: 'Vous pouvez aussi déposer ici un accusé de traitement (.xml).',
  receiptUnusable: (fileName: string, detail: string) =>
    `Accusé inutilisable (${fileName}) : ${detail} Le classeur n’a pas été modifié.`,
  receiptTitle: (fileName: string) => `Accusé de traitement ${fileName}`,
  receiptCounts: (accepted: number, rejected: number, unmatched: number, deposited = 0) =>
    `Statuts à changer : ${n(accepted)} accepté(s), ${n(rejected)} rejeté(s)${deposited > 0 ? `, ${n(deposited)} déposé(s) (non cités par l’accusé)` : ''}${unmatched > 0 ? ` ; ${n(unmatched)} passage(s) de l’accusé absent(s) du classeur` : ''}.`,
  receiptXsdRejected: (errors: number) =>
    `Le fichier a été refusé au contrôle de format de la CDC (${n(errors)} erreur(s)) : aucun de ses passages n’a été enregistré.`,
  receiptCdcText: 'Texte exact de la CDC',
  receiptErrorsTitle: 'Erreurs à corriger',
  receiptRejectedTitle: 'Passages rejetés',
  receiptRejectedRow: (row: number, id: string) => `Ligne ${row} (${id})`,
  receiptWhatToDo: 'Que faire :',
  receiptUnmatchedTitle: 'Passages de l’accusé absents du classeur',
  receiptAskSentXml:
    'Pour situer chaque erreur sur sa ligne et sa colonne, choisissez le fichier XML déposé (celui nommé dans l’accusé).',
  chooseSentXml: 'Choisir le fichier déposé',
  receiptConfirm: (count: number) =>
    `Écrire le nouveau statut de ${rows(count)} dans les colonnes Statut CDC, Message CDC, Que faire et Date du statut (créées si elles manquent), et le résultat dans la feuille Historique ?`,
  receiptUnknownSendConfirm:
    'Si vous êtes sûr que cet accusé concerne bien ce classeur (un envoi fait avec un autre outil, par exemple), vous pouvez l’appliquer quand même : chaque passage sera retrouvé par son identifiant technique.',
  receiptApplyAnyway: 'Appliquer quand même',
  receiptNothingToWrite: 'Rien n’a été écrit dans le classeur.',
  receiptConfirmButton: 'Écrire les statuts',
  receiptWritten: (count: number, added: readonly string[]) =>
    `Statuts écrits pour ${rows(count)}${added.length > 0 ? ` (colonnes ajoutées : ${added.join(', ')})` : ''}. Les passages rejetés sont surlignés et listés sous « Rejeté par la CDC » : corrigez-les, puis exportez « Rejetés » pour les renvoyer.`,
  // Imports
  importFluxXml: 'Importer un fichier XML CDC',
  importReading: 'Lecture du fichier XML…',
  importNothing: (fileName: string, why: string) =>
    `Aucun passage n’a pu être lu dans ${fileName}. ${why} Le classeur n’a pas été modifié.`,
  importConfirm: (fileName: string, passages: number, digcomp: number, existing: number) =>
    `Ajouter ${n(passages)} passage(s)${digcomp > 0 ? ` et ${n(digcomp)} résultat(s) DIGCOMP` : ''} de ${fileName} au modèle${existing > 0 ? `, après les ${n(existing)} ligne(s) déjà présentes (elles ne sont pas modifiées)` : ''} ? Les paramètres vides seront remplis.`,
  importConfirmButton: 'Ajouter au modèle',
  importDone: (passages: number, firstRow: number | undefined, kept: readonly string[], issues: number) =>
    `${n(passages)} passage(s) ajouté(s)${firstRow ? ` à partir de la ligne ${firstRow}` : ''}.` +
    (kept.length > 0 ? ` Paramètres déjà remplis laissés tels quels : ${kept.join(', ')}.` : '') +
    (issues > 0 ? ` ${n(issues)} remarque(s) à la lecture : voir la vérification.` : ''),
  mapTable: 'Reprendre un autre tableau',
  selectTableFirst:
    'Sélectionnez d’abord le tableau à reprendre (ou une cellule de sa feuille), avec sa ligne d’en-têtes en haut.',
  mappingTitle: (source: string, count: number) =>
    `Correspondance des colonnes de ${source} (${rows(count)})`,
  mappingColumn: 'Colonne',
  mappingField: 'Donnée du modèle',
  mappingNone: '— Ne pas reprendre —',
  // No-break space: "91 %" never splits over two lines.
  mappingConfidence: (confidence: number) => `ressemblance ${Math.round(confidence * 100)}\u00a0%`,
  mappingExplain:
    'Pour chaque colonne de votre tableau, la donnée du modèle proposée. Le pourcentage dit à quel point les deux noms se ressemblent (100 % : identiques) : vérifiez surtout les ressemblances faibles, et changez la donnée dans la liste si besoin.',
  mappingUnmapped: (count: number) => `${n(count)} colonne(s) non reprise(s).`,
  mappingSavedLabel: 'Correspondance enregistrée',
  mappingUse: 'Utiliser',
  mappingNameLabel: 'Nom pour enregistrer cette correspondance',
  mappingSave: 'Enregistrer la correspondance',
  mappingSaved: (name: string) => `Correspondance « ${name} » enregistrée dans le classeur.`,
  mappingApply: 'Copier dans le modèle',
  mappingDone: (passages: number, firstRow: number | undefined, kept: readonly string[]) =>
    `${n(passages)} ligne(s) copiée(s) dans le modèle${firstRow ? ` à partir de la ligne ${firstRow}` : ''} ; le tableau d’origine n’a pas été modifié.` +
    (kept.length > 0 ? ` Paramètres déjà remplis laissés tels quels : ${kept.join(', ')}.` : ''),
  toolsTitle: 'Suivi CDC et imports',
  importsTitle: 'Reprendre des données existantes',
} as const;
