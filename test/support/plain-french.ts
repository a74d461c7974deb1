/**
 * Words the pane never shows: people who know neither XML nor the CDC's dictionary use it (GUIDE.md, issue 16).
 * « XSD » is allowed only in the pane's advanced options (elements marked data-advanced). Used by the unit test of
 * every text the pane can show (test/i18n/plain-french.test.ts) and by the browser tests on each pane state.
 */
export interface BannedWord {
  /** What the test reports. */
  readonly word: string;
  readonly pattern: RegExp;
}

export const BANNED_WORDS: readonly BannedWord[] = [
  { word: '« nil »', pattern: /\bnil\b/i },
  { word: '« XSD » (hors options avancées)', pattern: /\bXSD\b/ },
  { word: '« UUID »', pattern: /\bUUID\b/i },
  { word: '« idFlux »', pattern: /idFlux/i },
  { word: 'un attribut XML (xsi:)', pattern: /\bxsi:/i },
  {
    word: 'un code d’erreur de validateur (cvc-…)',
    pattern: /\b(?:cvc|cos|src|sch-props-correct)-[a-z0-9]/i,
  },
  { word: 'une option de ligne de commande (--mode…)', pattern: /(?:^|[\s(«'"])--[a-z]/i },
  { word: '« bloc 8 » (un numéro de bloc du dictionnaire)', pattern: /\bbloc \d/i },
  { word: '« dictionnaire »', pattern: /dictionnaire/i },
  // « 5.12 » alone; « Niveau de langue européen connu » (5.12) is how a field is named, and 1.1.2 is a version.
  { word: 'un numéro de donnée sans son nom', pattern: /(?<![(\d.])\b\d{1,2}\.\d{1,2}\b(?![\d.)])/ },
];

/** The banned words a text contains: [] when it is plain French. */
export function bannedWordsIn(text: string): string[] {
  return BANNED_WORDS.filter((b) => b.pattern.test(text)).map((b) => b.word);
}
