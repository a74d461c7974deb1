import { checkWorkbook } from '../../../src/core/check/check';
import { passageColumn, validPassage, workbook } from '../../support/workbook';
import { DICTIONARY } from '../../support/dictionary';

const today = new Date(Date.UTC(2024, 8, 1));
const check = (...args: Parameters<typeof workbook>) =>
  checkWorkbook(workbook(...args), { dictionary: DICTIONARY, today });
const errorsOf = (result: ReturnType<typeof check>) => result.issues.filter((i) => i.severity === 'error');

describe('checkWorkbook on valid rows', () => {
  it('finds nothing wrong and returns canonical values', () => {
    const result = check([validPassage()]);
    expect(result.issues).toEqual([]);
    expect(result.header).toEqual({ '2.1': 'AB123CDE', '3.1': 'E564ACB0', '3.2': 'MCFCER000123' });
    expect(result.passages[0].values).toMatchObject({
      '5.4': 'PAR_ADMISSION',
      '5.10': '2024-06-15',
      '8.6': '1990',
    });
    expect(result.summary).toEqual({ passages: 1, certifications: 1, errors: 0, warnings: 0 });
  });

  it('counts certifications by type, code and nature of the depositor', () => {
    const result = check([
      validPassage({ '5.1': 'a' }),
      validPassage({ '5.1': 'b', '4.2': 'RNCP1' }),
      validPassage({ '5.1': 'c' }),
    ]);
    expect(result.summary.certifications).toBe(2);
  });

  it('accepts a passage identified by its CPF file (bloc 9) instead of civil status', () => {
    const row = validPassage({ '9.1': '1234567891011', '9.2': 'Martin', '9.3': 'Léa' });
    for (const id of ['8.1', '8.3', '8.6', '8.7', '8.8', '8.9', '8.10']) delete row[id];
    expect(check([row]).issues).toEqual([]);
  });
});

describe('checkWorkbook reports each problem on its cell', () => {
  it('locates a missing mandatory value with row, cell, field and a French message', () => {
    const result = check([validPassage({ '8.1': '' })]);
    expect(result.issues).toEqual([
      expect.objectContaining({
        sheet: 'Passages',
        row: 2,
        cell: `${passageColumn('8.1')}2`,
        field: '8.1',
        tag: 'nomNaissance',
        severity: 'error',
        code: 'required',
      }),
    ]);
    expect(result.issues[0].message).toMatch(
      /^Passages, ligne 2, colonne \w+ « Nom de naissance » \(8\.1\) : .*obligatoire/,
    );
  });

  it('returns every problem at once', () => {
    const result = check([
      validPassage({ '5.1': 'x', '8.9': 'H', '5.10': '31/02/2024' }),
      validPassage({ '5.1': 'y', '8.10': 1004 }),
    ]);
    expect(result.issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [2, '5.10', 'notADate'],
      [2, '8.9', 'notInList'],
      [3, '8.10', 'leadingZerosLost'],
    ]);
  });

  it('reports missing parameters on the parameters sheet', () => {
    const result = check([validPassage()], { parameters: { '2.1': 'AB123CDE', '3.1': 'TOOLONG123' } });
    expect(result.issues.map((i) => [i.sheet, i.cell, i.code])).toEqual([
      ['Paramètres', 'B3', 'wrongLength'],
      ['Paramètres', 'B4', 'required'],
    ]);
  });

  it('refuses a row that mixes bloc 8 and bloc 9', () => {
    const result = check([validPassage({ '9.1': '123', '9.2': 'Martin', '9.3': 'Léa' })]);
    expect(errorsOf(result).map((i) => i.code)).toEqual(['identityConflict']);
  });

  it('requires the bloc 9 fields once a CPF file number is given', () => {
    const row = validPassage({ '9.1': '123' });
    for (const id of ['8.1', '8.3', '8.6', '8.7', '8.8', '8.9', '8.10']) delete row[id];
    expect(errorsOf(check([row])).map((i) => i.field)).toEqual(['9.2', '9.3']);
  });

  it('warns that the postal code is not sent when the INSEE code is given', () => {
    const result = check([validPassage({ '8.11': '69001' })]);
    expect(result.issues.map((i) => [i.field, i.severity, i.code])).toEqual([
      ['8.11', 'warning', 'birthplaceBoth'],
    ]);
  });

  it('reports duplicated idTechnique on every row that has it', () => {
    const result = check([validPassage({ '5.1': 'same' }), validPassage({ '5.1': 'same' })]);
    expect(result.issues.map((i) => [i.row, i.code])).toEqual([
      [2, 'duplicateIdTechnique'],
      [3, 'duplicateIdTechnique'],
    ]);
  });

  it('says when there is no passage at all', () => {
    expect(check([]).issues.map((i) => i.code)).toEqual(['noPassage']);
  });

  it('reports a missing column once, not on every row', () => {
    const data = workbook([validPassage(), validPassage({ '5.1': 'P-2' })]);
    const { ['8.1']: _removed, ...columns } = data.passages.columns;
    const result = checkWorkbook(
      { ...data, passages: { ...data.passages, columns } },
      { dictionary: DICTIONARY, today },
    );
    expect(result.issues.filter((i) => i.code === 'missingColumn')).toHaveLength(1);
  });
});

