import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReceipt, RECEIPT_LIMITS } from '../../../src/core/receipt/parse-receipt';
import type { ParseReceiptResult, Receipt } from '../../../src/core/receipt/types';
import { SHARED_CDC } from '../../support/paths';

const SHARED = SHARED_CDC;
const sample = (name: string) => readFileSync(path.join(SHARED, name));

function receiptOf(result: ParseReceiptResult): Receipt {
  if (!result.ok) throw new Error(`expected an accusé, got ${result.code}: ${result.message}`);
  return result.receipt;
}

function failureOf(result: ParseReceiptResult): { code: string; message: string } {
  if (result.ok) throw new Error('expected a refusal');
  return result;
}

const rapport = (body: string, attributes = ' xmlns:ns2="urn:cdc:cpf:pc5:rapport:schema"') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rapport${attributes}>${body}</rapport>`;

describe('functional accusé (PassagesKO / PassagesOK)', () => {
  it('reads the real 2023 accusé: header, KO passages with their message, OK passages', () => {
    const receipt = receiptOf(parseReceipt(sample('accuses/accuse-traitement-sample-pix-20231018.xml')));
    expect(receipt).toEqual({
      kind: 'functional',
      fileName: 'pix-cpf-export-20231016-223239.xml',
      idFlux: '4df76fd4-0915-46df-8c56-525506af35be',
      idTraitement: '67598',
      rejected: [
        { idTechnique: '1979262', message: 'Aucun titulaire ne correspond aux critères obligatoires' },
        {
          idTechnique: '1996215',
          message:
            'Aucun titulaire ne correspond aux critères obligatoires enrichis du jour et du mois de naissance',
        },
        {
          idTechnique: '1983189',
          message:
            "Le passage certification avec le bcr émetteur 03VML243 et l'id technique partenaire 1559735 existe déjà en base",
        },
      ],
      accepted: ['1968666', '1964200'],
    });
  });

  it('reads the older format of the guide: no namespace, idDemande, OK only or KO only', () => {
    const receipt = receiptOf(
      parseReceipt(
        rapport(
          '<nomFichier>Exemple-280722.xml</nomFichier><idDemande>1710</idDemande><PassagesKO><passage>' +
            '<idTechnique>12345</idTechnique><messageErreur>Aucun titulaire ne correspond à ces critères</messageErreur>' +
            '</passage></PassagesKO><PassagesOK><idTechnique>67890</idTechnique></PassagesOK>',
          '',
        ),
      ),
    );
    expect(receipt).toMatchObject({ kind: 'functional', idDemande: '1710', accepted: ['67890'] });
    expect(receipt.kind === 'functional' && receipt.rejected).toEqual([
      { idTechnique: '12345', message: 'Aucun titulaire ne correspond à ces critères' },
    ]);
    expect(
      receiptOf(parseReceipt(rapport('<PassagesOK><idTechnique>1</idTechnique></PassagesOK>'))),
    ).toMatchObject({
      rejected: [],
      accepted: ['1'],
    });
  });

  it('accepts prefixed rapport elements, lower-case section names and messages wrapped over lines', () => {
    const xml =
      '<ns2:rapport xmlns:ns2="urn:cdc:cpf:pc5:rapport:schema"><ns2:passagesKO><ns2:passage>' +
      '<ns2:idTechnique> A-1 </ns2:idTechnique><ns2:messageErreur>Le statut de la certification avec le bcr émetteur\n' +
      "        xxAAAxxx, l'id technique partenaire A-1 et l'index 0 est\n        KO</ns2:messageErreur></ns2:passage></ns2:passagesKO></ns2:rapport>";
    const receipt = receiptOf(parseReceipt(xml));
    expect(receipt.kind === 'functional' && receipt.rejected).toEqual([
      {
        idTechnique: 'A-1',
        message:
          "Le statut de la certification avec le bcr émetteur xxAAAxxx, l'id technique partenaire A-1 et l'index 0 est KO",
      },
    ]);
  });

  it('keeps duplicated entries for the tracking to merge, and warns about a KO passage without idTechnique', () => {
    const result = parseReceipt(
      rapport(
        '<PassagesKO><passage><messageErreur>Plusieurs titulaires ont été identifiés</messageErreur></passage></PassagesKO>' +
          '<PassagesOK><idTechnique>7</idTechnique><idTechnique>7</idTechnique></PassagesOK>',
      ),
    );
    expect(receiptOf(result)).toMatchObject({ rejected: [], accepted: ['7', '7'] });
    expect(result.ok && result.warnings.join()).toMatch(/sans identifiant technique.*Plusieurs titulaires/);
  });

  it('decodes an accusé saved in ISO-8859-1 as its declaration says', () => {
    const text = rapport(
      '<PassagesKO><passage><idTechnique>é1</idTechnique><messageErreur>déjà</messageErreur></passage></PassagesKO>',
    ).replace('UTF-8', 'ISO-8859-1');
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    expect(receiptOf(parseReceipt(bytes))).toMatchObject({
      rejected: [{ idTechnique: 'é1', message: 'déjà' }],
    });
  });

  it('cuts an absurdly long text and says so', () => {
    const result = parseReceipt(
      rapport(
        `<PassagesKO><passage><idTechnique>1</idTechnique><messageErreur>${'a'.repeat(10_000)}</messageErreur></passage></PassagesKO>`,
      ),
    );
    const receipt = receiptOf(result);
    expect(receipt.kind === 'functional' && receipt.rejected[0].message.length).toBe(
      RECEIPT_LIMITS.maxTextLength + 1,
    );
    expect(result.ok && result.warnings.join()).toMatch(/raccourci/);
  });
});

describe('XSD-rejection report (erreurs / erreur)', () => {
  it('reads the report of the CDC guide: type, message, line and column of each error', () => {
    const receipt = receiptOf(parseReceipt(sample('derived/accuse-traitement-rejet-xsd.transcription.xml')));
    expect(receipt).toEqual({
      kind: 'xsdRejection',
      fileName: 'xsdMauvaiseVersionDuXSD.xml',
      idDemande: '474',
      errors: [
        {
          type: 'XSD',
          message: "cvc-elt.1.a : Déclaration de l'élément 'cpf:flux' introuvable.",
          line: 2,
          column: 52,
        },
      ],
    });
  });

  it('reads the 2023 variant with idTraitement and messages indented over several lines', () => {
    const receipt = receiptOf(
      parseReceipt(
        rapport(
          '<nomFichier>f.xml</nomFichier><idTraitement>99</idTraitement><erreurs><erreur><type>XSD</type><message>\n' +
            "        cvc-complex-type.2.4.b : Le contenu de l'élément 'cpf:certificateur' n'est pas complet.\n" +
            "        L'un des éléments '{idClient}' est attendu.\n    </message><ligne>205</ligne><colonne>30</colonne></erreur>" +
            '<erreur><type>XSD</type><message>sans position</message></erreur></erreurs>',
        ),
      ),
    );
    expect(receipt).toEqual({
      kind: 'xsdRejection',
      fileName: 'f.xml',
      idTraitement: '99',
      errors: [
        {
          type: 'XSD',
          message:
            "cvc-complex-type.2.4.b : Le contenu de l'élément 'cpf:certificateur' n'est pas complet. L'un des éléments '{idClient}' est attendu.",
          line: 205,
          column: 30,
        },
        { type: 'XSD', message: 'sans position' },
      ],
    });
  });
});

describe('files that are not an accusé get a French reason', () => {
  it.each([
    [
      'a CDC flux (the file one sends)',
      readFileSync(path.join(SHARED, 'examples', 'cdc-flux-1.1.2-example.xml')),
      'fluxNotReceipt',
      /fichier de passages/,
    ],
    ['another XML document', '<facture><total>3</total></facture>', 'notAReceipt', /« facture »/],
    [
      'a rapport of another namespace',
      rapport('<PassagesOK/>', ' xmlns="urn:example:autre"'),
      'wrongNamespace',
      /urn:example:autre/,
    ],
    ['plain text', 'Bonjour, voici l’accusé', 'notXml', /n'est pas un XML lisible/],
    [
      'a truncated accusé',
      rapport('<PassagesOK><idTechnique>1</idTechnique>').slice(0, -10),
      'notXml',
      /XML lisible/,
    ],
    ['an Excel workbook', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'zip', /archive ZIP/],
    [
      'bytes that are no UTF-8',
      Uint8Array.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]),
      'encoding',
      /pas un texte lisible/,
    ],
    ['an empty file', '  \n', 'empty', /vide/],
    ['a rapport with nothing in it', rapport('<nomFichier>x.xml</nomFichier>'), 'noContent', /ni passages/],
  ])('%s', (_what, input, code, message) => {
    const failure = failureOf(parseReceipt(input));
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(message);
  });
});

describe('hostile input is refused without being expanded or followed', () => {
  it('refuses an external entity (XXE) and never shows the referenced file', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE rapport [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      '<rapport><PassagesKO><passage><idTechnique>&xxe;</idTechnique><messageErreur>x</messageErreur></passage></PassagesKO></rapport>';
    const failure = failureOf(parseReceipt(xml));
    expect(failure.code).toBe('doctype');
    expect(failure.message).not.toMatch(/root:/);
  });

  it('refuses entity expansion ("billion laughs") at the DOCTYPE, before any expansion', () => {
    const entities = Array.from(
      { length: 10 },
      (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
    ).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE rapport [<!ENTITY l0 "ha">${entities}]><rapport><PassagesOK><idTechnique>&l10;</idTechnique></PassagesOK></rapport>`;
    const started = Date.now();
    expect(failureOf(parseReceipt(xml)).code).toBe('doctype');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a DOCTYPE even without entities, and an undeclared entity reference', () => {
    expect(
      failureOf(parseReceipt('<!DOCTYPE rapport SYSTEM "http://example.org/r.dtd"><rapport/>')).code,
    ).toBe('doctype');
    expect(
      failureOf(parseReceipt(rapport('<PassagesOK><idTechnique>&xxe;</idTechnique></PassagesOK>'))).code,
    ).toBe('notXml');
  });

  it('refuses a file over the size limit before parsing it', () => {
    const huge = rapport(`<PassagesOK>${'<idTechnique>1</idTechnique>'.repeat(2_000_000)}</PassagesOK>`);
    expect(huge.length).toBeGreaterThan(RECEIPT_LIMITS.maxBytes);
    const failure = failureOf(parseReceipt(huge));
    expect(failure.code).toBe('tooLarge');
    expect(failure.message).toMatch(/Mo/);
  });

  it('refuses absurd nesting and element counts', () => {
    const deep = `<rapport>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</rapport>`;
    expect(failureOf(parseReceipt(deep)).code).toBe('tooDeep');
    const many = rapport(`<PassagesOK>${'<idTechnique>1</idTechnique>'.repeat(1001)}</PassagesOK>`);
    expect(failureOf(parseReceipt(many, { maxElements: 1000 })).code).toBe('tooManyElements');
  });
});
