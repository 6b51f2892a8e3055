// Reading an untyped scenario value with located errors: each reader checks one kind of value
// (an integer, a duration, a distribution, weekly hours …), reports what is wrong through an
// IssueList, and returns a stand-in value so that every other problem in the file is reported too.
import type * as z from './zod.js';
import type { DistributionSpec, Weekday } from './types.js';
import { localDateProblem, type TimeBase } from '../engine/time.js';
import * as msg from './errors.js';
import type { ScenarioIssue } from './errors.js';
import { keysOf } from './schema.js';
import { MAX_TIME_WEEKS, MIN_WEIBULL_SHAPE } from './limits.js';
import { CALENDAR_UNITS, EFFORT_UNITS, parseClock, parseTime, parseWeekday, parseWeeklyInterval, WEEKDAY_NAMES, type TimeKind } from './units.js';

export type Path = readonly (string | number)[];

/** Where a problem is pointed at: the value, its key (unknown keys), or the parent map (missing keys). */
export type Target = 'value' | 'key' | 'parent';

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /**
   * Set when the path is in a base of `extends`: the kind of value there ("a text", "a map"). A
   * message about it then shows that kind, never the value or an unknown key.
   */
  readonly inBase?: string;
}

export type Locator = (path: Path, target: Target) => Location;

export function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The path as a message shows it: each key cut to its first 40 characters. */
export function shownPath(path: Path): string {
  return pathText(path.map((p) => (typeof p === 'number' ? p : msg.excerpt(p))));
}

/** "a.b[0].c" → "a", "a.b", "a.b[0]", "a.b[0].c": the paths an issue is at or under. */
function pathPrefixes(text: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < text.length; i++) if (text[i] === '.' || text[i] === '[') out.push(text.slice(0, i));
  out.push(text);
  return out;
}

export class IssueList {
  readonly issues: ScenarioIssue[] = [];
  /** Every prefix of the paths of issues[0 … indexed): hasIssues in constant time. */
  readonly #under = new Set<string>();
  #indexed = 0;
  /** The whole path of each issue added here (its `path` shows each key cut to 40 characters). */
  readonly #paths = new WeakMap<ScenarioIssue, string>();
  constructor(private readonly locate: Locator) {}

  /**
   * An issue at this path. When the path is in a base of `extends`, a problem with a value is told
   * as what was expected and the kind of value found: the message, which may quote it, is dropped.
   */
  add(path: Path, target: Target, message: string, expected = '', found = ''): void {
    const { inBase, ...at } = this.locate(path, target);
    if (inBase !== undefined && target === 'value') {
      const hidden = msg.hiddenValue(inBase);
      this.#push({ ...at, path: shownPath(path), expected, found: hidden, message: msg.expectedGot(expected || 'another value', hidden) }, path);
    } else {
      this.#push({ ...at, path: shownPath(path), expected, found, message }, path);
    }
  }

  /** A key that is not one of `known`, pointed at the key; in a base, named by its parent's path. */
  unknownKey(path: Path, known: readonly string[]): void {
    const key = String(path[path.length - 1]);
    const suggestion = msg.suggest(key, known);
    const expected = `one of ${known.join(', ')}`;
    const { inBase, ...at } = this.locate(path, 'key');
    if (inBase !== undefined) {
      this.#push({ ...at, path: shownPath(path.slice(0, -1)), expected, found: msg.IN_BASE, message: msg.unknownKeyInBase(suggestion, known) }, path);
    } else {
      this.#push({ ...at, path: shownPath(path), expected, found: msg.quoteText(key), message: msg.unknownKey(suggestion, known) }, path);
    }
  }

  #push(issue: ScenarioIssue, path: Path): void {
    this.issues.push(issue);
    this.#paths.set(issue, pathText(path));
  }

  /** "expected <expected>, got <value>" pointed at the value. */
  expected(path: Path, expected: string, value: unknown): void {
    const found = msg.describeValue(value);
    this.add(path, 'value', msg.expectedGot(expected, found), expected, found);
  }

  /** Whether any issue was reported at or under one of these paths. */
  hasIssues(...paths: Path[]): boolean {
    for (; this.#indexed < this.issues.length; this.#indexed++) {
      const issue = this.issues[this.#indexed]!;
      for (const prefix of pathPrefixes(this.#paths.get(issue) ?? issue.path)) this.#under.add(prefix);
    }
    return paths.some((p) => this.#under.has(pathText(p)));
  }
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A map whose keys must come from `known`; absent → {}. Unknown keys are reported at the key. */
export function readMap(list: IssueList, value: unknown, path: Path, known: readonly string[] | z.ZodObject): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isMap(value)) {
    list.expected(path, msg.EXPECT.map, value);
    return {};
  }
  const keys = Array.isArray(known) ? known : keysOf(known as z.ZodObject);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) list.unknownKey([...path, key], keys);
  }
  return value;
}

