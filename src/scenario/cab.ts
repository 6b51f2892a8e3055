// teams.changeManagement.cab: when the CAB meets (weekly days at one time; several meetings a week
// at their own times; every N weeks from an anchor date; monthly by ordinal weekday), and the
// cutoff, which may be as long as the shortest gap between two meetings but not longer.
import { meetingTimes, shortestMeetingGap, type MeetingSchedule, type MonthlySlot, type WeeklySlot } from '../engine/meeting-schedule.js';
import { MINUTES_PER_WEEK, type TimeBase } from '../engine/time.js';
import { DEFAULTS } from './defaults.js';
import * as msg from './errors.js';
import { MAX_COUNT } from './limits.js';
import * as r from './reader.js';
import type { IssueList, Path } from './reader.js';
import * as s from './schema.js';
import type { Cab, Weekday } from './types.js';
import { parseClock, parseWeekday } from './units.js';

const B = 'teams.changeManagement.cab';
const PATH: Path = ['teams', 'changeManagement', 'cab'];
const ORDINALS = { first: 1, second: 2, third: 3, fourth: 4, last: -1 } as const;
const MEETING_EXPECTED = 'a meeting "<day> HH:MM" such as "thu 15:00"';
const MONTHLY_EXPECTED = 'a monthly meeting "<first|second|third|fourth|last> <day> [HH:MM]" such as "first thu"';

function take(map: Record<string, unknown>, key: string): unknown {
  const value = Object.hasOwn(map, key) ? map[key] : undefined;
  return value !== undefined ? value : DEFAULTS[`${B}.${key}`]?.value;
}

/** Minutes as the shortest unit text (e.g. 1200 → "20h", 10080 → "1w"), for messages. */
export function showDuration(minutes: number): string {
  const units: [string, number][] = [['w', 10080], ['d', 1440], ['h', 60], ['m', 1]];
  let rest = minutes;
  let text = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * size;
  }
  return text === '' ? '0m' : text;
}

function readDays(list: IssueList, value: unknown): Weekday[] {
  const days: Weekday[] = [];
  r.readList(list, value, [...PATH, 'days']).forEach((item, i) => {
    const day = r.readWeekday(list, item, [...PATH, 'days', i]);
    if (list.hasIssues([...PATH, 'days', i])) return;
    if (days.includes(day)) list.add([...PATH, 'days', i], 'value', msg.duplicate('day', String(item)), 'each day once', String(item));
    else days.push(day);
  });
  if (Array.isArray(value) && value.length === 0) list.expected([...PATH, 'days'], 'at least one day such as [tue]', value);
  return days.sort((a, b) => a - b);
}

/** "tue 10:00" entries of `meetings`. */
function readMeetings(list: IssueList, value: unknown): WeeklySlot[] {
  const slots: WeeklySlot[] = [];
  const items = r.readList(list, value, [...PATH, 'meetings']);
  if (Array.isArray(value) && items.length === 0) list.expected([...PATH, 'meetings'], 'at least one meeting such as [tue 10:00]', value);
  items.forEach((item, i) => {
    const parts = typeof item === 'string' ? item.trim().split(/\s+/) : [];
    const day = parts.length === 2 ? parseWeekday(parts[0]!) : undefined;
    const minute = parts.length === 2 ? parseClock(parts[1]!) : undefined;
    if (day === undefined || minute === undefined || minute >= 1440) {
      list.expected([...PATH, 'meetings', i], MEETING_EXPECTED, item);
      return;
    }
    if (slots.some((x) => x.day === day && x.minute === minute)) list.add([...PATH, 'meetings', i], 'value', msg.duplicate('meeting', String(item)), 'each meeting once', String(item));
    else slots.push({ day, minute });
  });
  return slots;
}

/** "first thu" or "last fri 15:00" entries of `monthly`; the time defaults to `time`. */
function readMonthly(list: IssueList, value: unknown, time: number): MonthlySlot[] {
  const slots: MonthlySlot[] = [];
  const items = r.readList(list, value, [...PATH, 'monthly']);
  if (Array.isArray(value) && items.length === 0) list.expected([...PATH, 'monthly'], 'at least one meeting such as [first thu]', value);
  items.forEach((item, i) => {
    const parts = typeof item === 'string' ? item.trim().toLowerCase().split(/\s+/) : [];
    const ordinal = parts.length >= 2 && Object.hasOwn(ORDINALS, parts[0]!) ? ORDINALS[parts[0] as keyof typeof ORDINALS] : undefined;
    const day = parts.length >= 2 ? parseWeekday(parts[1]!) : undefined;
    const minute = parts.length === 3 ? parseClock(parts[2]!) : parts.length === 2 ? time : undefined;
    if (ordinal === undefined || day === undefined || minute === undefined || minute >= 1440 || parts.length > 3) {
      list.expected([...PATH, 'monthly', i], MONTHLY_EXPECTED, item);
      return;
    }
    if (slots.some((x) => x.ordinal === ordinal && x.day === day && x.minute === minute)) list.add([...PATH, 'monthly', i], 'value', msg.duplicate('meeting', String(item)), 'each meeting once', String(item));
    else slots.push({ ordinal, day, minute });
  });
  return slots;
}

/** "2w" → 2 (every N weeks, 1 ≤ N ≤ 52). */
function readEvery(list: IssueList, value: unknown): number {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*w\s*$/.exec(value) : null;
  const n = match === null ? NaN : Number(match[1]);
  if (Number.isInteger(n) && n >= 1 && n <= 52) return n;
  list.expected([...PATH, 'every'], 'a whole number of weeks from 1w to 52w, such as 2w', value);
  return 1;
}

