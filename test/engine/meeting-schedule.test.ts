// Meeting schedules: exact meeting times of each form (every N weeks from an anchor, several
// meetings a week at their own times, monthly by ordinal weekday), holidays skipped, and the
// theory check of the mean wait from submission to decision for uneven gaps.
import { describe, expect, it } from 'vitest';
import { meetingTimes, shortestMeetingGap, type MeetingSchedule } from '../../src/engine/meeting-schedule.js';
import { Meeting } from '../../src/engine/meeting.js';
import { createStream, type Rng } from '../../src/engine/random.js';
import { Simulation, type ProcessBody } from '../../src/engine/simulation.js';
import { TimeBase } from '../../src/engine/time.js';

const exponential = (rng: Rng, mean: number): number => -mean * Math.log(1 - rng.next());

const tb = new TimeBase('2027-01-04'); // a Monday
const W = 10080;

function first(schedule: MeetingSchedule, n: number, closures: { from: number; to: number }[] = []): string[] {
  const next = meetingTimes(tb, schedule, closures);
  const out: string[] = [];
  let t = -1;
  for (let i = 0; i < n; i++) {
    t = next(t);
    out.push(tb.toIso(t));
  }
  return out;
}

describe('meeting schedules', () => {
  it('every 2 weeks from Thursday 7 January 2027: that Thursday and every other one', () => {
    const fortnightly: MeetingSchedule = { kind: 'weekly', slots: [{ day: 3, minute: 600 }], everyWeeks: 2, anchor: tb.dateToMinutes('2027-01-07') };
    expect(first(fortnightly, 4)).toEqual(['2027-01-07T10:00', '2027-01-21T10:00', '2027-02-04T10:00', '2027-02-18T10:00']);
    // An anchor far in the future or the past counts the same weeks.
    const later = { ...fortnightly, anchor: tb.dateToMinutes('2028-01-06') };
    expect(first(later, 2)).toEqual(['2027-01-07T10:00', '2027-01-21T10:00']);
    const odd = { ...fortnightly, anchor: tb.dateToMinutes('2026-12-31') };
    expect(first(odd, 2)).toEqual(['2027-01-14T10:00', '2027-01-28T10:00']);
    // Strictly after: a meeting at exactly t is not returned.
    expect(tb.toIso(meetingTimes(tb, fortnightly)(tb.fromIso('2027-01-07T10:00')))).toBe('2027-01-21T10:00');
  });

  it('several meetings a week at their own times, a holiday skips one', () => {
    const twice: MeetingSchedule = { kind: 'weekly', slots: [{ day: 3, minute: 900 }, { day: 1, minute: 600 }], everyWeeks: 1, anchor: 0 };
    expect(first(twice, 4)).toEqual(['2027-01-05T10:00', '2027-01-07T15:00', '2027-01-12T10:00', '2027-01-14T15:00']);
    const holiday = { from: tb.dateToMinutes('2027-01-07'), to: tb.dateToMinutes('2027-01-08') };
    expect(first(twice, 3, [holiday])).toEqual(['2027-01-05T10:00', '2027-01-12T10:00', '2027-01-14T15:00']);
  });

  it('monthly by ordinal weekday: first and third Thursday, and the last Friday at 15:00', () => {
    const monthly: MeetingSchedule = { kind: 'monthly', slots: [{ ordinal: 1, day: 3, minute: 600 }, { ordinal: 3, day: 3, minute: 600 }, { ordinal: -1, day: 4, minute: 900 }] };
    // January 2027: Thursdays 7, 14, 21, 28; Fridays end on the 29th. February: Thursdays 4, 11, 18, 25; last Friday 26.
    expect(first(monthly, 6)).toEqual(['2027-01-07T10:00', '2027-01-21T10:00', '2027-01-29T15:00', '2027-02-04T10:00', '2027-02-18T10:00', '2027-02-26T15:00']);
    // Across the year end: December 2027 Thursdays 2, 16; last Friday 31; January 2028 first Thursday 6.
    const next = meetingTimes(tb, monthly);
    let t = tb.fromIso('2027-12-01T00:00');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push(tb.toIso((t = next(t))));
    expect(seen).toEqual(['2027-12-02T10:00', '2027-12-16T10:00', '2027-12-31T15:00', '2028-01-06T10:00']);
  });

  it('the shortest gap: fortnightly 2w; first and third Thursday 14 days; tue 10:00 and thu 15:00 2d5h', () => {
    const span = 104 * W;
    expect(shortestMeetingGap(tb, { kind: 'weekly', slots: [{ day: 1, minute: 600 }], everyWeeks: 2, anchor: 0 }, 0, span)).toBe(2 * W);
    expect(shortestMeetingGap(tb, { kind: 'monthly', slots: [{ ordinal: 1, day: 3, minute: 600 }, { ordinal: 3, day: 3, minute: 600 }] }, 0, span)).toBe(14 * 1440);
    expect(shortestMeetingGap(tb, { kind: 'weekly', slots: [{ day: 1, minute: 600 }, { day: 3, minute: 900 }], everyWeeks: 1, anchor: 0 }, 0, span)).toBe(2 * 1440 + 5 * 60);
  });
});

