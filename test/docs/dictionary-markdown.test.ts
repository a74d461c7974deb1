import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dictionaryMarkdown } from '../../src/docs/dictionary-markdown';
import { DOCS_DIR } from '../support/paths';
import { DICTIONARY } from '../support/dictionary';

const file = path.join(DOCS_DIR, 'dictionnaire.md');

describe('docs/dictionnaire.md', () => {
  it('is the table generated from the dictionary', () => {
    const expected = dictionaryMarkdown(DICTIONARY);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('lists every field with its French label and status', () => {
    const text = dictionaryMarkdown(DICTIONARY);
    expect(text).toContain(
      '| 5.10 | Date de délivrance (début de validité) | `emetteur/certificateurs/certificateur/certifications/certification/passageCertifications/passageCertification/dateDebutValidite` | Date | Obligatoire |',
    );
    expect(text).toContain('Obligatoire sauf nil (nil si vide)');
    expect(text.split('\n').filter((l) => /^\| \d+\.\d+ \|/.test(l))).toHaveLength(DICTIONARY.fields.length);
  });
});
