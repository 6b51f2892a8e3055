// Holidays, freezes and no-deploy periods. Dated entries are read as before. Yearly entries
// (`every: year` with MM-DD dates) are expanded into one dated period per year that overlaps the
// simulated period (a freeze whose `to` is not after its `from` crosses the year end). Weekly
// no-deploy periods (`noDeploy: [fri 12:00-mon 00:00]`) are kept as minutes of the week.
import type { TimeBase } from '../engine/time.js';
import { MINUTES_PER_WEEK } from '../engine/time.js';
import * as msg from './errors.js';
import * as r from './reader.js';
import type { IssueList, Path } from './reader.js';
import * as s from './schema.js';
import type { NoDeployPeriod, Period } from './types.js';
import { parseClock, parseWeekday } from './units.js';

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "12-15" → [12, 15], or undefined (reported). 02-29 is refused: it is not in every year. */
function readMonthDay(list: IssueList, value: unknown, path: Path): [number, number] | undefined {
  const m = typeof value === 'string' ? MONTH_DAY.exec(value.trim()) : null;
  const month = m === null ? 0 : Number(m[1]);
  const day = m === null ? 0 : Number(m[2]);
  if (month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!) return [month, day];
  const extra = month === 2 && day === 29 ? ': 29 February is not in every year' : '';
  list.add(path, 'value', `${msg.expectedGot('a day of the year MM-DD such as 12-15', msg.describeValue(value))}${extra}`, 'a day of the year MM-DD such as 12-15', msg.describeValue(value));
  return undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The years whose occurrences may overlap the simulated period [0, horizon). */
function years(base: TimeBase, horizon: number): number[] {
  const first = Number(base.start.slice(0, 4)) - 1;
  const last = Number(base.toIso(Number.isFinite(horizon) && horizon > 0 ? horizon : 0).slice(0, 4));
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

/**
 * One period per year from `from` to `to` (the next year's when `to` is not after `from`), keeping
 * those that overlap [0, horizon); when none does, the first one after the start, so the calendar
 * warnings can say the entry has no effect.
 */
function yearly(base: TimeBase, horizon: number, name: string, from: [number, number], to: [number, number], rule: string): Period[] {
  const crosses = to[0] * 100 + to[1] <= from[0] * 100 + from[1];
  const all = years(base, horizon).map((y): Period => ({
    name,
    from: base.dateToMinutes(`${y}-${pad(from[0])}-${pad(from[1])}`),
    to: base.dateToMinutes(`${crosses ? y + 1 : y}-${pad(to[0])}-${pad(to[1])}`),
    recurring: rule,
  }));
  const inside = all.filter((p) => p.to > 0 && p.from < horizon);
  if (inside.length > 0) return inside;
  const after = all.find((p) => p.from >= horizon) ?? all[all.length - 1]!;
  return [after];
}

export function readHolidays(list: IssueList, value: unknown, base: TimeBase | undefined, horizon: number, at: Path = ['holidays']): Period[] {
  return r.readList(list, value, at).flatMap((item, i): Period[] => {
    const path: Path = [...at, i];
    const entry = r.isMap(item) ? r.readMap(list, item, path, ['date', 'name', 'every']) : { date: item };
    if (entry.date === undefined) list.add([...path, 'date'], 'parent', msg.missingKey('date'));
    const datePath = r.isMap(item) ? [...path, 'date'] : path;
    const name = entry.name === undefined ? String(r.dateText(entry.date)) : r.readText(list, entry.name, [...path, 'name']);
    if (entry.every !== undefined) {
      if (entry.every !== 'year') list.expected([...path, 'every'], '"year" (a holiday on the same day every year)', entry.every);
      const day = entry.date === undefined ? undefined : readMonthDay(list, entry.date, datePath);
      if (day === undefined || base === undefined || entry.every !== 'year') return [];
      const next: [number, number] = day[1] === DAYS_IN_MONTH[day[0] - 1] ? [day[0] === 12 ? 1 : day[0] + 1, 1] : [day[0], day[1] + 1];
      return yearly(base, horizon, name, day, next, `every year on ${pad(day[0])}-${pad(day[1])}`);
    }
    const from = entry.date === undefined ? undefined : r.readDate(list, entry.date, datePath, base);
    return [{ name, from: from ?? 0, to: (from ?? 0) + 1440 }];
  });
}

export function readFreezes(list: IssueList, value: unknown, base: TimeBase | undefined, horizon: number): Period[] {
  return r.readList(list, value, ['freezes']).flatMap((item, i): Period[] => {
    const path: Path = ['freezes', i];
    if (!r.isMap(item)) list.expected(path, 'a map such as { from: 2027-12-17, to: 2028-01-04, name: Year-end freeze }', item);
    const entry = r.readMap(list, r.isMap(item) ? item : undefined, path, s.FreezeSchema);
    const name = entry.name === undefined ? 'freeze' : r.readText(list, entry.name, [...path, 'name']);
    const present = (key: string): boolean => {
      if (entry[key] !== undefined) return true;
      if (r.isMap(item)) list.add([...path, key], 'parent', msg.missingKey(key));
      return false;
    };
    if (entry.every !== undefined) {
      if (entry.every !== 'year') list.expected([...path, 'every'], '"year" (a freeze on the same days every year)', entry.every);
      const from = present('from') ? readMonthDay(list, entry.from, [...path, 'from']) : undefined;
      const to = present('to') ? readMonthDay(list, entry.to, [...path, 'to']) : undefined;
      if (from === undefined || to === undefined || base === undefined || entry.every !== 'year') return [];
      if (from[0] === to[0] && from[1] === to[1]) {
        list.add([...path, 'to'], 'value', msg.order('"to" on another day than "from"', `from ${pad(from[0])}-${pad(from[1])} to ${pad(to[0])}-${pad(to[1])}`), '"to" on another day than "from"');
        return [];
      }
      return yearly(base, horizon, name, from, to, `every year ${pad(from[0])}-${pad(from[1])} to ${pad(to[0])}-${pad(to[1])}`);
    }
    const from = present('from') ? r.readDate(list, entry.from, [...path, 'from'], base) : undefined;
    const to = present('to') ? r.readDate(list, entry.to, [...path, 'to'], base) : undefined;
    if (from !== undefined && to !== undefined && to <= from) {
      list.add([...path, 'to'], 'value', msg.freezeOrder(String(r.dateText(entry.from)), String(r.dateText(entry.to))), '"to" after "from"');
    }
    return [{ name, from: from ?? 0, to: to ?? 0 }];
  });
}

const NO_DEPLOY_EXPECTED = 'a weekly period "<day> HH:MM-<day> HH:MM" such as "fri 12:00-mon 00:00"';

/** "fri 12:00-mon 00:00" (or "wed 12:00-14:00", the same day) → minutes of the week. */
function parseNoDeploy(text: string): NoDeployPeriod | undefined {
  const m = /^\s*([a-z]{3})\s+(\d{1,2}:\d{2})\s*-\s*(?:([a-z]{3})\s+)?(\d{1,2}:\d{2})\s*$/i.exec(text);
  if (m === null) return undefined;
  const d1 = parseWeekday(m[1]!);
  const d2 = m[3] === undefined ? d1 : parseWeekday(m[3]);
  const t1 = parseClock(m[2]!);
  const t2 = parseClock(m[4]!);
  if (d1 === undefined || d2 === undefined || t1 === undefined || t2 === undefined || t1 >= 1440) return undefined;
  const from = d1 * 1440 + t1;
  let to = d2 * 1440 + t2;
  if (to === from) return undefined;
  if (to < from) to += MINUTES_PER_WEEK;
  return { text: text.trim(), from, to };
}

export function readNoDeploy(list: IssueList, value: unknown): NoDeployPeriod[] {
  return r.readList(list, value, ['noDeploy']).flatMap((item, i): NoDeployPeriod[] => {
    const parsed = typeof item === 'string' ? parseNoDeploy(item) : undefined;
    if (parsed === undefined) {
      list.expected(['noDeploy', i], NO_DEPLOY_EXPECTED, item);
      return [];
    }
    return [parsed];
  });
}
