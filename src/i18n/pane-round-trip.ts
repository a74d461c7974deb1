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
    `${fileNames.length} fichiers enregistrés (${n(passages)} passages au total) : ${fileNames.join(', ')}. Les lignes exportées sont marquées « Envoyé ».`,
  markedSent: (count: number) =>
    `${rows(count)} marquée${count > 1 ? 's' : ''} « Envoyé » ; l’envoi est noté dans la feuille Historique.`,
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
  receiptCounts: (accepted: number, rejected: number, unmatched: number) =>
    `${n(accepted)} accepté(s), ${n(rejected)} rejeté(s)${unmatched > 0 ? `, ${n(unmatched)} absent(s) du classeur` : ''}.`,
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
    `Écrire le statut de ${rows(count)} dans les colonnes Statut CDC, Message CDC, Que faire et Date du statut (créées si elles manquent), et le résultat dans la feuille Historique ?`,
  receiptConfirmButton: 'Écrire les statuts',
  receiptWritten: (count: number, added: readonly string[]) =>
    `Statuts écrits pour ${rows(count)}${added.length > 0 ? ` (colonnes ajoutées : ${added.join(', ')})` : ''}. Exportez « Rejetés » après correction pour renvoyer les passages refusés.`,
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
