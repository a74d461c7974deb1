/** What the tool says about an official XSD the user loads (src/core/xsd/official-xsd.ts). */
export const officialXsdText = {
  tooLarge: 'Ce fichier est bien trop gros pour être un XSD de la CDC (plus de 10 Mo).',
  notASchema: (root: string) =>
    `Ce fichier XML commence par « ${root} » : ce n’est pas un schéma XSD (xsd:schema).`,
  doctype:
    'Ce fichier contient une déclaration DOCTYPE : il est refusé par sécurité (un XSD de la CDC n’en a pas).',
  unreadable: (line?: number, detail?: string) =>
    `Ce fichier n’est pas un XSD lisible${line !== undefined ? ` (ligne ${line} : ${detail})` : ''}.`,
  unknownVersion: 'non indiquée',
  noNamespace: '(aucun)',
  otherNamespace: (namespace: string, version: string, ourNamespace: string, ourVersion: string) =>
    `Le XSD fourni décrit l’espace de noms ${namespace} (version ${version}) alors que cet ` +
    `outil produit des fichiers ${ourNamespace} (XSD ${ourVersion}) : la CDC refuserait l’un ou l’autre ` +
    '(« Déclaration de l’élément cpf:flux introuvable »). Vérifiez que c’est bien le XSD des certificateurs ' +
    'téléchargé sur l’espace certificateurs, et mettez à jour l’outil s’il est plus récent.',
  otherVersion: (version: string, ourVersion: string) =>
    `Le XSD fourni est en version ${version} ; cet outil produit des fichiers au format ${ourVersion}. ` +
    'Chaque export est vérifié avec les deux : s’il passe le XSD fourni, vous pouvez le déposer ; sinon, ' +
    'la liste des erreurs dit ce que la nouvelle version exige, et une mise à jour de l’outil sera nécessaire.',
} as const;
