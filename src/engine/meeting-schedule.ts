// When a recurring meeting (a CAB) is held: weekly at given days and time (weeklyRecurrence), weekly
// slots every N weeks from an anchor week, or monthly by ordinal weekday ("first thu", "last fri").
// Each schedule becomes a function giving the first meeting strictly after a time, skipping
// meetings that fall inside a closure (a holiday).
import { MINUTES_PER_DAY, MINUTES_PER_WEEK, type TimeBase } from './time.js';
import { normaliseClosures, type TimeInterval } from './calendar.js';
import { lowerBound, upperBound } from './sorted-search.js';

/** A meeting on a day of the week (0 = Monday … 6 = Sunday) at a minute of the day. */
export interface WeeklySlot {
  readonly day: number;
  readonly minute: number;
}

/** A meeting on the n-th (1–4) or the last (-1) given weekday of each month, at a minute of the day. */
export interface MonthlySlot {
  readonly ordinal: 1 | 2 | 3 | 4 | -1;
  readonly day: number;
  readonly minute: number;
}

export type MeetingSchedule =
  | {
      readonly kind: 'weekly';
      readonly slots: readonly WeeklySlot[];
      /** Meetings happen in every `everyWeeks`-th week (Monday to Sunday), counted from the anchor's week. */
      readonly everyWeeks: number;
      /** Engine time of any moment in a meeting week (the `from` date). */
      readonly anchor: number;
    }
  | { readonly kind: 'monthly'; readonly slots: readonly MonthlySlot[] };

function mod(x: number, m: number): number {
  return x - Math.floor(x / m) * m;
}

function checkSlot(day: number, minute: number): void {
  if (!Number.isInteger(day) || day < 0 || day > 6) throw new RangeError(`meeting schedule: day ${day} must be an integer 0 (Mon) to 6 (Sun)`);
  if (!(minute >= 0 && minute < MINUTES_PER_DAY)) throw new RangeError(`meeting schedule: minute ${minute} must be in [0, 1440)`);
}

/** The first meeting of a weekly schedule at or after (strict: after) t, ignoring closures. */
function weeklyNext(timeBase: TimeBase, schedule: Extract<MeetingSchedule, { kind: 'weekly' }>): (t: number, strict: boolean) => number {
  const n = schedule.everyWeeks;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`meeting schedule: everyWeeks ${n} must be a positive integer`);
  if (schedule.slots.length === 0) throw new RangeError('meeting schedule: no slots');
  for (const s of schedule.slots) checkSlot(s.day, s.minute);
  const occ = Float64Array.from(new Set(schedule.slots.map((s) => s.day * MINUTES_PER_DAY + s.minute))).sort();
  const origin = -timeBase.startMinuteOfWeek;
  const anchorWeek = Math.floor((schedule.anchor - origin) / MINUTES_PER_WEEK);
  return (t: number, strict: boolean): number => {
    if (t === Infinity) return Infinity;
    const x = t - origin;
    const k = Math.floor(x / MINUTES_PER_WEEK);
    const m = x - k * MINUTES_PER_WEEK;
    if (mod(k - anchorWeek, n) === 0) {
      for (let i = 0; i < occ.length; i++) {
        if (strict ? occ[i]! > m : occ[i]! >= m) return origin + k * MINUTES_PER_WEEK + occ[i]!;
      }
    }
    const next = k + 1 + mod(anchorWeek - (k + 1), n);
    return origin + next * MINUTES_PER_WEEK + occ[0]!;
  };
}

