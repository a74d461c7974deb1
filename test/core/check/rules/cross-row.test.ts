import { checkWorkbook } from '../../../../src/core/check/check';
import { LISTED_OTHER_ROWS } from '../../../../src/core/check/rules';
import type { Issue } from '../../../../src/core/model/types';
import { DICTIONARY } from '../../../support/dictionary';
import { passageColumn, validPassage, workbook, type RowInput } from '../../../support/workbook';

/**
 * Rows that repeat each other (one idTechnique, one passage of one person) are one group: every row of the
 * group gets its issue (its highlight in the add-in, its line in --json), whose text names the first other rows
 * and counts the rest. Whatever the size of the group, each text stays short and the whole output grows
 * linearly with the rows (the timing of 100 000 such rows is in the benchmark, not here).
 */

const today = new Date(Date.UTC(2024, 8, 1));
const check = (rows: RowInput[], digcomp?: RowInput[]) =>
  checkWorkbook(workbook(rows, { digcomp }), { dictionary: DICTIONARY, today });
const ofCode = (issues: readonly Issue[], code: string) => issues.filter((i) => i.code === code);

/** `count` valid passages of different people, each changed by `change`. */
function passages(count: number, change: (i: number) => RowInput): RowInput[] {
  return Array.from({ length: count }, (_v, i) =>
    validPassage({ '5.1': `P-${i}`, '8.3': `Prénom${i}`, ...change(i) }),
  );
}

describe('a group of rows sharing one idTechnique', () => {
  it('gives each of 5 rows its issue, naming the 4 others, all under one group', () => {
    const result = check(passages(5, () => ({ '5.1': 'MEME' })));
    const issues = ofCode(result.issues, 'duplicateIdTechnique');
    const column = passageColumn('5.1');
    expect(issues.map((i) => i.cell)).toEqual([2, 3, 4, 5, 6].map((row) => `${column}${row}`));
    expect(issues.map((i) => i.text.match(/aussi utilisé (.*)\. Chaque/)?.[1])).toEqual([
      'aux lignes 3, 4, 5 et 6',
      'aux lignes 2, 4, 5 et 6',
      'aux lignes 2, 3, 5 et 6',
      'aux lignes 2, 3, 4 et 6',
      'aux lignes 2, 3, 4 et 5',
    ]);
    expect(new Set(issues.map((i) => i.group)).size).toBe(1);
    expect(issues[0].group).toBeDefined();
    expect(result.readiness.map((r) => r.level)).toEqual(Array(5).fill('bloquee'));
  });

  it('names the only other row of a pair in the singular', () => {
    const [first] = ofCode(check(passages(2, () => ({ '5.1': 'MEME' }))).issues, 'duplicateIdTechnique');
    expect(first.text).toContain('« MEME » est aussi utilisé à la ligne 3.');
  });

  it('lists the first other rows and counts the rest, on every row of a large group', () => {
    const count = 3000;
    const issues = ofCode(check(passages(count, () => ({ '5.1': 'MEME' }))).issues, 'duplicateIdTechnique');
    expect(issues).toHaveLength(count);
    const listed = (i: Issue) => i.text.match(/aussi utilisé aux lignes (.*) et ([\d\s\u202f]+) autres\./);
    expect(listed(issues[0])?.slice(1)).toEqual(['3, 4, 5, 6, 7, 8, 9, 10, 11, 12', '2\u202f989']);
    expect(listed(issues[5])?.slice(1)).toEqual(['2, 3, 4, 5, 6, 8, 9, 10, 11, 12', '2\u202f989']);
    expect(listed(issues[count - 1])?.slice(1)).toEqual(['2, 3, 4, 5, 6, 7, 8, 9, 10, 11', '2\u202f989']);
    for (const issue of issues) expect(listed(issue)?.[1].split(', ')).toHaveLength(LISTED_OTHER_ROWS);
  });

  it('keeps every text short and the whole output linear in the rows', () => {
    const sizes = [1000, 4000].map((count) => {
      const issues = ofCode(check(passages(count, () => ({ '5.1': 'MEME' }))).issues, 'duplicateIdTechnique');
      expect(issues).toHaveLength(count);
      return {
        longest: Math.max(...issues.map((i) => i.message.length)),
        total: issues.reduce((n, i) => n + i.message.length, 0),
      };
    });
    // The longest message does not grow with the group (only its count's digits do)…
    expect(sizes[1].longest).toBeLessThanOrEqual(sizes[0].longest + 2);
    expect(sizes[1].longest).toBeLessThan(300);
    // …so 4 times the rows give about 4 times the text, never 16 times.
    expect(sizes[1].total / sizes[0].total).toBeLessThan(4.3);
  });
});

describe('a group of rows of one person with one certification', () => {
  it('warns on each row of the group, naming the others, once per group', () => {
    const rows = passages(4, (i) => ({ '8.3': 'Léa', '4.2': i < 3 ? 'RNCP34825' : 'RNCP1' }));
    const issues = ofCode(check(rows).issues, 'duplicatePassage');
    expect(issues.map((i) => [i.row, i.severity])).toEqual([
      [2, 'warning'],
      [3, 'warning'],
      [4, 'warning'],
    ]);
    expect(issues[1].text).toContain('de la même certification aux lignes 2 et 4 :');
    expect(new Set(issues.map((i) => i.group)).size).toBe(1);
  });

  it('bounds the texts of a large group as well', () => {
    const issues = ofCode(check(passages(3000, () => ({ '8.3': 'Léa' }))).issues, 'duplicatePassage');
    expect(issues).toHaveLength(3000);
    expect(issues[2999].text).toContain('aux lignes 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 et 2\u202f989 autres :');
    expect(Math.max(...issues.map((i) => i.message.length))).toBeLessThan(400);
  });
});

describe('DIGCOMP results gathered on one passage', () => {
  it('compares each result with the first of its competence only', () => {
    const digcomp = Array.from({ length: 2000 }, () => ({ '5.1': 'P-0', '6.2': 5, '6.3': '1', '6.4': '1' }));
    const rows = passages(1, () => ({ '5.14': 'Oui', '6.1': 620 }));
    const duplicates = ofCode(check(rows, digcomp).issues, 'digcompDuplicate');
    expect(duplicates).toHaveLength(1999);
    expect(new Set(duplicates.map((i) => i.text))).toEqual(
      new Set([expect.stringContaining('déjà donnée pour ce passage ligne 2 ')]),
    );
  });
});