export function readList(list: IssueList, value: unknown, path: Path): unknown[] {
  if (Array.isArray(value)) return value;
  list.expected(path, msg.EXPECT.list, value);
  return [];
}

function readNumber(list: IssueList, value: unknown, path: Path, expected: string, ok: (n: number) => boolean): number {
  if (typeof value === 'number' && Number.isFinite(value) && ok(value)) return value;
  list.expected(path, expected, value);
  return 1;
}

export const readPositiveInteger = (l: IssueList, v: unknown, p: Path) =>
  readNumber(l, v, p, msg.EXPECT.positiveInteger, (n) => Number.isInteger(n) && n > 0);
/** A positive integer no greater than `max` (a documented limit, limits.ts). */
export const readCount = (l: IssueList, v: unknown, p: Path, max: number) =>
  atMost(l, v, p, max, readPositiveInteger(l, v, p), msg.EXPECT.positiveInteger);
/** A number ≥ 0 and no greater than `max`. */
export const readBoundedNonNegative = (l: IssueList, v: unknown, p: Path, max: number) =>
  atMost(l, v, p, max, readNonNegative(l, v, p), msg.EXPECT.nonNegativeNumber);

/** A value read without issues that is above its limit is reported ("… no greater than max"). */
function atMost(list: IssueList, value: unknown, path: Path, max: number, n: number, expected: string): number {
  if (n <= max || list.hasIssues(path)) return n;
  list.expected(path, msg.atMost(expected, max), value);
  return max;
}
export const readInteger = (l: IssueList, v: unknown, p: Path) =>
  readNumber(l, v, p, msg.EXPECT.integer, (n) => Number.isSafeInteger(n));
export const readPositive = (l: IssueList, v: unknown, p: Path) =>
  readNumber(l, v, p, msg.EXPECT.positiveNumber, (n) => n > 0);
export const readNonNegative = (l: IssueList, v: unknown, p: Path) =>
  readNumber(l, v, p, msg.EXPECT.nonNegativeNumber, (n) => n >= 0);
export const readProbability = (l: IssueList, v: unknown, p: Path) =>
  readNumber(l, v, p, msg.EXPECT.probability, (n) => n >= 0 && n <= 1);
export const readWorkShare = (l: IssueList, v: unknown, p: Path) =>
  readNumber(l, v, p, msg.EXPECT.workShare, (n) => n >= 0 && n < 1);
/** A probability below 1, with its own expected text (a rate of 1 that would never end). */
export const readProbabilityBelowOne = (l: IssueList, v: unknown, p: Path, expected: string) =>
  readNumber(l, v, p, expected, (n) => n >= 0 && n < 1);
export const readPremium = (l: IssueList, v: unknown, p: Path) =>
  readNumber(l, v, p, msg.EXPECT.premium, (n) => n >= 1);

export function readText(list: IssueList, value: unknown, path: Path): string {
  if (typeof value === 'string') return value;
  list.expected(path, msg.EXPECT.text, value);
  return '';
}

export function readChoice<T extends string>(list: IssueList, value: unknown, path: Path, choices: readonly T[], expected: string): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  list.expected(path, expected, value);
  return choices[0]!;
}

/** A duration (calendar time) or an effort (working time) in minutes. */
export function readTime(list: IssueList, value: unknown, path: Path, kind: TimeKind, maxWeeks = MAX_TIME_WEEKS): number {
  const minutes = typeof value === 'string' ? parseTime(value, kind) : undefined;
  if (minutes === undefined) {
    list.expected(path, kind === 'duration' ? msg.EXPECT.duration : msg.EXPECT.effort, value);
    return 0;
  }
  // Hundreds of digits parse to Infinity; anything past the limit is refused the same way.
  const max = maxWeeks * (kind === 'duration' ? CALENDAR_UNITS : EFFORT_UNITS).w!;
  if (!(minutes <= max)) {
    const expected = msg.timeAtMost(kind, maxWeeks);
    list.add(path, 'value', msg.expectedGot(expected, msg.describeValue(value)), expected, msg.describeValue(value));
    return 0;
  }
  return minutes;
}

