// The back-test: an export's observed distributions set beside the same quantities measured, the
// same way, on each replication's simulated changes turned into export rows (simulated-export.ts).
// Each replication is one history of the organisation over the counted period, as the export is
// one, so the spread of a figure over the replications is the spread the export's own figure
// should fall in. Rules in docs/client-data.md, "Back-testing: does the scenario reproduce the export?".
import type { ChangeRow } from './read-export.js';
import { inOfficeHours } from './fit.js';
import { ksDistance, wassersteinDistance } from './distance.js';
import { quantile, shareOf, sortNumbers, spreadOf, type Spread } from './stats.js';

const DAY = 1440;
const WEEK = 7 * DAY;
/** The verdict's overall false-alarm rate for a scenario that is right, shared over its checks (Bonferroni). */
export const VERDICT_ALPHA = 0.05;
export const PERCENTILES = [0.5, 0.85, 0.95] as const;

/** What the back-test measures on a set of export rows (observed, or one replication's). */
export interface Observables {
  /** opened_at → work_end of implemented changes (every type), days. */
  readonly leadTimeDays: number[];
  /** opened_at → cab_date of normal changes with a CAB date and time, days. */
  readonly cabWaitDays: number[];
  /** cab_date → work_start of implemented normal changes with a CAB date, days. */
  readonly cabToWorkDays: number[];
  /** work_start → work_end of implemented changes (the last deployment), days. */
  readonly deploymentDays: number[];
  /** opened_at → work_start of implemented standard changes, and of emergency changes, days. */
  readonly standardToWorkDays: number[];
  readonly emergencyToWorkDays: number[];
  /** Implemented changes ÷ the weeks between the first and last opened_at (at least 1). */
  readonly deploymentsPerWeek: number;
  /** Implemented normal changes whose work_start is outside mon-fri 09:00-17:30. */
  readonly outOfHoursShare: number;
  readonly outOfHoursN: number;
  /** Implemented normal changes with a close code: Unsuccessful ÷ all. */
  readonly failureRate: number;
  readonly failureN: number;
}

export function observables(all: readonly ChangeRow[]): Observables {
  const rows = all.filter((r) => r.state !== 'canceled');
  const done = rows.filter((r) => r.state === 'implemented' && r.workStart !== undefined && r.workEnd !== undefined);
  const normalDone = done.filter((r) => r.type === 'normal');
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    first = Math.min(first, r.openedAt);
    last = Math.max(last, r.openedAt);
  }
  const ooh = shareOf(normalDone.filter((r) => !inOfficeHours(r.workStart!)).length, normalDone.length);
  const coded = normalDone.filter((r) => r.closeCode !== undefined);
  const failure = shareOf(coded.filter((r) => r.closeCode === 'unsuccessful').length, coded.length);
  return {
    leadTimeDays: done.map((r) => (r.workEnd! - r.openedAt) / DAY),
    cabWaitDays: rows.filter((r) => r.type === 'normal' && r.cabDate !== undefined && r.cabHasTime && r.cabDate >= r.openedAt).map((r) => (r.cabDate! - r.openedAt) / DAY),
    cabToWorkDays: normalDone.filter((r) => r.cabDate !== undefined).map((r) => (r.workStart! - r.cabDate!) / DAY),
    deploymentDays: done.map((r) => (r.workEnd! - r.workStart!) / DAY),
    standardToWorkDays: done.filter((r) => r.type === 'standard').map((r) => (r.workStart! - r.openedAt) / DAY),
    emergencyToWorkDays: done.filter((r) => r.type === 'emergency').map((r) => (r.workStart! - r.openedAt) / DAY),
    deploymentsPerWeek: rows.length === 0 ? NaN : done.length / Math.max(1, (last - first) / WEEK),
    outOfHoursShare: ooh.n === 0 ? NaN : ooh.share,
    outOfHoursN: ooh.n,
    failureRate: failure.n === 0 ? NaN : failure.share,
    failureN: failure.n,
  };
}

