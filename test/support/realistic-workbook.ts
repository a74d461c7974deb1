import type { RowInput } from './workbook';
import { prng as random } from './prng';

/**
 * A realistic workbook of passages for the business-rule tests: fictitious people born in Paris, Lyon and
 * Marseille arrondissements, Corsica, overseas departments and collectivities, abroad, in communes merged
 * since, with hyphenated and accented names. Some rows carry one typical mistake each, and say which issues
 * (field and code) the check must report on that row; clean rows must get none. Deterministic for a seed.
 */

/** Fixed "today" of the workbook: award dates are placed relative to it. */
export const REALISTIC_TODAY = new Date('2026-11-23T09:00:00Z');

export interface ExpectedIssue {
  readonly field: string;
  readonly code: string;
}

export interface RealisticRow {
  readonly input: RowInput;
  /** What makes this row faulty, in plain words ('' for a clean row). */
  readonly fault: string;
  readonly expected: ExpectedIssue[];
}

interface Birthplace {
  readonly insee?: string;
  readonly postal?: string;
  readonly commune?: string;
  readonly country?: string;
  readonly countryLabel?: string;
}

export const BIRTHPLACES: readonly Birthplace[] = [
  { insee: '75101', commune: 'Paris 1er Arrondissement' },
  { insee: '75112', commune: 'Paris 12e Arrondissement' },
  { insee: '75120', commune: 'Paris 20e Arrondissement' },
  { insee: '69381', commune: 'Lyon 1er Arrondissement' },
  { insee: '69389', commune: 'Lyon 9e Arrondissement' },
  { insee: '13201', commune: 'Marseille 1er Arrondissement' },
  { insee: '13216', commune: 'Marseille 16e Arrondissement' },
  { insee: '2A004', commune: 'Ajaccio' },
  { insee: '2B033', commune: 'Bastia' },
  // Born in Corsica before 1976, with the code of the time.
  { insee: '20004', commune: 'Ajaccio' },
  { insee: '97105', commune: 'Basse-Terre' },
  { insee: '97209', commune: 'Fort-de-France' },
  { insee: '97302', commune: 'Cayenne' },
  { insee: '97411', commune: 'Saint-Denis' },
  { insee: '97611', commune: 'Mamoudzou' },
  { insee: '97502', commune: 'Saint-Pierre' },
  { insee: '97701', commune: 'Saint-Barthélemy' },
  { insee: '97801', commune: 'Saint-Martin' },
  { insee: '98818', commune: 'Nouméa' },
  { insee: '98735', commune: 'Papeete' },
  { insee: '98613', commune: 'Uvea' },
  // Communes merged into a commune nouvelle: Annecy-le-Vieux (Annecy, 2017), Saint-Bois (Arboys en Bugey, 2016).
  { insee: '74011', commune: 'Annecy-le-Vieux' },
  { insee: '01340', commune: 'Saint-Bois' },
  { insee: '33063', commune: 'Bordeaux' },
  { insee: '31555', commune: 'Toulouse' },
  { insee: '59350', commune: 'Lille' },
  { postal: '35000', commune: 'Rennes' },
  { postal: '33000', commune: 'Bordeaux' },
  { insee: '99109', country: '109', countryLabel: 'Allemagne' },
  { insee: '99350', country: '350', countryLabel: 'Maroc' },
  { insee: '99352', country: '352', countryLabel: 'Algérie' },
  { insee: '99134', country: '134', countryLabel: 'Espagne' },
  { insee: '99139', country: '139', countryLabel: 'Portugal' },
  { insee: '99341', country: '341', countryLabel: 'Sénégal' },
  { insee: '99243', country: '243', countryLabel: 'Viêt Nam' },
];

const BIRTH_NAMES = [
  'Martin',
  'Lefèvre',
  "N'Diaye",
  'Le Goff',
  'Müller',
  'Da Silva',
  'Nguyen',
  'Benali',
  'Moreau-Lambert',
  'De La Fontaine',
  'Çelik',
  'Ben Saïd',
  'Haddad',
  'Lopez',
  'Schmitt',
  'Dupré',
  'Öztürk',
  "D'Almeida",
];
const USAGE_NAMES = ['Garnier', 'Roux', 'Fabre', 'Chevalier', 'Perrin'];
const FIRST_NAMES_F = [
  'Léa',
  'Marie-Claire',
  'Zoé',
  'Anaïs',
  'Éloïse',
  'Chloé',
  'Awa',
  'Hélène',
  'Inès',
  'Maëlle',
];
const FIRST_NAMES_M = [
  'Jean-François',
  'Noël',
  'Maël',
  'Yanis',
  'Thomas',
  'Jérôme',
  'Ahmed',
  'Loïc',
  'Björn',
  'Hugo',
];

