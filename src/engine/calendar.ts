// Working calendars: weekly open hours minus dated closures, with exact O(log n) nextOpen / addWorkingTime.
import { MINUTES_PER_DAY, MINUTES_PER_WEEK, TimeBase } from './time.js';
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

/** A syntax error in a weekly-hours spec; the message names the spec and what was expected. */
export class CalendarSyntaxError extends Error {
  readonly spec: string;
  constructor(spec: string, problem: string, expected?: string) {
    super(`${problem} in "${spec}"${expected === undefined ? '' : ` (expected ${expected})`}`);
    this.name = 'CalendarSyntaxError';
    this.spec = spec;
  }
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function parseDay(token: string, spec: string): number {
  const i = DAY_NAMES.indexOf(token.toLowerCase() as (typeof DAY_NAMES)[number]);
  if (i < 0) {
    throw new CalendarSyntaxError(spec, `unknown weekday "${token}"`, `one of ${DAY_NAMES.join(' ')}`);
  }
  return i;
}

function parseClock(token: string, spec: string, allow24: boolean): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(token);
  if (m === null) throw new CalendarSyntaxError(spec, `bad time "${token}"`, 'HH:MM');
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && (min !== 0 || !allow24))) {
    const range = allow24 ? '00:00 to 24:00' : '00:00 to 23:59';
    throw new CalendarSyntaxError(spec, `impossible time "${token}"`, range);
  }
  return h * 60 + min;
}

/**
 * Parses one weekly-hours spec: `DAYS HH:MM-HH:MM[,HH:MM-HH:MM…]`, where DAYS is a comma list of day
 * names or wrapping ranges (`mon-fri`, `sun-mon`, `mon,wed,fri`). An end at or before the start
 * crosses midnight and belongs to the start day. Returns one entry per day and time range, with
 * `from` in [0, 1440) and `to` in (from, from + 1440] minutes after that day's midnight.
 */
export function parseWeeklyHours(spec: string): { day: number; from: number; to: number }[] {
  const parts = spec.trim().split(/\s+/);
  if (parts.length !== 2) {
    throw new CalendarSyntaxError(spec, 'malformed weekly hours', '"DAYS HH:MM-HH:MM", e.g. "mon-fri 09:00-17:30"');
  }
  const [daysPart, timesPart] = parts as [string, string];
  const days: number[] = [];
  for (const item of daysPart.split(',')) {
    if (item === '') throw new CalendarSyntaxError(spec, `empty day in "${daysPart}"`);
    const range = item.split('-');
    if (range.length === 1) {
      days.push(parseDay(item, spec));
    } else if (range.length === 2) {
      const a = parseDay(range[0]!, spec);
      const b = parseDay(range[1]!, spec);
      for (let d = a; ; d = (d + 1) % 7) {
        days.push(d);
        if (d === b) break;
      }
    } else {
      throw new CalendarSyntaxError(spec, `bad day range "${item}"`, 'e.g. "mon-fri"');
    }
  }
  const times: { from: number; to: number }[] = [];
  for (const item of timesPart.split(',')) {
    const range = item.split('-');
    if (range.length !== 2) {
      throw new CalendarSyntaxError(spec, `bad time range "${item}"`, 'HH:MM-HH:MM');
    }
    const from = parseClock(range[0]!, spec, false);
    let to = parseClock(range[1]!, spec, true);
    if (to === from) {
      throw new CalendarSyntaxError(spec, `empty time range "${item}"`, 'different start and end; 00:00-24:00 for a whole day');
    }
    if (to < from) to += MINUTES_PER_DAY; // crosses midnight
    times.push({ from, to });
  }
  const out: { day: number; from: number; to: number }[] = [];
  for (const day of [...new Set(days)]) for (const t of times) out.push({ day, from: t.from, to: t.to });
  return out;
}

/** Index of the first element of a sorted array that is > x (upper bound). */
function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of a sorted array that is >= x (lower bound). */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * upperBound(a, x), trying `hint` and `hint + 1` first: calls come in time order, so the answer
 * is mostly the last one or the next. Checks the same predicate the search establishes, so the
 * result is always the search's.
 */
function upperBoundNear(a: Float64Array, x: number, hint: number): number {
  const n = a.length;
  if (hint <= n && (hint === 0 || a[hint - 1]! <= x)) {
    if (hint === n || a[hint]! > x) return hint;
    if (hint + 1 === n || a[hint + 1]! > x) return hint + 1;
  }
  return upperBound(a, x);
}

/** lowerBound(a, x), trying `hint` and `hint + 1` first (see upperBoundNear). */
function lowerBoundNear(a: Float64Array, x: number, hint: number): number {
  const n = a.length;
  if (hint <= n && (hint === 0 || a[hint - 1]! < x)) {
    if (hint === n || a[hint]! >= x) return hint;
    if (hint + 1 === n || a[hint + 1]! >= x) return hint + 1;
  }
  return lowerBound(a, x);
}

/** Sorted, merged absolute closures; `to` may be Infinity only for the last one. */
function normaliseClosures(list: readonly TimeInterval[]): { from: number; to: number }[] {
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
