import * as fs from 'fs';
import * as path from 'path';

/**
 * Test support: the CDC reference files, read in place (never copied into the project), and
 * variants of the official example that each break (or deliberately keep) one rule of the XSD.
 */

import { OFFICIAL_EXAMPLE, XSD_DIR } from './paths';

export {
  REPO_ROOT,
  OFFICIAL_XSD as OFFICIAL_XSD_PATH,
  OFFICIAL_EXAMPLE as OFFICIAL_EXAMPLE_PATH,
} from './paths';
export const OUR_XSD_PATH = path.join(XSD_DIR, 'accrochage-cdc-1.1.2.xsd');

export function readOfficialExample(): string {
  return fs.readFileSync(OFFICIAL_EXAMPLE, 'utf8');
}

/** Replaces the first occurrence of `search`; throws when absent so a variant never silently stays valid. */
export function replaceFirst(xml: string, search: string | RegExp, replacement: string): string {
  const found = typeof search === 'string' ? xml.includes(search) : search.test(xml);
  if (!found) throw new Error(`Variant does not apply: ${String(search)} not found`);
  return xml.replace(search, replacement);
}

/** Removes the first line that contains `search` (elements of the example sit on one line each). */
export function removeLine(xml: string, search: string): string {
  return replaceFirst(xml, new RegExp(`\\n[^\\n]*${escapeRegExp(search)}[^\\n]*`), '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Leaf element with a new value, e.g. setValue(xml, 'sexe', 'H'). */
export function setValue(xml: string, tag: string, value: string): string {
  return replaceFirst(xml, new RegExp(`<cpf:${tag}>[^<]*</cpf:${tag}>`), `<cpf:${tag}>${value}</cpf:${tag}>`);
}

export function setNil(xml: string, tag: string): string {
  return replaceFirst(xml, new RegExp(`<cpf:${tag}>[^<]*</cpf:${tag}>`), `<cpf:${tag} xsi:nil="true"/>`);
}

export interface ExampleVariant {
  readonly name: string;
  /** Whether the official XSD accepts it (checked by the equivalence test against native xmllint). */
  readonly valid: boolean;
  readonly build: (example: string) => string;
}

const INSEE_BLOCK =
  /<cpf:codeInseeNaissance>\s*<cpf:codeInsee>31555<\/cpf:codeInsee>\s*<\/cpf:codeInseeNaissance>/;
const TITULAIRE_OPEN = '<cpf:titulaire>';
const DOSSIER =
  '<cpf:dossierFormation><cpf:idDossier>1</cpf:idDossier><cpf:nomTitulaire>A</cpf:nomTitulaire><cpf:prenom1Titulaire>B</cpf:prenom1Titulaire></cpf:dossierFormation>';

export const EXAMPLE_VARIANTS: readonly ExampleVariant[] = [
  { name: 'official example', valid: true, build: (x) => x },
  // Donnée absente
  { name: 'missing idFlux', valid: false, build: (x) => removeLine(x, '<cpf:idFlux>') },
  { name: 'missing horodatage', valid: false, build: (x) => removeLine(x, '<cpf:horodatage>') },
  { name: 'missing emetteur idClient', valid: false, build: (x) => removeLine(x, '<cpf:idClient>AB123CDE') },
  { name: 'missing nomNaissance', valid: false, build: (x) => removeLine(x, '<cpf:nomNaissance>') },
  {
    name: 'missing nomUsage (required, nillable)',
    valid: false,
    build: (x) => removeLine(x, '<cpf:nomUsage>'),
  },
  {
    name: 'missing dateFinValidite',
    valid: false,
    build: (x) => removeLine(x, '<cpf:dateFinValidite xsi:nil'),
  },
  {
    name: 'missing codeCommuneNaissance',
    valid: false,
    build: (x) => replaceFirst(x, /<cpf:codeCommuneNaissance>[\s\S]*?<\/cpf:codeCommuneNaissance>/, ''),
  },
  {
    name: 'empty identificationTitulaire',
    valid: false,
    build: (x) =>
      replaceFirst(
        x,
        /<cpf:identificationTitulaire>[\s\S]*?<\/cpf:identificationTitulaire>/,
        '<cpf:identificationTitulaire/>',
      ),
  },
  {
    name: 'empty passageCertifications',
    valid: false,
    build: (x) =>
      replaceFirst(
        x,
        /<cpf:passageCertifications>[\s\S]*<\/cpf:passageCertifications>/,
        '<cpf:passageCertifications/>',
      ),
  },
  { name: 'optional prenom2 removed', valid: true, build: (x) => removeLine(x, '<cpf:prenom2>') },
  {
    name: 'optional natureDeposant removed',
    valid: true,
    build: (x) => removeLine(x, '<cpf:natureDeposant>'),
  },
  // Donnée en trop
  {
    name: 'titreGrade (dictionary 4.4, not in the XSD)',
    valid: false,
    build: (x) =>
      replaceFirst(
        x,
        '<cpf:code>RNCP19117</cpf:code>',
        '<cpf:code>RNCP19117</cpf:code><cpf:titreGrade>Master</cpf:titreGrade>',
      ),
  },
  {
    name: 'unknown element in flux',
    valid: false,
    build: (x) => replaceFirst(x, '<cpf:emetteur>', '<cpf:coucou/><cpf:emetteur>'),
  },
  {
    name: 'duplicated nomNaissance',
    valid: false,
    build: (x) => replaceFirst(x, '<cpf:nomUsage>', '<cpf:nomNaissance>X</cpf:nomNaissance><cpf:nomUsage>'),
  },
  {
    name: 'second certificateur',
    valid: false,
    build: (x) =>
      replaceFirst(
        x,
        '</cpf:certificateurs>',
        '<cpf:certificateur><cpf:idClient>E564ACB0</cpf:idClient></cpf:certificateur></cpf:certificateurs>',
      ),
  },
  {
    name: 'attribute on a leaf',
    valid: false,
    build: (x) => replaceFirst(x, '<cpf:idFlux>', '<cpf:idFlux lang="fr">'),
  },
  // Non-respect du ou-exclusif
  {
    name: 'titulaire and dossierFormation',
    valid: false,
    build: (x) => replaceFirst(x, TITULAIRE_OPEN, `${DOSSIER}${TITULAIRE_OPEN}`),
  },
  {
    name: 'codeInseeNaissance and codePostalNaissance',
    valid: false,
    build: (x) =>
      replaceFirst(
        x,
        '</cpf:codeInseeNaissance>',
        '</cpf:codeInseeNaissance><cpf:codePostalNaissance><cpf:codePostal>31000</cpf:codePostal></cpf:codePostalNaissance>',
      ),
  },
  {
    name: 'codePostalNaissance nil instead of INSEE',
    valid: true,
    build: (x) =>
      replaceFirst(
        x,
        INSEE_BLOCK,
        '<cpf:codePostalNaissance><cpf:codePostal xsi:nil="true"/></cpf:codePostalNaissance>',
      ),
  },
  // Donnée trop longue / trop courte
  {
    name: 'emetteur idClient of 7 characters',
    valid: false,
    build: (x) => setValue(x, 'idClient', '1234567'),
  },
  {
    name: 'emetteur idClient of 9 characters',
    valid: false,
    build: (x) => setValue(x, 'idClient', '123456789'),
  },
  { name: 'idFlux of 51 characters', valid: false, build: (x) => setValue(x, 'idFlux', 'a'.repeat(51)) },
  { name: 'idFlux of 50 characters', valid: true, build: (x) => setValue(x, 'idFlux', 'a'.repeat(50)) },
  { name: 'empty idFlux', valid: false, build: (x) => setValue(x, 'idFlux', '') },
  { name: 'empty optional urlPreuve', valid: false, build: (x) => setValue(x, 'urlPreuve', '') },
  {
    name: 'nomNaissance of 61 characters',
    valid: false,
    build: (x) => setValue(x, 'nomNaissance', 'é'.repeat(61)),
  },
  {
    name: 'nomNaissance of 60 accented characters',
    valid: true,
    build: (x) => setValue(x, 'nomNaissance', 'é'.repeat(60)),
  },
  {
    name: 'prenom1Titulaire of 21 characters',
    valid: false,
    build: (x) => setValue(x, 'prenom1Titulaire', 'b'.repeat(21)),
  },
  {
    name: 'idDossier of 14 characters',
    valid: false,
    build: (x) => setValue(x, 'idDossier', '1'.repeat(14)),
  },
  { name: 'codeInsee of 4 characters', valid: false, build: (x) => setValue(x, 'codeInsee', '3155') },
  {
    name: 'codePaysNaissance of 3 characters',
    valid: true,
    build: (x) =>
      replaceFirst(
        x,
        '<cpf:libellePaysNaissance>',
        '<cpf:codePaysNaissance>109</cpf:codePaysNaissance><cpf:libellePaysNaissance>',
      ),
  },
  {
    name: 'codePaysNaissance of 4 characters',
    valid: false,
    build: (x) =>
      replaceFirst(
        x,
        '<cpf:libellePaysNaissance>',
        '<cpf:codePaysNaissance>1099</cpf:codePaysNaissance><cpf:libellePaysNaissance>',
      ),
  },
  {
    name: 'commentairesMEN of 251 characters',
    valid: false,
    build: (x) =>
      replaceFirst(
        x,
        '<cpf:libellePaysNaissance>',
        `<cpf:commentairesMEN>${'c'.repeat(251)}</cpf:commentairesMEN><cpf:libellePaysNaissance>`,
      ),
  },
  { name: 'competenceId of 2 characters', valid: false, build: (x) => setValue(x, 'competenceId', '12') },
  // Donnée mal formatée
  {
    name: 'horodatage in UTC (Z)',
    valid: false,
    build: (x) => setValue(x, 'horodatage', '2020-12-18T14:24:12Z'),
  },
  {
    name: 'horodatage without offset',
    valid: false,
    build: (x) => setValue(x, 'horodatage', '2020-12-18T14:24:12'),
  },
  {
    name: 'horodatage with fractions',
    valid: false,
    build: (x) => setValue(x, 'horodatage', '2020-12-18T14:24:12.123+01:00'),
  },
  {
    name: 'horodatage with a 2-digit year',
    valid: false,
    build: (x) => setValue(x, 'horodatage', '20-12-18T14:24:12+01:00'),
  },
  {
    name: 'date that does not exist',
    valid: false,
    build: (x) => setValue(x, 'dateDebutValidite', '2021-02-30'),
  },
  {
    name: 'date written the French way',
    valid: false,
    build: (x) => setValue(x, 'dateDebutValidite', '12/12/2020'),
  },
  { name: 'date before 1900', valid: false, build: (x) => setValue(x, 'dateInscription', '1899-02-10') },
  {
    name: 'date with a time zone',
    valid: false,
    build: (x) => setValue(x, 'dateDebutExamen', '2020-12-20Z'),
  },
  { name: 'boolean written 1', valid: true, build: (x) => setValue(x, 'donneeCertifiee', '1') },
  { name: 'boolean written oui', valid: false, build: (x) => setValue(x, 'donneeCertifiee', 'oui') },
  { name: 'empty anneeNaissance', valid: false, build: (x) => setValue(x, 'anneeNaissance', '') },
  {
    name: 'anneeNaissance with a plus sign',
    valid: true,
    build: (x) => setValue(x, 'anneeNaissance', '+1996'),
  },
  { name: 'anneeNaissance 1899', valid: false, build: (x) => setValue(x, 'anneeNaissance', '1899') },
  { name: 'moisNaissance 13', valid: false, build: (x) => setValue(x, 'moisNaissance', '13') },
  { name: 'jourNaissance 0', valid: false, build: (x) => setValue(x, 'jourNaissance', '0') },
  { name: 'jourNaissance not a number', valid: false, build: (x) => setValue(x, 'jourNaissance', 'quinze') },
  { name: 'scoreGeneral 1001', valid: false, build: (x) => setValue(x, 'scoreGeneral', '1001') },
  { name: 'niveau 0', valid: false, build: (x) => setValue(x, 'niveau', '0') },
  // Non-respect d'une énumération
  { name: 'sexe H', valid: false, build: (x) => setValue(x, 'sexe', 'H') },
  {
    name: 'obtentionCertification ADMISSION',
    valid: false,
    build: (x) => setValue(x, 'obtentionCertification', 'ADMISSION'),
  },
  {
    name: 'natureDeposant TIERS_DE_CONFIANCE',
    valid: false,
    build: (x) => setValue(x, 'natureDeposant', 'TIERS_DE_CONFIANCE'),
  },
  {
    name: 'modaliteAcces spelled as the dictionary',
    valid: false,
    build: (x) => setValue(x, 'modaliteAcces', 'EQUIVALENCE_(DIPLOME_ETRANGER)'),
  },
  {
    name: 'modaliteAcces EQUIVALENCE_DIPLOME_ETRANGER',
    valid: true,
    build: (x) => setValue(x, 'modaliteAcces', 'EQUIVALENCE_DIPLOME_ETRANGER'),
  },
  {
    name: 'niveauLangueEuropeen lower case',
    valid: false,
    build: (x) => setValue(x, 'niveauLangueEuropeen', 'b2'),
  },
  {
    name: 'mentionValidee with a trailing space',
    valid: false,
    build: (x) => setValue(x, 'mentionValidee', 'MENTION_BIEN '),
  },
  // Nil
  {
    name: 'nil on dateDebutValidite (not nillable)',
    valid: false,
    build: (x) => setNil(x, 'dateDebutValidite'),
  },
  { name: 'nil on nomNaissance (not nillable)', valid: false, build: (x) => setNil(x, 'nomNaissance') },
  { name: 'nil on nomUsage', valid: true, build: (x) => setNil(x, 'nomUsage') },
  {
    name: 'nil on moisNaissance and jourNaissance',
    valid: true,
    build: (x) => setNil(setNil(x, 'moisNaissance'), 'jourNaissance'),
  },
  {
    name: 'nil on scoring and mentionValidee',
    valid: true,
    build: (x) => setNil(setNil(x, 'scoring'), 'mentionValidee'),
  },
  { name: 'nil on modaliteAcces', valid: true, build: (x) => setNil(x, 'modaliteAcces') },
  {
    name: 'nil with a value',
    valid: false,
    build: (x) =>
      replaceFirst(
        x,
        '<cpf:dateFinValidite xsi:nil="true">',
        '<cpf:dateFinValidite xsi:nil="true">2030-12-13',
      ),
  },
  { name: 'nil written as text in a date', valid: false, build: (x) => setValue(x, 'moisNaissance', 'nill') },
  { name: 'nil written as text in a string', valid: true, build: (x) => setValue(x, 'nomUsage', 'nill') },
  // Structure that the XSD accepts
  {
    name: 'children of an all group reordered',
    valid: true,
    build: (x) => replaceFirst(x, /(<cpf:idFlux>[^\n]*)(\s*)(<cpf:horodatage>[^\n]*)/, '$3$2$1'),
  },
  {
    name: 'empty niveauNumeriqueEuropeen',
    valid: true,
    build: (x) =>
      replaceFirst(
        x,
        /<cpf:niveauNumeriqueEuropeen>[\s\S]*?<\/cpf:niveauNumeriqueEuropeen>/,
        '<cpf:niveauNumeriqueEuropeen/>',
      ),
  },
  {
    name: 'empty resultats',
    valid: true,
    build: (x) => replaceFirst(x, /<cpf:resultats>[\s\S]*?<\/cpf:resultats>/, '<cpf:resultats/>'),
  },
  {
    name: 'empty resultat',
    valid: true,
    build: (x) => replaceFirst(x, /<cpf:resultat>[\s\S]*?<\/cpf:resultat>/, '<cpf:resultat/>'),
  },
  {
    name: 'two resultats elements',
    valid: false,
    build: (x) => replaceFirst(x, '<cpf:resultats>', '<cpf:resultats/><cpf:resultats>'),
  },
  {
    name: 'two certifications',
    valid: true,
    build: (x) => {
      const certification = /<cpf:certification>[\s\S]*<\/cpf:certification>/.exec(x)?.[0] ?? '';
      return replaceFirst(x, '</cpf:certifications>', `${certification}</cpf:certifications>`);
    },
  },
  // Version XSD erronée
  {
    name: 'old namespace',
    valid: false,
    build: (x) => replaceFirst(x, 'urn:cdc:cpf:pc5:schema:1.0.0', 'urn:cdc:cpf:pc5:schema:0.0.0'),
  },
  {
    name: 'no namespace',
    valid: false,
    build: (x) => x.replace(/cpf:/g, '').replace(/xmlns:cpf="[^"]*"/, ''),
  },
  // XML mal formé
  { name: 'closing tag missing', valid: false, build: (x) => replaceFirst(x, '</cpf:idContrat>', '') },
  { name: 'XML version 2.0', valid: false, build: (x) => replaceFirst(x, 'version="1.0"', 'version="2.0"') },
  {
    name: 'double hyphen in a comment',
    valid: false,
    build: (x) => replaceFirst(x, '<cpf:emetteur>', '<!-- a -- b --><cpf:emetteur>'),
  },
  {
    name: 'comment',
    valid: true,
    build: (x) => replaceFirst(x, '<cpf:emetteur>', '<!-- émetteur --><cpf:emetteur>'),
  },
];
