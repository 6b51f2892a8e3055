// Working calendars: weekly open hours minus dated closures, with exact O(log n) nextOpen / addWorkingTime.
import { lowerBoundNear, upperBound, upperBoundNear } from './sorted-search.js';
import { MINUTES_PER_DAY, MINUTES_PER_WEEK, TimeBase } from './time.js';
import { parseWeeklyHours } from './weekly-hours.js';
import { mergeIntervals, subtractWeekly } from './weekly-intervals.js';

/** An absolute half-open interval [from, to) in engine minutes. */
export interface TimeInterval {
  readonly from: number;
  readonly to: number;
}

export interface CalendarOptions {
  /** Weekly open intervals, e.g. "mon-fri 09:00-17:30", "sat 22:00-04:00", "mon,wed,fri 08:00-12:00". */
  open: readonly string[];
  /** Absolute closed periods [from, to) in engine minutes (holidays, freezes); `to` may be Infinity. */
  closures?: readonly TimeInterval[];
  /**
   * Weekly closed periods, removed from the open hours every week (no-deploy periods): minutes of
   * the week from Monday 00:00, `from` in [0, 10080) and `to` in (from, from + 10080] (past 10080 wraps
   * into the next week).
   */
  closedWeekly?: readonly TimeInterval[];
}

/** Sorted, merged absolute closures; `to` may be Infinity only for the last one. */
export function normaliseClosures(list: readonly TimeInterval[]): { from: number; to: number }[] {
  for (const c of list) {
    if (!Number.isFinite(c.from)) throw new RangeError(`closure from ${c.from} must be a finite number of minutes`);
    if (Number.isNaN(c.to) || c.to < c.from) {
      throw new RangeError(`closure [${c.from}, ${c.to}) must end at or after its start`);
    }
  }
  return mergeIntervals(list.map((c) => ({ from: c.from, to: c.to })));
}

/**
 * A working calendar. Internally the week is a sorted list of merged open intervals in
 * minute-of-week [0, 10080] with their cumulative open minutes; engine time t maps to
 * (week k, minute m) relative to Monday 00:00 of the start's week. The open-time function
 * P(t) = k·weekOpen + prefix(m) is computed in O(log n). Closures are sorted and merged;
 * the open time they remove is prefix-summed, giving E(t) = P(t) − closed(t), the open minutes
 * before t. addWorkingTime inverts E by binary search over the closure gaps and then over the
 * week's intervals; nextOpen walks the closure list from a binary-searched start.
 */
export class Calendar {
  readonly timeBase: TimeBase;
  /** The weekly specs this calendar was built from. */
  readonly open: readonly string[];
  /** Closures, sorted and merged. */
  readonly closures: readonly TimeInterval[];
  /** Weekly closed periods removed from the weekly hours (minutes of the week). */
  readonly closedWeekly: readonly TimeInterval[];
  /** Open minutes in one full week (before closures). */
  readonly weeklyOpenMinutes: number;
  /**
   * The longest stretch the weekly pattern stays open (before closures), in minutes: a window
   * crossing Sunday midnight counts whole; Infinity for a pattern open all week.
   */
  readonly longestOpenSpan: number;

  /** Engine time of Monday 00:00 of the start's week. */
  readonly #origin: number;
  readonly #starts: Float64Array;
  readonly #ends: Float64Array;
  /** #cum[i] = open minutes of the week before #starts[i]. */
  readonly #cum: Float64Array;
  /** True when the weekly pattern is open all week. */
  readonly #allWeek: boolean;
  /** True when the last weekly interval ends at 10080 and the first starts at 0 (open across Sunday midnight). */
  readonly #wraps: boolean;
  readonly #cFrom: Float64Array;
  readonly #cTo: Float64Array;
  /** #cPrefix[j] = pattern open minutes removed by the first j closures. */
  readonly #cPrefix: Float64Array;
  /** #gapEndE[j] = E at the start of closure j (the end of the gap before it). */
  readonly #gapEndE: Float64Array;
  /** Start of an infinite closure (Infinity if none): nothing is open from here on. */
  readonly #horizon: number;
  // The last answers of the four searches of addWorkingTime, tried first by the next call (a
  // calendar is asked about times that mostly move forward). Hints only: every answer is checked.
  #hintStart = 0;
  #hintClosure = 0;
  #hintGap = 0;
  #hintCum = 0;

