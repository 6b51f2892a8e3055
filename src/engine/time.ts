// Engine time: float minutes since the scenario start, a local date-time without daylight saving (computed with UTC arithmetic).

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 10080;

const MS_PER_MINUTE = 60_000;
/** 1970-01-05 (a Monday) in minutes since the Unix epoch: the origin of minute-of-week. */
const MONDAY_EPOCH_MINUTES = 4 * MINUTES_PER_DAY;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * What is wrong with a "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" text ("has an impossible month 13"), or
 * its minutes since the Unix epoch when nothing is.
 */
function readLocal(text: string, dateOnly: boolean): { minutes: number } | { problem: string } {
  const m = (dateOnly ? DATE_RE : ISO_RE).exec(text);
  if (m === null) return { problem: `is malformed: expected ${dateOnly ? '"YYYY-MM-DD"' : '"YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"'}` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  if (month < 1 || month > 12) return { problem: `has an impossible month ${m[2]}` };
  if (hour > 23) return { problem: `has an impossible hour ${m[4]}` };
  if (minute > 59) return { problem: `has an impossible minute ${m[5]}` };
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return { problem: `is not a real date (day ${m[3]} does not exist in ${m[1]}-${m[2]})` };
  }
  d.setUTCHours(hour, minute, 0, 0);
  return { minutes: d.getTime() / MS_PER_MINUTE };
}

/** Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" to minutes since the Unix epoch; RangeError naming `what` and the text. */
function parseLocal(text: string, what: string, dateOnly = false): number {
  const r = readLocal(text, dateOnly);
  if ('problem' in r) throw new RangeError(`${what} "${text}" ${r.problem}`);
  return r.minutes;
}

/** Why a "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" text is not a real date-time ("has an impossible month 13"), or undefined. */
export function localDateTimeProblem(text: string): string | undefined {
  const r = readLocal(text, false);
  return 'problem' in r ? r.problem : undefined;
}

/** Why a "YYYY-MM-DD" text is not a real date ("has an impossible month 13"), or undefined if it is one. */
export function localDateProblem(text: string): string | undefined {
  const r = readLocal(text, true);
  return 'problem' in r ? r.problem : undefined;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Positive modulo for floats. */
function mod(x: number, m: number): number {
  const r = x - Math.floor(x / m) * m;
  return r >= m ? r - m : r;
}

/** Converts between engine minutes and local calendar date-times for one scenario start. */
export class TimeBase {
  /** Normalised start, "YYYY-MM-DDTHH:MM". */
  readonly start: string;
  /** The start in minutes since the Unix epoch (an integer). */
  readonly #startEpochMinutes: number;
  /** The start's day, in days since the Unix epoch. */
  readonly #startDay: number;
  /** "YYYY-MM-DDT" of the days from the start's day, made as they are first needed. */
  readonly #dayPrefixes: (string | undefined)[] = [];

  constructor(start: string) {
    this.#startEpochMinutes = parseLocal(start, 'start');
    this.#startDay = Math.floor(this.#startEpochMinutes / MINUTES_PER_DAY);
    this.start = formatEpochMinutes(this.#startEpochMinutes);
  }

  /**
   * "YYYY-MM-DDTHH:MM" of engine time t, rounded to the nearest minute. Called for every timestamp
   * of changes.csv and events.csv, so it builds no Date: the day's "YYYY-MM-DDT" is made once and
   * kept (days from the start's day, up to DAY_PREFIXES), and "HH:MM" comes from a table.
   */
  toIso(t: number): string {
    if (!Number.isFinite(t)) throw new RangeError(`cannot format time ${t}: not a finite number of minutes`);
    const minutes = this.#startEpochMinutes + Math.round(t);
    const day = Math.floor(minutes / MINUTES_PER_DAY);
    const k = day - this.#startDay;
    if (k < 0 || k >= DAY_PREFIXES) return formatEpochMinutes(minutes);
    const prefix = (this.#dayPrefixes[k] ??= formatEpochMinutes(day * MINUTES_PER_DAY).slice(0, -5)); // less "00:00"
    return prefix + clockOfDay(minutes - day * MINUTES_PER_DAY);
  }

  /** Engine minutes of a local "YYYY-MM-DD" (00:00) or "YYYY-MM-DDTHH:MM". */
  fromIso(s: string): number {
    return parseLocal(s, 'date-time') - this.#startEpochMinutes;
  }

  /** Engine minutes at 00:00 of a "YYYY-MM-DD" date. */
  dateToMinutes(date: string): number {
    return parseLocal(date, 'date', true) - this.#startEpochMinutes;
  }

  /** Day of the week of engine time t: 0 = Monday … 6 = Sunday. */
  weekday(t: number): number {
    return Math.floor(this.minuteOfWeek(t) / MINUTES_PER_DAY);
  }

  /** Minutes since Monday 00:00 of t's week, in [0, 10080). */
  minuteOfWeek(t: number): number {
    return mod(this.#startEpochMinutes - MONDAY_EPOCH_MINUTES + t, MINUTES_PER_WEEK);
  }

  /** Minute of week of the scenario start (an integer in [0, 10080)). */
  get startMinuteOfWeek(): number {
    return mod(this.#startEpochMinutes - MONDAY_EPOCH_MINUTES, MINUTES_PER_WEEK);
  }

  /** Engine time of Monday 00:00 of t's week. */
  weekStart(t: number): number {
    return t - this.minuteOfWeek(t);
  }

  /** Engine time of 00:00 of t's day. */
  dayStart(t: number): number {
    return t - mod(this.#startEpochMinutes + t, MINUTES_PER_DAY);
  }
}

/** Days from the start's day whose "YYYY-MM-DDT" toIso keeps (ten years; later days are formatted in full). */
const DAY_PREFIXES = 3660;

let clocks: string[] | undefined;
/** "HH:MM" of a minute of the day (an integer in [0, 1440)). */
function clockOfDay(minute: number): string {
  clocks ??= Array.from({ length: MINUTES_PER_DAY }, (_x, m) => `${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}`);
  return clocks[minute]!;
}

function formatEpochMinutes(minutes: number): string {
  const d = new Date(minutes * MS_PER_MINUTE);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : String(y);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}`;
}
