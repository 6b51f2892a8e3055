// When deployments can start, from the work_start of implemented changes (emergency changes left
// out: they deploy at any hour, in freezes too): the out-of-hours windows (clusters of out-of-hours
// starts over the week, one window even when it crosses midnight), freezes (gaps of days with no
// deployment that the export's rate makes all but impossible by chance) and weekly no-deploy
// periods (half-hours of the office week that never see a deployment start, though the rest of the
// office week sees many). Office hours are application support's default, mon-fri 09:00-17:30.
import type { ChangeRow } from './read-export.js';
import { dayText, timeOfDay, weekdayOf, WEEKDAYS } from './dates.js';
import { quantile, sortNumbers } from './stats.js';
import { hhmm } from './fit-schedule.js';

const DAY = 1440;
const WEEK = 7 * DAY;
const SLOT = 30;
const SLOTS = WEEK / SLOT;
/** A cluster of out-of-hours starts is a window when it holds at least this share of them. */
const WINDOW_SHARE = 0.1;
/** Starts further apart than this (over the week) belong to different windows. */
const WINDOW_GAP = 3 * 60;
/** A gap in deployments is a freeze when at least this many deployments were expected in it at the export's rate, and it lasts this many days. */
const FREEZE_EXPECTED = 15;
const FREEZE_MIN_DAYS = 5;
/** …and it is at least FREEZE_TIMES as long as the FREEZE_RANK-th longest gap between deployments. */
const FREEZE_TIMES = 2.5;
const FREEZE_RANK = 10;
/** An empty run of office half-hours is a no-deploy period when at least this many starts were expected in it. */
const NO_DEPLOY_EXPECTED = 12;

const minuteOfWeek = (stamp: number): number => weekdayOf(stamp) * DAY + timeOfDay(stamp);
/** In application support's default office hours, mon-fri 09:00-17:30. */
export function inOfficeHours(stamp: number): boolean {
  const t = timeOfDay(stamp);
  return weekdayOf(stamp) < 5 && t >= 9 * 60 && t < 17 * 60 + 30;
}
const officeSlot = (s: number): boolean => Math.floor(s / (DAY / SLOT)) < 5 && s % (DAY / SLOT) >= 18 && s % (DAY / SLOT) < 35;
/** "<day> HH:MM" of a minute of the week. */
const weekText = (m: number): string => `${WEEKDAYS[Math.floor((((m % WEEK) + WEEK) % WEEK) / DAY)]} ${hhmm(((m % DAY) + DAY) % DAY)}`;

export interface WindowFit {
  readonly window: string;
  readonly starts: number;
}

/** Out-of-hours windows: each cluster of out-of-hours starts with WINDOW_SHARE of them, 5th percentile start (floored to the hour) to 95th percentile end (ceiled), at most 23 hours. */
export function oohWindows(ooh: readonly ChangeRow[]): WindowFit[] {
  if (ooh.length === 0) return [];
  const at = sortNumbers(ooh.map((r) => minuteOfWeek(r.workStart!)));
  // Cut the week at its largest gap between starts, then into clusters at every gap over WINDOW_GAP.
  let cut = 0;
  let widest = -1;
  at.forEach((m, i) => {
    const gap = i === 0 ? m + WEEK - at[at.length - 1]! : m - at[i - 1]!;
    if (gap > widest) [widest, cut] = [gap, i];
  });
  const order = [...at.slice(cut), ...at.slice(0, cut).map((m) => m + WEEK)];
  const clusters: number[][] = [];
  for (const m of order) {
    const last = clusters[clusters.length - 1];
    if (last !== undefined && m - last[last.length - 1]! <= WINDOW_GAP) last.push(m);
    else clusters.push([m]);
  }
  // Each start's minute of the week → its cluster (as placed in `order`, past the cut plus a week).
  const clusterOf = new Map<number, number>();
  clusters.forEach((c, k) => {
    for (const m of c) clusterOf.set(m % WEEK, k);
  });
  const ends: number[][] = clusters.map(() => []);
  for (const r of ooh) {
    const m = minuteOfWeek(r.workStart!);
    const k = clusterOf.get(m)!;
    ends[k]!.push((m < clusters[k]![0]! ? m + WEEK : m) + (r.workEnd! - r.workStart!));
  }
  const out: WindowFit[] = [];
  for (const [k, c] of clusters.entries()) {
    if (c.length / ooh.length < WINDOW_SHARE) continue;
    const from = Math.floor(quantile(c, 0.05) / 60) * 60;
    const to = Math.max(from + 60, Math.min(Math.ceil(quantile(sortNumbers(ends[k]!), 0.95) / 60) * 60, from + 23 * 60));
    out.push({ window: `${weekText(from)}-${to - from + (((from % DAY) + DAY) % DAY) === DAY ? '24:00' : hhmm(((to % DAY) + DAY) % DAY)}`, starts: c.length });
  }
  return out.sort((a, b) => WEEKDAYS.indexOf(a.window.slice(0, 3) as (typeof WEEKDAYS)[number]) - WEEKDAYS.indexOf(b.window.slice(0, 3) as (typeof WEEKDAYS)[number]));
}

