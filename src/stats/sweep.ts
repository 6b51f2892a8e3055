// A parameter sweep: parse the values of one scenario parameter (lists and ranges), and summarise
// each value's run per variant — lead time mean, p50 and p85 with 95% intervals, total cost with
// its interval, utilisation of each team, unfinished changes (marked biased above 2%) and the
// run's warnings — and where a team's utilisation crosses 85% and 100%.
import { calendarWarnings } from '../scenario/calendar-warnings.js';
import type { Variant } from '../scenario/types.js';
import { biasReason, unfinishedShare } from './bias.js';
import { replicationQuantile } from './compare.js';
import { pairedDifference, positiveMeanCi95 } from './estimates.js';
import type { RunResult } from '../run/replications.js';
import { replicationFigure } from './run-differences.js';
import type { Summary } from './summary-types.js';

export class SweepValuesError extends Error {
  override name = 'SweepValuesError';
}

/** At most this many values in one sweep. */
export const MAX_SWEEP_VALUES = 1000;

function bound(text: string, what: string, spec: string): number {
  const t = text.trim();
  const x = t === '' ? NaN : Number(t);
  if (!Number.isFinite(x)) throw new SweepValuesError(`--values '${spec}': ${what} must be a number, got '${t}'`);
  return x;
}

/** 0.1 + 0.2 → 0.3: a range's values as people write them. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * Parses `--values`: a comma-separated list (`1,2,5`, `1w,2w`, `weekly,twice`) or a numeric range
 * `FROM..TO` (step 1) or `FROM..TO:STEP` (`1..30:5` → 1, 6, 11, 16, 21, 26; `0..1:0.25`).
 * Values are returned as the text to put after `--set PATH=`.
 */
export function parseSweepValues(spec: string): string[] {
  const s = spec.trim();
  if (s === '') throw new SweepValuesError(`--values is empty: give a list (1,2,5) or a range (FROM..TO or FROM..TO:STEP)`);
  const range = /^([^,]*?)\.\.([^,:]*)(?::([^,]*))?$/.exec(s);
  if (range) {
    const from = bound(range[1]!, 'FROM', s);
    const to = bound(range[2]!, 'TO', s);
    const step = range[3] === undefined ? 1 : bound(range[3], 'STEP', s);
    if (!(step > 0)) throw new SweepValuesError(`--values '${s}': STEP must be greater than 0, got ${range[3]!.trim()}`);
    if (from > to) throw new SweepValuesError(`--values '${s}': FROM (${from}) is greater than TO (${to})`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_SWEEP_VALUES) throw new SweepValuesError(`--values '${s}': ${count} values, at most ${MAX_SWEEP_VALUES}`);
    return Array.from({ length: count }, (_x, i) => String(tidy(from + i * step)));
  }
  const items = s.split(',').map((x) => x.trim());
  const empty = items.findIndex((x) => x === '');
  if (empty >= 0) throw new SweepValuesError(`--values '${s}': item ${empty + 1} is empty`);
  if (items.length > MAX_SWEEP_VALUES) throw new SweepValuesError(`--values '${s}': ${items.length} values, at most ${MAX_SWEEP_VALUES}`);
  const seen = new Set<string>();
  for (const x of items) {
    if (seen.has(x)) throw new SweepValuesError(`--values '${s}': '${x}' is given twice`);
    seen.add(x);
  }
  return items;
}

/** The values as numbers when every one is a number (a quantitative axis), else undefined. */
export function numericValues(values: readonly string[]): number[] | undefined {
  const xs = values.map((v) => Number(v));
  return xs.every((x) => Number.isFinite(x)) && values.every((v) => v.trim() !== '') ? xs : undefined;
}

export const SWEEP_TEAMS = ['delivery', 'changeManagement', 'applicationSupport', 'outOfHoursWindows'] as const;
export type SweepTeam = (typeof SWEEP_TEAMS)[number];

export interface Estimate {
  mean: number;
  ci95: [number, number];
}

