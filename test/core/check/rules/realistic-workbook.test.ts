import { checkWorkbook } from '../../../../src/core/check/check';
import type { Issue } from '../../../../src/core/model/types';
import { passageColumn, workbook } from '../../../support/workbook';
import { FAULTS, REALISTIC_TODAY, realisticRows } from '../../../support/realistic-workbook';
import { DICTIONARY } from '../../../support/dictionary';

/**
 * The issue's definition of done: on a few hundred realistic rows mixing clean and faulty identities, every
 * predictable KO cause is flagged on the right cell with a French explanation, and no clean row gets anything.
 */

const ROWS = realisticRows(400);
const FIRST_ROW = 2;
const result = checkWorkbook(workbook(ROWS.map((r) => r.input)), {
  dictionary: DICTIONARY,
  today: REALISTIC_TODAY,
});
const issuesByRow = new Map<number, Issue[]>();
for (const issue of result.issues) issuesByRow.set(issue.row, [...(issuesByRow.get(issue.row) ?? []), issue]);

describe('a realistic workbook of 400 passages', () => {
  it('uses every kind of mistake', () => {
    const faults = new Set(ROWS.map((r) => r.fault));
    for (const [fault] of FAULTS) expect(faults).toContain(fault);
  });

  it('reports nothing on clean rows, born anywhere in France, overseas or abroad', () => {
    const clean = ROWS.map((r, i) => ({ ...r, row: FIRST_ROW + i })).filter((r) => r.fault === '');
    expect(clean.length).toBeGreaterThan(150);
    const reported = clean.flatMap((r) =>
      (issuesByRow.get(r.row) ?? []).map((i) => `${r.row} ${i.code} ${i.message}`),
    );
    expect(reported).toEqual([]);
  });

  it('reports each mistake, and only it, on the cell that holds it', () => {
    ROWS.forEach((r, i) => {
      const row = FIRST_ROW + i;
      const got = (issuesByRow.get(row) ?? [])
        .map((issue) => `${issue.field} ${issue.code} ${issue.cell}`)
        .sort();
      const expected = r.expected.map((e) => `${e.field} ${e.code} ${passageColumn(e.field)}${row}`).sort();
      expect({ row, fault: r.fault, issues: got }).toEqual({ row, fault: r.fault, issues: expected });
    });
  });

  it('explains each problem in French, naming the row, the column and the dictionary id', () => {
    for (const issue of result.issues) {
      expect(issue.message).toMatch(
        new RegExp(
          `^Passages, ligne ${issue.row}, colonne [A-Z]+ « [^»]+ » \\(${issue.field.replace('.', '\\.')}\\) : `,
        ),
      );
    }
  });

  it('gives each row its readiness: blocked by an error, at risk with a warning that predicts a KO, ready otherwise', () => {
    const levelOf = new Map(result.readiness.map((r) => [r.row, r.level]));
    const informational = new Set(['sendingOverdue', 'scoreMissing']);
    ROWS.forEach((r, i) => {
      const issues = issuesByRow.get(FIRST_ROW + i) ?? [];
      const expected = issues.some((x) => x.severity === 'error')
        ? 'bloquee'
        : issues.some((x) => !informational.has(x.code) && x.code !== 'birthplaceBoth')
          ? 'a-risque'
          : 'prete';
      expect([FIRST_ROW + i, levelOf.get(FIRST_ROW + i)]).toEqual([FIRST_ROW + i, expected]);
    });
    const { ready, atRisk, blocked } = result.readinessSummary;
    expect(ready + atRisk + blocked).toBe(ROWS.length);
    expect(blocked).toBeGreaterThan(0);
    expect(atRisk).toBeGreaterThan(0);
  });
});