  constructor(timeBase: TimeBase, options: CalendarOptions) {
    this.timeBase = timeBase;
    this.open = [...options.open];
    const weekly: { from: number; to: number }[] = [];
    for (const spec of options.open) {
      for (const { day, from, to } of parseWeeklyHours(spec)) {
        const a = day * MINUTES_PER_DAY + from;
        const b = day * MINUTES_PER_DAY + to;
        if (b <= MINUTES_PER_WEEK) weekly.push({ from: a, to: b });
        else {
          weekly.push({ from: a, to: MINUTES_PER_WEEK });
          weekly.push({ from: 0, to: b - MINUTES_PER_WEEK });
        }
      }
    }
    this.closedWeekly = [...(options.closedWeekly ?? [])];
    const merged = this.closedWeekly.length === 0 ? mergeIntervals(weekly) : subtractWeekly(mergeIntervals(weekly), this.closedWeekly);
    if (merged.length === 0) {
      throw new RangeError(`calendar never opens: open hours [${options.open.map((s) => `"${s}"`).join(', ')}]${this.closedWeekly.length === 0 ? '' : ' minus the weekly closed periods'}`);
    }
    this.#starts = Float64Array.from(merged, (x) => x.from);
    this.#ends = Float64Array.from(merged, (x) => x.to);
    this.#cum = new Float64Array(merged.length);
    let total = 0;
    merged.forEach((x, i) => {
      this.#cum[i] = total;
      total += x.to - x.from;
    });
    this.weeklyOpenMinutes = total;
    this.#allWeek = total === MINUTES_PER_WEEK;
    this.#wraps = merged[0]!.from === 0 && merged[merged.length - 1]!.to === MINUTES_PER_WEEK;
    let longest = Math.max(...merged.map((x) => x.to - x.from));
    if (this.#wraps && merged.length > 1) longest = Math.max(longest, merged[0]!.to + MINUTES_PER_WEEK - merged[merged.length - 1]!.from);
    this.longestOpenSpan = this.#allWeek ? Infinity : longest;
    this.#origin = -timeBase.startMinuteOfWeek;

    let closures = normaliseClosures(options.closures ?? []);
    const infinite = closures.find((c) => c.to === Infinity);
    this.#horizon = infinite === undefined ? Infinity : infinite.from;
    closures = closures.filter((c) => c.to !== Infinity);
    this.closures = infinite === undefined ? closures : [...closures, { from: infinite.from, to: Infinity }];
    const n = closures.length;
    this.#cFrom = Float64Array.from(closures, (c) => c.from);
    this.#cTo = Float64Array.from(closures, (c) => c.to);
    this.#cPrefix = new Float64Array(n + 1);
    this.#gapEndE = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const pFrom = this.#patternOpenBefore(closures[j]!.from);
      this.#gapEndE[j] = pFrom - this.#cPrefix[j]!;
      this.#cPrefix[j + 1] = this.#cPrefix[j]! + (this.#patternOpenBefore(closures[j]!.to) - pFrom);
    }
  }

  /** A calendar that is always open. */
  static always(): Calendar {
    return new Calendar(new TimeBase('2000-01-03'), { open: ['mon-sun 00:00-24:00'] });
  }

  /** A new calendar with the same weekly hours and these closures added. */
  withClosures(extra: readonly TimeInterval[]): Calendar {
    return new Calendar(this.timeBase, { open: this.open, closures: [...this.closures, ...extra], closedWeekly: this.closedWeekly });
  }

