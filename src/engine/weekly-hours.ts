// Weekly hours as people write them ("mon-fri 09:00-17:30", "sat 22:00-04:00"): parsed into day
// and minute intervals for calendars, or a CalendarSyntaxError naming the spec and what was expected.
import { MINUTES_PER_DAY } from './time.js';

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