/** A positive effort, for parameters such as a mean or a scale. */
function readPositiveEffort(list: IssueList, value: unknown, path: Path, kind: TimeKind = 'effort'): number {
  const minutes = readTime(list, value, path, kind);
  if (minutes <= 0 && !list.hasIssues(path)) list.expected(path, kind === 'duration' ? 'a duration greater than 0' : 'an effort greater than 0', value);
  return minutes;
}

const KINDS = ['lognormal', 'uniform', 'triangular', 'exponential', 'gamma', 'weibull', 'empirical'] as const;

/**
 * An effort distribution: "4h" (fixed) or { <kind>: { … } }. Checks the parameters' order. With
 * `unit` 'duration' its values are calendar time (d = 24 hours) instead of working time.
 */
export function readDistribution(list: IssueList, value: unknown, path: Path, unit: TimeKind = 'effort'): DistributionSpec {
  const fallback: DistributionSpec = { kind: 'fixed', value: 0 };
  const expected = unit === 'duration' ? msg.EXPECT.durationDistribution : msg.EXPECT.distribution;
  if (typeof value === 'string' || typeof value === 'number' || !isMap(value)) {
    if (typeof value !== 'string' || parseTime(value, unit) === undefined) {
      list.expected(path, expected, value);
      return fallback;
    }
    return { kind: 'fixed', value: readTime(list, value, path, unit) };
  }
  const keys = Object.keys(value);
  readMap(list, value, path, KINDS);
  const kind = keys.find((k): k is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(k));
  if (kind === undefined || keys.length !== 1) {
    if (keys.length === 0) list.expected(path, expected, value);
    else if (kind !== undefined) {
      const found = keys.map(msg.excerpt).join(' and ');
      list.add(path, 'value', msg.expectedGot('exactly one distribution', found), 'exactly one distribution', found);
    }
    return fallback;
  }
  const at = [...path, kind];
  const inner = value[kind];
  const effortOf = (o: Record<string, unknown>, key: string) => {
    if (o[key] === undefined) {
      list.add([...at, key], 'parent', msg.missingKey(key), key, 'nothing');
      return 0;
    }
    return readTime(list, o[key], [...at, key], unit);
  };
  const show = (o: Record<string, unknown>, key: string) => msg.excerpt(String(o[key]));
  switch (kind) {
    case 'lognormal': {
      const byMean = isMap(inner) && ('mean' in inner || 'sd' in inner);
      const o = readMap(list, inner, at, byMean ? ['mean', 'sd'] : ['median', 'p90']);
      if (byMean) {
        const mean = effortOf(o, 'mean');
        const sd = effortOf(o, 'sd');
        if (!list.hasIssues(at) && (mean <= 0 || sd <= 0)) list.add(at, 'value', msg.order('mean > 0 and sd > 0', `mean ${show(o, 'mean')} and sd ${show(o, 'sd')}`), 'mean > 0 and sd > 0');
        return { kind: 'lognormalMeanSd', mean, sd };
      }
      const median = effortOf(o, 'median');
      const p90 = effortOf(o, 'p90');
      if (!list.hasIssues(at) && !(median > 0 && p90 > median)) {
        list.add(at, 'value', msg.lognormalOrder(show(o, 'median'), show(o, 'p90')), '0 < median < p90', `median ${show(o, 'median')} and p90 ${show(o, 'p90')}`);
      }
      return { kind: 'lognormal', median, p90 };
    }
    case 'uniform': {
      const o = readMap(list, inner, at, ['min', 'max']);
      const min = effortOf(o, 'min');
      const max = effortOf(o, 'max');
      if (!list.hasIssues(at) && min > max) list.add(at, 'value', msg.order('min ≤ max', `min ${show(o, 'min')} and max ${show(o, 'max')}`), 'min ≤ max');
      return { kind: 'uniform', min, max };
    }
    case 'triangular': {
      const o = readMap(list, inner, at, ['min', 'mode', 'max']);
      const min = effortOf(o, 'min');
      const mode = effortOf(o, 'mode');
      const max = effortOf(o, 'max');
      if (!list.hasIssues(at) && !(min <= mode && mode <= max && min < max)) {
        list.add(at, 'value', msg.order('min ≤ mode ≤ max and min < max', `min ${show(o, 'min')}, mode ${show(o, 'mode')} and max ${show(o, 'max')}`), 'min ≤ mode ≤ max and min < max');
      }
      return { kind: 'triangular', min, mode, max };
    }
    case 'exponential': {
      const o = readMap(list, inner, at, ['mean']);
      return { kind: 'exponential', mean: o.mean === undefined ? effortOf(o, 'mean') : readPositiveEffort(list, o.mean, [...at, 'mean'], unit) };
    }
    case 'gamma': {
      const o = readMap(list, inner, at, ['mean', 'sd']);
      const mean = o.mean === undefined ? effortOf(o, 'mean') : readPositiveEffort(list, o.mean, [...at, 'mean'], unit);
      const sd = o.sd === undefined ? effortOf(o, 'sd') : readPositiveEffort(list, o.sd, [...at, 'sd'], unit);
      return { kind: 'gamma', mean, sd };
    }
    case 'weibull': {
      const o = readMap(list, inner, at, ['shape', 'scale']);
      const shape = o.shape === undefined ? (list.add([...at, 'shape'], 'parent', msg.missingKey('shape')), 1)
        : readNumber(list, o.shape, [...at, 'shape'], msg.EXPECT.weibullShape, (n) => n >= MIN_WEIBULL_SHAPE);
      const scale = o.scale === undefined ? effortOf(o, 'scale') : readPositiveEffort(list, o.scale, [...at, 'scale'], unit);
      return { kind: 'weibull', shape, scale };
    }
    case 'empirical': {
      const items = readList(list, inner, at);
      if (items.length === 0 && Array.isArray(inner)) list.expected(at, 'a non-empty list of efforts', inner);
      return { kind: 'empirical', values: items.map((v, i) => readTime(list, v, [...at, i], unit)) };
    }
  }
}