export interface SweepPoint {
  value: string;
  variant: Variant;
  replications: number;
  /** Mean lead time (ready → live) with its 95% interval over replication means. */
  leadTimeMeanDays: Estimate;
  /** Mean over replications of each replication's p50 / p85 lead time, with 95% intervals. */
  leadTimeP50Days: Estimate;
  leadTimeP85Days: Estimate;
  /** Pooled percentiles (as in summary.json). */
  pooledP50Days: number;
  pooledP85Days: number;
  deploymentsPerWeek: Estimate;
  /** Over the counted period of countedDays (warm-up to horizon). */
  totalCost: Estimate;
  /** Total cost a year (setup amortised + run and opportunity scaled to 52 weeks), with its 95% interval. */
  totalCostPerYear: Estimate;
  countedDays: number;
  costPerDeployment: number;
  utilisation: Record<SweepTeam, number>;
  unfinished: number;
  counted: number;
  /** unfinished ÷ counted. */
  unfinishedShare: number;
  /** More than 2% of counted changes unfinished: lead times are understated (see stats/bias.ts). */
  biased: boolean;
  biasReason?: string;
  /** The warnings `orisim run` prints for this value × variant: the calendar's, then the results'. */
  warnings: string[];
}

export function sweepPoints(value: string, result: RunResult, summary: Summary): SweepPoint[] {
  return result.scenario.variants.map((variant) => {
    const digests = result.digests[variant];
    const quantiles = digests?.mapDigests((d) => [replicationQuantile(d, 0.5), replicationQuantile(d, 0.85)] as const) ?? [];
    const s = summary.variants[variant]!;
    const reason = biasReason(s.changes);
    return {
      value,
      variant,
      replications: digests?.length ?? 0,
      leadTimeMeanDays: { mean: s.leadTimeDays.mean, ci95: s.leadTimeDays.ci95 },
      leadTimeP50Days: positiveMeanCi95(quantiles.map((q) => q[0])),
      leadTimeP85Days: positiveMeanCi95(quantiles.map((q) => q[1])),
      pooledP50Days: s.leadTimeDays.p50,
      pooledP85Days: s.leadTimeDays.p85,
      deploymentsPerWeek: s.deploymentsPerWeek,
      totalCost: { mean: s.costs.total, ci95: s.costs.totalCi95 },
      totalCostPerYear: positiveMeanCi95(annualCostSeries(result, variant)),
      countedDays: s.costs.period.days,
      costPerDeployment: s.costs.perDeployment,
      utilisation: { ...s.utilisation },
      unfinished: s.changes.unfinished,
      counted: s.changes.counted,
      unfinishedShare: unfinishedShare(s.changes),
      biased: reason !== undefined,
      ...(reason !== undefined ? { biasReason: reason } : {}),
      warnings: [...calendarWarnings(result.scenario), ...s.warnings],
    };
  });
}

/** Each replication's total cost a year, in replication order (paired across values by replication). */
export function annualCostSeries(result: RunResult, variant: Variant): number[] {
  return result.digests[variant]?.mapDigests((d) => replicationFigure(result.scenario, d, 'totalCostPerYear')) ?? [];
}

/**
 * Where a variant's total cost a year is lowest, and the next lowest value with the paired
 * difference (next − lowest) over replications: every value runs with the same seed and
 * replication numbers (common random numbers), so replication i of one value pairs with
 * replication i of another.
 */
export interface CostMinimum {
  variant: Variant;
  value: string;
  index: number;
  totalCostPerYear: Estimate;
  /** The lowest is the first or last value swept: the minimum may lie outside the range. */
  atEdge: boolean;
  biased: boolean;
  unfinishedShare: number;
  next?: { value: string; totalCostPerYear: Estimate; difference: Estimate & { significant: boolean; baselineMean: number } };
}

/** Per variant, the value with the lowest mean total cost a year (the first in sweep order on a tie). */
export function costMinima(points: readonly SweepPoint[], values: readonly string[], series: (value: string, variant: Variant) => readonly number[]): CostMinimum[] {
  const out: CostMinimum[] = [];
  for (const variant of [...new Set(points.map((p) => p.variant))]) {
    const ordered = values
      .map((v, index) => ({ index, p: points.find((q) => q.value === v && q.variant === variant) }))
      .filter((x): x is { index: number; p: SweepPoint } => x.p !== undefined && Number.isFinite(x.p.totalCostPerYear.mean))
      .sort((a, b) => a.p.totalCostPerYear.mean - b.p.totalCostPerYear.mean || a.index - b.index);
    const low = ordered[0];
    if (low === undefined) continue;
    const min: CostMinimum = {
      variant, value: low.p.value, index: low.index, totalCostPerYear: low.p.totalCostPerYear,
      atEdge: values.length > 2 && (low.index === 0 || low.index === values.length - 1), biased: low.p.biased, unfinishedShare: low.p.unfinishedShare,
    };
    const second = ordered[1];
    if (second !== undefined) {
      const a = series(low.p.value, variant);
      const b = series(second.p.value, variant);
      if (a.length === b.length && a.length > 0) {
        const d = pairedDifference(a, b);
        min.next = { value: second.p.value, totalCostPerYear: second.p.totalCostPerYear, difference: { ...d, baselineMean: a.reduce((x, y) => x + y, 0) / a.length } };
      }
    }
    out.push(min);
  }
  return out;
}