/** Mean minutes from submission to decision (meeting start + duration) for Poisson submissions. */
function meanWait(schedule: MeetingSchedule, cutoff: number, duration: number, weeks: number, seed: number): { mean: number; decided: number } {
  const sim = new Simulation();
  const cab = new Meeting(sim, { name: 'cab', nextTime: meetingTimes(tb, schedule), cutoff, capacity: Infinity });
  cab.start();
  const arrivals = createStream(seed, 0, 'arrivals');
  let waited = 0;
  let decided = 0;
  function* item(): ProcessBody {
    const submitted = sim.now;
    yield cab.attend();
    yield duration; // the decision is taken at the end of the meeting, as in the model
    waited += sim.now - submitted;
    decided++;
  }
  sim.process((function* (): ProcessBody {
    for (;;) {
      yield exponential(arrivals, 10);
      if (sim.now > weeks * W) return;
      sim.process(item());
    }
  })());
  sim.run({ until: (weeks + 6) * W });
  expect(cab.waiting).toBe(0);
  return { mean: waited / decided, decided };
}

describe('theory: mean wait from submission to decision = Σg²/(2Σg) + cutoff + duration', () => {
  // Tolerance 2%: the wait is (a uniform point in a gap, length-biased) + cutoff + duration; over
  // ~100k submissions (whole cycles) its standard error is well under 0.5%.
  it('a fortnightly CAB: 7 days + cutoff + duration, within 2%', () => {
    const fortnightly: MeetingSchedule = { kind: 'weekly', slots: [{ day: 3, minute: 600 }], everyWeeks: 2, anchor: 0 };
    const cutoff = 1200;
    const duration = 120;
    const { mean, decided } = meanWait(fortnightly, cutoff, duration, 100, 7);
    expect(decided).toBeGreaterThan(95_000);
    const expected = 7 * 1440 + cutoff + duration;
    expect(Math.abs(mean - expected) / expected).toBeLessThan(0.02);
  });

  it('meetings Tuesday 10:00 and Thursday 15:00 with a cutoff equal to the shorter gap, within 2%', () => {
    const twice: MeetingSchedule = { kind: 'weekly', slots: [{ day: 1, minute: 600 }, { day: 3, minute: 900 }], everyWeeks: 1, anchor: 0 };
    const gaps = [2 * 1440 + 5 * 60, 4 * 1440 + 19 * 60]; // sum: one week
    const cutoff = gaps[0]!;
    const duration = 120;
    const { mean } = meanWait(twice, cutoff, duration, 100, 8);
    const expected = gaps.reduce((s, g) => s + g * g, 0) / (2 * W) + cutoff + duration;
    expect(Math.abs(mean - expected) / expected).toBeLessThan(0.02);
  });
});