/** Weekly hours: a non-empty list of "<days> HH:MM-HH:MM" strings, kept as written. */
export function readWeeklyHours(list: IssueList, value: unknown, path: Path): string[] {
  const items = readList(list, value, path);
  if (Array.isArray(value) && items.length === 0) {
    list.add(path, 'value', msg.hoursNeverOpen(), 'at least one weekly interval', 'an empty list');
  }
  return items.map((item, i) => {
    if (typeof item !== 'string') {
      list.expected([...path, i], msg.EXPECT.weeklyHours, item);
      return '';
    }
    const parsed = parseWeeklyInterval(item);
    if (!parsed.ok) {
      const found = msg.quoteText(item);
      list.add([...path, i], 'value', msg.malformedWeeklyHours(found, parsed.problem), msg.EXPECT.weeklyHours, found);
    }
    return item.trim();
  });
}

export function readWeekday(list: IssueList, value: unknown, path: Path): Weekday {
  const day = typeof value === 'string' ? parseWeekday(value) : undefined;
  if (day !== undefined) return day;
  const suggestion = typeof value === 'string' ? msg.suggest(value, WEEKDAY_NAMES) : undefined;
  const found = msg.describeValue(value);
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  list.add(path, 'value', `${msg.expectedGot(msg.EXPECT.weekday, found)}${hint}`, msg.EXPECT.weekday, found);
  return 0;
}

/** "HH:MM" → minute of day. A YAML 1.1 sexagesimal number (10:00 → 600) gets a hint to quote it. */
export function readClock(list: IssueList, value: unknown, path: Path): number {
  const minutes = typeof value === 'string' ? parseClock(value) : undefined;
  if (minutes !== undefined && minutes < 1440) return minutes;
  if (typeof value === 'number') {
    list.add(path, 'value', msg.clockNotQuoted(value), msg.EXPECT.clock, String(value));
  } else {
    list.expected(path, msg.EXPECT.clock, value);
  }
  return 0;
}

/** A date or date-time as text; YAML 1.1 timestamps (Date objects, UTC) are turned back into text. */
export function dateText(value: unknown): unknown {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return value;
  const iso = value.toISOString();
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : iso.slice(0, 16);
}

/** Engine minutes of a date's 00:00, or undefined (reported) when it is not a real date. */
export function readDate(list: IssueList, value: unknown, path: Path, base: TimeBase | undefined): number | undefined {
  const text = dateText(value);
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    list.expected(path, msg.EXPECT.date, text);
    return undefined;
  }
  const problem = localDateProblem(text.trim()); // e.g. "is not a real date (day 30 does not exist in 2027-02)"
  if (problem !== undefined) {
    const found = msg.quoteText(text);
    list.add(path, 'value', `${msg.expectedGot(msg.EXPECT.date, found)}: the date ${problem}`, msg.EXPECT.date, found);
    return undefined;
  }
  return base?.dateToMinutes(text.trim());
}
