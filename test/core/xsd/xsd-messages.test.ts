import { DocumentText } from '../../../src/core/xsd/document-text';
import { schemaLookup } from '../../../src/core/xsd/schema-lookup';
import { readOfficialExample, setValue } from '../../support/official-example';
import type { XsdErrorCode } from '../../../src/core/xsd/types';
import { parseXmllintOutput } from '../../../src/core/xsd/xmllint-output';
import { describeXmllintMessage, formatProblemMessage, XSD_ERROR_CLASSES, type MessageContext } from '../../../src/core/xsd/xsd-messages';
import { DICTIONARY } from '../../support/dictionary';

/**
 * libxml2 texts below were printed by xmllint (native 2.9 and xmllint-wasm 2.13) on broken variants
 * of the CDC example; see equivalence.test.ts for the variants.
 */
const NS = '{urn:cdc:cpf:pc5:schema:1.0.0}';
const lookup = schemaLookup(DICTIONARY);

function frenchFor(output: string, document?: string, fieldOnLine?: MessageContext['fieldOnLine']) {
  const [message] = parseXmllintOutput(output);
  const described = describeXmllintMessage(message, {
    lookup,
    ...(document !== undefined ? { document: new DocumentText(document) } : {}),
    ...(fieldOnLine ? { fieldOnLine } : {}),
  });
  return { code: described.code, message: formatProblemMessage(message.line, undefined, described), column: described.column };
}

const validity = (line: number, tag: string, text: string) =>
  `document.xml:${line}: Schemas validity error : Element '${NS}${tag}': ${text}`;

function expectClass(code: XsdErrorCode, title: string) {
  expect(XSD_ERROR_CLASSES[code]).toBe(title);
}

describe('Donnée trop longue ou trop courte (length facets)', () => {
  it('names the field by its French label and id, with the value libxml2 prints', () => {
    const result = frenchFor(
      validity(57, 'nomNaissance', "[facet 'maxLength'] The value 'X' has a length of '61'; this exceeds the allowed maximum length of '60'."),
    );
    expect(result.code).toBe('tooLong');
    expect(result.message).toBe("Ligne 57 : Nom de naissance (8.1) : la valeur 'X' dépasse 60 caractères (61 saisis).");
    expectClass('tooLong', 'Donnée trop longue ou trop courte');
  });

  it('reads the value from the document when streaming mode leaves it out', () => {
    const xml = setValue(readOfficialExample(), 'nomNaissance', 'Y'.repeat(61));
    const result = frenchFor(
      validity(57, 'nomNaissance', "[facet 'maxLength'] The value has a length of '61'; this exceeds the allowed maximum length of '60'."),
      xml,
    );
    expect(result.message).toContain(`la valeur '${'Y'.repeat(61)}' dépasse 60 caractères`);
  });

  it('cuts very long values', () => {
    const result = frenchFor(
      validity(72, 'commentairesMEN', `[facet 'maxLength'] The value '${'c'.repeat(251)}' has a length of '251'; this exceeds the allowed maximum length of '250'.`),
    );
    expect(result.message).toMatch(/'c{77}…' dépasse 250 caractères \(251 saisis\)/);
  });

  it('tells apart the émetteur and certificateur idClient by their parent in the document', () => {
    const text = (value: string) =>
      `[facet 'length'] The value '${value}' has a length of '7'; this differs from the allowed length of '8'.`;
    const xml = readOfficialExample();
    expect(frenchFor(validity(6, 'idClient', text('1234567')), xml)).toEqual({
      code: 'tooShort',
      message: "Ligne 6 : N° de fiche client (BCR) de l'émetteur (2.1) : la valeur '1234567' doit compter exactement 8 caractères (7 saisis).",
      column: undefined,
    });
    expect(frenchFor(validity(9, 'idClient', text('E564ACB')), xml).message).toMatch(/^Ligne 9 : N° de fiche client \(BCR\) du certificateur \(3\.1\)/);
  });

  it('prefers the field given by the source map, and says both ids when nothing tells them apart', () => {
    const raw = validity(6, 'idClient', "[facet 'length'] The value has a length of '9'; this differs from the allowed length of '8'.");
    expect(frenchFor(raw, undefined, () => '3.1').message).toMatch(/^Ligne 6 : N° de fiche client \(BCR\) du certificateur \(3\.1\)/);
    expect(frenchFor(raw).message).toMatch(/^Ligne 6 : Élément idClient \(2\.1 ou 3\.1\) : la valeur doit compter exactement 8 caractères \(9 saisis\)\.$/);
    expect(frenchFor(raw).code).toBe('tooLong');
  });

  it('says an empty value is empty', () => {
    const result = frenchFor(
      validity(19, 'urlPreuve', "[facet 'minLength'] The value has a length of '0'; this underruns the allowed minimum length of '1'."),
    );
    expect(result.code).toBe('tooShort');
    expect(result.message).toMatch(/^Ligne 19 : Lien vers la preuve numérique \(5\.2\) : la valeur est vide/);
  });
});