  // ---- weekly pattern ------------------------------------------------------------------

  /** Open minutes of the weekly pattern in [origin, t) (may be negative for t before the origin). */
  #patternOpenBefore(t: number): number {
    if (t === Infinity || t === -Infinity) return t;
    const x = t - this.#origin;
    const k = Math.floor(x / MINUTES_PER_WEEK);
    const m = x - k * MINUTES_PER_WEEK;
    const u = upperBoundNear(this.#starts, m, this.#hintStart);
    this.#hintStart = u;
    const i = u - 1; // last interval starting at or before m
    let within = 0;
    if (i >= 0) within = this.#cum[i]! + Math.min(m, this.#ends[i]!) - this.#starts[i]!;
    return k * this.weeklyOpenMinutes + within;
  }

  /** The earliest time at which the pattern's open time P reaches p (p finite). */
  #patternTimeAt(p: number): number {
    const total = this.weeklyOpenMinutes;
    let k = Math.floor(p / total);
    let r = p - k * total;
    if (r <= 0) {
      // Reached at the end of the last interval of the previous week.
      k -= 1;
      r += total;
    }
    // The interval i with cum[i] < r <= cum[i] + len[i].
    const l = lowerBoundNear(this.#cum, r, this.#hintCum);
    this.#hintCum = l;
    const i = l - 1;
    return this.#origin + k * MINUTES_PER_WEEK + this.#starts[i]! + (r - this.#cum[i]!);
  }

  #patternIsOpen(t: number): boolean {
    const m = this.timeBase.minuteOfWeek(t);
    const i = upperBound(this.#starts, m) - 1;
    return i >= 0 && m < this.#ends[i]!;
  }

