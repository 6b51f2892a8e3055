// The fits calibrate makes from typed change rows, each with its evidence (rows used, date range,
// a fit statistic). Pure functions of the rows: the same export gives the same calibration.
// Office hours, for the out-of-hours share, are application support's scenario default
// (mon-fri 09:00-17:30): the export does not say what the client's office hours are.
import type { ChangeRow, ChangeType, ExportData, Risk } from './read-export.js';
import { dayText, timeOfDay, weekdayOf, WEEKDAYS } from './dates.js';
import { fitLognormal, maxOf, minOf, quantile, shareOf, sortNumbers, spreadOf, type LognormalFit, type ShareFit, type Spread } from './stats.js';

const DAY = 1440;
const WEEK = 7 * DAY;
/** Fewer values than this and a duration is not fitted (the class keeps its default). */
export const MIN_DURATIONS = 5;
/** A weekday is a CAB day when it has at least this share of the meetings. */
const CAB_DAY_SHARE = 0.1;

export interface Evidence {
  readonly rows: number;
  readonly from?: string;
  readonly to?: string;
  /** The fit statistic, in words ("standard error 0.012", "KS distance 0.031"). */
  readonly statistic?: string;
}

export interface DurationFit extends LognormalFit {
  readonly evidence: Evidence;
}

export interface ClassFit {
  /** The scenario class name: the risk level ("moderate", "very-high"), "unrated", or "all". */
  readonly name: string;
  readonly risk: Risk | 'unrated' | 'all';
  readonly share: ShareFit;
  /** Standard changes among the class's changes → preApproved.share. */
  readonly standard: ShareFit;
  /** Normal changes (the CAB path): close codes, approvals, out of hours, durations. */
  readonly failure: ShareFit;
  readonly withIssues: ShareFit;
  readonly rejection: ShareFit;
  readonly outOfHours: ShareFit;
  readonly deployment?: DurationFit | undefined;
  /** Standard changes: close codes and durations. */
  readonly standardFailure: ShareFit;
  readonly standardDeployment?: DurationFit | undefined;
}

export interface CabFit {
  readonly days: readonly (typeof WEEKDAYS)[number][];
  /** "HH:MM", or undefined when cab_date has no time of day. */
  readonly time?: string | undefined;
  readonly meetings: number;
  /** Meetings on other weekdays than `days` (ad hoc). */
  readonly adHoc: number;
  /** The most common gap, in weeks, between meetings on the main weekday, and the share of gaps that size. */
  readonly everyWeeks: number;
  readonly gapShare: number;
  /** The most changes decided at one meeting. */
  readonly mostPerMeeting: number;
  /** Normal changes whose cab_date has a time of day; of those, how many have it at opened_at and before it (no wait for the meeting seen). */
  readonly timed: { readonly rows: number; readonly atOpened: number; readonly beforeOpened: number };
  readonly evidence: Evidence;
}

export interface WaitFit {
  /** Days from opened_at to the CAB meeting (cab_date) of normal changes. */
  readonly days: Spread;
  /** The shortest time before a meeting at which a change still made it, floored to the hour: the implied cutoff. */
  readonly cutoffMinutes: number;
  readonly shortestGapMinutes: number;
  readonly evidence: Evidence;
}

export interface Calibration {
  readonly export: {
    readonly file: string;
    readonly bytes: number;
    readonly rows: number;
    readonly used: number;
    readonly badRows: number;
    readonly dateFormat: string;
    readonly dateFormatDetected: boolean;
    readonly columns: Readonly<Record<string, string>>;
    readonly from: string;
    readonly to: string;
  };
  readonly arrivals: {
    readonly changesPerWeek: number;
    readonly weeks: number;
    /** Assignment groups (delivery teams), or undefined when the export has none. */
    readonly groups?: readonly { name: string; changes: number }[] | undefined;
    readonly featuresPerTeamPerWeek?: number | undefined;
    /** Variance / mean of the weekly counts (1 for a Poisson process). */
    readonly dispersion: number;
    readonly evidence: Evidence;
  };
  readonly types: { readonly standard: ShareFit; readonly normal: ShareFit; readonly emergency: ShareFit; readonly canceled: ShareFit; readonly open: number };
  readonly cab?: CabFit | undefined;
  readonly wait?: WaitFit | undefined;
  readonly outOfHours: { readonly share: ShareFit; readonly windows: readonly string[]; readonly evidence: Evidence };
  readonly durations: {
    readonly byType: Readonly<Partial<Record<ChangeType, DurationFit>>>;
    readonly byRisk: Readonly<Partial<Record<string, DurationFit>>>;
  };
  readonly failure: { readonly unsuccessful: ShareFit; readonly withIssues: ShareFit; readonly evidence: Evidence };
  readonly rejection: { readonly share: ShareFit; readonly evidence: Evidence };
  /** opened_at → work_end in days, by type (for the back-test). */
  readonly leadTimeDays: Readonly<Partial<Record<ChangeType, Spread>>>;
  readonly classes: readonly ClassFit[];
  readonly badRows: {
    readonly total: number;
    readonly byReason: Readonly<Record<string, readonly number[]>>;
    readonly rows: ExportData['bad'];
  };
}

