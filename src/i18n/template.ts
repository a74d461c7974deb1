/** French texts the template writes into the workbook itself (both writers: add-in and CLI). */

export const templateText = {
  parametersTitle: 'Paramètres du fichier CDC',
  strictListAlertTitle: 'Valeur non prévue',
  strictListAlertMessage: 'Choisissez une valeur dans la liste déroulante.',
  suggestionAlertTitle: 'Valeur hors liste',
  suggestionAlertMessage:
    'Cette valeur ne fait pas partie des valeurs proposées. Gardez-la seulement si vous êtes sûr(e).',
} as const;

/** The template's version cell (read back by the upgrade) and what an upgrade says. */
export const upgradeText = {
  versionLabel: 'Version du modèle (ne pas modifier)',
  versionText: (template: number, schema: string) => `modèle ${template} – XSD ${schema}`,
  duplicateColumn: (sheet: string, id: string, first: string, second: string) =>
    `La feuille « ${sheet} » a deux colonnes pour la donnée ${id} (${first} et ${second}) : gardez-en une seule, puis recommencez.`,
  rightOfTable: (table: string) => `à droite du tableau ${table}`,
  rightOfHeaders: 'à droite des en-têtes',
  occupiedColumns: (count: number, place: string, sheet: string, occupied: string, start: string) =>
    `Il faut ajouter ${count} colonne(s) ${place} dans la feuille « ${sheet} », ` +
    `mais la colonne ${occupied} contient déjà des données. ` +
    `Insérez ${count} colonne(s) vide(s) à partir de ${start} (ou déplacez ces données), puis recommencez.`,
  newerTemplate: (found: string | undefined, known: number) =>
    `Ce classeur a été créé par une version plus récente de l’outil (${found}) ; cette version-ci ` +
    `connaît le modèle ${known}. Mettez à jour le complément ou l’outil accrochage : rien n’a été modifié.`,
  otherSchema: (found: string, ours: string) =>
    `Ce classeur suit la version ${found} du format de la CDC ; cet outil produit la version ${ours}. ` +
    'La mise à jour n’est pas possible : rien n’a été modifié.',
  tableElsewhere: (table: string) =>
    `Le nom de tableau « ${table} » est déjà pris par un tableau d’une autre feuille : renommez ce tableau, puis recommencez.`,
  sheetsAdded: (sheets: readonly string[]) => `feuille(s) ajoutée(s) : ${sheets.join(', ')}`,
  columnsAdded: (sheet: string, headers: readonly string[]) =>
    `colonne(s) ajoutée(s) dans « ${sheet} » : ${headers.join(', ')}`,
  listsAdded: (fields: readonly string[]) => `liste(s) de valeurs ajoutée(s) : ${fields.join(', ')}`,
  noVersionRow: (sheet: string, label: string, row: string) =>
    `La feuille « ${sheet} » n’a pas de ligne « ${label} » et la ligne ${row} est occupée : libérez-la, puis recommencez.`,
  versionNoted: (text: string) => `version du modèle notée : ${text}`,
} as const;
