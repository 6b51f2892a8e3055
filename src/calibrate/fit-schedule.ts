// When the CAB meets, and its cutoff, from the cab_date of normal changes: weekly on some days, at
// one time or at each day's own (`meetings`), every N weeks from a meeting's date (`every`, `from`),
// or monthly on ordinal weekdays (`monthly: [first wed]`). A meeting with nothing to decide leaves
// no trace in an export, so the cadence is read from the weeks that had meetings: every N weeks
// when nearly all gaps between them are multiples of N. A form the meetings fit only loosely is
// returned as unsure, with the reason, and written commented out.
import type { ChangeRow } from './read-export.js';
import { dayText, timeOfDay, weekdayOf, WEEKDAYS } from './dates.js';
import { maxOf, minOf, spreadOf, type Spread } from './stats.js';

const DAY = 1440;
const WEEK = 7 * DAY;
/** A weekday is a CAB day when it has at least this share of the meetings. */
const CAB_DAY_SHARE = 0.1;
/** A cadence (every N weeks, an ordinal weekday) is taken when at least this share of the meetings or gaps follow it. */
export const CADENCE_SHARE = 0.9;
/** Fewer gaps between meeting weeks than this and no cadence longer than weekly is claimed. */
const MIN_GAPS = 4;
/** Minutes taken off the longest miss for the assessment a change waits for before it attends (an assumption: an hour). */
const ASSESSMENT_ALLOWANCE = 60;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'last'] as const;
type Weekday = (typeof WEEKDAYS)[number];

export interface CabFit {
  readonly days: readonly Weekday[];
  /** "HH:MM", or undefined when cab_date has no time of day (the most common time over all days). */
  readonly time?: string | undefined;
  /** Each day's own time when the days' times differ ("tue 10:00", "thu 15:00"), else undefined. */
  readonly meetingsAt?: readonly string[] | undefined;
  readonly meetings: number;
  /** Meetings on other weekdays than `days` (ad hoc). */
  readonly adHoc: number;
  /** Every N weeks: the largest N (1–8) of which at least CADENCE_SHARE of the gaps between meeting weeks are multiples. */
  readonly everyWeeks: number;
  readonly gapShare: number;
  /** With everyWeeks > 1: the date of the first regular meeting (`from`). */
  readonly from?: string | undefined;
  /** Monthly ordinals ("first wed", "third wed") when the meetings fit them and no every-N-weeks cadence does. */
  readonly monthly?: readonly string[] | undefined;
  /** Why the cadence written is not sure, else undefined; with the most common gap (weeks) when over 1, suggested commented out from the first meeting. */
  readonly unsure?: string | undefined;
  readonly suggestEvery?: number | undefined;
  readonly firstMeeting: string;
  /** The most changes decided at one meeting, and how many meetings decided that many (several: a cap). */
  readonly mostPerMeeting: number;
  readonly meetingsAtMost: number;
  /** Normal changes whose cab_date has a time of day; of those, how many have it at opened_at and before it. */
  readonly timed: { readonly rows: number; readonly atOpened: number; readonly beforeOpened: number };
  readonly evidence: { readonly rows: number; readonly from?: string; readonly to?: string; readonly statistic?: string };
}

export interface WaitFit {
  /** Days from opened_at to the CAB meeting (cab_date) of normal changes. */
  readonly days: Spread;
  /** The cutoff estimate, in minutes (see cutoffEstimate). */
  readonly cutoffMinutes: number;
  /** The shortest time from opened_at to the meeting of a change that made it: an upper bound of the cutoff. */
  readonly shortestGapMinutes: number;
  /** The longest time before a meeting at which a change was opened and still missed it (below the shortest made), or undefined. */
  readonly longestMissMinutes?: number | undefined;
  readonly evidence: { readonly rows: number; readonly from?: string; readonly to?: string; readonly statistic?: string };
}