const range = (stamps: readonly number[]): { from?: string; to?: string } =>
  stamps.length === 0 ? {} : { from: dayText(minOf(stamps)), to: dayText(maxOf(stamps)) };

/** In application support's default office hours, mon-fri 09:00-17:30. */
export function inOfficeHours(stamp: number): boolean {
  const t = timeOfDay(stamp);
  return weekdayOf(stamp) < 5 && t >= 9 * 60 && t < 17 * 60 + 30;
}

const implemented = (rows: readonly ChangeRow[]): ChangeRow[] => rows.filter((r) => r.state === 'implemented' && r.workStart !== undefined && r.workEnd !== undefined);
/** Normal changes: the CAB path the model simulates (emergency changes are not modelled yet, so they are only reported). */
const cabPath = (r: ChangeRow): boolean => r.type === 'normal';

function durationFit(rows: readonly ChangeRow[]): DurationFit | undefined {
  const minutes = rows.map((r) => r.workEnd! - r.workStart!).filter((m) => m > 0);
  if (minutes.length < MIN_DURATIONS) return undefined;
  const fit = fitLognormal(minutes);
  return { ...fit, evidence: { rows: fit.n, ...range(rows.map((r) => r.workStart!)), statistic: `KS distance ${fit.ks.toFixed(3)}` } };
}

const closeShare = (rows: readonly ChangeRow[], code: ChangeRow['closeCode']): ShareFit => {
  const coded = rows.filter((r) => r.closeCode !== undefined);
  return shareOf(coded.filter((r) => r.closeCode === code).length, coded.length);
};
const rejectionShare = (rows: readonly ChangeRow[]): ShareFit => {
  const decided = rows.filter((r) => r.type === 'normal' && (r.approval === 'approved' || r.approval === 'rejected'));
  return shareOf(decided.filter((r) => r.approval === 'rejected').length, decided.length);
};
const oohShare = (rows: readonly ChangeRow[]): ShareFit => {
  const done = implemented(rows).filter(cabPath);
  return shareOf(done.filter((r) => !inOfficeHours(r.workStart!)).length, done.length);
};

const RISK_ORDER: readonly (Risk | 'unrated')[] = ['very low', 'low', 'moderate', 'high', 'very high', 'unrated'];

/** One class per risk level (canceled changes count only towards the rejection rate). */
function classFits(all: readonly ChangeRow[]): ClassFit[] {
  const hasRisk = all.some((r) => r.risk !== undefined);
  const groups = new Map<Risk | 'unrated' | 'all', ChangeRow[]>();
  for (const r of all) {
    const key = hasRisk ? (r.risk ?? 'unrated') : 'all';
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r]);
    else g.push(r);
  }
  const liveCount = all.filter((r) => r.state !== 'canceled').length;
  const keys = hasRisk ? RISK_ORDER.filter((k) => groups.get(k)?.some((r) => r.state !== 'canceled')) : (['all'] as const);
  return keys.map((risk) => {
    const withCanceled = groups.get(risk)!;
    const rows = withCanceled.filter((r) => r.state !== 'canceled');
    const cab = rows.filter(cabPath);
    const std = rows.filter((r) => r.type === 'standard');
    return {
      name: risk.replace(' ', '-'),
      risk,
      share: shareOf(rows.length, liveCount),
      standard: shareOf(std.length, rows.length),
      failure: closeShare(implemented(cab), 'unsuccessful'),
      withIssues: closeShare(implemented(cab), 'successful with issues'),
      rejection: rejectionShare(withCanceled),
      outOfHours: oohShare(cab),
      deployment: durationFit(implemented(cab)),
      standardFailure: closeShare(implemented(std), 'unsuccessful'),
      standardDeployment: durationFit(implemented(std)),
    };
  });
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
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** Monday-based week number since the epoch (1970-01-01 was a Thursday). */
const weekOf = (stamp: number): number => Math.floor((Math.floor(stamp / DAY) + 3) / 7);

