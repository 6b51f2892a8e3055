// Tests for calendars: hand-worked cases, pinned errors, and 10,000 random calls checked against a slow interval-stepping reference.
import { describe, expect, it } from 'vitest';
import { Calendar } from '../../src/engine/calendar.js';
import { weeklyRecurrence } from '../../src/engine/meeting-schedule.js';
import { CalendarSyntaxError, parseWeeklyHours } from '../../src/engine/weekly-hours.js';
import { createStream } from '../../src/engine/random.js';
import { TimeBase } from '../../src/engine/time.js';

const tb = new TimeBase('2027-01-04'); // a Monday
const at = (s: string): number => tb.fromIso(s);
const iso = (t: number): string => tb.toIso(t);
const office = new Calendar(tb, { open: ['mon-fri 09:00-17:30'] });

describe('parseWeeklyHours', () => {
  it('parses days, ranges, lists, wrap ranges and midnight crossings', () => {
    expect(parseWeeklyHours('mon-wed 09:00-17:30')).toEqual([
      { day: 0, from: 540, to: 1050 },
      { day: 1, from: 540, to: 1050 },
      { day: 2, from: 540, to: 1050 },
    ]);
    expect(parseWeeklyHours('SAT 22:00-04:00')).toEqual([{ day: 5, from: 1320, to: 1680 }]);
    expect(parseWeeklyHours('mon,Wed,fri 08:00-12:00').map((x) => x.day)).toEqual([0, 2, 4]);
    expect(parseWeeklyHours('sun-mon 00:00-24:00')).toEqual([
      { day: 6, from: 0, to: 1440 },
      { day: 0, from: 0, to: 1440 },
    ]);
    expect(parseWeeklyHours('  tue 08:00-12:00,13:00-17:00 ')).toEqual([
      { day: 1, from: 480, to: 720 },
      { day: 1, from: 780, to: 1020 },
    ]);
  });

  it('pins its errors', () => {
    expect(() => parseWeeklyHours('sta 22:00-04:00')).toThrow(CalendarSyntaxError);
    expect(() => parseWeeklyHours('sta 22:00-04:00')).toThrow(
      'unknown weekday "sta" in "sta 22:00-04:00" (expected one of mon tue wed thu fri sat sun)',
    );
    expect(() => parseWeeklyHours('mon-fri')).toThrow(
      'malformed weekly hours in "mon-fri" (expected "DAYS HH:MM-HH:MM", e.g. "mon-fri 09:00-17:30")',
    );
    expect(() => parseWeeklyHours('mon 9-17')).toThrow('bad time "9" in "mon 9-17" (expected HH:MM)');
    expect(() => parseWeeklyHours('mon 24:00-02:00')).toThrow(
      'impossible time "24:00" in "mon 24:00-02:00" (expected 00:00 to 23:59)',
    );
    expect(() => parseWeeklyHours('mon 09:00-24:30')).toThrow('impossible time "24:30"');
    expect(() => parseWeeklyHours('mon 09:00-09:00')).toThrow('empty time range "09:00-09:00" in "mon 09:00-09:00"');
    expect(() => parseWeeklyHours('mon-tue-wed 09:00-10:00')).toThrow('bad day range "mon-tue-wed"');
    expect(() => parseWeeklyHours('mon 09:00')).toThrow('bad time range "09:00" in "mon 09:00" (expected HH:MM-HH:MM)');
  });
});