/**
 * The exit-2 message (without "orisim: ") when the export has no implemented change, else
 * undefined: with no lead time there is nothing to set beside the simulation (the distances would
 * be NaN and the verdict would rest on no row), so the back-test is refused before simulating.
 */
export function noImplementedChange(file: string, rows: readonly ChangeRow[], badRows: number): string | undefined {
  if (rows.some((r) => r.state === 'implemented')) return undefined;
  const open = rows.filter((r) => r.state === 'open').length;
  return `${file}:2:1 expected at least one implemented change (state Implement, Review or Closed) to set beside the simulated lead times, got none: ${open} open, ${rows.length - open} canceled, ${badRows} bad rows`;
}

/** One figure: the export's value beside the replications' interval. */
export interface Check {
  readonly name: string;
  readonly unit: 'days' | 'per week' | 'share';
  readonly observed: number;
  /** How many export rows the observed figure rests on. */
  readonly n: number;
  readonly simulatedMean: number;
  /** The replications' interval at the verdict's level (replicationInterval). */
  readonly low: number;
  readonly high: number;
  readonly inside: boolean;
  /** Whether the verdict rests on it (waits are shown, not judged). */
  readonly inVerdict: boolean;
}

export interface Backtest {
  readonly variant: string;
  readonly replications: number;
  /** 1 − VERDICT_ALPHA / (checks in the verdict): the level of every interval. */
  readonly level: number;
  readonly leadTime: {
    readonly observed: Spread | undefined;
    readonly simulated: Spread | undefined;
    /** Observed against every replication's lead times pooled. */
    readonly ks: number;
    readonly wassersteinDays: number;
    /** For scale: each replication against the others pooled, the median and largest KS distance. */
    readonly ksReplicationMedian: number;
    readonly ksReplicationMax: number;
  };
  readonly checks: readonly Check[];
  readonly verdict: {
    readonly reproduces: boolean;
    readonly line: string;
    readonly reasons: readonly string[];
    /** When it does not reproduce: the stage whose wait diverges most (else the first failed figure) and the scenario fields that drive it. */
    readonly cause?: { readonly figure: string; readonly text: string; readonly fields: readonly string[] } | undefined;
  };
}

/** The figure a check reads from a set of observables (NaN when there is nothing to measure). */
interface Figure {
  readonly name: string;
  readonly unit: Check['unit'];
  readonly inVerdict: boolean;
  readonly value: (o: Observables) => number;
  readonly n: (o: Observables) => number;
  /** The scenario fields that drive the figure (the verdict's cause names them). */
  readonly fields: readonly string[];
}

const pctOf = (xs: readonly number[], q: number): number => (xs.length === 0 ? NaN : quantile(sortNumbers(xs), q));
const percentileFigures = (label: string, pick: (o: Observables) => number[], inVerdict: boolean, qs: readonly number[], fields: readonly string[]): Figure[] =>
  qs.map((q) => ({ name: `${label} p${Math.round(q * 100)}`, unit: 'days', inVerdict, value: (o) => pctOf(pick(o), q), n: (o) => pick(o).length, fields }));

/** The scenario fields behind each figure, as `--set` paths (`<class>` for each class). */
const FIELDS = {
  arrivals: ['teams.delivery.count', 'teams.delivery.featuresPerWeek'],
  cab: ['teams.changeManagement.cab (days, every, from, monthly, meetings, time, cutoff, capacity)', 'classes.<class>.rejectionRate', 'classes.<class>.efforts.assessment'],
  toWork: ['classes.<class>.efforts.handover', 'classes.<class>.downtimeShare', 'teams.applicationSupport (people, hours, outOfHoursWindows, otherWork)', 'freezes', 'noDeploy'],
  deployment: ['classes.<class>.efforts.deployment', 'classes.<class>.preApproved.deployment'],
  standard: ['classes.<class>.preApproved.share', 'classes.<class>.preApproved.deployment', 'teams.delivery.hours', 'freezes', 'noDeploy'],
  emergency: ['teams.changeManagement.emergencyCab.approval', 'classes.<class>.emergencyShare', 'teams.applicationSupport.people'],
  ooh: ['classes.<class>.downtimeShare', 'teams.applicationSupport.outOfHoursWindows'],
  failure: ['classes.<class>.failureRate'],
} as const;