/** Both keys given where only one may be. */
function conflict(list: IssueList, c: Record<string, unknown>, key: string, others: readonly string[]): void {
  for (const other of others) {
    if (c[other] !== undefined) list.add([...PATH, other], 'key', `"${other}" cannot be used with "${key}": ${key === 'monthly' ? 'a monthly CAB gives its days and times in "monthly"' : 'give the meetings\' days and times in "meetings"'}`, `no ${other} beside ${key}`, other);
  }
}

/**
 * The CAB of a scenario. `schedule` is set only when the file uses a form beyond weekly `days` at one
 * `time` (so a scenario without the new forms resolves exactly as before).
 */
export function readCab(list: IssueList, value: unknown, base: TimeBase | undefined, horizon: number): Cab {
  const c = r.readMap(list, value, PATH, s.CabSchema);
  const time = r.readClock(list, take(c, 'time'), [...PATH, 'time']);
  let days = readDays(list, c.meetings !== undefined || c.monthly !== undefined || (c.every !== undefined && c.days === undefined) ? ['mon'] : take(c, 'days'));
  let schedule: MeetingSchedule | undefined;
  if (c.monthly !== undefined) {
    conflict(list, c, 'monthly', ['days', 'meetings', 'every', 'from']);
    schedule = { kind: 'monthly', slots: readMonthly(list, c.monthly, time) };
    days = [...new Set(schedule.slots.map((x) => x.day as Weekday))].sort((a, b) => a - b);
  } else {
    let slots: WeeklySlot[] | undefined;
    if (c.meetings !== undefined) {
      conflict(list, c, 'meetings', ['days', 'time']);
      slots = readMeetings(list, c.meetings);
    }
    if (c.from !== undefined && c.every === undefined) list.add([...PATH, 'every'], 'parent', '"from" is the anchor of "every": give "every" too, such as every: 2w', 'every', 'nothing');
    if (c.every !== undefined) {
      const everyWeeks = readEvery(list, c.every);
      let anchor: number | undefined;
      if (c.from === undefined) list.add([...PATH, 'from'], 'parent', `${msg.missingKey('from')}: "every" counts weeks from the date of a meeting, such as from: 2027-01-07`, 'a date', 'nothing');
      else anchor = r.readDate(list, c.from, [...PATH, 'from'], base);
      if (slots === undefined && c.days === undefined && anchor !== undefined && base !== undefined) days = [base.weekday(anchor) as Weekday];
      slots ??= days.map((day) => ({ day, minute: time }));
      schedule = { kind: 'weekly', slots, everyWeeks, anchor: anchor ?? 0 };
    } else if (slots !== undefined) {
      schedule = { kind: 'weekly', slots, everyWeeks: 1, anchor: 0 };
    }
    if (schedule?.kind === 'weekly') days = [...new Set(schedule.slots.map((x) => x.day as Weekday))].sort((a, b) => a - b);
  }
  const duration = r.readTime(list, take(c, 'duration'), [...PATH, 'duration'], 'duration');
  const cutoffValue = take(c, 'cutoff');
  const cutoff = r.readTime(list, cutoffValue, [...PATH, 'cutoff'], 'duration');
  checkCutoff(list, { days, schedule, cutoff, cutoffValue, base, horizon });

  const capacityValue = take(c, 'capacity');
  let capacity = Number.POSITIVE_INFINITY;
  if (capacityValue !== 'unlimited') {
    if (typeof capacityValue === 'number' && Number.isInteger(capacityValue) && capacityValue > 0) capacity = capacityValue;
    else list.expected([...PATH, 'capacity'], msg.EXPECT.capacity, capacityValue);
  }
  const cab: Cab = {
    days,
    time,
    duration,
    cutoff,
    capacity,
    attendees: r.readCount(list, take(c, 'attendees'), [...PATH, 'attendees'], MAX_COUNT['teams.changeManagement.cab.attendees']),
    hourlyRate: r.readNonNegative(list, take(c, 'hourlyRate'), [...PATH, 'hourlyRate']),
  };
  return schedule === undefined ? cab : { ...cab, schedule };
}

interface CutoffInput {
  days: readonly Weekday[];
  schedule: MeetingSchedule | undefined;
  cutoff: number;
  cutoffValue: unknown;
  base: TimeBase | undefined;
  horizon: number;
}

/**
 * A cutoff may equal the shortest gap between two meetings (an item that just missed one meeting's
 * cutoff then makes the next one's), but not exceed it. Weekly days: the gaps of the week. Other
 * schedules: the gaps between the meetings from the start over the horizon or two years, whichever
 * is longer (plus one cycle of `every`), holidays ignored.
 */
function checkCutoff(list: IssueList, input: CutoffInput): void {
  const { days, schedule, cutoff, cutoffValue, base } = input;
  if (list.hasIssues(PATH)) return;
  let gap: number;
  if (schedule === undefined) {
    if (days.length === 0) return;
    gap = Math.min(...days.map((d, i) => ((days[(i + 1) % days.length]! - d + 7) % 7 || 7) * 1440));
  } else {
    if (base === undefined || schedule.slots.length === 0) return;
    const every = schedule.kind === 'weekly' ? schedule.everyWeeks : 5;
    const span = Math.max(Number.isFinite(input.horizon) ? input.horizon : 0, 104 * MINUTES_PER_WEEK) + 2 * every * MINUTES_PER_WEEK;
    gap = shortestMeetingGap(base, schedule, 0, span);
    if (gap === Infinity) gap = meetingTimes(base, schedule)(0) === Infinity ? Infinity : every * MINUTES_PER_WEEK;
  }
  if (cutoff > gap) {
    list.add([...PATH, 'cutoff'], 'value', msg.cutoffTooLong(String(cutoffValue), showDuration(gap)), `a cutoff no longer than ${showDuration(gap)}`, String(cutoffValue));
  }
}
