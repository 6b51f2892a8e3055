// Units of scenario files: calendar durations, working-time efforts, clock times, weekdays and
// weekly opening hours. Pure parsing: each function returns a value or undefined, and the caller
// (resolve.ts) turns undefined into a located error message.
import { quoteText } from './errors.js';
import type { Weekday } from './types.js';

/** Minutes per unit of calendar time: a day is 24 hours, a week 7 days. */
export const CALENDAR_UNITS: Readonly<Record<string, number>> = { m: 1, h: 60, d: 1440, w: 10080 };

/**
 * Minutes per unit of working time (effort): a day is one working day of 8 hours and a week is
 * 5 working days (40 hours), so "2d" of effort is 16 hours of someone's time, not 48 hours.
 */
export const EFFORT_UNITS: Readonly<Record<string, number>> = { m: 1, h: 60, d: 480, w: 2400 };

export type TimeKind = 'duration' | 'effort';

const AMOUNT = /^(\d+(?:\.\d+)?|\.\d+)([a-zA-Z]+)/;

/**
 * Parses "30m", "4h", "2d", "1w" and combinations such as "1h30m" or "1d12h" into minutes.
 * Returns undefined for anything else (a bare number, an unknown unit, an empty string).
 */
export function parseTime(text: string, kind: TimeKind): number | undefined {
  const units = kind === 'duration' ? CALENDAR_UNITS : EFFORT_UNITS;
  let rest = text.trim();
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const match = AMOUNT.exec(rest);
    if (!match) return undefined;
    const perUnit = Object.hasOwn(units, match[2]!) ? units[match[2]!] : undefined; // not "constructor" etc.
    if (perUnit === undefined) return undefined;
    total += Number(match[1]) * perUnit;
    rest = rest.slice(match[0].length).trimStart();
  }
  return total;
}

/** The unit letters of a time text that are not known units, e.g. "x" in "52x". */
export function unknownUnits(text: string): string[] {
  const found = [...text.matchAll(/[a-zA-Z]+/g)].map((m) => m[0]);
  return found.filter((u) => !Object.hasOwn(CALENDAR_UNITS, u));
}

/** A JSON Schema / zod pattern for a time text (same grammar as parseTime). */
export const TIME_PATTERN = '^\\s*((\\d+(\\.\\d+)?|\\.\\d+)[mhdw]\\s*)+$';

export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export function parseWeekday(text: string): Weekday | undefined {
  const index = (WEEKDAY_NAMES as readonly string[]).indexOf(text.trim().toLowerCase());
  return index < 0 ? undefined : (index as Weekday);
}

/** "HH:MM" (00:00–24:00) → minute of day. */
export function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/** One weekly interval: the days it starts on, and its clock times (to < from crosses midnight). */
export interface WeeklyInterval {
  readonly days: readonly Weekday[];
  readonly from: number;
  readonly to: number;
}

export type WeeklyParse = { ok: true; value: WeeklyInterval } | { ok: false; problem: string };

/**
 * Parses "mon-fri 09:00-17:30", "sat 22:00-04:00" (crossing midnight), "mon,wed 10:00-12:00".
 * Day ranges may wrap ("fri-mon"). The problem text says precisely what is wrong.
 */
export function parseWeeklyInterval(text: string): WeeklyParse {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return { ok: false, problem: 'expected "<days> <HH:MM>-<HH:MM>"' };
  const [daysText, timesText] = parts as [string, string];
  const days: Weekday[] = [];
  for (const item of daysText.split(',')) {
    const range = item.split('-');
    const first = range[0] === undefined ? undefined : parseWeekday(range[0]);
    const last = range.length === 2 ? parseWeekday(range[1]!) : first;
    if (range.length > 2 || first === undefined || last === undefined) {
      return { ok: false, problem: `unknown day ${quoteText(item)} (use mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri)` };
    }
    for (let d = first; ; d = ((d + 1) % 7) as Weekday) {
      if (!days.includes(d)) days.push(d);
      if (d === last) break;
    }
  }
  const times = timesText.split('-');
  const from = times.length === 2 ? parseClock(times[0]!) : undefined;
  const to = times.length === 2 ? parseClock(times[1]!) : undefined;
  if (from === undefined || to === undefined || from === 24 * 60) {
    return { ok: false, problem: `malformed times ${quoteText(timesText)} (expected HH:MM-HH:MM, e.g. 09:00-17:30)` };
  }
  if (from === to) {
    return { ok: false, problem: `${quoteText(timesText)} starts and ends at the same time, so it never opens` };
  }
  return { ok: true, value: { days: days.sort((a, b) => a - b), from, to } };
}