export interface FreezeFit {
  /** First frozen day and the day after the last ("YYYY-MM-DD"); `to` is not frozen. */
  readonly from: string;
  readonly to: string;
  /** The last deployment before and the first after, as stamps. */
  readonly before: number;
  readonly after: number;
  /** Deployments expected in the gap at the rate of each half-hour of the week. */
  readonly expected: number;
}

/**
 * Gaps in the deployments between `from` and `to` (the export's first and last opened_at: later,
 * only its leftovers deploy) of at least FREEZE_MIN_DAYS whole days in which FREEZE_EXPECTED or more
 * were expected, at each half-hour of the week's own rate over the period, and at least 2.5 times as
 * long as the FREEZE_RANK-th longest gap.
 */
export function freezeFits(all: readonly number[], from: number, to: number): FreezeFit[] {
  const s = sortNumbers(all.filter((t) => t >= from && t <= to));
  const weeks = (to - from) / WEEK;
  if (s.length < 2 * FREEZE_EXPECTED || weeks < 2) return [];
  const perSlot = new Array<number>(SLOTS).fill(0);
  for (const t of s) perSlot[Math.floor(minuteOfWeek(t) / SLOT)]! += 1 / weeks;
  // A freeze stands out from the export's other long gaps (a fortnightly CAB's bursts leave gaps of a week every fortnight).
  const gaps = sortNumbers(s.slice(1).map((t, i) => t - s[i]!));
  const tenthLongest = gaps[Math.max(0, gaps.length - FREEZE_RANK)]!;
  const out: FreezeFit[] = [];
  for (let i = 1; i < s.length; i++) {
    if (s[i]! - s[i - 1]! < FREEZE_TIMES * tenthLongest) continue;
    const first = (Math.floor(s[i - 1]! / DAY) + 1) * DAY;
    const last = Math.floor(s[i]! / DAY) * DAY;
    if ((last - first) / DAY < FREEZE_MIN_DAYS) continue;
    // Whole weeks at the week's total rate, then the half-hours left one by one (a gap of years costs a few steps).
    const startSlot = Math.ceil(s[i - 1]! / SLOT) * SLOT;
    const wholeWeeks = Math.floor((s[i]! - startSlot) / WEEK);
    let expected = wholeWeeks * s.length / weeks;
    for (let t = startSlot + wholeWeeks * WEEK; t < s[i]!; t += SLOT) expected += perSlot[Math.floor(minuteOfWeek(t) / SLOT)]!;
    if (expected >= FREEZE_EXPECTED) out.push({ from: dayText(first), to: dayText(last), before: s[i - 1]!, after: s[i]!, expected });
  }
  return out;
}

export interface NoDeployFit {
  /** "<day> HH:MM-<day> HH:MM". */
  readonly period: string;
  /** Office half-hours in it with no start, and the starts expected in them. */
  readonly officeSlots: number;
  readonly expected: number;
}

/**
 * Weekly no-deploy periods: a run of office half-hours with no start in which NO_DEPLOY_EXPECTED
 * or more were expected at the office hours' mean rate, widened to the starts on either side (the
 * half-hour after the last start before it, to the half-hour of the first start after it).
 */
export function noDeployFits(starts: readonly number[]): NoDeployFit[] {
  const counts = new Array<number>(SLOTS).fill(0);
  for (const t of starts) counts[Math.floor(minuteOfWeek(t) / SLOT)]!++;
  const office = counts.filter((_c, i) => officeSlot(i));
  const perSlot = office.reduce((a, b) => a + b, 0) / office.length;
  if (!(perSlot > 0) || counts.every((c) => c === 0)) return [];
  const out: (NoDeployFit & { slot: number })[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < SLOTS; i++) {
    if (counts[i]! > 0 || seen.has(i)) continue;
    // The whole empty run (cyclic) around slot i.
    let a = i;
    while (counts[(a - 1 + SLOTS) % SLOTS] === 0 && (a - 1 + SLOTS) % SLOTS !== i) a = (a - 1 + SLOTS) % SLOTS;
    let length = 0;
    while (counts[(a + length) % SLOTS] === 0 && length < SLOTS) seen.add((a + length++) % SLOTS);
    const officeSlots = Array.from({ length }, (_x, k) => (a + k) % SLOTS).filter(officeSlot).length;
    const expected = officeSlots * perSlot;
    if (officeSlots === 0 || expected < NO_DEPLOY_EXPECTED || length >= SLOTS - 1) continue;
    out.push({ period: `${weekText(a * SLOT)}-${weekText((a + length) * SLOT)}`, officeSlots, expected, slot: a });
  }
  return out.sort((x, y) => x.slot - y.slot).map(({ period, officeSlots, expected }) => ({ period, officeSlots, expected }));
}
