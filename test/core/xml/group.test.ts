import type { Passage } from '../../../src/core/model/types';
import { createFlux, groupCertifications } from '../../../src/core/xml/group';
import { DICTIONARY } from '../../support/dictionary';

const dictionary = DICTIONARY;
const passage = (row: number, values: Record<string, string>): Passage => ({
  row,
  values: { '5.1': `p${row}`, ...values },
  digcomp: [],
});

describe('groupCertifications: one group per (type 4.1, code 4.2, natureDeposant 4.3)', () => {
  test('groups in order of first appearance, passages in row order', () => {
    const passages = [
      passage(2, { '4.1': 'RNCP', '4.2': 'RNCP1' }),
      passage(3, { '4.1': 'RS', '4.2': 'RS9' }),
      passage(4, { '4.1': 'RNCP', '4.2': 'RNCP1' }),
      passage(5, { '4.1': 'RS', '4.2': 'RS9' }),
    ];
    const groups = groupCertifications(passages, dictionary);
    expect(groups.map((g) => g.values)).toEqual([
      { '4.1': 'RNCP', '4.2': 'RNCP1' },
      { '4.1': 'RS', '4.2': 'RS9' },
    ]);
    expect(groups.map((g) => g.passages.map((p) => p.row))).toEqual([
      [2, 4],
      [3, 5],
    ]);
  });

  test('a different natureDeposant makes a different group; an empty one is left out of the values', () => {
    const groups = groupCertifications(
      [
        passage(2, { '4.1': 'RNCP', '4.2': 'RNCP1' }),
        passage(3, { '4.1': 'RNCP', '4.2': 'RNCP1', '4.3': 'CERTIFICATEUR' }),
        passage(4, { '4.1': 'RNCP', '4.2': 'RNCP1', '4.3': '' }),
      ],
      DICTIONARY,
    );
    expect(groups.map((g) => g.values)).toEqual([
      { '4.1': 'RNCP', '4.2': 'RNCP1' },
      { '4.1': 'RNCP', '4.2': 'RNCP1', '4.3': 'CERTIFICATEUR' },
    ]);
    expect(groups[0].passages.map((p) => p.row)).toEqual([2, 4]);
  });

  test('values that only look alike stay apart (no key collision)', () => {
    const groups = groupCertifications(
      [passage(2, { '4.1': 'a,b', '4.2': 'c' }), passage(3, { '4.1': 'a', '4.2': 'b,c' })],
      DICTIONARY,
    );
    expect(groups).toHaveLength(2);
  });

  test('no passage, no group', () => {
    expect(groupCertifications([], DICTIONARY)).toEqual([]);
  });
});

describe('createFlux', () => {
  const header = { '2.1': 'AB123CDE', '3.1': 'E564ACB0', '3.2': 'C1' };

  test('stamps the Paris time of `now` and groups the passages', () => {
    const flux = createFlux({
      dictionary: DICTIONARY,
      header,
      passages: [passage(2, { '4.1': 'RS', '4.2': 'RS1' })],
      now: new Date('2026-07-01T10:00:00Z'),
      idFlux: 'id',
    });
    expect(flux).toEqual({
      idFlux: 'id',
      horodatage: '2026-07-01T12:00:00+02:00',
      header,
      certifications: [
        { values: { '4.1': 'RS', '4.2': 'RS1' }, passages: [passage(2, { '4.1': 'RS', '4.2': 'RS1' })] },
      ],
    });
  });

  test('draws a fresh UUID for idFlux when none is given (1.1: unique, under 50 characters)', () => {
    const a = createFlux({ dictionary: DICTIONARY, header, passages: [], now: new Date() });
    const b = createFlux({ dictionary: DICTIONARY, header, passages: [], now: new Date() });
    expect(a.idFlux).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.idFlux).not.toBe(b.idFlux);
  });
});