function cabFit(rows: readonly ChangeRow[]): CabFit | undefined {
  const decided = rows.filter((r) => r.type === 'normal' && r.cabDate !== undefined);
  if (decided.length === 0) return undefined;
  const perMeeting = new Map<number, number>();
  for (const r of decided) perMeeting.set(r.cabDate!, (perMeeting.get(r.cabDate!) ?? 0) + 1);
  const meetings = [...perMeeting.keys()].sort((a, b) => a - b);
  const byDay = WEEKDAYS.map((_, d) => meetings.filter((m) => weekdayOf(m) === d).length);
  const dayIdx = WEEKDAYS.map((_, d) => d).filter((d) => byDay[d]! / meetings.length >= CAB_DAY_SHARE);
  const withTime = decided.filter((r) => r.cabHasTime);
  const timed = [...new Set(withTime.map((r) => r.cabDate!))];
  const time = timed.length > 0 ? mode(timed.map((m) => Math.floor(timeOfDay(m)))) : undefined; // whole minutes: seconds are dropped
  const main = byDay.indexOf(Math.max(...byDay));
  const weeks = [...new Set(meetings.filter((m) => weekdayOf(m) === main).map(weekOf))];
  const gaps = weeks.slice(1).map((w, i) => w - weeks[i]!);
  const everyWeeks = mode(gaps) ?? 1;
  const gapShare = gaps.length === 0 ? 1 : gaps.filter((g) => g === everyWeeks).length / gaps.length;
  const adHoc = meetings.filter((m) => !dayIdx.includes(weekdayOf(m))).length;
  return {
    days: dayIdx.map((d) => WEEKDAYS[d]!),
    time: time === undefined ? undefined : hhmm(time),
    meetings: meetings.length,
    adHoc,
    everyWeeks,
    gapShare,
    mostPerMeeting: maxOf([...perMeeting.values()]),
    timed: { rows: withTime.length, atOpened: withTime.filter((r) => r.cabDate === r.openedAt).length, beforeOpened: withTime.filter((r) => r.cabDate! < r.openedAt).length },
    evidence: { rows: decided.length, ...range(meetings), statistic: `${meetings.length} meetings; ${Math.round(gapShare * 100)}% of gaps between ${WEEKDAYS[main]} meetings are ${everyWeeks} week${everyWeeks === 1 ? '' : 's'}` },
  };
}

function waitFit(rows: readonly ChangeRow[], cab: CabFit | undefined): WaitFit | undefined {
  const timed = rows.filter((r) => r.type === 'normal' && r.cabDate !== undefined && r.cabHasTime && r.cabDate > r.openedAt);
  const days = spreadOf(timed.map((r) => (r.cabDate! - r.openedAt) / DAY));
  if (days === undefined || cab === undefined) return undefined;
  const shortest = minOf(timed.map((r) => r.cabDate! - r.openedAt));
  // The cutoff must be shorter than the shortest gap between the scenario's meetings.
  const dayNums = cab.days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const gapDays = dayNums.length <= 1 ? 7 : Math.min(...dayNums.map((d, i) => (i === 0 ? d + 7 - dayNums[dayNums.length - 1]! : d - dayNums[i - 1]!)));
  const cutoffMinutes = Math.max(0, Math.min(Math.floor(shortest / 60) * 60, gapDays * DAY - 60));
  return { days, cutoffMinutes, shortestGapMinutes: shortest, evidence: { rows: timed.length, ...range(timed.map((r) => r.openedAt)), statistic: `median ${days.p50.toFixed(2)} days, shortest ${(shortest / 60).toFixed(1)} h` } };
}

/** Out-of-hours windows: per weekday with ≥ 10% of the out-of-hours starts, 5th percentile start (floored to the hour) to 95th percentile end (ceiled), at most 23 hours. */
function oohWindows(rows: readonly ChangeRow[]): string[] {
  const ooh = implemented(rows).filter((r) => cabPath(r) && !inOfficeHours(r.workStart!));
  const windows: string[] = [];
  for (let d = 0; d < 7; d++) {
    const on = ooh.filter((r) => weekdayOf(r.workStart!) === d);
    if (on.length === 0 || on.length / ooh.length < CAB_DAY_SHARE) continue;
    const starts = sortNumbers(on.map((r) => timeOfDay(r.workStart!)));
    const ends = sortNumbers(on.map((r) => timeOfDay(r.workStart!) + (r.workEnd! - r.workStart!)));
    const from = Math.floor(quantile(starts, 0.05) / 60) * 60;
    const to = Math.min(Math.ceil(quantile(ends, 0.95) / 60) * 60, from + 23 * 60);
    windows.push(`${WEEKDAYS[d]} ${hhmm(from)}-${to >= DAY ? (to === DAY ? '24:00' : hhmm(to - DAY)) : hhmm(Math.max(to, from + 60))}`);
  }
  return windows;
}

