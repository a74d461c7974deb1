import { roundTripStrings } from './pane-round-trip';

/**
 * Every French text of the add-in (task pane, ribbon commands, template extras), in one place.
 * Field labels and help come from the dictionary; issue messages from src/core/messages.
 */

export const strings = {
  ...roundTripStrings,
  appTitle: 'Accrochage CDC',
  loading: 'Chargement…',
  // Summary
  summaryTitle: 'Résumé',
  passages: 'Passages',
  certifications: 'Certifications',
  errors: 'Erreurs',
  warnings: 'Avertissements',
  readyToExport: 'Prêt à exporter',
  notReady: 'Corrigez les erreurs avant d’exporter',
  // The CDC expects every holder; hiding or filtering rows is a display choice, so they are exported.
  hiddenRowsExported: 'Les lignes masquées ou filtrées sont vérifiées et exportées comme les autres.',
  notChecked: 'Cliquez sur « Vérifier » pour contrôler le classeur.',
  noProblem: 'Aucun problème trouvé.',
  // Actions
  check: 'Vérifier',
  exportXml: 'Exporter XML',
  newTemplate: 'Nouveau modèle',
  addMissing: 'Ajouter ce qui manque',
  clearMarks: 'Effacer les surlignages',
  cancel: 'Annuler',
  close: 'Fermer',
  copy: 'Copier le XML',
  copied: 'XML copié dans le presse-papiers.',
  // Progress
  reading: (done: number, total: number) =>
    `Lecture des lignes : ${done.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')}`,
  checking: 'Vérification des données…',
  highlighting: 'Surlignage des cellules à corriger…',
  building: 'Création du fichier XML…',
  validating: 'Validation du fichier avec le schéma XSD de la CDC…',
  cancelled: 'Opération annulée.',
  // Problem list
  problemsTitle: 'Problèmes à corriger',
  filterSeverity: 'Afficher',
  filterAll: 'Tout',
  filterErrors: 'Erreurs',
  filterWarnings: 'Avertissements',
  filterColumn: 'Colonne',
  allColumns: 'Toutes les colonnes',
  row: (sheet: string, row: number) => (row > 0 ? `${sheet}, ligne ${row}` : sheet),
  goToCell: (cell: string) => `Aller à la cellule ${cell}`,
  severityLabel: { error: 'Erreur', warning: 'Avertissement' },
  shownCount: (shown: number, total: number) => `${shown} problème(s) affiché(s) sur ${total}`,
  moreRows: (hidden: number) =>
    `… et ${hidden.toLocaleString('fr-FR')} autre(s) ligne(s). Filtrez pour les voir.`,
  // Template
  templateCreated: (sheets: readonly string[]) => `Modèle créé : feuilles ${sheets.join(', ')}.`,
  templateExists: (existing: readonly string[], missing: readonly string[]) =>
    missing.length > 0
      ? `Le classeur contient déjà ${existing.join(', ')}. Rien n’a été remplacé. Il manque : ${missing.join(', ')}.`
      : `Le classeur contient déjà toutes les feuilles du modèle (${existing.join(', ')}). Rien n’a été modifié.`,
  missingSheets: (sheets: readonly string[]) =>
    `Feuille(s) introuvable(s) : ${sheets.join(', ')}. Cliquez sur « Nouveau modèle » pour les ajouter.`,
  // Export
  exportBlocked: (errors: number) =>
    `Export impossible : ${errors} erreur(s) à corriger. Aucun fichier n’a été produit.`,
  exportXsdFailed:
    'Le fichier produit ne respecte pas le schéma de la CDC. Aucun fichier n’a été enregistré.',
  exportDone: (fileName: string, passages: number, certifications: number) =>
    `Fichier ${fileName} enregistré : ${passages} passage(s), ${certifications} certification(s).`,
  exportCopyInstead: (fileName: string) =>
    `Le téléchargement n’est pas possible ici (Excel pour Mac). Copiez le XML ci-dessous et enregistrez-le sous le nom ${fileName}.`,
  unexpectedError: (detail: string) => `Une erreur inattendue s’est produite : ${detail}`,
  highlightsCleared: 'Les surlignages ont été effacés.',
  // First run (a workbook without the template)
  welcomeTitle: 'Bienvenue',
  welcomeIntro:
    'Ce classeur ne contient pas encore le modèle de la Caisse des Dépôts. Le fichier XML se prépare en trois étapes :',
  welcomeSteps: [
    {
      title: 'Créer le modèle',
      text: 'Cliquez sur « Nouveau modèle » : les feuilles Paramètres, Passages et DIGCOMP sont ajoutées, avec les listes déroulantes et l’aide sur chaque colonne.',
    },
    {
      title: 'Remplir et vérifier',
      text: 'Saisissez ou collez une ligne par personne certifiée, puis cliquez sur « Vérifier » : chaque cellule à corriger est surlignée et expliquée.',
    },
    {
      title: 'Exporter',
      text: 'Cliquez sur « Exporter XML » : le fichier est contrôlé avec le schéma de la CDC, puis enregistré, prêt à déposer sur l’espace certificateurs.',
    },
  ],
  welcomeGuides: 'Les guides de la Caisse des Dépôts sur l’accrochage des certifications :',
  welcomeGuidesLink: 'Guides de l’espace certificateurs (moncompteformation.gouv.fr)',
  /** Public page of the CDC's guides: shown as a link, never requested by the add-in. */
  cdcGuidesUrl: 'https://certificateurs.moncompteformation.gouv.fr/espace-public/page-guide',
  welcomePrivacy: 'Vos données restent dans ce classeur : rien n’est envoyé sur Internet.',
  // Template versions
  upgradeTemplate: 'Mettre à jour le modèle',
  templateOutdated: (found: string | undefined) =>
    `Ce classeur suit une version plus ancienne du modèle${found ? ` (${found})` : ''}. « Mettre à jour le modèle » ajoute ce qui manque ; vos données, vos lignes et vos mises en forme restent telles quelles.`,
  templateUpgraded: (changes: readonly string[]) => `Modèle mis à jour : ${changes.join(' ; ')}.`,
  templateCurrent: 'Le modèle est déjà à jour : rien n’a été modifié.',
  upgradeRefused: (reasons: readonly string[]) => `Mise à jour impossible. ${reasons.join(' ')}`,
} as const;