const CERTIFICATIONS: readonly RowInput[] = [
  { '4.1': 'RNCP', '4.2': 'RNCP37873', '4.3': 'Certificateur', '5.4': 'Par admission', '5.16': 'Bien' },
  { '4.1': 'RS', '4.2': 'RS6046', '4.3': 'Certificateur', '5.4': 'Par scoring', '5.15': '512' },
  {
    '4.1': 'RS',
    '4.2': 'RS5487',
    '4.3': 'Tiers de confiance',
    '5.4': 'Par scoring',
    '5.15': '955',
    '5.12': 'Oui',
    '5.13': 'B2',
  },
];
const ACCESS = [
  'Formation continue hors contrat de professionnalisation',
  'Formation initiale en apprentissage',
  'Candidat libre',
];

const DAY = 86_400_000;
const isoDaysBefore = (days: number) =>
  new Date(REALISTIC_TODAY.getTime() - days * DAY).toISOString().slice(0, 10);
const french = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function cleanRow(next: () => number, index: number): RowInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const female = next() < 0.5;
  const place = pick(BIRTHPLACES);
  const year = 1960 + Math.floor(next() * 45);
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * 28);
  const award = isoDaysBefore(20 + Math.floor(next() * 60));
  const row: RowInput = {
    ...pick(CERTIFICATIONS),
    '5.1': `R-${String(index + 1).padStart(4, '0')}`,
    '5.5': 'Oui',
    '5.6': french(isoDaysBefore(100)),
    '5.7': french(isoDaysBefore(95)),
    '5.10': french(award),
    '5.14': 'Non',
    '7.1': pick(ACCESS),
    '8.1': pick(BIRTH_NAMES),
    '8.3': pick(female ? FIRST_NAMES_F : FIRST_NAMES_M),
    '8.6': year,
    '8.7': month,
    '8.8': day,
    '8.9': female ? 'F' : 'M',
  };
  if (row['5.12'] === undefined) row['5.12'] = 'Non';
  if (female && next() < 0.3) row['8.2'] = pick(USAGE_NAMES);
  if (place.insee) row['8.10'] = place.insee;
  if (place.postal) row['8.11'] = place.postal;
  if (place.commune) row['8.12'] = place.commune;
  if (place.country) {
    row['8.13'] = place.country;
    row['8.14'] = place.countryLabel;
  }
  return row;
}

type Fault = readonly [string, (row: RowInput) => RowInput, ExpectedIssue[]];

const issue = (field: string, code: string): ExpectedIssue => ({ field, code });
const bornIn = (row: RowInput, place: RowInput): RowInput => {
  const { ['8.10']: _i, ['8.11']: _p, ['8.12']: _c, ['8.13']: _n, ['8.14']: _l, ...rest } = row;
  return { ...rest, ...place };
};

