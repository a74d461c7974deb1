import {
  communeStatus,
  countryOfInseeCode,
  FRANCE_COUNTRY_CODE,
  isInseeCommuneCodeShape,
  isKnownPostalCode,
  postalCodesOfCommune,
} from '../geo';
import { usesTitulaire, type RowRule, type RuleInput } from './types';

/**
 * Birthplace rules (dictionary 8.10–8.13, guide de construction XML p.13). Born in France: the INSEE code of
 * the commune (or, failing that, its postal code); born abroad: 99 + the INSEE country code in 8.10 and the
 * same 3 digits in 8.13. A well-formed code missing from our tables is only a warning: the tables may lag
 * behind INSEE, and the CDC's matching, not its file control, is what fails on a wrong code. Former codes
 * (merged communes, Corsican 20xxx before 1976) are accepted: they are the right code for people born there.
 */

const ABROAD_PREFIX = '99';

const isAbroad = (code: string) => code.startsWith(ABROAD_PREFIX);

/** The commune code of someone born in France, when 8.10 holds a well-formed one. */
function frenchCommune({ values }: RuleInput): string | undefined {
  const code = values['8.10'];
  return code !== undefined && !isAbroad(code) && isInseeCommuneCodeShape(code) ? code : undefined;
}

/** The country code of someone born abroad, when 8.10 holds 99xxx other than France. */
function abroadCountry({ values }: RuleInput): string | undefined {
  const code = values['8.10'];
  return code !== undefined && isAbroad(code) && code !== FRANCE_COUNTRY_CODE && /^\d{5}$/.test(code)
    ? code
    : undefined;
}

const titulaire = (rule: RowRule): RowRule => ({
  ...rule,
  test: (input) => (usesTitulaire(input) ? rule.test(input) : undefined),
});

export const BIRTHPLACE_RULES: readonly RowRule[] = [
  {
    field: '8.10',
    code: 'inseeCodeMalformed',
    severity: 'error',
    source: '8.10 code INSEE de commune ou 99 + code pays (dictionnaire 8.10)',
    test: ({ values: v }) =>
      v['8.10'] !== undefined && !isInseeCommuneCodeShape(v['8.10']) ? { value: v['8.10'] } : undefined,
  },
  {
    field: '8.10',
    code: 'franceAsBirthCountry',
    severity: 'error',
    source: '8.10 né en France : code de la commune (dictionnaire 8.10, 8.13)',
    test: ({ values: v }) => (v['8.10'] === FRANCE_COUNTRY_CODE ? {} : undefined),
  },
  {
    field: '8.10',
    code: 'unknownCountryCode',
    severity: 'warning',
    source: '8.10 codification des pays étrangers de l’INSEE (dictionnaire 8.10)',
    test: (input) => {
      const code = abroadCountry(input);
      return code !== undefined && countryOfInseeCode(code) === undefined ? { value: code } : undefined;
    },
  },
  {
    field: '8.10',
    code: 'unknownCommuneCode',
    severity: 'warning',
    source: '8.10 code officiel géographique de l’INSEE (dictionnaire 8.10)',
    test: (input) => {
      const code = frenchCommune(input);
      return code !== undefined && communeStatus(code) === 'unknown' ? { value: code } : undefined;
    },
  },
  titulaire({
    field: '8.13',
    code: 'countryCodeMissing',
    severity: 'warning',
    source: '8.13 = 3 derniers chiffres de 8.10 pour un titulaire né à l’étranger (dictionnaire 8.10, 8.13)',
    test: (input) => {
      const code = abroadCountry(input);
      return code !== undefined && !input.filled.has('8.13')
        ? { value: code, suggestion: code.slice(2) }
        : undefined;
    },
  }),
  {
    field: '8.13',
    code: 'countryCodeMismatch',
    severity: 'warning',
    source: '8.13 = 3 derniers chiffres de 8.10 (dictionnaire 8.13)',
    test: (input) => {
      const code = abroadCountry(input);
      const country = input.values['8.13'];
      return code !== undefined && country !== undefined && country !== code.slice(2)
        ? { value: country, other: code, expected: code.slice(2) }
        : undefined;
    },
  },
  {
    field: '8.13',
    code: 'countryCodeForFrance',
    severity: 'warning',
    source: '8.13 « ne doit pas être renseigné » pour un titulaire né en France (dictionnaire 8.13)',
    test: (input) => {
      const code = frenchCommune(input);
      return code !== undefined && input.values['8.13'] !== undefined ? { other: code } : undefined;
    },
  },
  titulaire({
    field: '8.10',
    code: 'countryCodeWithoutInsee',
    severity: 'warning',
    source: '8.10 = 99 + 8.13 pour un titulaire né à l’étranger (dictionnaire 8.10, 8.13)',
    test: ({ values: v, filled }) => {
      const country = v['8.13'];
      if (country === undefined || filled.has('8.10')) return undefined;
      const code = ABROAD_PREFIX + country;
      const known = countryOfInseeCode(code);
      return { value: country, suggestion: code, ...(known ? { other: known.label } : {}) };
    },
  }),
  {
    field: '8.11',
    code: 'postalCodeUnknown',
    severity: 'warning',
    source: '8.11 code postal de la commune de naissance (dictionnaire 8.11)',
    test: ({ values: v, filled }) =>
      v['8.11'] !== undefined && !filled.has('8.10') && !isKnownPostalCode(v['8.11'])
        ? { value: v['8.11'] }
        : undefined,
  },
  {
    field: '8.11',
    code: 'postalCodeMismatch',
    severity: 'warning',
    source: '8.10 / 8.11 même commune (dictionnaire 8.10, 8.11)',
    test: (input) => {
      const code = frenchCommune(input);
      const postal = input.values['8.11'];
      if (code === undefined || postal === undefined) return undefined;
      const known = postalCodesOfCommune(code);
      return known && known.length > 0 && !known.includes(postal)
        ? { value: postal, other: code, expected: known.join(', ') }
        : undefined;
    },
  },
  titulaire({
    field: '8.10',
    code: 'birthplaceMissing',
    severity: 'warning',
    source:
      'commune de naissance, 3e critère de la nirisation (accusé de traitement V3 p.4 ; dictionnaire 8.10, 8.11)',
    test: ({ filled }) =>
      !filled.has('8.10') && !filled.has('8.11') && !filled.has('8.13') ? {} : undefined,
  }),
];
