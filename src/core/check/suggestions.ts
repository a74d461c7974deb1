import type { EnumValue } from '../../dictionary';

/**
 * What a user most likely meant by a value the check refuses: « juillet » in a month column, « 15 mars 2024 » in
 * a date column, « Oui. » for Oui, « Admission » for « Par admission ». Only a proposal shown in the message
 * (« Vouliez-vous dire 7 ? »): the cell is never changed, and a value with two readings gets no proposal.
 */

/** Lower case, no accents, no dots: « Févr. » → « fevr ». */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\./g, '')
    .trim();
}

/** French month names and their usual abbreviations, by month number. */
const MONTHS: readonly (readonly string[])[] = [
  ['janvier', 'janv', 'jan'],
  ['fevrier', 'fevr', 'fev'],
  ['mars', 'mar'],
  ['avril', 'avr'],
  ['mai'],
  ['juin'],
  ['juillet', 'juil'],
  ['aout'],
  ['septembre', 'sept', 'sep'],
  ['octobre', 'oct'],
  ['novembre', 'nov'],
  ['decembre', 'dec'],
];

const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTHS.flatMap((names, i) => names.map((name) => [name, i + 1] as const)),
);

/** 7 for « juillet », « Juil. » or « JUILLET »; undefined for anything else. */
export function monthNumber(text: string): number | undefined {
  return MONTH_BY_NAME.get(fold(text));
}

/** 1 for « 1er », 2 for « 2e » or « 2ème »: the number of a French ordinal typed in a day column. */
export function ordinalNumber(text: string): number | undefined {
  const match = /^(\d{1,2})\s*(er|re|e|eme|ème|°)$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

const WEEKDAYS = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';

/**
 * « 15 mars 2024 », « le 1er mars 2024 », « lundi 15 mars 2024 », « 15-mars-2024 » → « 15/03/2024 ». Only a real
 * date with a 4-digit year: « 15 mars 24 » stays ambiguous and gets no proposal.
 */
export function frenchDateWords(text: string): string | undefined {
  const folded = fold(text).replace(/[\s,-]+/g, ' ');
  const pattern = new RegExp(`^(?:le )?(?:${WEEKDAYS} )?(\\d{1,2})(?:er|re)? ([a-z]+) (\\d{4})$`);
  const match = pattern.exec(folded);
  if (!match) return undefined;
  const day = Number(match[1]);
  const month = MONTH_BY_NAME.get(match[2]);
  const year = Number(match[3]);
  if (month === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

const YES = /^(oui|ouai|vrai|yes|ok)/;
const NO = /^(non|faux|no\b|pas )/;

/** « Oui » for « Oui. », « OUI ! », « ouais », « vrai (admis) »; « Non » for « non merci », « Faux. ». */
export function booleanMeant(text: string): 'Oui' | 'Non' | undefined {
  const folded = fold(text)
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (YES.test(folded)) return 'Oui';
  if (NO.test(folded)) return 'Non';
  return undefined;
}

/**
 * The one label of a list that the typed text is part of, or that is part of it (« Admission » → « Par admission »,
 * « VAE classique (2023) » → « VAE classique »). Texts under 3 letters, or matching several labels, get nothing.
 */
export function listValueMeant(values: readonly EnumValue[], text: string): string | undefined {
  const typed = fold(text);
  if (typed.length < 3) return undefined;
  const matches = values.filter((v) => {
    const label = fold(v.label);
    return label.length >= 3 && (label.includes(typed) || typed.includes(label));
  });
  return matches.length === 1 ? matches[0].label : undefined;
}
