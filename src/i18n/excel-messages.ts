/**
 * French texts about what real Excel does to the add-in's requests (issue 15): Edit mode, protected sheets,
 * read-only workbooks, ribbon commands waiting their turn, and the messages written at highlighted cells.
 */

function sheetList(sheets: readonly string[]): string {
  return sheets.length <= 1
    ? (sheets[0] ?? '')
    : `${sheets.slice(0, -1).join(', ')} et ${sheets[sheets.length - 1]}`;
}

export const excelText = {
  /** Excel refused a request because a cell is being edited (InvalidOperationInCellEditMode). */
  cellEditRefused: 'Terminez la saisie en cours dans la cellule (Entrée ou Échap), puis recommencez.',
  /** A request has not come back for a while: maybe Excel waits for the end of an entry (delayForCellEdit). */
  excelWaiting:
    'Excel ne répond pas encore : si vous êtes en train de saisir dans une cellule, terminez la saisie (Entrée ou Échap) et l’opération reprendra.',
  /** Excel refused a write (AccessDenied). */
  accessDenied:
    'Excel a refusé de modifier le classeur : une feuille est protégée ou le classeur est ouvert en lecture seule. Ôtez la protection (Révision › Ôter la protection de la feuille) ou travaillez sur une copie modifiable, puis recommencez.',
  protectedNoHighlight: (sheets: readonly string[]) =>
    sheets.length > 1
      ? `Les feuilles ${sheetList(sheets)} sont protégées : les problèmes sont listés ici mais ne peuvent pas être surlignés.`
      : `La feuille ${sheets[0]} est protégée : les problèmes sont listés ici mais ne peuvent pas être surlignés.`,
  protectedNoClear: (sheets: readonly string[]) =>
    `Les surlignages ont été effacés, sauf sur ${sheets.length > 1 ? 'les feuilles' : 'la feuille'} ${sheetList(sheets)}, protégée${sheets.length > 1 ? 's' : ''} : ôtez la protection (Révision › Ôter la protection de la feuille), puis recommencez.`,
  highlightFailed: (reason: string) =>
    `Les problèmes sont listés ici, mais Excel a refusé de les surligner dans le classeur (${reason}).`,
  /** Reasons given in highlightFailed. */
  reasonAccessDenied: 'feuille protégée ou classeur en lecture seule',
  reasonCellEdit: 'une cellule est en cours de saisie',
  readOnlyWorkbook:
    'Ce classeur est ouvert en lecture seule : ce que le complément y écrit (surlignages, statuts) ne pourra pas être enregistré dans ce fichier. Enregistrez une copie pour le garder.',
  /** A ribbon command that waits for the one running. */
  queued: (action: string) => `« ${action} » démarrera dès la fin de l’opération en cours.`,
  /** The XML files are out but the rows could not be marked as sent. */
  statusesNotWritten: (reason: string) =>
    `Les passages n’ont pas pu être marqués « Exporté — à déposer » dans le classeur (${reason}) : le fichier, lui, a bien été enregistré.`,
  /** The message shown at a highlighted cell (note or input message). */
  cellMessageTitle: 'Accrochage CDC',
  severity: { error: 'Erreur', warning: 'Avertissement' },
} as const;
