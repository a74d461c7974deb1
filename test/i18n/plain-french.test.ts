import * as fs from 'fs';
import * as path from 'path';
import { catalogueTexts } from '../../src/core/receipt/cdc-messages';
import { ISSUE_CODES, messageFor } from '../../src/i18n/check-messages';
import { IMPORT_ISSUE_CODES, importMessage } from '../../src/i18n/import-messages';
import { MAPPING_ISSUE_CODES, mappingMessage } from '../../src/i18n/mapping-messages';
import { strings } from '../../src/i18n/pane';
import {
  RECEIPT_ERROR_CODES,
  RECEIPT_WARNING_CODES,
  receiptErrorMessage,
  receiptWarning,
} from '../../src/i18n/receipt-messages';
import { upgradeText } from '../../src/i18n/template';
import { excelText } from '../../src/i18n/excel-messages';
import { TRACKING_MESSAGE_CODES, trackingMessage } from '../../src/i18n/tracking-messages';
import { fieldNamer } from '../../src/core/check/issue-collector';
import { bannedWordsIn, BANNED_WORDS } from '../support/plain-french';
import { DICTIONARY } from '../support/dictionary';
import { REPO_ROOT } from '../support/paths';

/**
 * Every text the pane can show, in plain French: no word of test/support/plain-french.ts in the pane's own texts,
 * the messages of the check shown in the problem list (with every field's help), the round trip's, the imports',
 * the mapping's, the template's upgrade messages, and what the pane and the highlighted cells say about real Excel
 * (src/i18n/excel-messages.ts). « XSD » may appear only in the advanced options' texts.
 */

/** Texts of the advanced options, where « XSD » is explained and allowed. */
const ADVANCED_KEYS = new Set([
  'advancedTitle',
  'officialXsdExplain',
  'loadOfficialXsd',
  'officialXsdLoaded',
  'officialXsdRefused',
  'officialXsdActive',
]);

/** Sample arguments: the texts are templates, so each is rendered with numbers, texts and lists in turn. */
const SAMPLES: readonly unknown[] = [3, 'exemple.xml', ['Paramètres', 'Passages']];

/** Every string a value of `strings` renders, with the key it came from. */
function render(value: unknown, key: string): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => render(v, `${key}[${i}]`));
  if (typeof value === 'function') {
    const out: [string, string][] = [];
    for (const sample of SAMPLES) {
      try {
        const rendered: unknown = value(...Array(Math.max(value.length, 1)).fill(sample));
        out.push(...render(rendered, key));
      } catch {
        // This sample does not fit the text's parameters; another one does.
      }
    }
    expect({ key, rendered: out.length > 0 }).toEqual({ key, rendered: true });
    return out;
  }
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => render(v, `${key}.${k}`));
  return [];
}

const PARAMS = {
  value: 'exemple',
  expected: 'RNCP34825',
  count: 2,
  limit: 5,
  min: 1,
  max: 9,
  error: '#N/A',
  other: 'Paris',
  rows: '3',
  sheet: 'Passages',
  suggestion: '01004',
  header: 'Nom',
  target: '« Nom de naissance » (8.1)',
  path: 'flux/passage',
  detail: 'détail',
  cell: 'B2',
  mode: 'tous',
  file: 'cdc.xml',
  date: '01/03/2026',
  accepted: 2,
  rejected: 1,
  unmatched: 1,
  size: 300_000_000,
  line: 4,
  root: 'racine',
  namespace: 'urn:autre',
  message: 'message',
  encoding: 'latin1',
} as const;

function expectPlain(texts: readonly [string, string][], allowXsd: (key: string) => boolean = () => false) {
  const found = texts
    .map(([key, text]) => ({
      key,
      text,
      banned: bannedWordsIn(text).filter((w) => !(allowXsd(key) && w.startsWith('« XSD »'))),
    }))
    .filter((t) => t.banned.length > 0);
  expect(found).toEqual([]);
}