describe('Calendar by hand (exact: ISO strings and integer minutes)', () => {
  it('4h from Friday 16:00 ends Monday 11:30; a holiday Monday pushes it to Tuesday', () => {
    expect(iso(office.addWorkingTime(at('2027-01-08T16:00'), 240))).toBe('2027-01-11T11:30');
    const holiday = { from: tb.dateToMinutes('2027-01-11'), to: tb.dateToMinutes('2027-01-12') };
    const withHoliday = new Calendar(tb, { open: ['mon-fri 09:00-17:30'], closures: [holiday] });
    expect(iso(withHoliday.addWorkingTime(at('2027-01-08T16:00'), 240))).toBe('2027-01-12T11:30');
    expect(withHoliday.isOpen(at('2027-01-11T10:00'))).toBe(false);
    expect(iso(withHoliday.nextOpen(at('2027-01-08T18:00')))).toBe('2027-01-12T09:00');
    expect(withHoliday.workingTimeBetween(at('2027-01-08T16:00'), at('2027-01-12T11:30'))).toBe(240);
  });

  it('work ending exactly at closing time ends then, not at the next opening', () => {
    expect(iso(office.addWorkingTime(at('2027-01-08T16:00'), 90))).toBe('2027-01-08T17:30');
    expect(iso(office.addWorkingTime(at('2027-01-08T16:00'), 91))).toBe('2027-01-11T09:01');
  });

  it('work starting while closed starts at nextOpen; d = 0 returns t unchanged', () => {
    expect(iso(office.addWorkingTime(at('2027-01-09T12:00'), 30))).toBe('2027-01-11T09:30');
    expect(office.addWorkingTime(at('2027-01-09T12:00'), 0)).toBe(at('2027-01-09T12:00'));
  });

  it('spans multiple weeks', () => {
    expect(office.weeklyOpenMinutes).toBe(5 * 510);
    const mon = at('2027-01-04T09:00');
    expect(iso(office.addWorkingTime(mon, 3 * 2550))).toBe('2027-01-22T17:30');
    expect(iso(office.addWorkingTime(mon, 3 * 2550 + 1))).toBe('2027-01-25T09:01');
    expect(iso(office.addWorkingTime(at('2027-01-06T12:00'), 10 * 2550 + 60))).toBe('2027-03-17T13:00');
    // before the start (negative engine time)
    expect(iso(office.addWorkingTime(at('2026-12-31T17:00'), 60))).toBe('2027-01-01T09:30');
  });

  it('workingTimeBetween by hand', () => {
    expect(office.workingTimeBetween(at('2027-01-08T16:00'), at('2027-01-11T11:30'))).toBe(240);
    expect(office.workingTimeBetween(at('2027-01-04'), at('2027-01-11'))).toBe(2550);
    expect(office.workingTimeBetween(at('2027-01-04T12:00'), at('2027-01-04T12:30'))).toBe(30);
    expect(office.workingTimeBetween(at('2027-01-09'), at('2027-01-10T23:00'))).toBe(0);
    expect(office.workingTimeBetween(at('2027-01-11'), at('2027-01-04'))).toBe(0);
    expect(office.workingTimeBetween(at('2027-01-04'), at('2027-03-01'))).toBe(8 * 2550);
  });

  it('nextClose', () => {
    expect(iso(office.nextClose(at('2027-01-05T10:00')))).toBe('2027-01-05T17:30');
    expect(office.nextClose(at('2027-01-05T18:00'))).toBe(at('2027-01-05T18:00'));
    const frozen = office.withClosures([{ from: at('2027-01-05T12:00'), to: at('2027-01-05T13:00') }]);
    expect(iso(frozen.nextClose(at('2027-01-05T10:00')))).toBe('2027-01-05T12:00');
    // open across Sunday midnight: one interval sun 20:00 to mon 06:00
    const night = new Calendar(tb, { open: ['sun 20:00-24:00', 'mon 00:00-06:00'] });
    expect(iso(night.nextClose(at('2027-01-10T21:00')))).toBe('2027-01-11T06:00');
    expect(iso(night.nextClose(at('2027-01-11T01:00')))).toBe('2027-01-11T06:00');
    expect(Calendar.always().nextClose(123)).toBe(Infinity);
  });

  it('a sat 22:00-04:00 window: nextOpen from every day, inside, and at the edges', () => {
    const win = new Calendar(tb, { open: ['sat 22:00-04:00'] });
    expect(win.weeklyOpenMinutes).toBe(360);
    const days = ['04', '05', '06', '07', '08', '09'];
    for (const d of days) {
      expect(iso(win.nextOpen(at(`2027-01-${d}T12:00`))), d).toBe('2027-01-09T22:00');
      expect(iso(win.nextOpen(at(`2027-01-${d}T00:00`))), d).toBe('2027-01-09T22:00');
    }
    expect(iso(win.nextOpen(at('2027-01-10T12:00')))).toBe('2027-01-16T22:00');
    expect(iso(win.nextOpen(at('2027-01-09T22:00')))).toBe('2027-01-09T22:00');
    expect(iso(win.nextOpen(at('2027-01-09T23:30')))).toBe('2027-01-09T23:30');
    expect(iso(win.nextOpen(at('2027-01-10T03:00')))).toBe('2027-01-10T03:00');
    expect(iso(win.nextOpen(at('2027-01-10T04:00')))).toBe('2027-01-16T22:00');
    expect(iso(win.nextClose(at('2027-01-09T23:00')))).toBe('2027-01-10T04:00');
    expect(iso(win.addWorkingTime(at('2027-01-10T03:00'), 120))).toBe('2027-01-16T23:00');
    expect(win.workingTimeBetween(at('2027-01-04'), at('2027-02-01'))).toBe(4 * 360);
    // the same window on a Sunday crosses the week boundary
    const sun = new Calendar(tb, { open: ['sun 22:00-04:00'] });
    expect(iso(sun.nextOpen(at('2027-01-04T02:00')))).toBe('2027-01-04T02:00');
    expect(iso(sun.nextOpen(at('2027-01-04T05:00')))).toBe('2027-01-10T22:00');
    expect(iso(sun.addWorkingTime(at('2027-01-10T23:00'), 240))).toBe('2027-01-11T03:00');
    expect(iso(sun.addWorkingTime(at('2027-01-10T23:00'), 300))).toBe('2027-01-11T04:00');
    expect(iso(sun.addWorkingTime(at('2027-01-10T23:00'), 301))).toBe('2027-01-17T22:01');
  });

  it('a start that is not a Monday midnight', () => {
    const wed = new TimeBase('2027-01-06T10:00');
    const cal = new Calendar(wed, { open: ['mon-fri 09:00-17:30'] });
    expect(wed.toIso(cal.addWorkingTime(0, 510))).toBe('2027-01-07T10:00');
    expect(wed.toIso(cal.nextOpen(wed.fromIso('2027-01-08T20:00')))).toBe('2027-01-11T09:00');
  });

  it('a freeze via withClosures', () => {
    const freeze = { from: at('2027-01-06T12:00'), to: at('2027-01-07T12:00') };
    const frozen = office.withClosures([freeze]);
    expect(iso(frozen.addWorkingTime(at('2027-01-06T09:00'), 480))).toBe('2027-01-07T17:00');
    expect(frozen.isOpen(at('2027-01-07T11:59'))).toBe(false);
    expect(frozen.isOpen(at('2027-01-07T12:00'))).toBe(true);
    expect(frozen.closures).toEqual([freeze]);
    expect(office.closures).toEqual([]); // the original is unchanged
    // a freeze for ever
    const forever = office.withClosures([{ from: at('2027-02-01'), to: Infinity }]);
    expect(forever.nextOpen(at('2027-02-03'))).toBe(Infinity);
    expect(forever.nextOpen(at('2027-01-30'))).toBe(Infinity);
    expect(forever.addWorkingTime(at('2027-01-29T17:00'), 31)).toBe(Infinity);
    expect(iso(forever.addWorkingTime(at('2027-01-29T17:00'), 30))).toBe('2027-01-29T17:30');
    expect(forever.workingTimeBetween(at('2027-01-25'), Infinity)).toBe(2550);
  });

  it('always() is open all the time', () => {
    const a = Calendar.always();
    expect(a.nextOpen(12.5)).toBe(12.5);
    expect(a.addWorkingTime(12.5, 1e5 + 0.1)).toBe(12.5 + 1e5 + 0.1);
    expect(a.workingTimeBetween(3, 5000.5)).toBe(4997.5);
    expect(a.isOpen(-7)).toBe(true);
  });

  it('pins its errors', () => {
    expect(() => new Calendar(tb, { open: [] })).toThrow('calendar never opens: open hours []');
    expect(() => new Calendar(tb, { open: ['mon-fri 09:00-17:00'], closures: [{ from: 10, to: 5 }] })).toThrow(
      'closure [10, 5) must end at or after its start',
    );
    expect(() => office.addWorkingTime(0, -1)).toThrow('addWorkingTime: duration -1 must be a non-negative number of minutes');
    expect(() => office.nextOpen(Number.NaN)).toThrow(RangeError);
  });
});

