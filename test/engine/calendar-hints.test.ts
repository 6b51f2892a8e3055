// A calendar remembers where its last searches ended and tries there first (calls come mostly in
// time order). The answers must not depend on that history: a calendar that has answered a long
// run of calls, monotone as the simulation makes them or jumping about, gives bit for bit what a
// new calendar gives for each call, with holidays, freezes and a closure for ever.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Calendar, type TimeInterval } from '../../src/engine/calendar.js';
import { TimeBase } from '../../src/engine/time.js';

const SPECS = [
  ['mon-fri 09:00-17:30'],
  ['mon-fri 09:00-17:30', 'sat 22:00-04:00'],
  ['sat 22:00-04:00'],
  ['mon,wed,fri 08:00-12:00,13:00-17:00', 'tue-thu 20:00-02:00'],
  ['mon-sun 00:00-24:00'],
];
const DAY = 1440;

// Whole days (holidays) or fractional periods: boundaries that calls hit exactly, and ones they do not.
const closure = fc.record({
  day: fc.integer({ min: -10, max: 400 }),
  length: fc.oneof(fc.integer({ min: 1, max: 14 }).map((n) => n * DAY), fc.double({ min: 1, max: 20 * DAY, noNaN: true })),
  offset: fc.oneof(fc.constant(0), fc.double({ min: 0, max: DAY, noNaN: true })),
})
  .map(({ day, length, offset }): TimeInterval => ({ from: day * DAY + offset, to: day * DAY + offset + length }));

const calendarSpec = fc.record({
  specs: fc.constantFrom(...SPECS),
  start: fc.constantFrom('2027-01-04', '2027-01-06T10:00'),
  closures: fc.array(closure, { maxLength: 12 }),
  // A closure for ever (a calendar that never opens again after it), sometimes.
  forever: fc.option(fc.integer({ min: 30, max: 500 }), { nil: undefined }),
});

type Spec = { specs: string[]; start: string; closures: TimeInterval[]; forever: number | undefined };

function build(s: Spec): Calendar {
  const closures = s.forever === undefined ? s.closures : [...s.closures, { from: s.forever * DAY, to: Infinity }];
  return new Calendar(new TimeBase(s.start), { open: s.specs, closures });
}

/** The steps of a call sequence: a gap forward (or, when `jump`, anywhere) and an effort. */
const steps = fc.array(
  fc.record({
    // Half-hour multiples land exactly on opening and closing times.
    gap: fc.oneof(fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 0, max: 20 * DAY, noNaN: true }), fc.integer({ min: 0, max: 400 }).map((k) => k * 30)),
    effort: fc.oneof(fc.double({ min: 0, max: 3 * DAY, noNaN: true }), fc.integer({ min: 0, max: 200 }).map((k) => k * 30), fc.constant(1e-300)),
    jump: fc.oneof(fc.double({ min: -30 * DAY, max: 500 * DAY, noNaN: true }), fc.integer({ min: -1440, max: 24000 }).map((k) => k * 30)),
  }),
  { minLength: 1, maxLength: 200 },
);

function same(a: number, b: number): boolean {
  return Object.is(a, b);
}

describe('calendar search hints', () => {
  test.prop([calendarSpec, steps])('monotone calls give what a new calendar gives, bit for bit', (spec, calls) => {
    const cal = build(spec);
    let t = -2 * DAY; // whole minutes: with half-hour gaps, calls hit the boundaries
    for (const c of calls) {
      t += c.gap;
      const got = cal.addWorkingTime(t, c.effort);
      const want = build(spec).addWorkingTime(t, c.effort);
      if (!same(got, want)) expect({ t, effort: c.effort, got }).toEqual({ t, effort: c.effort, got: want });
      // The arrivals pattern: the next call starts where this one ended.
      if (got !== Infinity) {
        const chained = cal.addWorkingTime(got, c.effort);
        expect(same(chained, build(spec).addWorkingTime(got, c.effort))).toBe(true);
      }
      const between = cal.workingTimeBetween(t, t + c.effort);
      expect(same(between, build(spec).workingTimeBetween(t, t + c.effort))).toBe(true);
    }
  });

  test.prop([calendarSpec, steps])('calls jumping back and forth give what a new calendar gives, bit for bit', (spec, calls) => {
    const cal = build(spec);
    for (const c of calls) {
      const got = cal.addWorkingTime(c.jump, c.effort);
      const want = build(spec).addWorkingTime(c.jump, c.effort);
      if (!same(got, want)) expect({ t: c.jump, effort: c.effort, got }).toEqual({ t: c.jump, effort: c.effort, got: want });
      expect(same(cal.workingTimeBetween(c.jump - c.effort, c.jump), build(spec).workingTimeBetween(c.jump - c.effort, c.jump))).toBe(true);
    }
  });
});
