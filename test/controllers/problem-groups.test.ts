import { checkWorkbook } from '../../src/core/check/check';
import { holderName } from '../../src/core/check/holders';
import { groupProblems } from '../../src/controllers/problem-groups';
import { validPassage, workbook } from '../support/workbook';
import { trackedWorkbook } from '../support/tracked-workbook';
import { headlineOf } from '../../src/controllers/headline';
import { nextStep } from '../../src/controllers/next-step';
import { DICTIONARY } from '../support/dictionary';

const today = new Date(Date.UTC(2024, 8, 1));

describe('the problem list the way the user thinks', () => {
  it('lists Paramètres, then Passages, then DIGCOMP (not alphabetically), each row titled with the holder', () => {
    const data = workbook(
      [
        validPassage({ '5.1': 'P1', '8.1': 'DURAND', '8.3': 'Léa', '8.9': 'H' }),
        validPassage({ '5.1': 'P2', '8.1': 'MARTIN', '8.3': 'Hugo', '5.10': 'hier' }),
      ],
      {
        parameters: { '2.1': 'AB123CDE', '3.1': 'E564ACB0', '3.2': '' },
        digcomp: [{ '5.1': 'P2', '6.2': '9', '6.3': '1', '6.4': '1' }],
      },
    );
    const check = checkWorkbook(data, { dictionary: DICTIONARY, today });
    const sections = groupProblems(check.issues, check.holders);
    expect(sections.map((s) => s.sheet)).toEqual(['Paramètres', 'Passages', 'DIGCOMP']);
    const passages = sections[1].groups.map((g) => [g.row, g.holder]);
    expect(passages).toEqual([
      [2, 'DURAND Léa'],
      [3, 'MARTIN Hugo'],
    ]);
    // A DIGCOMP row is titled with the holder of the passage it belongs to.
    expect(sections[2].groups.map((g) => [g.row, g.holder, g.passageRow])).toEqual([[2, 'MARTIN Hugo', 3]]);
  });

  it('names a holder by civil status, else by the CPF file, else not at all', () => {
    expect(holderName({ '8.1': 'DURAND', '8.3': 'Léa' })).toBe('DURAND Léa');
    expect(holderName({ '9.2': 'Martin', '9.3': 'Hugo' })).toBe('Martin Hugo');
    expect(holderName({ '8.3': 'Léa' })).toBe('Léa');
    expect(holderName({})).toBeUndefined();
  });
});

describe('rows the CDC rejected (issue 13)', () => {
  const rejectedRow = {
    cells: validPassage({ '5.1': 'P3', '8.1': 'PETIT', '8.3': 'Zoé' }),
    tracking: {
      status: 'Rejeté',
      message:
        'Aucun titulaire ne correspond aux critères obligatoires enrichis du jour et du mois de naissance',
    },
  };

  it('have their own section « Rejeté par la CDC », after the parameters, titled with the holder', () => {
    const data = trackedWorkbook([{ cells: validPassage({ '5.1': 'P1', '8.9': 'H' }) }, rejectedRow], {
      parameters: { '2.1': 'AB123CDE', '3.1': 'E564ACB0', '3.2': '' },
    });
    const check = checkWorkbook(data, { dictionary: DICTIONARY, today });
    const sections = groupProblems(check.issues, check.holders);
    expect(sections.map((s) => [s.sheet, s.rejected === true])).toEqual([
      ['Paramètres', false],
      ['Passages', true],
      ['Passages', false],
    ]);
    expect(sections[1].groups.map((g) => [g.row, g.holder])).toEqual([[3, 'PETIT Zoé']]);
    expect(sections[1].groups[0].issues.map((i) => i.field).sort()).toEqual(['8.7', '8.8']);
  });

  it('keep the verdict from « Prêt » until corrected, without counting their problems as points to review', () => {
    const check = checkWorkbook(trackedWorkbook([rejectedRow]), { dictionary: DICTIONARY, today });
    expect(check.summary.errors).toBe(0);
    expect(headlineOf(check)).toMatchObject({ verdict: 'blocked', blocking: 1, rejected: 1, toReview: 0 });
    expect(
      nextStep({ issues: check.issues, check, setup: undefined, parametersShown: true, passagesShown: true })
        .kind,
    ).toBe('fixRejected');
  });
});
