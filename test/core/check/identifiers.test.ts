import { findRepeatedPassages, planMissingIds, randomUuid } from '../../../src/core/check/identifiers';
import type { Passage, SourceSheet } from '../../../src/core/model/types';

const sheet = (ids: (string | number | undefined)[]): SourceSheet => ({
  name: 'Passages',
  columns: { '5.1': 'D', '8.1': 'E' },
  rows: ids.map((id, i) => ({
    row: i + 2,
    cells: id === undefined ? { '8.1': 'Martin' } : { '5.1': id, '8.1': 'Martin' },
  })),
});

describe('generating missing idTechnique (5.1)', () => {
  it('fills only the rows without one, in the 5.1 column, and never changes an existing one', () => {
    let n = 0;
    const plan = planMissingIds(sheet(['A', undefined, 42, undefined]), () => `new-${++n}`);
    expect(plan).toEqual([
      { row: 3, column: 'D', value: 'new-1' },
      { row: 5, column: 'D', value: 'new-2' },
    ]);
  });

  it('never hands out an identifier already in the sheet', () => {
    const ids = ['taken', 'taken', 'fresh'];
    expect(planMissingIds(sheet(['taken', undefined]), () => ids.shift() as string)).toEqual([
      { row: 3, column: 'D', value: 'fresh' },
    ]);
  });

  it('makes version 4 UUIDs, different each time', () => {
    const a = randomUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUuid()).not.toBe(a);
  });

  it('does nothing on a sheet without the 5.1 column', () => {
    expect(
      planMissingIds({ name: 'Passages', columns: {}, rows: [{ row: 2, cells: { '8.1': 'Martin' } }] }),
    ).toEqual([]);
  });
});

describe('the same person with the same certification on two rows', () => {
  const passage = (row: number, values: Record<string, string>): Passage => ({ row, values, digcomp: [] });
  const person = {
    '4.1': 'RNCP',
    '4.2': 'RNCP34825',
    '8.1': 'Lefèvre',
    '8.3': 'Hélène',
    '8.6': '1979',
    '8.9': 'F',
  };

  it('is found whatever the accents and case of the names', () => {
    const rows = [
      passage(2, person),
      passage(3, { ...person, '8.1': 'LEFEVRE', '8.3': 'helene' }),
      passage(4, { ...person, '4.2': 'RS5487', '4.1': 'RS' }),
      passage(5, { ...person, '8.6': '1980' }),
    ];
    expect(findRepeatedPassages(rows)).toEqual([[2, 3]]);
  });

  it('is found by CPF file number for bloc 9 passages', () => {
    const cpf = { '4.1': 'RS', '4.2': 'RS5487', '9.1': '12345678901', '9.2': 'Petit', '9.3': 'Julie' };
    expect(findRepeatedPassages([passage(2, cpf), passage(7, cpf)])).toEqual([[2, 7]]);
  });
});
