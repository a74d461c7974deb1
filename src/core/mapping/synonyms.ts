/**
 * Other names people give to the template's fields in their own spreadsheets (student records, jury minutes,
 * CPF exports…), keyed by dictionary id. The field's own label and XML tag are matched from the dictionary; only
 * the other usual wordings live here. Written folded-friendly: case and accents do not matter.
 */

/** A source column holding a whole birth date, split into year, month and day (8.6, 8.7, 8.8). */
export const BIRTH_DATE_TARGET = 'naissance';

/** The dictionary ids a birth date fills, in year, month, day order. */
export const BIRTH_DATE_PARTS = ['8.6', '8.7', '8.8'] as const;

export const HEADER_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  '2.1': ['BCR émetteur', 'BCR de l’émetteur', 'numéro client émetteur', 'id client émetteur'],
  '3.1': ['BCR certificateur', 'BCR', 'numéro de fiche client', 'id client certificateur', 'numéro client'],
  '3.2': ['numéro de contrat', 'n° contrat', 'contrat', 'contrat certificateur', 'id contrat'],
  '4.1': ['type de diplôme', 'type'],
  '4.2': [
    'code RNCP',
    'code RS',
    'numéro RNCP',
    'n° RNCP',
    'fiche RNCP',
    'code certification',
    'code du diplôme',
    'RNCP',
    'code fiche',
  ],
  '4.3': ['déposant'],
  '5.1': [
    'identifiant',
    'id',
    'identifiant technique',
    'id technique',
    'identifiant passage',
    'numéro candidat',
    'n° candidat',
    'matricule',
    'numéro étudiant',
    'n° étudiant',
    'numéro inscription',
    'référence',
  ],
  '5.2': ['URL preuve', 'lien preuve', 'preuve numérique', 'open badge', 'badge', 'URL'],
  '5.3': ['option', 'spécialité', 'libellé option', 'parcours'],
  '5.4': ['obtention', 'mode d’obtention', 'modalité d’obtention', 'type obtention'],
  '5.5': ['donnée certifiée', 'résultat définitif', 'définitif'],
  '5.6': [
    'date examen',
    'date de l’examen',
    'date d’examen',
    'date de passage',
    'date épreuve',
    'date du jury',
    'date début examen',
  ],
  '5.7': ['date fin examen', 'date de fin d’examen', 'date fin épreuves'],
  '5.8': ['modalité de passage', 'modalité examen', 'mode de passage'],
  '5.9': ['code postal centre examen', 'CP centre examen', 'CP centre', 'code postal du centre'],
  '5.10': [
    'date de délivrance',
    'date délivrance',
    'date d’obtention',
    'date obtention',
    'date de certification',
    'date du diplôme',
    'date de validation',
    'date début validité',
  ],
  '5.11': ['fin de validité', 'date d’expiration', 'valable jusqu’au'],
  '5.12': ['présence niveau langue', 'niveau de langue connu'],
  '5.13': ['niveau CECRL', 'niveau de langue', 'niveau langue', 'CECRL'],
  '5.14': ['présence niveau numérique', 'niveau numérique connu'],
  '5.15': ['score', 'note', 'note finale', 'moyenne', 'scoring', 'score obtenu'],
  '5.16': ['mention'],
  '5.17': ['verbatim', 'informations complémentaires', 'complément'],
  '6.1': ['score DIGCOMP', 'score général', 'score Pix'],
  '7.1': ['modalité d’accès', 'voie d’accès', 'modalité accès', 'voie accès', 'type de formation', 'statut'],
  '7.2': ['voie accès VAE', 'type de VAE', 'voie VAE'],
  '7.3': ['initiative inscription', 'inscrit par', 'origine inscription'],
  '7.4': ['date inscription', 'date d’inscription'],
  '8.1': [
    'nom de famille',
    'nom patronymique',
    'patronyme',
    'nom',
    'nom de jeune fille',
    'nom du titulaire',
    'nom du candidat',
    'nom stagiaire',
    'nom apprenant',
  ],
  '8.2': ['nom marital', 'nom d’épouse', 'nom usuel'],
  '8.3': ['prénom', 'premier prénom', 'prénom du titulaire', 'prénom du candidat', 'prénoms'],
  '8.4': ['deuxième prénom', 'second prénom', 'autre prénom'],
  '8.5': ['troisième prénom'],
  '8.6': ['année'],
  '8.9': ['sexe', 'genre', 'civilité', 'H/F', 'M/F'],
  '8.10': [
    'code INSEE',
    'code INSEE naissance',
    'code INSEE commune naissance',
    'INSEE',
    'code commune naissance',
    'COG',
  ],
  '8.11': ['code postal naissance', 'CP naissance', 'code postal de naissance'],
  '8.12': ['lieu de naissance', 'ville de naissance', 'né à', 'née à', 'né(e) à'],
  '8.13': ['code pays naissance', 'code pays'],
  '8.14': ['pays'],
  '9.1': [
    'numéro de dossier CPF',
    'numéro dossier CPF',
    'dossier CPF',
    'id dossier',
    'identifiant dossier CPF',
    'n° dossier',
  ],
  '9.2': ['nom titulaire CPF', 'nom CPF', 'nom dossier CPF'],
  '9.3': ['prénom titulaire CPF', 'prénom CPF', 'prénom dossier CPF'],
  [BIRTH_DATE_TARGET]: [
    'date de naissance',
    'date naissance',
    'né le',
    'née le',
    'né(e) le',
    'DDN',
    'naissance',
  ],
};

