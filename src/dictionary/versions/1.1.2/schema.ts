import { FIELDS_1_1_2 } from './fields';
import { all, choice, leaf, sequence } from '../../tree-builders';
import type { SchemaVersion } from '../../types';

/** Names of the two exclusive choices of the CDC schema, used by validation and the layout. */
export const IDENTITY_CHOICE = 'identificationTitulaire';
export const BIRTHPLACE_CHOICE = 'codeCommuneNaissance';

/** Children of passageCertification, in the order of the CDC example file. */
const passage = all(
  'passageCertification',
  [
    leaf('idTechnique', '5.1'),
    leaf('urlPreuve', '5.2', { min: 0 }),
    leaf('libelleOption', '5.3', { min: 0 }),
    leaf('obtentionCertification', '5.4'),
    leaf('donneeCertifiee', '5.5'),
    leaf('dateDebutExamen', '5.6', { min: 0 }),
    leaf('dateFinExamen', '5.7', { min: 0 }),
    leaf('modalitePassageExamen', '5.8', { min: 0 }),
    leaf('codePostalCentreExamen', '5.9', { min: 0 }),
    leaf('dateDebutValidite', '5.10'),
    leaf('dateFinValidite', '5.11', { nillable: true }),
    leaf('presenceNiveauLangueEuro', '5.12'),
    leaf('niveauLangueEuropeen', '5.13', { min: 0 }),
    leaf('presenceNiveauNumeriqueEuro', '5.14'),
    all(
      'niveauNumeriqueEuropeen',
      [
        leaf('scoreGeneral', '6.1', { min: 0 }),
        sequence(
          'resultats',
          [
            all(
              'resultat',
              [
                leaf('niveau', '6.2', { min: 0 }),
                leaf('domaineCompetenceId', '6.3', { min: 0 }),
                leaf('competenceId', '6.4', { min: 0 }),
              ],
              { min: 0, max: 'unbounded' },
            ),
          ],
          { min: 0 },
        ),
      ],
      { min: 0 },
    ),
    leaf('scoring', '5.15', { nillable: true }),
    leaf('mentionValidee', '5.16', { nillable: true }),
    all('modalitesInscription', [
      leaf('modaliteAcces', '7.1', { nillable: true }),
      leaf('voieAccessVAE', '7.2', { min: 0 }),
      leaf('initiativeInscription', '7.3', { min: 0 }),
      leaf('dateInscription', '7.4', { min: 0 }),
    ]),
    sequence('identificationTitulaire', [
      choice(
        IDENTITY_CHOICE,
        [
          all(
            'dossierFormation',
            [leaf('idDossier', '9.1'), leaf('nomTitulaire', '9.2'), leaf('prenom1Titulaire', '9.3')],
            { label: 'son dossier CPF (N° de dossier, nom et prénom du dossier CPF)' },
          ),
          all(
            'titulaire',
            [
              leaf('nomNaissance', '8.1'),
              leaf('nomUsage', '8.2', { nillable: true }),
              leaf('prenom1', '8.3'),
              leaf('prenom2', '8.4', { min: 0 }),
              leaf('prenom3', '8.5', { min: 0 }),
              leaf('anneeNaissance', '8.6'),
              leaf('moisNaissance', '8.7', { nillable: true }),
              leaf('jourNaissance', '8.8', { nillable: true }),
              leaf('sexe', '8.9'),
              sequence('codeCommuneNaissance', [
                choice(
                  BIRTHPLACE_CHOICE,
                  [
                    sequence('codeInseeNaissance', [leaf('codeInsee', '8.10')]),
                    sequence('codePostalNaissance', [leaf('codePostal', '8.11', { nillable: true })]),
                  ],
                  // The INSEE code is what the CDC asks for; a postal code typed too is only left out.
                  'firstKept',
                ),
              ]),
              leaf('libelleCommuneNaissance', '8.12', { min: 0 }),
              leaf('codePaysNaissance', '8.13', { min: 0 }),
              leaf('libellePaysNaissance', '8.14', { min: 0 }),
              leaf('commentairesMEN', '8.15', { min: 0 }),
            ],
            { label: 'son état civil (nom de naissance, prénoms, date et lieu de naissance)' },
          ),
        ],
        'refused',
      ),
    ]),
    leaf('verbatim', '5.17', { min: 0 }),
  ],
  { max: 'unbounded' },
);

export const SCHEMA_1_1_2: SchemaVersion = {
  version: '1.1.2',
  namespace: 'urn:cdc:cpf:pc5:schema:1.0.0',
  prefix: 'cpf',
  xsdFile: 'accrochage-cdc-1.1.2.xsd',
  fields: FIELDS_1_1_2,
  root: all('flux', [
    leaf('idFlux', '1.1'),
    leaf('horodatage', '1.2'),
    all('emetteur', [
      leaf('idClient', '2.1'),
      all('certificateurs', [
        all('certificateur', [
          leaf('idClient', '3.1'),
          leaf('idContrat', '3.2'),
          sequence('certifications', [
            all(
              'certification',
              [
                leaf('type', '4.1'),
                leaf('code', '4.2'),
                leaf('natureDeposant', '4.3', { min: 0 }),
                sequence('passageCertifications', [passage]),
              ],
              { max: 'unbounded' },
            ),
          ]),
        ]),
      ]),
    ]),
  ]),
};
