import { foldForMatch } from '../normalize';

/**
 * How names are written on civil status, as far as the CDC's matching cares: accents are ignored, but
 * hyphens and other punctuation count (« Jean-François », accusé de traitement V3 p.5).
 */

/** Anything but letters (any script, with their accents), spaces, hyphens and apostrophes. */
const UNEXPECTED_CHARACTER = /[^\p{L}\p{M} '’-]/gu;
/** A separator doubled, spaced, or at either end: "Jean--Pierre", "Jean - Pierre", "-Martin". */
const STRAY_SEPARATOR = /(^[ '’-])|([ '’-]$)|([-'’][ '’-])|( [-'’])/u;
/** Several first names typed in one cell: a comma, semicolon, slash, or a space between two words. */
const LIST_SEPARATOR = /[,;/]|\p{L} +\p{L}/u;
/** Civil-status words that are no part of a name: "née", "épouse", "veuve" and their abbreviations, as words. */
const CIVIL_STATUS_WORD = /(?:^|[\s,;(])(n[eé]e|[eé]p(?:ouse|se)?\.?|veuve|vve\.?)(?=$|[\s,;)])/iu;

/** The characters of a name that civil status does not use, quoted for a message, or undefined. */
export function unexpectedNameCharacters(name: string): string | undefined {
  const found = [...new Set(name.match(UNEXPECTED_CHARACTER) ?? [])];
  if (found.length > 0) return found.map((c) => `« ${c} »`).join(', ');
  const stray = STRAY_SEPARATOR.exec(name);
  return stray ? `« ${stray[0].trim() || stray[0]} »` : undefined;
}

export function looksLikeSeveralFirstNames(firstName: string): boolean {
  return LIST_SEPARATOR.test(firstName);
}

/** The civil-status word found in a name cell ("née", "ép."), or undefined. */
export function civilStatusWord(name: string): string | undefined {
  return CIVIL_STATUS_WORD.exec(name)?.[1];
}

/** Same name once accents, case and separators are ignored. */
export function sameName(a: string, b: string): boolean {
  return foldForMatch(a) === foldForMatch(b);
}

/** True when `whole` has several words and one run of them is `part` (accents, case and separators ignored). */
export function containsName(whole: string, part: string): boolean {
  const w = foldForMatch(whole);
  const p = foldForMatch(part);
  return w !== p && p !== '' && ` ${w} `.includes(` ${p} `);
}