const FIGURES: readonly Figure[] = [
  ...percentileFigures('lead time', (o) => o.leadTimeDays, true, PERCENTILES, []),
  { name: 'deployments per week', unit: 'per week', inVerdict: true, value: (o) => o.deploymentsPerWeek, n: (o) => o.leadTimeDays.length, fields: FIELDS.arrivals },
  { name: 'out-of-hours share', unit: 'share', inVerdict: true, value: (o) => o.outOfHoursShare, n: (o) => o.outOfHoursN, fields: FIELDS.ooh },
  { name: 'failure rate', unit: 'share', inVerdict: true, value: (o) => o.failureRate, n: (o) => o.failureN, fields: FIELDS.failure },
  ...percentileFigures('wait opened → CAB', (o) => o.cabWaitDays, false, [0.5, 0.85], FIELDS.cab),
  ...percentileFigures('wait CAB → work start', (o) => o.cabToWorkDays, false, [0.5, 0.85], FIELDS.toWork),
  ...percentileFigures('wait opened → work start, standard', (o) => o.standardToWorkDays, false, [0.5, 0.85], FIELDS.standard),
  ...percentileFigures('wait opened → work start, emergency', (o) => o.emergencyToWorkDays, false, [0.5, 0.85], FIELDS.emergency),
  ...percentileFigures('deployment work start → end', (o) => o.deploymentDays, false, [0.5, 0.85], FIELDS.deployment),
];

/** How far outside its interval a figure lies, in its unit (0 inside). */
const outside = (c: Check): number => (Number.isNaN(c.low) ? 0 : Math.max(0, c.low - c.observed, c.observed - c.high));

/**
 * The likely cause of a verdict that fails: the stage (a wait, shown only) lying furthest outside
 * its interval, in days; with none outside, the first failed figure that has fields behind it.
 */
function likelyCause(checks: readonly (Check & { fields: readonly string[] })[], failed: readonly Check[]): Backtest['verdict']['cause'] {
  const stages = checks.filter((c) => !c.inVerdict && outside(c) > 0).sort((a, b) => outside(b) - outside(a));
  const pick = stages[0] ?? checks.find((c) => failed.includes(c) && c.fields.length > 0);
  if (pick === undefined) return undefined;
  const where = `${pick.name} ${show(pick.observed, pick.unit)} against the simulated ${show(pick.low, pick.unit)} – ${show(pick.high, pick.unit)}`;
  return { figure: pick.name, text: stages[0] === undefined ? where : `${where}, the stage that diverges most`, fields: pick.fields };
}

/**
 * The replications' interval at `level`: from the k-th smallest to the k-th largest value, with
 * k = max(1, ⌈n(1 − level)/2⌉) — order statistics, so its ends are values replications gave. A new
 * replication falls outside with probability 2k/(n + 1); with fewer than 2/(1 − level) replications
 * the interval is the whole range, min to max. NaN ends when no replication gave a value.
 */
export function replicationInterval(sorted: readonly number[], level: number): { low: number; high: number } {
  const n = sorted.length;
  if (n === 0) return { low: NaN, high: NaN };
  const k = Math.min(n, Math.max(1, Math.ceil((n * (1 - level)) / 2)));
  return { low: sorted[k - 1]!, high: sorted[n - k]! };
}

