import type { CellValue } from '../src/core/model/types';
import { prng } from '../test/support/prng';

/**
 * Deterministic passages for the benchmark: the same seed gives the same rows, so runs compare.
 * Typical rows: titulaire identity (a quarter with a CPF file instead), INSEE birth place, no DIGCOMP except
 * one row in ten, the way large certificateurs' files look.
 */

const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  "N'Diaye",
  'Nguyen',
  'Fontaine-Roux',
];
const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Lucas',
  'Hugo',
  'Chloé',
  'Inès',
  'Louis',
  'Jade',
  'Nathan',
  'Emma',
  'Jean-François',
  'Zoé',
  'Yanis',
  'Anaïs',
];
const INSEE = [
  '75112',
  '69383',
  '13205',
  '2A004',
  '97105',
  '31555',
  '33063',
  '59350',
  '67482',
  '44109',
  '06088',
  '35238',
];
const CERTIFICATIONS = [
  { '4.1': 'RNCP', '4.2': 'RNCP37873', '4.3': 'Certificateur' },
  { '4.1': 'RS', '4.2': 'RS6046', '4.3': 'Certificateur' },
  { '4.1': 'RS', '4.2': 'RS5487', '4.3': 'Tiers de confiance' },
];

export interface GeneratedRows {
  readonly passages: Record<string, CellValue>[];
  readonly digcomp: Record<string, CellValue>[];
}

/** Excel serial of an ISO date (1900 system). */
function serial(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000 + 25569;
}

export function generateRows(count: number, seed = 20261123): GeneratedRows {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const passages: Record<string, CellValue>[] = [];
  const digcomp: Record<string, CellValue>[] = [];
  for (let i = 0; i < count; i++) {
    const id = `BENCH-${String(i + 1).padStart(7, '0')}`;
    const digital = i % 10 === 0;
    const row: Record<string, CellValue> = {
      ...pick(CERTIFICATIONS),
      '5.1': id,
      '5.4': digital ? 'Par scoring' : 'Par admission',
      '5.5': 'Oui',
      '5.6': serial(2026, 9, int(1, 10)),
      '5.7': serial(2026, 9, int(11, 20)),
      '5.8': pick(['En présentiel', 'À distance', 'Mixte']),
      '5.9': '69007',
      '5.10': serial(2026, 10, int(1, 28)),
      '5.12': 'Non',
      '5.14': digital ? 'Oui' : 'Non',
      '5.16': pick(['Sans mention', 'Assez bien', 'Bien', '']),
      '7.1': 'Formation continue hors contrat de professionnalisation',
      '7.3': 'Organisme de formation',
    };
    if (digital) {
      row['5.15'] = String(int(100, 1000));
      row['6.1'] = int(100, 1000);
      for (let k = 0; k < 3; k++)
        digcomp.push({ '5.1': id, '6.2': int(1, 8), '6.3': String(k + 1), '6.4': '1' });
    }
    if (i % 4 === 3) {
      Object.assign(row, {
        '9.1': String(2026000000000 + i),
        '9.2': pick(LAST_NAMES),
        '9.3': pick(FIRST_NAMES),
      });
    } else {
      Object.assign(row, {
        '8.1': pick(LAST_NAMES),
        '8.3': pick(FIRST_NAMES),
        '8.6': int(1960, 2006),
        '8.7': int(1, 12),
        '8.8': int(1, 28),
        '8.9': pick(['M', 'F']),
        '8.10': pick(INSEE),
      });
    }
    passages.push(row);
  }
  return { passages, digcomp };
}

export const BENCH_PARAMETERS = { '2.1': '03ZDN217', '3.1': '03ZDN217', '3.2': 'MCFCER000123' };

/**
 * Rows that repeat what should be unique, as a hostile or badly pasted workbook does: every passage with the
 * same idTechnique, or every passage of the same person. The check must stay linear on them. The rows keep
 * their shape, so that they compare with the distinct ones: a row identified by civil status (bloc 8) takes the
 * first such row's identity, a row identified by its CPF file (bloc 9, a quarter of them) the first CPF file's.
 */
export type RowsVariant = 'distinct' | 'sameId' | 'samePerson';

const CIVIL_STATUS = ['8.1', '8.3', '8.6', '8.7', '8.8', '8.9', '8.10'];
const CPF_FILE = ['9.1', '9.2', '9.3'];

export function withVariant(rows: GeneratedRows, variant: RowsVariant): GeneratedRows {
  if (variant === 'distinct') return rows;
  const first = rows.passages[0];
  const firstCpf = rows.passages.find((row) => row['9.1'] !== undefined) ?? first;
  const passages = rows.passages.map((row) => {
    if (variant === 'sameId') return { ...row, '5.1': first['5.1'] };
    const [ids, model] = row['9.1'] !== undefined ? [CPF_FILE, firstCpf] : [CIVIL_STATUS, first];
    const person: Record<string, CellValue> = { ...row };
    for (const id of ids) person[id] = model[id] ?? null;
    return person;
  });
  const digcomp =
    variant === 'sameId' ? rows.digcomp.map((d) => ({ ...d, '5.1': first['5.1'] })) : rows.digcomp;
  return { passages, digcomp };
}
