// The fits calibrate makes from typed change rows, each with its evidence (rows used, date range,
// a fit statistic). Pure functions of the rows: the same export gives the same calibration.
// Office hours, for the out-of-hours share, are application support's scenario default
// (mon-fri 09:00-17:30): the export does not say what the client's office hours are. The CAB's
// schedule is fitted in fit-schedule.ts, the deployment calendar in fit-calendar.ts, delivery
// groups in fit-groups.ts.
import type { ChangeRow, ChangeType, ExportData, Risk } from './read-export.js';
import { dayText, weekdayOf } from './dates.js';
import { bootstrapMedianInterval, fitLognormal, maxOf, minOf, shareOf, spreadOf, type LognormalFit, type ShareFit, type Spread } from './stats.js';
import { cabFit, skippedMeetings, waitFit, weekOf, type CabFit, type WaitFit } from './fit-schedule.js';
import { freezeFits, inOfficeHours, noDeployFits, oohWindows, type FreezeFit, type NoDeployFit } from './fit-calendar.js';
import { groupFits, type GroupFit } from './fit-groups.js';

export { inOfficeHours } from './fit-calendar.js';
export type { CabFit } from './fit-schedule.js';

const DAY = 1440;
const WEEK = 7 * DAY;
/** Fewer values than this and a duration is not fitted (the class keeps its default). */
export const MIN_DURATIONS = 5;

export interface Evidence {
  readonly rows: number;
  readonly from?: string;
  readonly to?: string;
  /** The fit statistic, in words ("standard error 0.012", "KS distance 0.031"). */
  readonly statistic?: string;
}

export interface DurationFit extends LognormalFit {
  readonly evidence: Evidence;
  /** The 95% bootstrap interval of the fitted median (for the `uncertain:` section), where the fit is written to the scenario. */
  readonly medianInterval?: { readonly low: number; readonly high: number; readonly resamples: number } | undefined;
}

export interface ClassFit {
  /** The scenario class name: the risk level ("moderate", "very-high"), "unrated", or "all". */
  readonly name: string;
  readonly risk: Risk | 'unrated' | 'all';
  readonly share: ShareFit;
  /** Standard changes among the class's changes that are not emergency changes → preApproved.share (an urgent fix takes the emergency path whatever its type). */
  readonly standard: ShareFit;
  /** Emergency changes among the class's changes → emergencyShare; their close codes → emergencyFailureRate. */
  readonly emergency: ShareFit;
  readonly emergencyFailure: ShareFit;
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
    /** Assignment groups alike in change rate and class mix, when they fall into more than one group (else undefined). */
    readonly deliveryGroups?: readonly GroupFit[] | undefined;
    readonly featuresPerTeamPerWeek?: number | undefined;
    /** Variance / mean of the weekly counts (1 for a Poisson process). */
    readonly dispersion: number;
    readonly evidence: Evidence;
  };
  readonly types: { readonly standard: ShareFit; readonly normal: ShareFit; readonly emergency: ShareFit; readonly canceled: ShareFit; readonly open: number };
  readonly cab?: CabFit | undefined;
  readonly wait?: WaitFit | undefined;
  readonly outOfHours: { readonly share: ShareFit; readonly windows: readonly string[]; readonly evidence: Evidence };
  /** Freezes and weekly no-deploy periods seen as gaps in the deployments (emergency changes left out). */
  readonly calendar: { readonly freezes: readonly FreezeFit[]; readonly noDeploy: readonly NoDeployFit[]; readonly evidence: Evidence };
  /** Emergency changes: their share, their failure rate and opened → work start (the emergency CAB's approval, and any wait for a deployer). */
  readonly emergency: { readonly share: ShareFit; readonly failure: ShareFit; readonly approval?: DurationFit | undefined };
  readonly durations: {
    readonly byType: Readonly<Partial<Record<ChangeType, DurationFit>>>;
    readonly byRisk: Readonly<Partial<Record<string, DurationFit>>>;
    /** Whether durations are working time (office-hours deployments pause overnight) or clock time, and the evidence. */
    readonly pause: { readonly pauses: boolean; readonly crossing: number; readonly endedOutside: number };
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

const implemented = (rows: readonly ChangeRow[]): ChangeRow[] => rows.filter((r) => r.state === 'implemented' && r.workStart !== undefined && r.workEnd !== undefined);
/** Normal changes: the CAB path the model simulates (emergency changes are not modelled yet, so they are only reported). */
const cabPath = (r: ChangeRow): boolean => r.type === 'normal';

/**
 * A deployment's working time: for one started in office hours (which pauses when they close, as
 * application support's office-hours deployments and the pipeline do), the office minutes between
 * start and end; for one started out of hours (worked straight through), its clock time.
 */
export function workingMinutes(start: number, end: number, pauses = true): number {
  if (!pauses || !inOfficeHours(start)) return end - start;
  // The first week day by day, whole weeks at once (5 office days of 8h30), then the rest day by
  // day: a deployment of years costs a few steps.
  const weekOn = Math.floor(start / DAY) * DAY + WEEK;
  if (end <= weekOn) return officeMinutes(start, end);
  const weeks = Math.floor((end - weekOn) / WEEK);
  return officeMinutes(start, weekOn) + weeks * 5 * (8 * 60 + 30) + officeMinutes(weekOn + weeks * WEEK, end);
}

/** Office minutes (mon-fri 09:00-17:30) between two stamps, day by day. */
function officeMinutes(from: number, to: number): number {
  let total = 0;
  for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
    if (weekdayOf(day) < 5) total += Math.max(0, Math.min(to, day + 17 * 60 + 30) - Math.max(from, day + 9 * 60));
  }
  return total;
}