const show = (x: number, unit: Check['unit']): string => (unit === 'share' ? `${(x * 100).toFixed(1)}%` : unit === 'days' ? `${x.toFixed(2)} days` : x.toFixed(2));

/** Sets the export beside the replications (each replication's rows made by exportedChanges). */
export function backtest(observedRows: readonly ChangeRow[], replicationRows: readonly (readonly ChangeRow[])[], variant: string): Backtest {
  const observed = observables(observedRows);
  const sims = replicationRows.map(observables);
  // Only figures the export shows are checked; the level is shared by the verdict's checks.
  const shown = FIGURES.filter((f) => Number.isFinite(f.value(observed)));
  const judged = shown.filter((f) => f.inVerdict).length;
  const level = 1 - VERDICT_ALPHA / Math.max(1, judged);
  const checks: (Check & { fields: readonly string[] })[] = shown.map((f) => {
    const values = sortNumbers(sims.map(f.value).filter(Number.isFinite));
    const { low, high } = replicationInterval(values, level);
    const obs = f.value(observed);
    return {
      name: f.name,
      unit: f.unit,
      observed: obs,
      n: f.n(observed),
      simulatedMean: values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length,
      low,
      high,
      inside: values.length > 0 && obs >= low && obs <= high,
      inVerdict: f.inVerdict,
      fields: f.fields,
    };
  });
  const pooled = sims.flatMap((o) => o.leadTimeDays);
  const perReplicationKs = sims.map((o, i) => ksDistance(o.leadTimeDays, sims.flatMap((p, j) => (j === i ? [] : p.leadTimeDays)))).filter(Number.isFinite);
  const sortedKs = sortNumbers(perReplicationKs);
  const failed = checks.filter((c) => c.inVerdict && !c.inside);
  const reasons = failed.map((c) =>
    Number.isNaN(c.low)
      ? `${c.name} ${show(c.observed, c.unit)}: the simulation has no such figure`
      : `${c.name} ${show(c.observed, c.unit)} is ${c.observed < c.low ? 'below' : 'above'} the simulated ${show(c.low, c.unit)} – ${show(c.high, c.unit)}`,
  );
  const held = checks.filter((c) => c.inVerdict).map((c) => `${c.name} ${show(c.observed, c.unit)} in ${show(c.low, c.unit)} – ${show(c.high, c.unit)}`);
  const reproduces = failed.length === 0 && held.length > 0;
  const cause = reproduces ? undefined : likelyCause(checks, failed);
  const causeText = cause === undefined ? '' : `; likely cause: ${cause.text}, driven by ${cause.fields.join(', ')}`;
  return {
    variant,
    replications: replicationRows.length,
    level,
    leadTime: {
      observed: spreadOf(observed.leadTimeDays),
      simulated: spreadOf(pooled),
      ks: ksDistance(observed.leadTimeDays, pooled),
      wassersteinDays: wassersteinDistance(observed.leadTimeDays, pooled),
      ksReplicationMedian: sortedKs.length === 0 ? NaN : quantile(sortedKs, 0.5),
      ksReplicationMax: sortedKs.length === 0 ? NaN : sortedKs[sortedKs.length - 1]!,
    },
    checks: checks.map(({ fields: _fields, ...c }) => c),
    verdict: {
      reproduces,
      reasons,
      cause,
      line: reproduces ? `reproduces the export: ${held.join('; ')}` : `does not reproduce: ${reasons.length > 0 ? reasons.join('; ') : 'the export has no implemented changes to compare'}${causeText}`,
    },
  };
}

/** Quantiles of a sample at 1%, 2%, … 99% (for the QQ chart and the CDFs). */
export function quantileGrid(xs: readonly number[]): { q: number; value: number }[] {
  const s = sortNumbers(xs);
  if (s.length === 0) return [];
  return Array.from({ length: 99 }, (_x, i) => ({ q: (i + 1) / 100, value: quantile(s, (i + 1) / 100) }));
}