/** One typical mistake per faulty row, with what the check must say about it. */
export const FAULTS: readonly Fault[] = [
  ['jour de naissance absent', ({ ['8.8']: _d, ...r }) => r, [issue('8.8', 'birthDayMissing')]],
  ['mois de naissance absent', ({ ['8.7']: _m, ...r }) => r, [issue('8.7', 'birthMonthMissing')]],
  [
    'deux prénoms dans Prénom 1',
    (r) => ({ ...r, '8.3': 'Jean Pierre' }),
    [issue('8.3', 'severalFirstNames')],
  ],
  [
    'prénoms séparés par une virgule',
    (r) => ({ ...r, '8.3': 'Marie, Louise' }),
    [issue('8.3', 'severalFirstNames'), issue('8.3', 'nameUnexpectedCharacters')],
  ],
  [
    'nom d’usage = nom de naissance',
    (r) => ({ ...r, '8.2': String(r['8.1']).toUpperCase() }),
    [issue('8.2', 'usageNameSameAsBirthName')],
  ],
  [
    '« épouse » dans le nom',
    (r) => ({ ...r, '8.1': 'Dupont épouse Martin' }),
    [issue('8.1', 'civilStatusMarker')],
  ],
  [
    'nom d’usage collé au nom de naissance',
    (r) => ({ ...r, '8.1': 'Martin Garnier', '8.2': 'Garnier' }),
    [issue('8.1', 'usageNameInBirthName')],
  ],
  ['né en 1910', (r) => ({ ...r, '8.6': 1910 }), [issue('8.6', 'implausibleAge')]],
  ['né en 2019', (r) => ({ ...r, '8.6': 2019 }), [issue('8.6', 'implausibleAge')]],
  ['chiffre dans le nom', (r) => ({ ...r, '8.1': 'Martin2' }), [issue('8.1', 'nameUnexpectedCharacters')]],
  [
    'point final dans le nom',
    (r) => ({ ...r, '8.1': 'Dubois.' }),
    [issue('8.1', 'nameUnexpectedCharacters')],
  ],
  ['code INSEE inexistant', (r) => bornIn(r, { '8.10': '75125' }), [issue('8.10', 'unknownCommuneCode')]],
  [
    'code postal d’une autre commune',
    (r) => bornIn(r, { '8.10': '69383', '8.11': '33000' }),
    [issue('8.11', 'postalCodeMismatch'), issue('8.11', 'birthplaceBoth')],
  ],
  [
    'code postal inexistant',
    (r) => bornIn(r, { '8.11': '99999', '8.12': 'Nulle-Part' }),
    [issue('8.11', 'postalCodeUnknown')],
  ],
  [
    'né à l’étranger sans code pays',
    (r) => bornIn(r, { '8.10': '99109' }),
    [issue('8.13', 'countryCodeMissing')],
  ],
  [
    'pays inconnu',
    (r) => bornIn(r, { '8.10': '99998', '8.13': '998' }),
    [issue('8.10', 'unknownCountryCode')],
  ],
  [
    'code pays pour un né en France',
    (r) => bornIn(r, { '8.10': '31555', '8.13': '100' }),
    [issue('8.13', 'countryCodeForFrance')],
  ],
  [
    'code pays sans code INSEE',
    (r) => bornIn(r, { '8.13': '350', '8.14': 'Maroc' }),
    [issue('8.10', 'countryCodeWithoutInsee')],
  ],
  ['aucun lieu de naissance', (r) => bornIn(r, {}), [issue('8.10', 'birthplaceMissing')]],
  ['30 février', (r) => ({ ...r, '8.7': 2, '8.8': 30 }), [issue('8.8', 'birthDateImpossible')]],
  ['code INSEE mal formé', (r) => bornIn(r, { '8.10': '7510A' }), [issue('8.10', 'inseeCodeMalformed')]],
  ['99100 pour la France', (r) => bornIn(r, { '8.10': '99100' }), [issue('8.10', 'franceAsBirthCountry')]],
  [
    'code RNCP sans préfixe',
    (r) => ({ ...r, ...CERTIFICATIONS[0], '4.2': '37873' }),
    [issue('4.2', 'certificationCodeMismatch')],
  ],
  [
    'type RS avec un code RNCP',
    (r) => ({ ...r, ...CERTIFICATIONS[0], '4.1': 'RS' }),
    [issue('4.2', 'certificationCodeMismatch')],
  ],
  [
    'fin de validité avant la délivrance',
    (r) => ({ ...r, '5.11': french(isoDaysBefore(400)) }),
    [issue('5.11', 'validityEndBeforeStart')],
  ],
  [
    'fin des épreuves avant leur début',
    (r) => ({ ...r, '5.7': french(isoDaysBefore(110)) }),
    [issue('5.7', 'examEndBeforeStart')],
  ],
  ['VAE sans voie d’accès', (r) => ({ ...r, '7.1': 'VAE' }), [issue('7.2', 'vaeRouteMissing')]],
  ['voie VAE sans VAE', (r) => ({ ...r, '7.2': 'VAE classique' }), [issue('7.2', 'vaeRouteWithoutVae')]],
  [
    'délai de 3 mois dépassé',
    (r) => ({
      ...r,
      '5.10': french(isoDaysBefore(120)),
      '5.6': french(isoDaysBefore(130)),
      '5.7': french(isoDaysBefore(125)),
    }),
    [issue('5.10', 'sendingOverdue')],
  ],
  [
    'date de délivrance future',
    (r) => ({ ...r, '5.10': french(isoDaysBefore(-30)) }),
    [issue('5.10', 'futureDate')],
  ],
  [
    'niveau de langue manquant',
    (r) => ({ ...r, '5.12': 'Oui', '5.13': '' }),
    [issue('5.13', 'languageLevelMissing')],
  ],
  [
    'scoring sans score',
    (r) => ({ ...r, ...CERTIFICATIONS[1], '5.12': 'Non', '5.13': '', '5.15': '', '5.16': '' }),
    [issue('5.15', 'scoreMissing')],
  ],
];

/** `count` rows: about half clean, the others with one fault each, every fault used at least once if room. */
export function realisticRows(count: number, seed = 2026): RealisticRow[] {
  const next = random(seed);
  const rows: RealisticRow[] = [];
  let faultIndex = 0;
  for (let i = 0; i < count; i++) {
    const clean = cleanRow(next, i);
    if (i % 2 === 0) {
      rows.push({ input: clean, fault: '', expected: [] });
      continue;
    }
    const [fault, apply, expected] = FAULTS[faultIndex++ % FAULTS.length];
    rows.push({ input: apply(clean), fault, expected });
  }
  // The same passage typed twice (a copied row with a new identifier): both rows are reported.
  if (count >= 4) {
    const original = rows[0];
    rows[count - 2] = {
      input: { ...original.input, '5.1': `R-${String(count - 1).padStart(4, '0')}` },
      fault: 'passage en double',
      expected: [issue('5.1', 'duplicatePassage')],
    };
    rows[0] = { ...original, fault: 'passage en double', expected: [issue('5.1', 'duplicatePassage')] };
  }
  return rows;
}