/**
 * Whether office-hours deployments pause when office hours close: of those started in office hours
 * that ran past that day's 17:30, at most PAUSE_SHARE ended out of office hours (a paused one
 * resumes the next working morning). Else they ran straight on and clock time is working time.
 */
export function pausesOvernight(rows: readonly ChangeRow[]): { pauses: boolean; crossing: number; endedOutside: number } {
  const crossing = rows.filter((r) => r.workStart !== undefined && r.workEnd !== undefined && r.type !== 'emergency' && inOfficeHours(r.workStart) && r.workEnd > Math.floor(r.workStart / DAY) * DAY + 17 * 60 + 30);
  const endedOutside = crossing.filter((r) => !inOfficeHours(r.workEnd!)).length;
  return { pauses: endedOutside <= PAUSE_SHARE * crossing.length, crossing: crossing.length, endedOutside };
}
const PAUSE_SHARE = 0.1;

function durationFit(rows: readonly ChangeRow[], pauses: boolean, bootstrapKey?: string): DurationFit | undefined {
  const minutes = rows.map((r) => workingMinutes(r.workStart!, r.workEnd!, pauses)).filter((m) => m > 0);
  if (minutes.length < MIN_DURATIONS) return undefined;
  const fit = fitLognormal(minutes);
  const evidence = { rows: fit.n, ...range(rows.map((r) => r.workStart!)), statistic: `KS distance ${fit.ks.toFixed(3)}` };
  return bootstrapKey === undefined ? { ...fit, evidence } : { ...fit, evidence, medianInterval: bootstrapMedianInterval(minutes, bootstrapKey) };
}

const closeShare = (rows: readonly ChangeRow[], code: ChangeRow['closeCode']): ShareFit => {
  const coded = rows.filter((r) => r.closeCode !== undefined);
  return shareOf(coded.filter((r) => r.closeCode === code).length, coded.length);
};
/** Rejections among decisions: rejected changes, and meetings approved changes were in time for but not decided at (skips). */
const rejectionShare = (rows: readonly ChangeRow[], skips: ReadonlyMap<ChangeRow, number>): ShareFit => {
  const decided = rows.filter((r) => r.type === 'normal' && (r.approval === 'approved' || r.approval === 'rejected'));
  const skipped = decided.reduce((s, r) => s + (skips.get(r) ?? 0), 0);
  return shareOf(decided.filter((r) => r.approval === 'rejected').length + skipped, decided.length + skipped);
};
const oohShare = (rows: readonly ChangeRow[]): ShareFit => {
  const done = implemented(rows).filter(cabPath);
  return shareOf(done.filter((r) => !inOfficeHours(r.workStart!)).length, done.length);
};

const RISK_ORDER: readonly (Risk | 'unrated')[] = ['very low', 'low', 'moderate', 'high', 'very high', 'unrated'];