/** Utilisation thresholds marked on the charts: queues grow steeply above 85%; at ~100% they grow without bound. */
export const THRESHOLDS = [
  { level: 0.85, label: '85%' },
  // A saturated team measures just under 100% over a finite run (as in the run's overload warning).
  { level: 0.98, label: '100%' },
] as const;

export interface Crossing {
  variant: Variant;
  team: SweepTeam;
  threshold: string;
  /** The first value (in sweep order) at which the team's utilisation is at or above the threshold. */
  value: string;
  /** Its position in the sweep. */
  index: number;
  utilisation: number;
}

/** Where each team's utilisation first reaches 85% and 100%, per variant (values in sweep order). */
export function crossings(points: readonly SweepPoint[], values: readonly string[]): Crossing[] {
  const out: Crossing[] = [];
  const variants = [...new Set(points.map((p) => p.variant))];
  for (const variant of variants) {
    for (const team of SWEEP_TEAMS) {
      for (const t of THRESHOLDS) {
        const index = values.findIndex((v) => {
          const p = points.find((q) => q.value === v && q.variant === variant);
          return p !== undefined && p.utilisation[team] >= t.level;
        });
        if (index < 0) continue;
        const p = points.find((q) => q.value === values[index] && q.variant === variant)!;
        out.push({ variant, team, threshold: t.label, value: values[index]!, index, utilisation: p.utilisation[team] });
      }
    }
  }
  return out;
}

/** sweep.csv: one row per value × variant. */
export function sweepRows(param: string, points: readonly SweepPoint[]): Record<string, string | number>[] {
  return points.map((p) => ({
    param,
    value: p.value,
    variant: p.variant,
    replications: p.replications,
    lead_time_mean_days: p.leadTimeMeanDays.mean,
    lead_time_mean_ci95_low: p.leadTimeMeanDays.ci95[0],
    lead_time_mean_ci95_high: p.leadTimeMeanDays.ci95[1],
    lead_time_p50_days: p.leadTimeP50Days.mean,
    lead_time_p50_ci95_low: p.leadTimeP50Days.ci95[0],
    lead_time_p50_ci95_high: p.leadTimeP50Days.ci95[1],
    lead_time_p85_days: p.leadTimeP85Days.mean,
    lead_time_p85_ci95_low: p.leadTimeP85Days.ci95[0],
    lead_time_p85_ci95_high: p.leadTimeP85Days.ci95[1],
    lead_time_pooled_p50_days: p.pooledP50Days,
    lead_time_pooled_p85_days: p.pooledP85Days,
    deployments_per_week: p.deploymentsPerWeek.mean,
    counted_days: p.countedDays,
    total_cost_counted_period: p.totalCost.mean,
    total_cost_counted_period_ci95_low: p.totalCost.ci95[0],
    total_cost_counted_period_ci95_high: p.totalCost.ci95[1],
    total_cost_per_year: p.totalCostPerYear.mean,
    total_cost_per_year_ci95_low: p.totalCostPerYear.ci95[0],
    total_cost_per_year_ci95_high: p.totalCostPerYear.ci95[1],
    cost_per_deployment: p.costPerDeployment,
    utilisation_delivery: p.utilisation.delivery,
    utilisation_change_management: p.utilisation.changeManagement,
    utilisation_application_support: p.utilisation.applicationSupport,
    utilisation_out_of_hours_windows: p.utilisation.outOfHoursWindows,
    changes_counted: p.counted,
    changes_unfinished: p.unfinished,
    unfinished_share: p.unfinishedShare,
    biased: p.biased ? 1 : 0,
  }));
}