describe('plain French in the pane', () => {
  it('catches each banned word (the list cannot pass by matching nothing)', () => {
    const samples = [
      'envoyé comme « nil »',
      'le XSD de la CDC',
      'un UUID',
      'idFlux d’envoi',
      'xsi:type="texte"',
      "cvc-complex-type.2.4.a : élément 'x'",
      'option --mode rejetes',
      'le bloc 8',
      'le dictionnaire demande',
      'mettez 5.12 à Non',
    ];
    expect(samples.map((s) => bannedWordsIn(s).length)).toEqual(samples.map(() => 1));
    expect(BANNED_WORDS).toHaveLength(samples.length);
    // Field numbers after their name, dates and versions are fine.
    expect(
      bannedWordsIn('« Niveau de langue européen connu » (5.12) vaut Oui, version 1.1.2, le 15/03/2024'),
    ).toEqual([]);
  });

  it('the pane’s own texts (XSD only in the advanced options)', () => {
    expectPlain(render(strings, 'strings'), (key) => ADVANCED_KEYS.has(key.split('.')[1] ?? ''));
  });

  it('the check’s messages, with every field’s help, as the problem list shows them', () => {
    const name = fieldNamer(DICTIONARY);
    const texts: [string, string][] = [];
    for (const code of ISSUE_CODES)
      for (const field of DICTIONARY.fields)
        texts.push([`${code} ${field.id}`, messageFor(code, field, PARAMS, name)]);
    for (const field of DICTIONARY.fields) texts.push([`label ${field.id}`, field.label]);
    expectPlain(texts);
  });

  it('the round trip’s messages: accusés, statuses, what to do', () => {
    expectPlain([
      ...TRACKING_MESSAGE_CODES.map((c): [string, string] => [c, trackingMessage(c, PARAMS)]),
      ...RECEIPT_ERROR_CODES.map((c): [string, string] => [c, receiptErrorMessage(c, PARAMS)]),
      ...RECEIPT_WARNING_CODES.map((c): [string, string] => [c, receiptWarning(c, PARAMS)]),
      ...catalogueTexts(DICTIONARY).map((t, i): [string, string] => [`catalogue ${i}`, t]),
    ]);
  });

  it('the imports’ and the mapping’s messages', () => {
    const field = DICTIONARY.field('8.10');
    expectPlain([
      ...IMPORT_ISSUE_CODES.map((c): [string, string] => [c, importMessage(c, field, PARAMS)]),
      ...MAPPING_ISSUE_CODES.map((c): [string, string] => [c, mappingMessage(c, PARAMS)]),
    ]);
  });

  it('what the pane and the highlighted cells say about Excel (Edit mode, protection, read-only, waiting)', () => {
    const texts = render(excelText, 'excelText');
    expect(texts.length).toBeGreaterThanOrEqual(Object.keys(excelText).length);
    expectPlain(texts);
  });

  it('the template’s upgrade messages shown in the pane', () => {
    expectPlain(render(upgradeText, 'upgradeText').filter(([key]) => key !== 'upgradeText.versionText'));
  });
});

describe('the glossary of the user guide', () => {
  const guide = fs.readFileSync(path.join(REPO_ROOT, 'docs/guide-utilisateur.md'), 'utf8');
  const glossary = guide.slice(guide.indexOf('## Glossaire'));
  // The pane's texts and the field names it shows.
  const paneText = [
    ...render(strings, 'strings').map(([, text]) => text),
    ...DICTIONARY.fields.map((f) => f.label),
  ].join('\n');

  // Terms of the pane a newcomer cannot guess; each must still be on screen (or the list is stale).
  it.each([
    'Accusé de traitement',
    'BCR',
    'Certificateur',
    'CECRL',
    'Contrat certificateur',
    'Dossier CPF',
    'DIGCOMP',
    'Espace certificateurs',
    'Historique',
    'Identifiant technique',
    'Ressemblance',
    'Statut CDC',
    'XSD',
  ])('explains « %s »', (term) => {
    expect(paneText.toLowerCase()).toContain(term.toLowerCase());
    expect(glossary).toMatch(new RegExp(`^- \\*\\*${term}[^*]*\\*\\*`, 'm'));
  });
});
