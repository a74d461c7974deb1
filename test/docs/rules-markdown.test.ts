import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDictionary } from '../../dictionary';
import { listRules } from '.';
import { rulesMarkdown } from './markdown';

const file = path.resolve(__dirname, '../../../docs/regles.md');

describe('docs/regles.md', () => {
  it('is the table generated from the rules', () => {
    const expected = rulesMarkdown(getDictionary());
    if (process.env.UPDATE_DOCS === '1') writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('has one line per rule, with its field label and severity', () => {
    const lines = rulesMarkdown(getDictionary())
      .split('\n')
      .filter((l) => /^\| \d+\.\d+ /.test(l));
    expect(lines).toHaveLength(listRules().length);
    expect(lines).toContainEqual(expect.stringMatching(/^\| 5\.11 Date de fin de validité \| Erreur/));
  });
});
