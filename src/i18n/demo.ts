/** The demo page (npm run demo): the task pane next to an in-browser workbook. */
export const demoText = {
  title: 'Démonstration sans Excel',
  intro:
    'À gauche, le volet du complément ; à droite, un classeur simulé dans le navigateur. Rien ne quitte cet ordinateur.',
  loadMistakes: 'Exemple avec erreurs',
  loadValid: 'Exemple valide',
  loadEmpty: 'Classeur vide',
  workbook: 'Classeur',
  sheets: 'Feuilles',
  cellLabel: (address: string) => `Cellule ${address}`,
  noCell: 'Cliquez sur une cellule pour la modifier.',
  apply: 'Valider',
  emptySheet: 'Feuille vide',
} as const;
