/**
 * The flux timestamp (dictionary 1.2): Paris wall-clock time with the offset in force at that instant.
 * The CDC pattern demands `±hh:mm` and rejects `Z` and fractional seconds (SPEC-NOTES 1.2), and a fixed
 * `+01:00` would be wrong half the year (a known flaw of other exporters), hence Intl instead of arithmetic.
 */

const PARIS_TIME_ZONE = 'Europe/Paris';

// Built once: constructing an Intl.DateTimeFormat is far costlier than formatting with it.
// hourCycle h23 because some engines print midnight as "24" with hour12: false.
const parisFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

type WallClock = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

function parisWallClock(instant: Date): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of parisFormat.formatToParts(instant)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Formats `instant` as `YYYY-MM-DDTHH:mm:ss±hh:mm` in Europe/Paris time (`+01:00` in winter, `+02:00` in summer). */
export function formatHorodatage(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid date given for the flux timestamp');
  // Whole seconds only: the wall clock drops the milliseconds, so the offset must be computed from the same second.
  const wholeSecond = Math.floor(time / 1000) * 1000;
  const clock = parisWallClock(new Date(wholeSecond));
  // The offset is whatever separates the wall clock, read as if it were UTC, from the real instant.
  const wallAsUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  const offsetMinutes = Math.round((wallAsUtc - wholeSecond) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return (
    `${String(clock.year).padStart(4, '0')}-${pad2(clock.month)}-${pad2(clock.day)}` +
    `T${pad2(clock.hour)}:${pad2(clock.minute)}:${pad2(clock.second)}` +
    `${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`
  );
}
