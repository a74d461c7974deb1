import { explainCdcMessage, explainXsdReceiptMessage } from '../../../src/core/receipt/cdc-messages';
import { DICTIONARY } from '../../support/dictionary';

const label = (id: string) => DICTIONARY.field(id).label;

describe('KO messages of the accusé (guide de lecture V3)', () => {
  it.each([
    [
      "Le passage certification avec le bcr émetteur 03VML243 et l'id technique partenaire 1559735 existe déjà en base",
      'alreadyRecorded',
      true,
    ],
    ['Le titulaire existe déjà en base', 'holderAlreadyRecorded', true],
    [
      "Le statut de la certification avec le bcr émetteur xxAAAxxx, l'id technique partenaire 42 et l'index 0 est KO",
      'certificationKo',
      false,
    ],
    ['Aucun titulaire ne correspond aux critères obligatoires', 'noHolderMandatory', false],
    [
      'Aucun titulaire ne correspond aux critères obligatoires enrichis du jour et du mois de naissance',
      'noHolderDayMonth',
      false,
    ],
    ['Aucun titulaire ne correspond aux critères de reconciliation', 'noHolderReconciliation', false],
    ['Aucun titulaire ne correspond à ces critères', 'noHolder', false],
    ['Plusieurs titulaires ont été identifiés', 'severalHolders', false],
    [
      "La date de fin de validité est inférieure à date de début de validité pour le passage certification avec le bcr émetteur 1234ABCD et l'id technique partenaire 9",
      'validityDates',
      false,
    ],
  ])('%s', (message, code, accepted) => {
    const explained = explainCdcMessage(message, DICTIONARY);
    expect(explained.code).toBe(code);
    expect(explained.accepted).toBe(accepted);
    expect(explained.explanation).not.toBe('');
    expect(explained.action).not.toBe('');
  });

  it('recognises messages whatever their case, accents and line breaks', () => {
    expect(
      explainCdcMessage(
        'AUCUN TITULAIRE NE CORRESPOND AUX CRITERES\n   OBLIGATOIRES ENRICHIS DU JOUR ET DU MOIS DE NAISSANCE.',
        DICTIONARY,
      ).code,
    ).toBe('noHolderDayMonth');
  });

  it('says which cells to check, by their dictionary label', () => {
    const generic = explainCdcMessage('Aucun titulaire ne correspond à ces critères', DICTIONARY);
    for (const id of ['8.1', '8.8', '8.7', '8.10']) expect(generic.action).toContain(label(id));
    expect(
      explainCdcMessage('Aucun titulaire ne correspond aux critères de reconciliation', DICTIONARY).action,
    ).toContain(label('8.10'));
    expect(explainCdcMessage("Le statut de la certification … l'index 0 est KO", DICTIONARY).fields).toEqual([
      '4.1',
      '4.2',
    ]);
  });

  it('falls back to a generic explanation for a message it does not know, counted as rejected', () => {
    const explained = explainCdcMessage('Erreur technique inattendue', DICTIONARY);
    expect(explained).toMatchObject({ code: 'unknown', accepted: false, fields: [] });
    expect(explained.action).toMatch(/ticket d’assistance/);
  });
});

describe('XSD-stage messages of the report (guide des erreurs XML V4)', () => {
  it.each([
    [
      "cvc-elt.1.a : Déclaration de l'élément 'cpf:flux' introuvable.",
      'xsdVersion',
      'Version du format erronée',
    ],
    [
      "cvc-length-valid : La valeur '1234567', ayant pour longueur '7', n'est pas un facet valide",
      'tooLong',
      'Donnée trop longue ou trop courte',
    ],
    [
      "cvc-enumeration-valid : La valeur 'H' n'est pas un facet valide par rapport à l'énumération '[M, F]'.",
      'enumeration',
      "Non-respect d'une énumération",
    ],
    [
      "cvc-type.3.1.3 : La valeur '1' de l'élément 'cpf:idClient' n'est pas valide.",
      'badFormat',
      'Donnée mal formatée',
    ],
    [
      "cvc-complex-type.2.4.b : Le contenu de l'élément 'cpf:certificateur' n'est pas complet.",
      'missing',
      'Donnée absente',
    ],
    [
      "cvc-complex-type.2.4.a : Contenu non valide trouvé à partir de l'élément 'coucou'.",
      'unexpected',
      'Donnée en trop',
    ],
    [
      "cvc-complex-type.2.4.d : Contenu non valide trouvé à partir de l'élément 'cpf:codePostalNaissance'.",
      'exclusiveChoice',
      'Non-respect du ou-exclusif',
    ],
    [
      'La chaîne "--" n\'est pas autorisée dans les commentaires.',
      'forbiddenComment',
      'Commentaire interdit',
    ],
    ['La version est obligatoire dans la déclaration XML.', 'xmlVersionMissing', 'Version XML non déclarée'],
    [
      'Le type d\'élément "cpf:idClient" doit se terminer par la balise de fin correspondante "</cpf:idClient>".',
      'closingTagMissing',
      'Balise fermante absente',
    ],
  ])('%s', (message, code, title) => {
    expect(explainXsdReceiptMessage(message)).toMatchObject({ code, title });
  });

  it('keeps a message it cannot classify, with a general action', () => {
    expect(explainXsdReceiptMessage('Un espace est obligatoire entre les données et la cible')).toMatchObject(
      { code: 'invalid' },
    );
  });
});