/**
 * Other ways of writing a list value, by dictionary id then code. Labels and codes of the dictionary are matched
 * already; booleans accept the words `normalizeCell` accepts.
 */
export const VALUE_SYNONYMS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '8.9': {
    M: ['H', 'homme', 'masculin', 'masc', 'garçon', 'monsieur', 'M.', 'Mr', '1'],
    F: ['femme', 'féminin', 'fém', 'fille', 'madame', 'Mme', 'mademoiselle', 'Mlle', '2'],
  },
  '5.4': { PAR_ADMISSION: ['admission', 'admis', 'jury'], PAR_SCORING: ['scoring', 'score'] },
  '5.8': { A_DISTANCE: ['distance', 'en ligne', 'distanciel'], EN_PRESENTIEL: ['présentiel', 'sur place'] },
  '5.16': {
    SANS_MENTION: ['passable', 'aucune', 'sans'],
    MENTION_ASSEZ_BIEN: ['AB', 'mention assez bien'],
    MENTION_BIEN: ['B', 'mention bien'],
    MENTION_TRES_BIEN: ['TB', 'mention très bien'],
    MENTION_TRES_BIEN_AVEC_FELICITATIONS_DU_JURY: [
      'félicitations',
      'TB félicitations',
      'très bien félicitations',
    ],
  },
  '7.1': {
    FORMATION_INITIALE_HORS_APPRENTISSAGE: ['formation initiale', 'initiale', 'scolaire', 'étudiant'],
    FORMATION_INITIALE_APPRENTISSAGE: ['apprentissage', 'apprenti', 'alternance apprentissage'],
    FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION: ['formation continue', 'continue'],
    FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION: [
      'contrat de professionnalisation',
      'contrat pro',
      'professionnalisation',
    ],
    EQUIVALENCE_DIPLOME_ETRANGER: ['équivalence', 'diplôme étranger'],
    CANDIDAT_LIBRE: ['libre'],
  },
  '7.2': { CONGES_VAE: ['congé VAE', 'congés VAE'], VAE_CLASSIQUE: ['classique'] },
  '7.3': {
    CERTIFIE: ['certifié', 'titulaire', 'candidat', 'lui-même', 'elle-même', 'individuel', 'personnel'],
    OF: ['organisme', 'organisme de formation', 'centre de formation'],
    POLE_EMPLOI: ['Pôle emploi', 'France Travail', 'PE', 'FT'],
    EMPLOYEUR: ['entreprise', 'employeur'],
  },
};
