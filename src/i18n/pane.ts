import { roundTripStrings } from './pane-round-trip';

/** « 1 erreur », « 3 erreurs », « 1 000 passages ». */
function count(n: number, noun: string): string {
  return `${n.toLocaleString('fr-FR')} ${noun}${n > 1 ? 's' : ''}`;
}

/**
 * Every French text of the add-in (task pane, ribbon commands, template extras), in one place.
 * Field labels and help come from the dictionary; issue messages from src/core/messages.
 */

export const strings = {
  ...roundTripStrings,
  appTitle: 'Accrochage CDC',
  loading: 'Chargement…',
  // The verdict about the workbook (src/controllers/headline.ts) and its totals
  summaryTitle: 'Résumé',
  verdict: {
    ready: 'Prêt',
    readyWithPoints: 'Prêt, avec des points à vérifier',
    blocked: (errors: number) => `Bloqué : ${count(errors, 'erreur')}`,
    rejected: (rows: number) =>
      `À corriger : ${count(rows, 'passage')} rejeté${rows > 1 ? 's' : ''} par la CDC`,
    blockedAndRejected: (errors: number, rows: number) =>
      `Bloqué : ${count(errors, 'erreur')}, ${count(rows, 'passage')} rejeté${rows > 1 ? 's' : ''} par la CDC`,
  },
  totals: (passages: number, certifications: number) =>
    `${count(passages, 'passage')}, ${count(certifications, 'certification')} dans le classeur`,
  detailsTitle: 'Détails',
  detailsErrors: (errors: number, warnings: number) =>
    `${count(errors, 'erreur')} à corriger, ${count(warnings, 'point')} à vérifier (avertissements).`,
  detailsRejected: (rows: number) =>
    `${count(rows, 'passage')} rejeté${rows > 1 ? 's' : ''} par la CDC, pas encore corrigé${rows > 1 ? 's' : ''} (listé${rows > 1 ? 's' : ''} sous « Rejeté par la CDC »).`,
  // The CDC expects every holder; hiding or filtering rows is a display choice, so they are exported.
  hiddenRowsExported: 'Les lignes masquées ou filtrées sont vérifiées et exportées comme les autres.',
  noProblem: 'Aucun problème trouvé.',
  // The next step (src/controllers/next-step.ts): its title before any check, what to do, and its button
  stepTitle: {
    createTemplate: 'Bienvenue',
    fillParameters: 'Remplissez les paramètres',
    enterPassages: 'Saisissez les passages',
    check: 'Vérifiez le classeur',
    export: 'Prêt',
    deposit: 'Fichier exporté, à déposer',
    importReceipt: 'Fichier déposé',
    fixRejected: 'Passages rejetés à corriger',
  },
  stepText: {
    createTemplate: 'Commencez par « Créer le modèle ».',
    fillParameters:
      'La feuille Paramètres attend le BCR de l’émetteur, celui du certificateur et le n° de contrat, une seule fois pour tout le fichier. « Remplir les paramètres » sélectionne les cellules à remplir.',
    enterPassages:
      'Saisissez ou collez une ligne par personne certifiée dans la feuille Passages (« Saisir les passages » vous y emmène), puis cliquez sur « Vérifier ».',
    check:
      'Cliquez sur « Vérifier » : chaque cellule est contrôlée, et celles à corriger sont surlignées et listées ici.',
    fix: 'Corrigez les cellules listées ci-dessous (un clic sur un problème sélectionne sa cellule), puis cliquez sur « Vérifier ».',
    export:
      'Cliquez sur « Exporter » pour enregistrer le fichier XML à déposer sur l’espace certificateurs de la CDC.',
    deposit:
      'Déposez le fichier sur l’espace certificateurs de la CDC, puis cliquez sur « J’ai déposé le fichier ». Quand la CDC envoie son accusé de traitement, importez-le avec « Importer un accusé ».',
    depositSeveral:
      'Déposez les fichiers sur l’espace certificateurs de la CDC, cochez ceux que vous avez déposés, puis cliquez sur « J’ai déposé les fichiers cochés ». Quand la CDC envoie ses accusés de traitement, importez-les avec « Importer un accusé ».',
    importReceipt:
      'Quand la CDC envoie son accusé de traitement (sur l’espace certificateurs), importez-le avec « Importer un accusé ».',
    fixRejected:
      'Corrigez les passages listés sous « Rejeté par la CDC » (un clic sélectionne la cellule), puis choisissez « Rejetés » dans les options d’export et cliquez sur « Exporter ».',
  },
  parametersShownText:
    'Remplissez les cellules sélectionnées de la feuille Paramètres, puis saisissez les passages et cliquez sur « Vérifier ».',
  nextStepLabel: 'Étape suivante :',
  // Actions (the same label in the pane, the ribbon (manifest.xml) and the guide)
  check: 'Vérifier',
  exportXml: 'Exporter',
  newTemplate: 'Créer le modèle',
  fillParameters: 'Remplir les paramètres',
  enterPassages: 'Saisir les passages',
  addMissing: 'Compléter le modèle',
  clearMarks: 'Effacer les surlignages',
  cancel: 'Annuler',
  close: 'Fermer',
  copy: 'Copier le XML',
  copied: 'XML copié dans le presse-papiers.',
  mainActions: 'Actions',
  // Progress: the status line says what is happening
  checkStarting: 'Vérification : lecture du classeur…',
  exportStarting: 'Export : lecture du classeur…',
  reading: (done: number, total: number) =>
    `Lecture des lignes : ${done.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')}`,
  checking: 'Vérification des données…',
  highlighting: 'Surlignage des cellules à corriger…',
  building: 'Création du fichier XML…',
  validating: 'Contrôle du fichier avec le format de la CDC…',
  creatingTemplate: 'Création du modèle…',
  selecting: 'Sélection des cellules…',
  cancelled: 'Opération annulée.',
  // Problem list
  problemsTitle: 'Problèmes à corriger',
  filterSeverity: 'Afficher',
  filterAll: 'Tout',
  filterErrors: 'Erreurs',
  filterWarnings: 'Avertissements',
  filterColumn: 'Colonne',
  allColumns: 'Toutes les colonnes',
  sectionTitle: (sheet: string, problems: number) => `${sheet} (${count(problems, 'problème')})`,
  rejectedSectionTitle: (rows: number) => `Rejeté par la CDC (${count(rows, 'passage')})`,
  rejectedBadge: 'Rejeté par la CDC',
  groupTitle: (row: number, holder: string | undefined) =>
    row === 0 ? 'Toute la feuille' : holder ? `${holder}, ligne ${row}` : `Ligne ${row}`,
  digcompGroupTitle: (row: number, holder: string | undefined) =>
    holder ? `Résultat DIGCOMP de ${holder}, ligne ${row}` : `Ligne ${row}`,
  severityLabel: { error: 'Erreur', warning: 'Avertissement' },
  /** In a problem's accessible name, after its severity and field: « Erreur, Code INSEE (8.10), cellule AI3. » */
  cellLabel: (cell: string) => `cellule ${cell}`,
  shownCount: (shown: number, total: number) => `${shown} problème(s) affiché(s) sur ${total}`,
  moreRows: (hidden: number) =>
    `… et ${hidden.toLocaleString('fr-FR')} autre(s) ligne(s). Filtrez pour les voir.`,
  /** A problem the format check of the produced file found: its technical wording stays behind a disclosure. */
  formatProblem: 'Le fichier produit ne respecte pas le format de la CDC à cet endroit.',
  technicalDetail: 'Détail technique',
  idsMissing: (rows: number) =>
    `${count(rows, 'passage')} sans identifiant technique : le complément peut ${rows > 1 ? 'leur' : 'lui'} en donner un.`,
  // Template
  templateCreated: (sheets: readonly string[]) => `Modèle créé : feuilles ${sheets.join(', ')}.`,
  templateExists: (existing: readonly string[], missing: readonly string[]) =>
    missing.length > 0
      ? `Le classeur contient déjà ${existing.join(', ')}. Rien n’a été remplacé. Il manque : ${missing.join(', ')}.`
      : `Le classeur contient déjà toutes les feuilles du modèle (${existing.join(', ')}). Rien n’a été modifié.`,
  noTemplateYet: 'Ce classeur ne contient pas encore le modèle : commencez par « Créer le modèle ».',
  missingSheets: (sheets: readonly string[]) =>
    `Feuille(s) introuvable(s) : ${sheets.join(', ')}. Cliquez sur « Compléter le modèle » pour les ajouter sans toucher au reste.`,
  // Export
  exportBlocked: (errors: number) =>
    `Export impossible : ${errors} erreur(s) à corriger. Aucun fichier n’a été produit.`,
  exportXsdFailed:
    'Le fichier produit ne respecte pas le format de la CDC. Aucun fichier n’a été enregistré.',
  exportDone: (fileName: string, passages: number, certifications: number) =>
    `Fichier ${fileName} enregistré : ${passages} passage(s), ${certifications} certification(s).`,
  exportCopyInstead: (fileName: string) =>
    `Le téléchargement n’est pas possible ici (Excel pour Mac). Copiez le XML ci-dessous et enregistrez-le sous le nom ${fileName}.`,
  unexpectedError: (detail: string) => `Une erreur inattendue s’est produite : ${detail}`,
  highlightsCleared: 'Les surlignages ont été effacés.',
  // First run (a workbook without the template)
  welcomeTitle: 'Bienvenue',
  welcomeIntro:
    'Ce classeur ne contient pas encore le modèle de la Caisse des Dépôts. Le fichier à déposer sur l’espace certificateurs se prépare en quatre étapes :',
  welcomeSteps: [
    {
      title: 'Créer le modèle',
      text: 'Le bouton « Créer le modèle » ajoute les feuilles Paramètres, Passages et DIGCOMP, avec les listes déroulantes et l’aide sur chaque colonne.',
    },
    {
      title: 'Remplir les paramètres',
      text: 'Le BCR de l’émetteur, celui du certificateur et le n° de contrat, une fois pour tout le fichier.',
    },
    {
      title: 'Saisir et vérifier',
      text: 'Une ligne par personne certifiée dans la feuille Passages, puis « Vérifier » : chaque cellule à corriger est surlignée et expliquée.',
    },
    {
      title: 'Exporter',
      text: '« Exporter » contrôle le fichier avec le format de la CDC, puis l’enregistre, prêt à déposer.',
    },
  ],
  welcomeImportTitle: 'Vous avez déjà des données ?',
  welcomeImportText:
    'Importez un fichier XML CDC fait par un autre outil, ou reprenez un tableau de ce classeur (sélectionnez-le d’abord, avec sa ligne d’en-têtes).',
  welcomeGuides: 'Les guides de la Caisse des Dépôts sur l’accrochage des certifications :',
  welcomeGuidesLink: 'Guides de l’espace certificateurs (moncompteformation.gouv.fr)',
  /** Public page of the CDC's guides: shown as a link, never requested by the add-in. */
  cdcGuidesUrl: 'https://certificateurs.moncompteformation.gouv.fr/espace-public/page-guide',
  welcomePrivacy: 'Vos données restent dans ce classeur : rien n’est envoyé sur Internet.',
  // Template versions
  upgradeTemplate: 'Mettre à jour le modèle',
  // The version text of the workbook (« modèle 1 – XSD 1.1.2 ») is for the upgrade, not for the user.
  templateOutdated:
    'Ce classeur suit une version plus ancienne du modèle. « Mettre à jour le modèle » ajoute ce qui manque ; vos données, vos lignes et vos mises en forme restent telles quelles.',
  templateUpgraded: (changes: readonly string[]) => `Modèle mis à jour : ${changes.join(' ; ')}.`,
  templateCurrent: 'Le modèle est déjà à jour : rien n’a été modifié.',
  upgradeRefused: (reasons: readonly string[]) => `Mise à jour impossible. ${reasons.join(' ')}`,
} as const;
