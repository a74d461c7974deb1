import { excelSerialToIsoDate, normalizeCell, type Normalized } from '../../../src/core/check/normalize';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const ctx = { date1904: false };
const norm = (id: string, value: Parameters<typeof normalizeCell>[1], c = ctx): Normalized =>
  normalizeCell(dictionary.field(id), value, c);
const value = (v: string): Normalized => ({ kind: 'value', value: v });
const code = (n: Normalized) => (n.kind === 'invalid' ? n.code : n.kind);

describe('Excel date serials', () => {
  it('reads the 1900 date system, including its phantom 29 February 1900', () => {
    expect(excelSerialToIsoDate(1, false)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59, false)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60, false)).toBeUndefined();
    expect(excelSerialToIsoDate(61, false)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(45458, false)).toBe('2024-06-15');
  });

  it('reads the 1904 date system used by old Mac workbooks', () => {
    expect(excelSerialToIsoDate(0, true)).toBeUndefined();
    expect(excelSerialToIsoDate(43996, true)).toBe('2024-06-15');
  });

  it('ignores the time of day in a serial', () => {
    expect(excelSerialToIsoDate(45458.75, false)).toBe('2024-06-15');
  });
});

describe('dates', () => {
  it('accepts serials, Date objects, JJ/MM/AAAA and AAAA-MM-JJ', () => {
    expect(norm('5.10', 45458)).toEqual(value('2024-06-15'));
    expect(norm('5.10', new Date(Date.UTC(2024, 5, 15)))).toEqual(value('2024-06-15'));
    expect(norm('5.10', '15/06/2024')).toEqual(value('2024-06-15'));
    expect(norm('5.10', ' 5/6/2024 ')).toEqual(value('2024-06-05'));
    expect(norm('5.10', '2024-06-15')).toEqual(value('2024-06-15'));
    expect(norm('5.10', '15.06.2024')).toEqual(value('2024-06-15'));
  });

  it('uses the workbook date system', () => {
    expect(norm('5.10', 43996, { date1904: true })).toEqual(value('2024-06-15'));
  });

  it('refuses two-digit years instead of guessing the century', () => {
    expect(code(norm('5.10', '15/06/24'))).toBe('twoDigitYear');
  });

  it('refuses dates that do not exist and dates outside 1900–2099', () => {
    expect(code(norm('5.10', '30/02/2024'))).toBe('notADate');
    expect(code(norm('5.10', '2021-02-30'))).toBe('notADate');
    expect(code(norm('5.10', '01/01/1899'))).toBe('dateOutOfRange');
    expect(code(norm('5.10', '01/01/2100'))).toBe('dateOutOfRange');
    expect(code(norm('5.10', 'demain'))).toBe('notADate');
    expect(code(norm('5.10', 60))).toBe('notADate');
  });
});

describe('booleans', () => {
  it.each([
    [true, 'true'],
    [false, 'false'],
    ['Oui', 'true'],
    ['non', 'false'],
    ['VRAI', 'true'],
    ['Faux', 'false'],
    ['TRUE', 'true'],
    ['false', 'false'],
    [1, 'true'],
    [0, 'false'],
    ['1', 'true'],
    ['0', 'false'],
  ])('reads %p as %s', (input, expected) => {
    expect(norm('5.5', input)).toEqual(value(expected));
  });

  it('refuses anything else', () => {
    expect(code(norm('5.5', 'peut-être'))).toBe('notABoolean');
    expect(code(norm('5.5', 2))).toBe('notABoolean');
  });
});

describe('lists', () => {
  it('accepts the code, our French label, and either in another case or without accents', () => {
    expect(norm('5.4', 'PAR_ADMISSION')).toEqual(value('PAR_ADMISSION'));
    expect(norm('5.4', 'Par admission')).toEqual(value('PAR_ADMISSION'));
    expect(norm('5.4', 'par_scoring')).toEqual(value('PAR_SCORING'));
    expect(norm('5.8', 'a distance')).toEqual(value('A_DISTANCE'));
    expect(norm('7.1', 'Équivalence (diplôme étranger)')).toEqual(value('EQUIVALENCE_DIPLOME_ETRANGER'));
  });

  it('refuses values outside the list and names the allowed ones', () => {
    const result = norm('8.9', 'H');
    expect(result).toMatchObject({ kind: 'invalid', code: 'notInList' });
    expect(result.kind === 'invalid' && result.params.expected).toBe('M, F');
  });

  it('maps the labels of suggested values to their codes but keeps other text', () => {
    expect(norm('6.3', '3 - Création de contenus numériques')).toEqual(value('3'));
    expect(norm('4.1', 'rncp')).toEqual(value('RNCP'));
    expect(norm('4.1', 'Titre maison')).toEqual(value('Titre maison'));
  });
});

describe('integers', () => {
  it('accepts numbers and numbers typed as text', () => {
    expect(norm('8.6', 1996)).toEqual(value('1996'));
    expect(norm('8.6', ' 1996 ')).toEqual(value('1996'));
  });

  it('refuses decimals, words and out-of-range values', () => {
    expect(code(norm('8.7', 4.5))).toBe('notAnInteger');
    expect(code(norm('8.7', 'avril'))).toBe('notAnInteger');
    expect(code(norm('8.7', 13))).toBe('outOfRange');
    expect(code(norm('8.6', 1899))).toBe('outOfRange');
    expect(code(norm('6.1', 0))).toBe('outOfRange');
  });
});