describe('weeklyRecurrence', () => {
  const cab = weeklyRecurrence(tb, [1], 600, [
    { from: tb.dateToMinutes('2027-01-12'), to: tb.dateToMinutes('2027-01-13') }, // holiday Tuesday
  ]);
  it('gives the next CAB Tuesday 10:00, strictly after, skipping a holiday (exact)', () => {
    expect(iso(cab(at('2027-01-04T00:00')))).toBe('2027-01-05T10:00');
    expect(iso(cab(at('2027-01-05T09:59')))).toBe('2027-01-05T10:00');
    expect(iso(cab(at('2027-01-05T10:00')))).toBe('2027-01-19T10:00');
    expect(iso(cab(at('2027-01-03T12:00')))).toBe('2027-01-05T10:00');
    expect(iso(cab(at('2027-01-19T10:00')))).toBe('2027-01-26T10:00');
    expect(iso(cab(at('2026-12-29T09:00')))).toBe('2026-12-29T10:00');
  });
  it('handles several days and closures to Infinity', () => {
    const twice = weeklyRecurrence(tb, [3, 1], 14 * 60 + 30);
    expect(iso(twice(at('2027-01-05T15:00')))).toBe('2027-01-07T14:30');
    expect(iso(twice(at('2027-01-07T14:30')))).toBe('2027-01-12T14:30');
    const ends = weeklyRecurrence(tb, [1], 600, [{ from: at('2027-01-06'), to: Infinity }]);
    expect(ends(at('2027-01-05T10:00'))).toBe(Infinity);
    expect(() => weeklyRecurrence(tb, [7], 600)).toThrow('weeklyRecurrence: day 7 must be an integer 0 (Mon) to 6 (Sun)');
    expect(() => weeklyRecurrence(tb, [], 600)).toThrow('weeklyRecurrence: days must not be empty');
    expect(() => weeklyRecurrence(tb, [1], 1440)).toThrow('weeklyRecurrence: minuteOfDay 1440 must be in [0, 1440)');
  });
});

