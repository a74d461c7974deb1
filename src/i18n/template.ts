/** French texts the template writes into the workbook itself (both writers: add-in and CLI). */

export const templateText = {
  parametersTitle: 'Paramètres du fichier CDC',
  schemaVersionLabel: 'Version du schéma CDC',
  listsTitle: 'Listes de valeurs (ne pas modifier)',
  strictListAlertTitle: 'Valeur non prévue',
  strictListAlertMessage: 'Choisissez une valeur dans la liste déroulante.',
  suggestionAlertTitle: 'Valeur hors liste',
  suggestionAlertMessage:
    'Cette valeur ne fait pas partie des valeurs proposées. Gardez-la seulement si vous êtes sûr(e).',
} as const;