/** Day of the month (1–31) of a monthly slot in month `month` (0–11) of `year`. */
function dayOfMonth(year: number, month: number, slot: MonthlySlot): number {
  const firstDow = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7; // 0 = Monday
  if (slot.ordinal > 0) return 1 + mod(slot.day - firstDow, 7) + 7 * (slot.ordinal - 1);
  const last = new Date(Date.UTC(year, month + 1, 0));
  const lastDow = (last.getUTCDay() + 6) % 7;
  return last.getUTCDate() - mod(lastDow - slot.day, 7);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The first meeting of a monthly schedule at or after (strict: after) t, ignoring closures. */
function monthlyNext(timeBase: TimeBase, schedule: Extract<MeetingSchedule, { kind: 'monthly' }>): (t: number, strict: boolean) => number {
  if (schedule.slots.length === 0) throw new RangeError('meeting schedule: no slots');
  for (const s of schedule.slots) {
    checkSlot(s.day, s.minute);
    if (![1, 2, 3, 4, -1].includes(s.ordinal)) throw new RangeError(`meeting schedule: ordinal ${s.ordinal} must be 1-4 or -1 (last)`);
  }
  return (t: number, strict: boolean): number => {
    if (t === Infinity) return Infinity;
    const iso = timeBase.toIso(Math.max(t - MINUTES_PER_DAY, -1e12));
    let year = Number(iso.slice(0, 4));
    let month = Number(iso.slice(5, 7)) - 1;
    // Every month holds at least one meeting, so two months from t's (or the day before's) month suffice.
    for (let step = 0; step < 3; step++) {
      const times = schedule.slots
        .map((s) => timeBase.dateToMinutes(`${pad(year, 4)}-${pad(month + 1, 2)}-${pad(dayOfMonth(year, month, s), 2)}`) + s.minute)
        .sort((a, b) => a - b);
      for (const time of times) if (strict ? time > t : time >= t) return time;
      month++;
      if (month === 12) {
        month = 0;
        year++;
      }
    }
    return Infinity;
  };
}

/**
 * The meetings of a schedule: a function giving the first meeting strictly after `after`, skipping
 * meetings inside a closure [from, to) (holidays). Infinity when there is none.
 */
export function meetingTimes(timeBase: TimeBase, schedule: MeetingSchedule, closures: readonly TimeInterval[] = []): (after: number) => number {
  const next = schedule.kind === 'weekly' ? weeklyNext(timeBase, schedule) : monthlyNext(timeBase, schedule);
  const sorted = [...closures].filter((c) => c.to > c.from).sort((a, b) => a.from - b.from);
  return (after: number): number => {
    if (Number.isNaN(after)) throw new RangeError(`meeting schedule: time ${after} is not a number`);
    let t = next(after, true);
    for (let guard = 0; guard < 100_000 && t !== Infinity; guard++) {
      const inside = sorted.find((c) => c.from <= t && t < c.to);
      if (inside === undefined) return t;
      t = next(inside.to, false);
    }
    return Infinity;
  };
}

/**
 * The shortest gap between two consecutive meetings of a schedule held in [from, to), ignoring
 * closures; Infinity when fewer than two meetings fall in it.
 */
export function shortestMeetingGap(timeBase: TimeBase, schedule: MeetingSchedule, from: number, to: number): number {
  const next = meetingTimes(timeBase, schedule);
  let gap = Infinity;
  let previous = next(from - 1e-9);
  while (previous < to) {
    const t = next(previous);
    if (t >= to) break;
    gap = Math.min(gap, t - previous);
    previous = t;
  }
  return gap;
}

/**
 * A weekly recurrence (e.g. CAB every Tuesday 10:00): returns a function giving the first
 * occurrence strictly after `after`, skipping occurrences inside a closure [from, to).
 */
export function weeklyRecurrence(
  timeBase: TimeBase,
  days: readonly number[],
  minuteOfDay: number,
  closures: readonly TimeInterval[] = [],
): (after: number) => number {
  if (days.length === 0) throw new RangeError('weeklyRecurrence: days must not be empty');
  for (const d of days) {
    if (!Number.isInteger(d) || d < 0 || d > 6) throw new RangeError(`weeklyRecurrence: day ${d} must be an integer 0 (Mon) to 6 (Sun)`);
  }
  if (!(minuteOfDay >= 0 && minuteOfDay < MINUTES_PER_DAY)) {
    throw new RangeError(`weeklyRecurrence: minuteOfDay ${minuteOfDay} must be in [0, 1440)`);
  }
  const occ = Float64Array.from([...new Set(days)].sort((a, b) => a - b), (d) => d * MINUTES_PER_DAY + minuteOfDay);
  const merged = normaliseClosures(closures);
  const cFrom = Float64Array.from(merged, (c) => c.from);
  const cTo = Float64Array.from(merged, (c) => c.to);
  const origin = -timeBase.startMinuteOfWeek;
  /** First occurrence > t (strict) or >= t. */
  const next = (t: number, strict: boolean): number => {
    if (t === Infinity) return Infinity;
    const x = t - origin;
    const k = Math.floor(x / MINUTES_PER_WEEK);
    const m = x - k * MINUTES_PER_WEEK;
    const i = strict ? upperBound(occ, m) : lowerBound(occ, m);
    if (i < occ.length) return origin + k * MINUTES_PER_WEEK + occ[i]!;
    return origin + (k + 1) * MINUTES_PER_WEEK + occ[0]!;
  };
  return (after: number): number => {
    if (Number.isNaN(after)) throw new RangeError(`weeklyRecurrence: time ${after} is not a number`);
    let t = next(after, true);
    for (;;) {
      const j = upperBound(cFrom, t) - 1;
      if (j < 0 || t >= cTo[j]!) return t;
      t = next(cTo[j]!, false);
    }
  };
}