/** A slow reference: the open time as an explicit list of absolute intervals, stepped one interval at a time. */
class Reference {
  readonly intervals: { from: number; to: number }[];
  constructor(origin: number, specs: string[], closures: { from: number; to: number }[], weeks: [number, number]) {
    const raw: { from: number; to: number }[] = [];
    for (let k = weeks[0]; k <= weeks[1]; k++) {
      for (const s of specs) {
        for (const { day, from, to } of parseWeeklyHours(s)) {
          raw.push({ from: origin + k * 10080 + day * 1440 + from, to: origin + k * 10080 + day * 1440 + to });
        }
      }
    }
    raw.sort((a, b) => a.from - b.from);
    let merged: { from: number; to: number }[] = [];
    for (const x of raw) {
      const last = merged[merged.length - 1];
      if (last !== undefined && x.from <= last.to) last.to = Math.max(last.to, x.to);
      else merged.push({ ...x });
    }
    for (const c of closures) {
      const next: { from: number; to: number }[] = [];
      for (const x of merged) {
        if (x.to <= c.from || x.from >= c.to) next.push(x);
        else {
          if (x.from < c.from) next.push({ from: x.from, to: c.from });
          if (x.to > c.to) next.push({ from: c.to, to: x.to });
        }
      }
      merged = next;
    }
    this.intervals = merged;
  }
  nextOpen(t: number): number {
    for (const x of this.intervals) if (x.to > t) return Math.max(t, x.from);
    throw new Error('reference horizon too short');
  }
  add(t: number, d: number): number {
    if (d === 0) return t;
    let left = d;
    for (const x of this.intervals) {
      if (x.to <= t) continue;
      const from = Math.max(t, x.from);
      if (x.to - from >= left) return from + left;
      left -= x.to - from;
    }
    throw new Error('reference horizon too short');
  }
  nextClose(t: number): number {
    for (const x of this.intervals) if (x.from <= t && t < x.to) return x.to;
    return t;
  }
  between(a: number, b: number): number {
    let sum = 0;
    for (const x of this.intervals) sum += Math.max(0, Math.min(b, x.to) - Math.max(a, x.from));
    return sum;
  }
}

