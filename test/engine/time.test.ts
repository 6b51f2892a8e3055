// Tests for TimeBase: ISO round trips, weekdays of known dates, rounding, and pinned errors.
import { describe, expect, it } from 'vitest';
import { MINUTES_PER_DAY, MINUTES_PER_WEEK, TimeBase } from '../../src/engine/time.js';
import { createStream } from '../../src/engine/random.js';

describe('TimeBase', () => {
  it('normalises the start', () => {
    expect(new TimeBase('2027-01-04').start).toBe('2027-01-04T00:00');
    expect(new TimeBase('2027-01-04T09:30').start).toBe('2027-01-04T09:30');
    expect(MINUTES_PER_DAY).toBe(1440);
    expect(MINUTES_PER_WEEK).toBe(10080);
  });

  it('round-trips exact minutes', () => {
    const tb = new TimeBase('2027-01-04T09:15');
    for (const t of [0, 1, 45, 1440, 10080, 525600, -60, -1440 * 400]) {
      expect(tb.fromIso(tb.toIso(t))).toBe(t);
    }
    expect(tb.toIso(0)).toBe('2027-01-04T09:15');
    expect(tb.fromIso('2027-01-04')).toBe(-555);
    expect(tb.fromIso('2027-01-05T09:15')).toBe(1440);
  });

  it('crosses month, year and leap-day boundaries', () => {
    const tb = new TimeBase('2028-02-28');
    expect(tb.toIso(1440)).toBe('2028-02-29T00:00');
    expect(tb.toIso(2 * 1440)).toBe('2028-03-01T00:00');
    expect(tb.dateToMinutes('2029-02-28')).toBe(366 * 1440);
    expect(new TimeBase('2027-12-31T23:59').toIso(1)).toBe('2028-01-01T00:00');
  });

  it('rounds fractional minutes to the nearest minute (exact: string equality)', () => {
    const tb = new TimeBase('2027-01-04');
    expect(tb.toIso(9 * 60 + 0.4)).toBe('2027-01-04T09:00');
    expect(tb.toIso(9 * 60 + 0.5)).toBe('2027-01-04T09:01');
    expect(tb.toIso(9 * 60 - 0.2)).toBe('2027-01-04T09:00');
    expect(tb.toIso(1439.7)).toBe('2027-01-05T00:00');
  });

  it('knows the weekday of known dates (exact)', () => {
    const tb = new TimeBase('2027-01-04'); // a Monday
    const known: [string, number][] = [
      ['2027-01-04', 0],
      ['2027-01-08', 4],
      ['2027-01-10', 6],
      ['2026-12-31', 3], // Thursday, before the start
      ['2027-04-02', 4], // Good Friday 2027
      ['2028-02-29', 1], // Tuesday
      ['2000-01-01', 5], // Saturday
    ];
    for (const [date, wd] of known) {
      expect(tb.weekday(tb.dateToMinutes(date)), date).toBe(wd);
      expect(tb.weekday(tb.dateToMinutes(date) + 1439.9), date).toBe(wd);
    }
    const wed = new TimeBase('2027-01-06T10:00');
    expect(wed.weekday(0)).toBe(2);
    expect(wed.minuteOfWeek(0)).toBe(2 * 1440 + 600);
    expect(wed.minuteOfWeek(-2 * 1440 - 600)).toBe(0);
    expect(wed.minuteOfWeek(-2 * 1440 - 601)).toBe(10079);
    expect(wed.startMinuteOfWeek).toBe(2 * 1440 + 600);
    expect(wed.weekStart(100)).toBe(-2 * 1440 - 600);
    expect(wed.dayStart(100)).toBe(-600);
  });

  it('pins its errors', () => {
    expect(() => new TimeBase('2027-02-30')).toThrow(
      new RangeError('start "2027-02-30" is not a real date (day 30 does not exist in 2027-02)'),
    );
    expect(() => new TimeBase('2027-13-01')).toThrow('start "2027-13-01" has an impossible month 13');
    expect(() => new TimeBase('2027-01-01T24:00')).toThrow('start "2027-01-01T24:00" has an impossible hour 24');
    expect(() => new TimeBase('2027-01-01T10:60')).toThrow('start "2027-01-01T10:60" has an impossible minute 60');
    expect(() => new TimeBase('4 Jan 2027')).toThrow(
      'start "4 Jan 2027" is malformed: expected "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"',
    );
    expect(() => new TimeBase('2027-01-04').dateToMinutes('2027-01-04T10:00')).toThrow(
      'date "2027-01-04T10:00" is malformed: expected "YYYY-MM-DD"',
    );
    expect(() => new TimeBase('2027-01-04').fromIso('2027-02-29')).toThrow(RangeError);
    expect(() => new TimeBase('2027-01-04').toIso(Number.NaN)).toThrow('cannot format time NaN');
  });
});

describe('TimeBase.toIso with its per-day prefixes', () => {
  /** An independent "YYYY-MM-DDTHH:MM" from a Date's UTC fields (years padded to 4 digits, longer ones as they are). */
  function reference(startEpochMinutes: number, t: number): string {
    const d = new Date((startEpochMinutes + Math.round(t)) * 60_000);
    const p = (n: number, w: number): string => String(n).padStart(w, '0');
    return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1, 2)}-${p(d.getUTCDate(), 2)}T${p(d.getUTCHours(), 2)}:${p(d.getUTCMinutes(), 2)}`;
  }

  it('formats every time as a Date would: both sides of midnight, before the start, beyond the kept days, and past year 9999', () => {
    const rng = createStream(14, 1, 'to-iso');
    for (const start of ['2027-01-04', '2024-02-28T12:30', '1999-12-31T23:59', '9999-12-30T00:00']) {
      const tb = new TimeBase(start);
      const origin = Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10)), Number(start.slice(11, 13) || 0), Number(start.slice(14, 16) || 0)) / 60_000;
      const times = [0, -0, 0.49, 0.5, -0.5, -1, 1439.4, 1439.5, 1440, MINUTES_PER_DAY * 3660 - 0.5, MINUTES_PER_DAY * 3660, MINUTES_PER_DAY * 4000.25];
      for (let i = 0; i < 3000; i++) times.push((rng.next() * 4000 - 100) * MINUTES_PER_DAY + (i % 3 === 0 ? 0.5 : rng.next()));
      for (const t of times) {
        // The same day formatted twice (from its kept prefix the second time) gives the same text.
        expect([tb.toIso(t), tb.toIso(t)]).toEqual([reference(origin, t), reference(origin, t)]);
      }
    }
  });
});