describe('Donnée mal formatée (pattern, type, nil)', () => {
  it('explains the expected format of a date', () => {
    const result = frenchFor(validity(27, 'dateDebutValidite', "'2021-02-30' is not a valid value of the local atomic type."));
    expect(result.code).toBe('badFormat');
    expect(result.message).toBe(
      "Ligne 27 : Date de délivrance (début de validité) (5.10) : la valeur '2021-02-30' n'a pas le format attendu (une date existante au format AAAA-MM-JJ (années 1900 à 2099)).",
    );
    expectClass('badFormat', 'Donnée mal formatée');
  });

  it('recognises the atomic type error of a named type and of a built-in type', () => {
    const named = frenchFor(validity(62, 'anneeNaissance', `'' is not a valid value of the atomic type '${NS}field-8.6-anneeNaissance'.`));
    expect(named).toMatchObject({ code: 'badFormat' });
    expect(named.message).toBe('Ligne 62 : Année de naissance (8.6) : la valeur est vide ; il faut un nombre entier sans décimales ni espaces.');
    const builtin = frenchFor(validity(22, 'donneeCertifiee', "'oui' is not a valid value of the atomic type 'xs:boolean'."));
    expect(builtin.message).toBe("Ligne 22 : Résultat définitif (5.5) : la valeur 'oui' n'a pas le format attendu (true ou false).");
  });

  it('reports a pattern failure of the horodatage', () => {
    const result = frenchFor(
      validity(4, 'horodatage', "[facet 'pattern'] The value '2020-12-18T14:24:12Z' is not accepted by the pattern '(19|20)[0-9]{2}-…'."),
    );
    expect(result.code).toBe('badFormat');
    expect(result.message).toMatch(/^Ligne 4 : Horodatage \(1\.2\) : la valeur '2020-12-18T14:24:12Z' n'a pas le format attendu \(une date et heure/);
  });

  it('reports numbers out of range with the allowed bounds', () => {
    const low = frenchFor(validity(62, 'anneeNaissance', "[facet 'minInclusive'] The value '1899' is less than the minimum value allowed ('1900')."));
    expect(low).toMatchObject({ code: 'outOfRange' });
    expect(low.message).toBe(
      "Ligne 62 : Année de naissance (8.6) : la valeur '1899' est inférieure au minimum autorisé (1900) ; il faut un nombre entre 1900 et 2099.",
    );
    const high = frenchFor(validity(63, 'moisNaissance', "[facet 'maxInclusive'] The value '13' is greater than the maximum value allowed ('12')."));
    expect(high.message).toBe(
      "Ligne 63 : Mois de naissance (8.7) : la valeur '13' est supérieure au maximum autorisé (12) ; il faut un nombre entre 1 et 12.",
    );
  });

  it('reports a nil element that has a value and a bad xsi:nil value', () => {
    expect(frenchFor(validity(28, 'dateFinValidite', "Neither character nor element content is allowed because the element is 'nilled'.")).code).toBe(
      'nilWithValue',
    );
    const attribute = frenchFor(
      `document.xml:58: Schemas validity error : Element '${NS}nomUsage', attribute '{http://www.w3.org/2001/XMLSchema-instance}nil': 'yes' is not a valid value of the atomic type 'xs:boolean'.`,
    );
    expect(attribute).toMatchObject({ code: 'badFormat' });
    expect(attribute.message).toBe('Ligne 58 : Nom d\'usage (8.2) : l\'attribut xsi:nil doit valoir "true" (ou être absent).');
  });
});

describe('Donnée absente', () => {
  it('names the missing required child, not the optional ones libxml2 lists with it', () => {
    const result = frenchFor(
      validity(72, 'titulaire', `Missing child element(s). Expected is one of ( ${NS}nomNaissance, ${NS}codePaysNaissance, ${NS}commentairesMEN ).`),
    );
    expect(result.code).toBe('missing');
    expect(result.message).toBe('Ligne 72 : Élément titulaire (bloc 8) : il manque Nom de naissance (8.1, balise nomNaissance).');
    expectClass('missing', 'Donnée absente');
  });

  it('names the émetteur idClient when the émetteur lacks it', () => {
    const result = frenchFor(validity(188, 'emetteur', `Missing child element(s). Expected is ( ${NS}idClient ).`));
    expect(result.message).toBe("Ligne 188 : Élément emetteur : il manque N° de fiche client (BCR) de l'émetteur (2.1, balise idClient).");
  });

  it('offers both options of an empty choice', () => {
    const result = frenchFor(
      validity(55, 'identificationTitulaire', `Missing child element(s). Expected is one of ( ${NS}dossierFormation, ${NS}titulaire ).`),
    );
    expect(result.message).toBe(
      "Ligne 55 : Élément identificationTitulaire : il manque l'élément dossierFormation (champs 9.1, 9.2, 9.3) ou l'élément titulaire (bloc 8).",
    );
  });

  it('reports xsi:nil on a field that must have a value', () => {
    const result = frenchFor(validity(27, 'dateDebutValidite', "The element is not 'nillable'."));
    expect(result.code).toBe('notNillable');
    expect(result.message).toBe(
      'Ligne 27 : Date de délivrance (début de validité) (5.10) : ce champ ne peut pas être « nil » (vide) : une valeur est obligatoire.',
    );
  });
});

describe('Donnée en trop', () => {
  it('reports an element the schema does not know (titre/grade of dictionary V22)', () => {
    const result = frenchFor(
      validity(14, 'titreGrade', `This element is not expected. Expected is one of ( ${NS}natureDeposant, ${NS}passageCertifications ).`),
    );
    expect(result.code).toBe('unexpected');
    expect(result.message).toBe("Ligne 14 : Élément titreGrade : cet élément n'existe pas dans le schéma 1.1.2 de la CDC : supprimez-le.");
    expectClass('unexpected', 'Donnée en trop');
  });

  it('reports a known element that comes twice', () => {
    const result = frenchFor(validity(58, 'nomNaissance', `This element is not expected. Expected is one of ( ${NS}nomUsage ).`));
    expect(result.message).toBe("Ligne 58 : Nom de naissance (8.1) : cet élément n'est pas attendu à cet endroit (en double ou mal placé).");
  });

  it('reports a second certificateur as unexpected (one certificateur per file)', () => {
    expect(frenchFor(validity(188, 'certificateur', 'This element is not expected.')).code).toBe('unexpected');
  });

  it('reports an attribute, text in a container and a tag inside a field', () => {
    expect(
      frenchFor(`document.xml:3: Schemas validity error : Element '${NS}idFlux', attribute 'lang': The attribute 'lang' is not allowed.`),
    ).toMatchObject({ code: 'unexpectedAttribute', message: "Ligne 3 : Identifiant du flux (1.1) : l'attribut 'lang' n'est pas autorisé ici." });
    expect(
      frenchFor(validity(5, 'emetteur', "Character content other than whitespace is not allowed because the content type is 'element-only'.")).code,
    ).toBe('unexpected');
    expect(frenchFor(validity(11, 'idContrat', 'Element content is not allowed, because the type definition is simple.')).code).toBe(
      'unexpected',
    );
  });

  it('reports an element written without the CDC namespace', () => {
    const result = frenchFor("document.xml:75: Schemas validity error : Element 'verbatim': This element is not expected.");
    expect(result.code).toBe('unexpected');
    expect(result.message).toMatch(/^Ligne 75 : Information complémentaire \(5\.17\) : la balise verbatim n'est pas dans l'espace de noms de la CDC/);
  });
});

describe('Non-respect du ou-exclusif', () => {
  it.each([
    ['titulaire', 'dossierFormation et titulaire'],
    ['codePostalNaissance', 'codeInseeNaissance et codePostalNaissance'],
  ])('reports %s sent beside the other option', (tag, options) => {
    const result = frenchFor(validity(56, tag, 'This element is not expected.'));
    expect(result.code).toBe('exclusiveChoice');
    expect(result.message).toContain(`un seul élément parmi ${options} est permis`);
  });

  it('belongs to the CDC class of the same name', () => expectClass('exclusiveChoice', 'Non-respect du ou-exclusif'));
});

describe("Non-respect d'une énumération", () => {
  it('lists the allowed codes with their French labels', () => {
    const result = frenchFor(
      validity(21, 'obtentionCertification', "[facet 'enumeration'] The value 'ADMISSION' is not an element of the set {'PAR_ADMISSION', 'PAR_SCORING'}."),
    );
    expect(result.code).toBe('enumeration');
    expect(result.message).toBe(
      "Ligne 21 : Obtention de la certification (5.4) : la valeur 'ADMISSION' n'est pas dans la liste autorisée : PAR_ADMISSION (Par admission), PAR_SCORING (Par scoring).",
    );
    expect(frenchFor(validity(65, 'sexe', "[facet 'enumeration'] The value 'H' is not an element of the set {'M', 'F'}.")).message).toBe(
      "Ligne 65 : Sexe (8.9) : la valeur 'H' n'est pas dans la liste autorisée : M, F.",
    );
    expectClass('enumeration', "Non-respect d'une énumération");
  });
});

describe('Version XSD erronée', () => {
  it('explains the namespace expected for the root', () => {
    const old = frenchFor(
      "document.xml:2: Schemas validity error : Element '{urn:cdc:cpf:pc5:schema:0.0.0}flux': No matching global declaration available for the validation root.",
    );
    expect(old.code).toBe('xsdVersion');
    expect(old.message).toBe(
      "Ligne 2 : Élément flux : l'élément racine n'est pas reconnu : il doit être flux dans l'espace de noms urn:cdc:cpf:pc5:schema:1.0.0 (XSD 1.1.2), le fichier utilise urn:cdc:cpf:pc5:schema:0.0.0.",
    );
    const none = frenchFor("document.xml:2: Schemas validity error : Element 'flux': No matching global declaration available for the validation root.");
    expect(none.message).toMatch(/le fichier n'en déclare aucun\.$/);
    expectClass('xsdVersion', 'Version du format erronée');
  });
});

describe('XML mal formé (parser errors)', () => {
  const parser = (line: number, text: string, excerpt = 'x', caret = 0) =>
    `document.xml:${line}: parser error : ${text}\n${excerpt}\n${' '.repeat(caret)}^\n`;

  it.each<[string, string, XsdErrorCode, RegExp]>([
    ['closing tag missing', 'Opening and ending tag mismatch: idContrat line 10 and certificateur', 'closingTagMissing', /la balise <idContrat> ouverte ligne 10 n'est pas fermée avant <\/certificateur>/],
    ['truncated file', 'Premature end of data in tag passageCertification line 17', 'closingTagMissing', /fichier tronqué/],
    ['">" missing', "Couldn't find end of Start Tag flux line 2", 'unclosedTag', /la balise <flux> est mal écrite ou n'est pas fermée par « > »/],
    ['invalid element name', 'StartTag: invalid element name', 'unclosedTag', /une balise est mal écrite/],
    ['XML 2.0', "Unsupported version '2.0'", 'xmlVersion', /la version XML "2\.0" n'est pas prise en charge/],
    ['version missing', 'Malformed declaration expecting version', 'xmlVersionMissing', /déclaration XML est incorrecte/],
    ['"--" in a comment', 'Double hyphen within comment: <!-- a', 'forbiddenComment', /« -- » est interdite/],
    ['NUL character', 'Invalid character: Char 0x0 out of allowed range', 'invalidCharacter', /caractère interdit/],
    ['not UTF-8', 'Input is not proper UTF-8, indicate encoding !', 'invalidCharacter', /n'est pas encodé en UTF-8/],
    ['raw ampersand', 'xmlParseEntityRef: no name', 'malformedXml', /&amp;/],
    ['empty file', 'Document is empty', 'malformedXml', /le fichier est vide/],
    ['anything else', 'Something new in libxml2', 'malformedXml', /le fichier XML est mal formé \(Something new in libxml2\)/],
  ])('%s', (_, text, code, message) => {
    const result = frenchFor(parser(5, text));
    expect(result.code).toBe(code);
    expect(result.message).toMatch(/^Ligne 5 : /);
    expect(result.message).toMatch(message);
  });

  it('maps each code to a CDC class', () => {
    expectClass('closingTagMissing', 'Balise fermante absente');
    expectClass('unclosedTag', 'Balise XML non fermée');
    expectClass('forbiddenComment', 'Commentaire interdit');
    expectClass('xmlVersion', 'Version XML erronée');
    expectClass('xmlVersionMissing', 'Version XML non déclarée');
  });

  it('finds the column of the caret in the real line', () => {
    const xml = readOfficialExample().replace('Toulouse', 'Toulouse & co');
    const output = parser(71, 'xmlParseEntityRef: no name', '                              <cpf:libelleCommuneNaissance>Toulouse & co</cpf:li', 69);
    expect(frenchFor(output, xml).column).toBe(70);
  });
});

describe('other messages', () => {
  it('keeps the English text of an unknown validity error', () => {
    const result = frenchFor(validity(3, 'idFlux', 'Something libxml2 may say one day.'));
    expect(result.code).toBe('invalid');
    expect(result.message).toBe('Ligne 3 : Identifiant du flux (1.1) : valeur ou structure refusée par le schéma (Something libxml2 may say one day.)');
  });

  it('writes the workbook location after the line when there is one', () => {
    const [message] = parseXmllintOutput(validity(65, 'sexe', "[facet 'enumeration'] The value 'H' is not an element of the set {'M', 'F'}."));
    const described = describeXmllintMessage(message, { lookup });
    expect(formatProblemMessage(65, { sheet: 'Passages', row: 12, field: '8.9' }, described)).toBe(
      "Ligne 65 (feuille « Passages », ligne 12) : Sexe (8.9) : la valeur 'H' n'est pas dans la liste autorisée : M, F.",
    );
  });
});
