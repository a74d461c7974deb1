import type { CheckResult } from '../../../src/core/check/check';
import type { CellValue } from '../../../src/core/model/types';
import { generateRows, BENCH_PARAMETERS } from '../../../bench/generate';
import { prng } from '../../support/prng';
import { workbook, type RowInput } from '../../support/workbook';
import { DICTIONARY } from '../../support/dictionary';

/**
 * normalizeCell memoizes its result per field, primitive value and date system. The check must find exactly
 * what it found without the memo, on a realistic workbook salted with the values that could fool a memo:
 * the same text as a number and as a string, booleans and their words, spaces, invisible characters,
 * dates as serial numbers, as text and as Date objects, cell errors.
 */

const TRICKY: CellValue[] = [
  1,
  '1',
  ' 1 ',
  0,
  '0',
  -0,
  true,
  'true',
  'VRAI',
  false,
  'Non',
  'non ',
  45292,
  '45292',
  '01/01/2024',
  '2024-01-01',
  new Date('2024-01-01T00:00:00Z'),
  new Date('2024-01-01T00:00:00Z'),
  new Date(Date.UTC(2024, 0, 1)),
  new Date(45292),
  new Date(Number.NaN),
  new Date('1890-05-17T00:00:00Z'),
  '\u200bMartin',
  'Martin',
  'MARTIN',
  '',
  '   ',
  { error: '#N/A' },
  'RNCP34825',
  34825,
  '69123',
  69123,
  'F',
  'f',
];

function saltedRows(count: number): { passages: RowInput[]; digcomp: RowInput[] } {
  const rows = generateRows(count);
  const random = prng(17);
  const fields = Object.keys(rows.passages[0]);
  const passages = rows.passages.map((row, i) => {
    if (i % 5 !== 0) return row;
    const salted: RowInput = { ...row };
    for (let k = 0; k < 4; k++) {
      salted[fields[Math.floor(random() * fields.length)]] = TRICKY[Math.floor(random() * TRICKY.length)];
    }
    return salted;
  });
  return { passages, digcomp: rows.digcomp };
}

type Check = typeof import('../../../src/core/check/check');

function checkWithoutMemo(): Check {
  let check: Check | undefined;
  jest.isolateModules(() => {
    jest.doMock('../../../src/core/check/normalize', () => {
      const actual = jest.requireActual('../../../src/core/check/normalize');
      return { ...actual, normalizeCell: actual.interpretCell };
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module graph, with the mock
    check = require('../../../src/core/check/check') as Check;
  });
  return check as Check;
}

const comparable = (result: CheckResult) => JSON.parse(JSON.stringify(result)) as unknown;

describe('the memo of normalizeCell', () => {
  it.each([false, true])('changes nothing the check finds (1904 date system: %s)', (date1904) => {
    const { checkWorkbook } = jest.requireActual('../../../src/core/check/check') as Check;
    const plain = checkWithoutMemo();
    const rows = saltedRows(3000);
    const data = workbook(rows.passages, { parameters: BENCH_PARAMETERS, digcomp: rows.digcomp, date1904 });
    const today = new Date('2026-11-23T10:00:00Z');
    const options = { dictionary: DICTIONARY, today };
    const expected = comparable(plain.checkWorkbook(data, options));
    // Twice: the second run reads every cell from a warm memo.
    expect(comparable(checkWorkbook(data, options))).toEqual(expected);
    expect(comparable(checkWorkbook(data, options))).toEqual(expected);
    const result = checkWorkbook(data, options);
    expect(result.issues.length).toBeGreaterThan(500);
    expect(result.passages.length).toBeGreaterThan(0);
  });
});