describe('codes typed as numbers', () => {
  it('reports a postal or INSEE code that lost its leading zero, without guessing', () => {
    const result = norm('8.10', 1004);
    expect(result).toMatchObject({ kind: 'invalid', code: 'leadingZerosLost' });
    expect(result.kind === 'invalid' && result.params.suggestion).toBe('01004');
    expect(code(norm('5.9', 1000))).toBe('leadingZerosLost');
    expect(code(norm('8.13', 9))).toBe('leadingZerosLost');
  });

  it('accepts a complete numeric code', () => {
    expect(norm('5.9', 75009)).toEqual(value('75009'));
    expect(norm('9.1', 1234567891011)).toEqual(value('1234567891011'));
  });

  it('refuses a code Excel may have rounded', () => {
    expect(code(norm('9.1', 1.2345678901234567e20))).toBe('numberNotACode');
  });
});

describe('text', () => {
  it('trims surrounding spaces and composes accents', () => {
    expect(norm('8.1', '  Dupont ')).toEqual(value('Dupont'));
    expect(norm('8.1', 'He\u0301le\u0300ne')).toEqual(value('Hélène'));
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(norm('9.3', '😀'.repeat(20))).toEqual(value('😀'.repeat(20)));
    expect(code(norm('9.3', 'a'.repeat(21)))).toBe('tooLong');
    expect(code(norm('2.1', 'ABC'))).toBe('wrongLength');
  });

  it('treats empty and blank cells as empty', () => {
    expect(norm('8.1', '   ')).toEqual({ kind: 'empty' });
    expect(norm('8.1', null)).toEqual({ kind: 'empty' });
  });

  it('reports Excel errors and characters XML forbids', () => {
    expect(norm('8.1', { error: '#N/A' })).toMatchObject({ kind: 'invalid', code: 'excelError' });
    expect(code(norm('8.1', 'Du\u0001pont'))).toBe('forbiddenChar');
  });

  it('reports a code Excel turned into a date', () => {
    expect(code(norm('5.1', new Date(Date.UTC(2024, 0, 2))))).toBe('excelDateInTextField');
  });
});

/** The value proposed in the message (« Vouliez-vous dire … ? »), or undefined. */
const meant = (n: Normalized) => (n.kind === 'invalid' ? n.params.suggestion : undefined);

describe('proposals: the value the user most likely meant, never written in the cell', () => {
  it('a code typed as text one digit short gets its leading zero back (« 1004 » → 01004)', () => {
    const insee = norm('8.10', '1004');
    expect(code(insee)).toBe('leadingZerosMissing');
    expect(meant(insee)).toBe('01004');
    expect(meant(norm('8.13', '09'))).toBe('009');
    // Two digits short is no slip of the zero: the length message, no proposal.
    expect(code(norm('8.10', '100'))).toBe('wrongLength');
    expect(meant(norm('8.10', '100'))).toBeUndefined();
    expect(norm('8.10', '01004')).toEqual(value('01004'));
  });

  it('month names and French ordinals become the number (« juillet » → 7, « 1er » → 1)', () => {
    expect(meant(norm('8.7', 'juillet'))).toBe('7');
    expect(meant(norm('8.7', 'Févr.'))).toBe('2');
    expect(meant(norm('8.7', 'AOÛT'))).toBe('8');
    expect(meant(norm('8.8', '1er'))).toBe('1');
    expect(meant(norm('8.8', '2e'))).toBe('2');
    // A month name is no day, and a day beyond the range gets nothing.
    expect(meant(norm('8.8', 'juillet'))).toBeUndefined();
    expect(meant(norm('8.7', '13e'))).toBeUndefined();
    expect(meant(norm('8.7', 'bientôt'))).toBeUndefined();
  });

  it('dates written in words become JJ/MM/AAAA (« 15 mars 2024 » → 15/03/2024)', () => {
    expect(meant(norm('5.10', '15 mars 2024'))).toBe('15/03/2024');
    expect(meant(norm('5.10', 'le 1er juillet 2023'))).toBe('01/07/2023');
    expect(meant(norm('5.10', 'Lundi 3 févr. 2025'))).toBe('03/02/2025');
    expect(meant(norm('5.10', '15-mars-2024'))).toBe('15/03/2024');
    // Ambiguous or impossible: no proposal.
    expect(meant(norm('5.10', '15 mars 24'))).toBeUndefined();
    expect(meant(norm('5.10', '31 février 2024'))).toBeUndefined();
    expect(code(norm('5.10', '15 mars 2024'))).toBe('notADate');
  });

  it('yes/no variants become Oui or Non', () => {
    expect(meant(norm('5.5', 'Oui.'))).toBe('Oui');
    expect(meant(norm('5.5', 'OUI !'))).toBe('Oui');
    expect(meant(norm('5.5', 'ouais'))).toBe('Oui');
    expect(meant(norm('5.5', 'non merci'))).toBe('Non');
    expect(meant(norm('5.5', 'Faux.'))).toBe('Non');
    expect(meant(norm('5.5', 'peut-être'))).toBeUndefined();
  });

  it('a list value that is part of exactly one label gets that label (« Admission » → Par admission)', () => {
    expect(meant(norm('5.4', 'Admission'))).toBe('Par admission');
    expect(meant(norm('5.8', 'présentiel'))).toBe('En présentiel');
    // Part of several labels, or too short to tell: no proposal.
    expect(meant(norm('7.1', 'Formation'))).toBeUndefined();
    expect(meant(norm('8.9', 'H'))).toBeUndefined();
  });

  it('a code typed after an apostrophe gets the code without it', () => {
    expect(meant(norm('8.10', "'01004"))).toBe('01004');
  });
});
