import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listRules } from '../../src/core/check/rules';
import { rulesMarkdown } from '../../src/docs/rules-markdown';
import { DOCS_DIR } from '../support/paths';
import { DICTIONARY } from '../support/dictionary';

const file = path.join(DOCS_DIR, 'regles.md');

describe('docs/regles.md', () => {
  it('is the table generated from the rules', () => {
    const expected = rulesMarkdown(DICTIONARY);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('has one line per rule, with its field label and severity', () => {
    const lines = rulesMarkdown(DICTIONARY)
      .split('\n')
      .filter((l) => /^\| \d+\.\d+ /.test(l));
    expect(lines).toHaveLength(listRules().length);
    expect(lines).toContainEqual(expect.stringMatching(/^\| 5\.11 Date de fin de validité \| Erreur/));
  });

  it('documents every rule of the registry, row and cross-row, by its id', () => {
    const text = rulesMarkdown(DICTIONARY);
    for (const rule of listRules()) expect(text).toContain(`\`${rule.id}\``);
    expect(new Set(listRules().map((r) => r.id)).size).toBe(listRules().length);
    expect(text).toMatch(
      /\| 5\.10 Date de délivrance \(début de validité\) \| Avertissement \| non \| `sendingOverdue` \| plusieurs lignes \|/,
    );
  });
});
