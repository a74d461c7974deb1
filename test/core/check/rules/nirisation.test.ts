import { checkWorkbook } from '../../../../src/core/check/check';
import type { Issue, Passage } from '../../../../src/core/model/types';
import { validPassage, workbook } from '../../../support/workbook';
import {
  civilStatusWord,
  containsName,
  looksLikeSeveralFirstNames,
  unexpectedNameCharacters,
} from '../../../../src/core/check/rules/names';
import { assessReadiness } from '../../../../src/core/check/readiness';
import { DICTIONARY } from '../../../support/dictionary';

const today = new Date(Date.UTC(2024, 8, 1));

describe('names as civil status writes them', () => {
  it('accepts accents, hyphens, apostrophes and particles', () => {
    for (const name of [
      "N'Diaye",
      'Lefèvre',
      'Moreau-Lambert',
      'De La Fontaine',
      'Öztürk',
      'D’Almeida',
      'Jean-François',
    ]) {
      expect(unexpectedNameCharacters(name)).toBeUndefined();
    }
  });

  it('names the digits and stray punctuation it finds', () => {
    expect(unexpectedNameCharacters('Martin2')).toBe('« 2 »');
    expect(unexpectedNameCharacters('Dubois.')).toBe('« . »');
    expect(unexpectedNameCharacters('Jean--Pierre')).toBe('« -- »');
    expect(unexpectedNameCharacters('Martin -Roux')).toBe('« - »');
  });

  it('sees several first names in one cell, not a hyphenated one', () => {
    expect(['Jean Pierre', 'Marie, Louise', 'Léa/Anne'].map(looksLikeSeveralFirstNames)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['Jean-Pierre', 'Zoé', 'Mohand-Saïd'].map(looksLikeSeveralFirstNames)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('finds civil-status words and a usage name inside a birth name', () => {
    expect(civilStatusWord('Martin épouse Roux')).toBe('épouse');
    expect(civilStatusWord('Roux (née Martin)')).toBe('née');
    expect(civilStatusWord('Nepveu')).toBeUndefined();
    expect(containsName('Martin-Roux', 'roux')).toBe(true);
    expect(containsName('Martinroux', 'Roux')).toBe(false);
    expect(containsName('Roux', 'ROUX')).toBe(false);
  });
});

describe('nirisation rules apply to civil status only', () => {
  it('leave a passage identified by its CPF file (bloc 9) alone', () => {
    const row = validPassage({ '9.1': '1234567891011', '9.2': 'Martin', '9.3': 'Léa' });
    for (const id of ['8.1', '8.3', '8.6', '8.7', '8.8', '8.9', '8.10']) delete row[id];
    expect(checkWorkbook(workbook([row]), { dictionary: DICTIONARY, today }).issues).toEqual([]);
  });
});

describe('readiness of each passage', () => {
  const passage = (row: number, digcompRows: number[] = []): Passage => ({
    row,
    values: {},
    digcomp: digcompRows.map((r) => ({ row: r, values: {} })),
  });
  const issue = (sheet: string, row: number, severity: Issue['severity'], code: string): Issue => ({
    sheet,
    row,
    cell: '',
    field: '',
    tag: '',
    severity,
    code,
    location: '',
    text: '',
    message: '',
  });
  const sheets = { passages: 'Passages', digcomp: 'DIGCOMP' };

  it('is blocked by an error, at risk by a warning that predicts a KO, ready otherwise', () => {
    const levels = assessReadiness(
      [passage(2), passage(3), passage(4), passage(5, [7])],
      [
        issue('Passages', 2, 'error', 'required'),
        issue('Passages', 3, 'warning', 'birthDayMissing'),
        issue('Passages', 4, 'warning', 'sendingOverdue'),
        issue('DIGCOMP', 7, 'error', 'digcompDomainUnknown'),
      ],
      sheets,
    );
    expect(levels).toEqual([
      { row: 2, level: 'bloquee', codes: ['required'] },
      { row: 3, level: 'a-risque', codes: ['birthDayMissing'] },
      { row: 4, level: 'prete', codes: [] },
      { row: 5, level: 'bloquee', codes: ['digcompDomainUnknown'] },
    ]);
  });

  it('blocks every passage when the file itself has an error (parameters)', () => {
    const levels = assessReadiness([passage(2)], [issue('Paramètres', 0, 'error', 'wrongLength')], sheets);
    expect(levels).toEqual([{ row: 2, level: 'bloquee', codes: ['wrongLength'] }]);
  });
});
