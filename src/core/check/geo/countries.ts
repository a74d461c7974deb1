import { COUNTRIES, type CountryStatus } from './countries-data';

/** INSEE country codes (99xxx) for people born abroad, from the generated INSEE "pays 2022" table. */

export interface Country {
  readonly code: string;
  readonly status: CountryStatus;
  /** INSEE label, upper case without accents (e.g. "ALLEMAGNE"). */
  readonly label: string;
}

let byCode: Map<string, Country> | undefined;

/** The country or territory with this 5-digit INSEE code (99xxx), if INSEE lists it. */
export function countryOfInseeCode(code: string): Country | undefined {
  byCode ??= new Map(COUNTRIES.map(([c, status, label]) => [c, { code: c, status, label }]));
  return byCode.get(code);
}

/** INSEE code of France in the country list: never a birthplace code (people born in France give their commune). */
export const FRANCE_COUNTRY_CODE = '99100';
