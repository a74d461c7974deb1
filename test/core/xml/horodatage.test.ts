import { DATETIME_PATTERN } from '../../../src/dictionary';
import { formatHorodatage } from '../../../src/core/xml/horodatage';

const xsdPattern = new RegExp(`^(?:${DATETIME_PATTERN})$`);
const at = (iso: string): string => formatHorodatage(new Date(iso));

describe('formatHorodatage (1.2): Paris wall-clock time with the offset of that instant', () => {
  test('winter time is +01:00 and summer time is +02:00', () => {
    expect(at('2026-01-15T10:30:45Z')).toBe('2026-01-15T11:30:45+01:00');
    expect(at('2026-07-14T10:30:45Z')).toBe('2026-07-14T12:30:45+02:00');
  });

  test('March switch: 02:00 does not exist, the clock jumps from 01:59:59 to 03:00:00', () => {
    expect(at('2026-03-29T00:59:59Z')).toBe('2026-03-29T01:59:59+01:00');
    expect(at('2026-03-29T01:00:00Z')).toBe('2026-03-29T03:00:00+02:00');
    expect(at('2026-03-29T01:30:00Z')).toBe('2026-03-29T03:30:00+02:00');
  });

  test('October switch: the hour from 02:00 is lived twice, told apart by the offset', () => {
    expect(at('2026-10-25T00:00:00Z')).toBe('2026-10-25T02:00:00+02:00');
    expect(at('2026-10-25T00:59:59Z')).toBe('2026-10-25T02:59:59+02:00');
    expect(at('2026-10-25T01:00:00Z')).toBe('2026-10-25T02:00:00+01:00');
    expect(at('2026-10-25T01:59:59Z')).toBe('2026-10-25T02:59:59+01:00');
    expect(at('2026-10-25T02:00:00Z')).toBe('2026-10-25T03:00:00+01:00');
  });

  test('midnight is 00, never 24, including across a year end', () => {
    expect(at('2025-12-31T23:00:00Z')).toBe('2026-01-01T00:00:00+01:00');
    expect(at('2026-06-30T22:00:00Z')).toBe('2026-07-01T00:00:00+02:00');
    expect(at('2026-06-30T21:59:59Z')).toBe('2026-06-30T23:59:59+02:00');
  });

  test('milliseconds are dropped, not rounded', () => {
    expect(at('2026-01-15T10:30:45.999Z')).toBe('2026-01-15T11:30:45+01:00');
  });

  test('the result matches the CDC pattern for instants all through the years', () => {
    for (let time = Date.UTC(1950, 0, 1); time < Date.UTC(2099, 11, 1); time += 7_919_999_123) {
      const value = formatHorodatage(new Date(time));
      expect(value).toMatch(xsdPattern);
      // Reading the value back gives the same instant (to the second): offset and wall clock agree.
      expect(Date.parse(value)).toBe(Math.floor(time / 1000) * 1000);
    }
  });

  test('an invalid date is refused', () => {
    expect(() => formatHorodatage(new Date('not a date'))).toThrow(RangeError);
  });
});