/** One class per risk level (canceled changes count only towards the rejection rate). */
function classFits(all: readonly ChangeRow[], skips: ReadonlyMap<ChangeRow, number>, pauses: boolean): ClassFit[] {
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
    const emergency = rows.filter((r) => r.type === 'emergency');
    return {
      name: risk.replace(' ', '-'),
      risk,
      share: shareOf(rows.length, liveCount),
      standard: shareOf(std.length, rows.length - emergency.length),
      emergency: shareOf(emergency.length, rows.length),
      emergencyFailure: closeShare(implemented(emergency), 'unsuccessful'),
      failure: closeShare(implemented(cab), 'unsuccessful'),
      withIssues: closeShare(implemented(cab), 'successful with issues'),
      rejection: rejectionShare(withCanceled, skips),
      outOfHours: oohShare(cab),
      deployment: durationFit(implemented(cab), pauses, `${risk} deployment`),
      standardFailure: closeShare(implemented(std), 'unsuccessful'),
      standardDeployment: durationFit(implemented(std), pauses, `${risk} standard deployment`),
    };
  });
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
  const cab = cabFit(live);
  const wait = waitFit(live, cab);
  const seenMeetings = [...new Set(live.filter((r) => r.type === 'normal' && r.cabDate !== undefined).map((r) => r.cabDate!))].sort((a, b) => a - b);
  const skips = wait === undefined ? new Map<ChangeRow, number>() : skippedMeetings(all, seenMeetings, wait.cutoffMinutes);
  const pause = pausesOvernight(implemented(live));
  const classes = classFits(all, skips, pause.pauses);
  const hasRisk = all.some((r) => r.risk !== undefined);
  const classOf = (r: ChangeRow): string => (hasRisk ? (r.risk ?? 'unrated').replace(' ', '-') : 'all');
  const byGroupClass = new Map<string, Record<string, number>>();
  for (const r of live) {
    if (r.group === undefined) continue;
    const byClass = byGroupClass.get(r.group) ?? {};
    byClass[classOf(r)] = (byClass[classOf(r)] ?? 0) + 1;
    byGroupClass.set(r.group, byClass);
  }
  const teamCounts = groups?.map((g) => ({ ...g, byClass: byGroupClass.get(g.name)! }));
  const deliveryGroups = teamCounts === undefined ? undefined : groupFits(teamCounts, classes.map((c) => c.name));
  // Deployments that freezes and no-deploy periods hold back: every implemented change but emergency ones.
  const held = implemented(live).filter((r) => r.type !== 'emergency');
  const heldStarts = held.map((r) => r.workStart!);
  const emergencyRows = live.filter((r) => r.type === 'emergency');
  const emergencyDone = implemented(emergencyRows);
  // work_start is the last attempt's start: after a failure it follows a fix, so only changes that never failed show the approval.
  const approvalMinutes = emergencyDone.filter((r) => r.closeCode !== 'unsuccessful').map((r) => r.workStart! - r.openedAt).filter((m) => m > 0);
  const approvalFit = approvalMinutes.length >= MIN_DURATIONS ? fitLognormal(approvalMinutes) : undefined;
  const changesPerWeek = live.length / weeks;
  const done = implemented(live);
  const byRisk: Partial<Record<string, DurationFit>> = {};
  for (const risk of RISK_ORDER) {
    const f = durationFit(done.filter((r) => (r.risk ?? 'unrated') === risk), pause.pauses);
    if (f !== undefined) byRisk[risk] = f;
  }
  const byType: Partial<Record<ChangeType, DurationFit>> = {};
  const leadTimeDays: Partial<Record<ChangeType, Spread>> = {};
  for (const type of ['standard', 'normal', 'emergency'] as const) {
    const f = durationFit(done.filter((r) => r.type === type), pause.pauses);
    if (f !== undefined) byType[type] = f;
    const s = spreadOf(done.filter((r) => r.type === type).map((r) => (r.workEnd! - r.openedAt) / DAY));
    if (s !== undefined) leadTimeDays[type] = s;
  }
  const cabDone = done.filter(cabPath);
  const byReason: Record<string, number[]> = {};
  for (const b of data.bad) (byReason[b.reason] ??= []).push(b.row);
  const usedEvidence = (rows: readonly ChangeRow[], stamps: readonly number[], statistic: string): Evidence => ({ rows: rows.length, ...range(stamps), statistic });
  const unsuccessful = closeShare(cabDone, 'unsuccessful');
  const rejection = rejectionShare(all, skips);
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
      deliveryGroups: deliveryGroups !== undefined && deliveryGroups.length > 1 ? deliveryGroups : undefined,
      dispersion,
      evidence: usedEvidence(live, opened, `${counts.length} calendar weeks; variance/mean of weekly counts ${dispersion.toFixed(2)} (1 for Poisson arrivals)`),
    },
    types: { standard: type('standard'), normal: type('normal'), emergency: type('emergency'), canceled: shareOf(all.length - live.length, all.length), open: live.filter((r) => r.state === 'open').length },
    cab,
    wait,
    calendar: { freezes: freezeFits(heldStarts, first, last), noDeploy: noDeployFits(heldStarts), evidence: usedEvidence(held, heldStarts, 'work_start of implemented changes that are not emergency changes') },
    emergency: {
      share: type('emergency'),
      failure: closeShare(emergencyDone, 'unsuccessful'),
      approval: approvalFit === undefined ? undefined : { ...approvalFit, evidence: { rows: approvalFit.n, ...range(emergencyDone.filter((r) => r.closeCode !== 'unsuccessful').map((r) => r.openedAt)), statistic: `KS distance ${approvalFit.ks.toFixed(3)}` }, medianInterval: bootstrapMedianInterval(approvalMinutes, 'emergency approval') },
    },
    outOfHours: { share: oohAll, windows: oohWindows(implemented(live).filter((r) => cabPath(r) && !inOfficeHours(r.workStart!))).map((w) => w.window), evidence: usedEvidence(cabDone, cabDone.map((r) => r.workStart!), `standard error ${oohAll.standardError.toFixed(3)}`) },
    durations: { byType, byRisk, pause },
    failure: { unsuccessful, withIssues: closeShare(cabDone, 'successful with issues'), evidence: usedEvidence(cabDone.filter((r) => r.closeCode !== undefined), cabDone.map((r) => r.workEnd!), `standard error ${unsuccessful.standardError.toFixed(3)}`) },
    rejection: { share: rejection, evidence: usedEvidence(all.filter((r) => r.type === 'normal' && (r.approval === 'approved' || r.approval === 'rejected')), all.map((r) => r.openedAt), `standard error ${rejection.standardError.toFixed(3)}`) },
    leadTimeDays,
    classes,
    badRows: { total: data.bad.length, byReason, rows: data.bad },
  };
}