  /** t if the pattern is open at t, else the start of the pattern's next open interval. */
  #patternNextOpen(t: number): number {
    const x = t - this.#origin;
    const k = Math.floor(x / MINUTES_PER_WEEK);
    const m = x - k * MINUTES_PER_WEEK;
    const i = upperBound(this.#ends, m); // first interval ending after m
    if (i < this.#ends.length) {
      if (this.#starts[i]! <= m) return t;
      return this.#origin + k * MINUTES_PER_WEEK + this.#starts[i]!;
    }
    return this.#origin + (k + 1) * MINUTES_PER_WEEK + this.#starts[0]!;
  }

  /** End of the pattern's open interval containing t (t open in the pattern). */
  #patternNextClose(t: number): number {
    if (this.#allWeek) return Infinity;
    const x = t - this.#origin;
    const k = Math.floor(x / MINUTES_PER_WEEK);
    const m = x - k * MINUTES_PER_WEEK;
    const i = upperBound(this.#ends, m);
    if (i >= this.#ends.length || this.#starts[i]! > m) return t;
    const last = this.#ends.length - 1;
    if (i === last && this.#wraps) return this.#origin + (k + 1) * MINUTES_PER_WEEK + this.#ends[0]!;
    return this.#origin + k * MINUTES_PER_WEEK + this.#ends[i]!;
  }

  // ---- closures ------------------------------------------------------------------------

  /** Index of the closure containing t, or -1. */
  #closureAt(t: number): number {
    const j = upperBound(this.#cFrom, t) - 1;
    return j >= 0 && t < this.#cTo[j]! ? j : -1;
  }

  /** E(t): open minutes (pattern minus closures) in [origin, t). */
  #openBefore(t: number): number {
    const tt = Math.min(t, this.#horizon);
    if (tt === -Infinity) return -Infinity;
    const j = upperBoundNear(this.#cFrom, tt, this.#hintClosure); // closures starting at or before tt
    this.#hintClosure = j;
    if (j > 0 && tt < this.#cTo[j - 1]!) return this.#gapEndE[j - 1]!; // inside closure j-1: flat
    if (tt === Infinity) return Infinity - this.#cPrefix[j]!;
    // #patternOpenBefore(tt), written out: this is the hot path of addWorkingTime.
    const x = tt - this.#origin;
    const k = Math.floor(x / MINUTES_PER_WEEK);
    const m = x - k * MINUTES_PER_WEEK;
    const u = upperBoundNear(this.#starts, m, this.#hintStart);
    this.#hintStart = u;
    const i = u - 1; // last interval starting at or before m
    let within = 0;
    if (i >= 0) within = this.#cum[i]! + Math.min(m, this.#ends[i]!) - this.#starts[i]!;
    return k * this.weeklyOpenMinutes + within - this.#cPrefix[j]!;
  }

  // ---- public API ----------------------------------------------------------------------

  isOpen(t: number): boolean {
    if (t >= this.#horizon) return false;
    return this.#patternIsOpen(t) && this.#closureAt(t) < 0;
  }

  /** t if open, else the start of the next open interval (Infinity if it never opens again). */
  nextOpen(t: number): number {
    if (Number.isNaN(t) || t === -Infinity) throw new RangeError(`nextOpen: time ${t} is not a finite number`);
    if (t === Infinity) return Infinity;
    let x = t;
    for (;;) {
      if (x >= this.#horizon) return Infinity;
      const j = this.#closureAt(x);
      if (j >= 0) x = this.#cTo[j]!;
      const y = this.#patternNextOpen(x);
      if (y >= this.#horizon) return Infinity;
      if (this.#closureAt(y) < 0) return y;
      x = y;
    }
  }

  /** End of the open interval containing t (t itself if closed; Infinity if it never closes). */
  nextClose(t: number): number {
    if (!this.isOpen(t)) return t;
    let end = Math.min(this.#patternNextClose(t), this.#horizon);
    const j = upperBound(this.#cFrom, t); // first closure starting after t
    if (j < this.#cFrom.length) end = Math.min(end, this.#cFrom[j]!);
    return end;
  }

  /**
   * The earliest time at which d minutes of open time after t have elapsed. Work starting while
   * closed starts at nextOpen(t); d = 0 returns t unchanged (even when closed). Infinity if the
   * calendar closes for ever first. Never earlier than nextOpen(t) for d > 0, however small d is.
   */
  addWorkingTime(t: number, d: number): number {
    if (Number.isNaN(t)) throw new RangeError(`addWorkingTime: time ${t} is not a number`);
    if (!(d >= 0)) throw new RangeError(`addWorkingTime: duration ${d} must be a non-negative number of minutes`);
    if (d === 0) return t;
    if (this.#allWeek && this.#cFrom.length === 0 && this.#horizon === Infinity) return t + d;
    if (t === Infinity || d === Infinity) return Infinity;
    const target = this.#openBefore(t) + d;
    if (this.#horizon !== Infinity && target > this.#openBefore(this.#horizon)) return Infinity;
    // First gap j whose end (start of closure j) reaches the target; gap n is unbounded.
    const j = lowerBoundNear(this.#gapEndE, target, this.#hintGap);
    this.#hintGap = j;
    const end = this.#patternTimeAt(target + this.#cPrefix[j]!);
    // An effort below the clock's floating-point resolution at t (e.g. 1e-12 minutes a year in)
    // leaves the target equal to E(t), whose earliest time is the end of the last open interval
    // before t: in the past. Such work finishes the moment it can start.
    return end > t ? end : this.nextOpen(t);
  }

  /** Open minutes in [a, b) (0 if b <= a). */
  workingTimeBetween(a: number, b: number): number {
    if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`workingTimeBetween: bad interval [${a}, ${b})`);
    if (!(b > a)) return 0;
    if (this.#allWeek && this.#cFrom.length === 0 && this.#horizon === Infinity) return b - a;
    return Math.max(0, this.#openBefore(b) - this.#openBefore(a));
  }
}