const mode = <T>(values: readonly T[]): T | undefined => {
  const counts = new Map<T, number>();
  let best: T | undefined;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === undefined || n > counts.get(best)!) best = v;
  }
  return best;
};
export const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** Monday-based week number since the epoch (1970-01-01 was a Thursday). */
export const weekOf = (stamp: number): number => Math.floor((Math.floor(stamp / DAY) + 3) / 7);
const range = (stamps: readonly number[]): { from?: string; to?: string } => (stamps.length === 0 ? {} : { from: dayText(minOf(stamps)), to: dayText(maxOf(stamps)) });

/** "first" … "fourth" by the day of the month, or "last" when no same weekday follows in the month. */
function ordinalsOf(stamp: number): string[] {
  const d = new Date(stamp * 60_000);
  const day = d.getUTCDate();
  const monthDays = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const out: string[] = day <= 28 ? [ORDINALS[Math.floor((day - 1) / 7)]!] : [];
  if (day + 7 > monthDays) out.push('last');
  return out;
}

/** The monthly ordinals (at most two) that CADENCE_SHARE of the meetings fall on, or undefined. */
function monthlyOrdinals(meetings: readonly number[], day: Weekday): string[] | undefined {
  if (meetings.length < MIN_GAPS) return undefined;
  const counts = new Map<string, number>();
  for (const m of meetings) for (const o of ordinalsOf(m)) counts.set(o, (counts.get(o) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  for (const size of [1, 2]) {
    const chosen = ranked.slice(0, size).map(([o]) => o);
    const covered = meetings.filter((m) => ordinalsOf(m).some((o) => chosen.includes(o))).length;
    if (covered / meetings.length >= CADENCE_SHARE) return ORDINALS.filter((o) => chosen.includes(o)).map((o) => `${o} ${day}`);
  }
  return undefined;
}

/** The CAB's schedule from the normal changes' cab_date, or undefined when none has one. */
export function cabFit(rows: readonly ChangeRow[]): CabFit | undefined {
  const decided = rows.filter((r) => r.type === 'normal' && r.cabDate !== undefined);
  if (decided.length === 0) return undefined;
  const perMeeting = new Map<number, number>();
  for (const r of decided) perMeeting.set(r.cabDate!, (perMeeting.get(r.cabDate!) ?? 0) + 1);
  const meetings = [...perMeeting.keys()].sort((a, b) => a - b);
  const byDay = WEEKDAYS.map((_, d) => meetings.filter((m) => weekdayOf(m) === d).length);
  const dayIdx = WEEKDAYS.map((_, d) => d).filter((d) => byDay[d]! / meetings.length >= CAB_DAY_SHARE);
  const withTime = decided.filter((r) => r.cabHasTime);
  const timed = [...new Set(withTime.map((r) => r.cabDate!))];
  const timeOn = (pick: readonly number[]): number | undefined => (pick.length > 0 ? mode(pick.map((m) => Math.floor(timeOfDay(m)))) : undefined); // whole minutes
  const time = timeOn(timed);
  const dayTimes = dayIdx.map((d) => timeOn(timed.filter((m) => weekdayOf(m) === d)));
  const meetingsAt = dayTimes.every((t) => t !== undefined) && new Set(dayTimes).size > 1 ? dayIdx.map((d, i) => `${WEEKDAYS[d]} ${hhmm(dayTimes[i]!)}`) : undefined;
  const regular = meetings.filter((m) => dayIdx.includes(weekdayOf(m)));
  const weeks = [...new Set(regular.map(weekOf))];
  const gaps = weeks.slice(1).map((w, i) => w - weeks[i]!);
  const multiples = (n: number): number => (gaps.length === 0 ? 1 : gaps.filter((g) => g % n === 0).length / gaps.length);
  let everyWeeks = 1;
  if (gaps.length >= MIN_GAPS) for (let n = 8; n >= 2; n--) if (multiples(n) >= CADENCE_SHARE) {
    everyWeeks = n;
    break;
  }
  const gapShare = gaps.length === 0 ? 1 : gaps.filter((g) => g === everyWeeks).length / gaps.length;
  const main = byDay.indexOf(Math.max(...byDay));
  // Monthly: one meeting day whose meetings keep to ordinals of the month, not to a weekly rhythm.
  const monthly = everyWeeks === 1 && dayIdx.length === 1 && gapShare < CADENCE_SHARE ? monthlyOrdinals(regular, WEEKDAYS[main]!) : undefined;
  let unsure: string | undefined;
  let suggestEvery: number | undefined;
  if (gaps.length < MIN_GAPS && regular.length > 1) unsure = `only ${gaps.length} gap${gaps.length === 1 ? '' : 's'} between meeting weeks, too few to tell a cadence longer than a week`;
  else if (everyWeeks === 1 && monthly === undefined && gapShare < 0.5) {
    const common = mode(gaps) ?? 1;
    if (common > 1 && common <= 52) suggestEvery = common;
    unsure = `meetings in ${weeks.length} of ${weeks[weeks.length - 1]! - weeks[0]! + 1} weeks, no cadence for ${Math.round(CADENCE_SHARE * 100)}% of them (most common gap ${common} week${common === 1 ? '' : 's'}); weekly written, the meetings an export shows may be only those with changes to decide`;
  }
  const adHoc = meetings.length - regular.length;
  const cadence = monthly !== undefined ? `the meetings fall on the ${monthly.join(' and ')} of the month` : `${Math.round(multiples(everyWeeks) * 100)}% of gaps between meeting weeks are ${everyWeeks === 1 ? 'whole weeks' : `multiples of ${everyWeeks} weeks`}`;
  return {
    days: dayIdx.map((d) => WEEKDAYS[d]!),
    time: time === undefined ? undefined : hhmm(time),
    meetingsAt,
    meetings: meetings.length,
    adHoc,
    everyWeeks,
    gapShare,
    from: everyWeeks > 1 ? dayText(regular[0]!) : undefined,
    monthly,
    unsure,
    suggestEvery,
    firstMeeting: dayText(regular[0] ?? meetings[0]!),
    mostPerMeeting: maxOf([...perMeeting.values()]),
    meetingsAtMost: [...perMeeting.values()].filter((n) => n === maxOf([...perMeeting.values()])).length,
    timed: { rows: withTime.length, atOpened: withTime.filter((r) => r.cabDate === r.openedAt).length, beforeOpened: withTime.filter((r) => r.cabDate! < r.openedAt).length },
    evidence: { rows: decided.length, ...range(meetings), statistic: `${meetings.length} meetings in ${weeks.length} weeks; ${cadence}` },
  };
}

/** The shortest gap between two meetings of the fitted schedule, in minutes (the longest cutoff it allows). */
export function shortestMeetingGap(cab: CabFit): number {
  if (cab.monthly !== undefined) return cab.monthly.length === 1 ? 28 * DAY : 7 * DAY; // ordinals two weeks apart or more; a week is safe
  const at = cab.days.map((d, i) => WEEKDAYS.indexOf(d) * DAY + (cab.meetingsAt === undefined ? 0 : timeFrom(cab.meetingsAt[i]!))).sort((a, b) => a - b);
  if (at.length <= 1) return cab.everyWeeks * WEEK;
  const inWeek = Math.min(...at.map((t, i) => (i === 0 ? t + WEEK - at[at.length - 1]! : t - at[i - 1]!)));
  return cab.everyWeeks > 1 ? Math.min(inWeek, at[0]! + WEEK * cab.everyWeeks - at[at.length - 1]!) : inWeek;
}
const timeFrom = (meeting: string): number => {
  const [h, m] = meeting.slice(4).split(':').map(Number);
  return h! * 60 + m!;
};

/**
 * The cutoff between two bounds: a change that made a meeting was opened at least the cutoff (plus
 * its assessment) before it, so the shortest such gap is an upper bound; a change opened before a
 * meeting it missed came too late, so the longest such gap (below the upper bound) is about a lower
 * one. The estimate is the roundest value above the lower bound and at most the upper: a whole
 * number of days, else of half-days, else of hours (the upper bound floored to the hour when no
 * whole hour lies between). Capped by the schedule's shortest gap between meetings, less an hour.
 */
export function cutoffEstimate(upper: number, lower: number | undefined, cap: number): number {
  let estimate = Math.floor(upper / 60) * 60;
  if (lower !== undefined && lower < upper) {
    for (const unit of [DAY, DAY / 2, 60]) {
      const c = Math.floor(upper / unit) * unit;
      if (c > lower && c > 0) {
        estimate = c;
        break;
      }
    }
  }
  return Math.max(0, Math.min(estimate, cap - 60));
}

/** Opened → meeting of normal changes with a timed cab_date after opened_at, and the cutoff they imply. */
export function waitFit(rows: readonly ChangeRow[], cab: CabFit | undefined): WaitFit | undefined {
  const timed = rows.filter((r) => r.type === 'normal' && r.cabDate !== undefined && r.cabHasTime && r.cabDate > r.openedAt);
  const days = spreadOf(timed.map((r) => (r.cabDate! - r.openedAt) / DAY));
  if (days === undefined || cab === undefined) return undefined;
  const shortest = minOf(timed.map((r) => r.cabDate! - r.openedAt));
  // The meetings seen, each with the one before it: a change decided at a meeting missed the one before if it was opened before it.
  const meetings = [...new Set(timed.map((r) => r.cabDate!))].sort((a, b) => a - b);
  const previous = new Map(meetings.map((m, i) => [m, i === 0 ? undefined : meetings[i - 1]]));
  let longestMiss: number | undefined;
  for (const r of timed) {
    const p = previous.get(r.cabDate!);
    if (p === undefined || p <= r.openedAt) continue;
    const g = p - r.openedAt;
    if (g < shortest && (longestMiss === undefined || g > longestMiss)) longestMiss = g;
  }
  // A change that missed a meeting may have been opened before the cutoff and assessed after it: an hour is allowed for that.
  const cutoffMinutes = cutoffEstimate(shortest, longestMiss === undefined ? undefined : longestMiss - ASSESSMENT_ALLOWANCE, shortestMeetingGap(cab) + 60);
  return {
    days,
    cutoffMinutes,
    shortestGapMinutes: shortest,
    longestMissMinutes: longestMiss,
    evidence: { rows: timed.length, ...range(timed.map((r) => r.openedAt)), statistic: `median ${days.p50.toFixed(2)} days, shortest ${(shortest / 60).toFixed(1)} h` },
  };
}

/** How long after the cutoff a change is taken to have been in time for a meeting: a day, for its assessment. */
const IN_TIME_ALLOWANCE = DAY;

/**
 * Meetings an approved normal change was in time for (opened at least the cutoff and a day before
 * them) but not decided at, before its cab_date: in the model each is a rejection followed by
 * rework (or a meeting that was full). A change is raised once (opened_at), so a rejection later
 * approved shows only so. `meetings` are the meetings seen, sorted.
 */
export function skippedMeetings(rows: readonly ChangeRow[], meetings: readonly number[], cutoff: number): Map<ChangeRow, number> {
  const firstAtOrAfter = (t: number): number => {
    let lo = 0;
    let hi = meetings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (meetings[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out = new Map<ChangeRow, number>();
  for (const r of rows) {
    if (r.type !== 'normal' || r.approval !== 'approved' || r.cabDate === undefined) continue;
    const skipped = firstAtOrAfter(r.cabDate) - firstAtOrAfter(r.openedAt + cutoff + IN_TIME_ALLOWANCE);
    if (skipped > 0) out.set(r, skipped);
  }
  return out;
}