describe('DIGCOMP sheet', () => {
  const digitalPassage = validPassage({ '5.14': 'Oui', '6.1': 890 });

  it('attaches results to their passage by idTechnique', () => {
    const result = check([digitalPassage], {
      digcomp: [
        { '5.1': 'P-0001', '6.2': 5, '6.3': '3', '6.4': '4' },
        { '5.1': 'P-0001', '6.2': 7, '6.3': '1 - Information et données', '6.4': 1 },
      ],
    });
    expect(result.issues).toEqual([]);
    expect(result.passages[0].digcomp.map((d) => d.values)).toEqual([
      { '6.2': '5', '6.3': '3', '6.4': '4' },
      { '6.2': '7', '6.3': '1', '6.4': '1' },
    ]);
  });

  it('reports a result whose idTechnique matches no passage', () => {
    const result = check([digitalPassage], { digcomp: [{ '5.1': 'P-9999', '6.2': 5 }] });
    expect(result.issues.map((i) => [i.sheet, i.code])).toEqual([['DIGCOMP', 'digcompUnknownPassage']]);
  });
});

describe('conditional rules of the dictionary', () => {
  it('requires a CECRL level when 5.12 is Oui and refuses one when it is Non', () => {
    expect(check([validPassage({ '5.12': 'Oui' })]).issues.map((i) => i.code)).toEqual([
      'languageLevelMissing',
    ]);
    expect(check([validPassage({ '5.13': 'B2' })]).issues.map((i) => i.code)).toEqual([
      'languageLevelUnexpected',
    ]);
    expect(check([validPassage({ '5.12': 'Oui', '5.13': 'B2' })]).issues).toEqual([]);
  });

  it('refuses an end of validity before the delivery date and an exam ending before it starts', () => {
    const result = check([validPassage({ '5.11': '14/06/2024', '5.6': '10/06/2024', '5.7': '09/06/2024' })]);
    expect(result.issues.map((i) => [i.field, i.code])).toEqual([
      ['5.7', 'examEndBeforeStart'],
      ['5.11', 'validityEndBeforeStart'],
    ]);
  });

  it('ties DIGCOMP results to 5.14', () => {
    expect(check([validPassage({ '5.14': 'Oui' })]).issues.map((i) => i.code)).toEqual([
      'digitalLevelMissing',
    ]);
    expect(check([validPassage({ '6.1': 500 })]).issues.map((i) => i.code)).toEqual([
      'digitalLevelUnexpected',
    ]);
  });
});

describe('messages that propose the fix', () => {
  const only = (result: ReturnType<typeof check>, field: string) => {
    const found = result.issues.filter((i) => i.field === field);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('an INSEE code typed as text without its zero: « vouliez-vous dire 01004 ? », offered as the fix', () => {
    const issue = only(check([validPassage({ '8.10': '1004' })]), '8.10');
    expect(issue.text).toContain('Vouliez-vous dire 01004 ?');
    expect(issue.fix).toEqual({ kind: 'value', value: '01004' });
  });

  it('a month typed as a word: « juillet » → « Vouliez-vous dire 7 ? »', () => {
    const issue = only(check([validPassage({ '8.7': 'juillet' })]), '8.7');
    expect(issue.text).toBe(
      "« juillet » n'est pas un nombre entier. Vouliez-vous dire 7 ? Saisissez un nombre entier sans décimale.",
    );
    expect(issue.fix).toEqual({ kind: 'value', value: '7' });
  });

  it('a date in words: « 15 juin 2024 » → « Vouliez-vous dire 15/06/2024 ? »', () => {
    const issue = only(check([validPassage({ '5.10': '15 juin 2024' })]), '5.10');
    expect(issue.text).toContain('Vouliez-vous dire 15/06/2024 ?');
  });

  it('a yes/no variant: « Oui. » → « Vouliez-vous dire Oui ? »', () => {
    const issue = only(check([validPassage({ '5.5': 'Oui.' })]), '5.5');
    expect(issue.text).toContain('Vouliez-vous dire Oui ?');
  });

  it('an empty identifier points to « Générer les identifiants », the command that fills it', () => {
    const issue = only(check([validPassage({ '5.1': '' })]), '5.1');
    expect(issue.text).toContain('Cliquez sur « Générer les identifiants »');
    expect(issue.fix).toEqual({ kind: 'command', command: 'generateIds' });
  });

  it('messages name the other fields they mention, never a bare field number', () => {
    const result = check([validPassage({ '5.12': 'Oui', '5.13': '' })]);
    const issue = only(result, '5.13');
    expect(issue.text).toBe(
      '« Niveau de langue européen connu » (5.12) vaut Oui mais le niveau de langue est vide. Choisissez le niveau, ou mettez « Niveau de langue européen connu » (5.12) à Non.',
    );
  });
});