/** Every fit of the calibration, from the rows of an export. */
export function calibrate(data: ExportData): Calibration {
  const all = data.rows;
  const live = all.filter((r) => r.state !== 'canceled');
  const opened = live.map((r) => r.openedAt);
  const first = minOf(opened);
  const last = maxOf(opened);
  const weeks = Math.max(1, (last - first) / WEEK);
  const weekly = new Map<number, number>();
  for (const t of opened) weekly.set(weekOf(t), (weekly.get(weekOf(t)) ?? 0) + 1);
  const counts: number[] = [];
  for (let w = weekOf(first); w <= weekOf(last); w++) counts.push(weekly.get(w) ?? 0);
  const cm = counts.reduce((s, c) => s + c, 0) / counts.length;
  const dispersion = counts.length < 2 || cm === 0 ? 1 : counts.reduce((s, c) => s + (c - cm) ** 2, 0) / (counts.length - 1) / cm;
  const groupCounts = new Map<string, number>();
  for (const r of live) if (r.group !== undefined) groupCounts.set(r.group, (groupCounts.get(r.group) ?? 0) + 1);
  const groups = groupCounts.size === 0 ? undefined : [...groupCounts].map(([name, changes]) => ({ name, changes })).sort((a, b) => b.changes - a.changes || (a.name < b.name ? -1 : 1));
  const changesPerWeek = live.length / weeks;
  const done = implemented(live);
  const cab = cabFit(live);
  const byRisk: Partial<Record<string, DurationFit>> = {};
  for (const risk of RISK_ORDER) {
    const f = durationFit(done.filter((r) => (r.risk ?? 'unrated') === risk));
    if (f !== undefined) byRisk[risk] = f;
  }
  const byType: Partial<Record<ChangeType, DurationFit>> = {};
  const leadTimeDays: Partial<Record<ChangeType, Spread>> = {};
  for (const type of ['standard', 'normal', 'emergency'] as const) {
    const f = durationFit(done.filter((r) => r.type === type));
    if (f !== undefined) byType[type] = f;
    const s = spreadOf(done.filter((r) => r.type === type).map((r) => (r.workEnd! - r.openedAt) / DAY));
    if (s !== undefined) leadTimeDays[type] = s;
  }
  const cabDone = done.filter(cabPath);
  const byReason: Record<string, number[]> = {};
  for (const b of data.bad) (byReason[b.reason] ??= []).push(b.row);
  const usedEvidence = (rows: readonly ChangeRow[], stamps: readonly number[], statistic: string): Evidence => ({ rows: rows.length, ...range(stamps), statistic });
  const unsuccessful = closeShare(cabDone, 'unsuccessful');
  const rejection = rejectionShare(all);
  const oohAll = oohShare(live);
  const type = (t: ChangeType): ShareFit => shareOf(live.filter((r) => r.type === t).length, live.length);
  return {
    export: {
      file: data.file,
      bytes: data.bytes,
      rows: all.length + data.bad.length,
      used: all.length,
      badRows: data.bad.length,
      dateFormat: data.dateFormat,
      dateFormatDetected: data.dateFormatDetected,
      columns: data.columns,
      ...(range(all.map((r) => r.openedAt)) as { from: string; to: string }),
    },
    arrivals: {
      changesPerWeek,
      weeks,
      groups,
      featuresPerTeamPerWeek: groups === undefined ? undefined : changesPerWeek / groups.length,
      dispersion,
      evidence: usedEvidence(live, opened, `${counts.length} calendar weeks; variance/mean of weekly counts ${dispersion.toFixed(2)} (1 for Poisson arrivals)`),
    },
    types: { standard: type('standard'), normal: type('normal'), emergency: type('emergency'), canceled: shareOf(all.length - live.length, all.length), open: live.filter((r) => r.state === 'open').length },
    cab,
    wait: waitFit(live, cab),
    outOfHours: { share: oohAll, windows: oohWindows(live), evidence: usedEvidence(cabDone, cabDone.map((r) => r.workStart!), `standard error ${oohAll.standardError.toFixed(3)}`) },
    durations: { byType, byRisk },
    failure: { unsuccessful, withIssues: closeShare(cabDone, 'successful with issues'), evidence: usedEvidence(cabDone.filter((r) => r.closeCode !== undefined), cabDone.map((r) => r.workEnd!), `standard error ${unsuccessful.standardError.toFixed(3)}`) },
    rejection: { share: rejection, evidence: usedEvidence(all.filter((r) => r.type === 'normal' && (r.approval === 'approved' || r.approval === 'rejected')), all.map((r) => r.openedAt), `standard error ${rejection.standardError.toFixed(3)}`) },
    leadTimeDays,
    classes: classFits(all),
    badRows: { total: data.bad.length, byReason, rows: data.bad },
  };
}