describe('Calendar against a slow reference (10,000 random calls each, tolerance 1e-6 minutes)', () => {
  const cases: { name: string; start: string; origin: number; specs: string[] }[] = [
    { name: 'office + windows', start: '2027-01-04', origin: 0, specs: ['mon-fri 09:00-17:30', 'sat 22:00-04:00', 'sun 23:00-01:30'] },
    { name: 'split shifts, Wednesday start', start: '2027-01-06T10:00', origin: -(2 * 1440 + 600), specs: ['mon,wed,fri 08:00-12:00,13:00-17:00', 'tue-thu 20:00-02:00'] },
    { name: 'sparse window', start: '2027-01-04', origin: 0, specs: ['sun 22:00-04:00'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const base = new TimeBase(c.start);
      const closures = [
        { from: 3 * 1440, to: 4 * 1440 },
        { from: 10 * 1440 + 600.25, to: 10 * 1440 + 700.75 },
        { from: 20 * 1440 + 300, to: 27 * 1440 + 300 }, // a week-long freeze
        { from: 27 * 1440 + 900, to: 28 * 1440 }, // just after it
        { from: 60 * 1440 + 0.5, to: 62 * 1440 },
        { from: 61 * 1440, to: 63 * 1440 + 17 }, // overlaps the previous one
        { from: 100 * 1440 + 1, to: 100 * 1440 + 2 },
      ];
      const cal = new Calendar(base, { open: c.specs, closures });
      const ref = new Reference(c.origin, c.specs, closures, [-4, 80]);
      const rng = createStream(42, 0, `calendar-test/${c.name}`);
      for (let i = 0; i < 10_000; i++) {
        // Mostly fractional times; sometimes whole minutes to hit the boundaries exactly.
        let t = -14 * 1440 + rng.next() * 30 * 10080;
        // up to four weeks' worth of this calendar's open time
        let d = rng.next() * 4 * cal.weeklyOpenMinutes * (rng.next() < 0.3 ? 0.01 : 1);
        if (rng.next() < 0.3) {
          t = Math.round(t / 30) * 30;
          d = Math.round(d / 30) * 30;
        }
        const got = cal.addWorkingTime(t, d);
        const want = ref.add(t, d);
        if (Math.abs(got - want) > 1e-6) expect({ t, d, got }).toEqual({ t, d, got: want });
        const o = cal.nextOpen(t);
        const wantOpen = ref.nextOpen(t);
        if (Math.abs(o - wantOpen) > 1e-6) expect({ t, o }).toEqual({ t, o: wantOpen });
        const b = t + d;
        const w = cal.workingTimeBetween(t, b);
        if (Math.abs(w - ref.between(t, b)) > 1e-6) expect({ t, b, w }).toEqual({ t, b, w: ref.between(t, b) });
        expect(cal.isOpen(t)).toBe(wantOpen === t);
        const cl = cal.nextClose(t);
        if (Math.abs(cl - ref.nextClose(t)) > 1e-6) expect({ t, cl }).toEqual({ t, cl: ref.nextClose(t) });
      }
    });
  }
});

describe('addWorkingTime with an effort below the clock resolution (issue 13)', () => {
  // A gamma effort with sd ≫ mean draws values such as 1e-300 minutes. At Saturday 22:00, E(t) + d
  // rounds to E(t), whose earliest time was Friday 17:30: the old result was in the past
  // ("invalid hold -1710").
  const saturday = at('2027-01-09T22:00');
  it('never returns a time before the next opening', () => {
    expect(iso(office.addWorkingTime(saturday, 1e-300))).toBe('2027-01-11T09:00');
    expect(iso(office.addWorkingTime(saturday, Number.MIN_VALUE))).toBe('2027-01-11T09:00');
    const open = at('2027-01-05T10:00');
    expect(office.addWorkingTime(open, 1e-300)).toBe(open);
    const withHoliday = office.withClosures([{ from: at('2027-01-11'), to: at('2027-01-12') }]);
    expect(iso(withHoliday.addWorkingTime(saturday, 1e-300))).toBe('2027-01-12T09:00');
  });
  it('is monotone for tiny efforts far from the origin', () => {
    const far = at('2031-06-07T23:00'); // a Saturday, years in
    for (const d of [1e-300, 1e-12, 1e-9, 1e-6]) {
      expect(office.addWorkingTime(far, d)).toBeGreaterThanOrEqual(office.nextOpen(far));
    }
  });
});
