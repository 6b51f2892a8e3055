// Comparison of organisation designs. A design is a scenario × variant ("current.yaml:normal").
// Every scenario runs with common random numbers (the same seed, replication numbers and named
// streams, in every variant), so each design is paired with one baseline design replication by
// replication (replication i of the design against replication i of the baseline), giving the
// paired difference over replications with its 95% interval, marked where it excludes zero.
import { calendarWarnings } from '../scenario/calendar-warnings.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { biasReason, unfinishedShare, type ChangeCounts } from './bias.js';
import type { ReplicationDigest } from '../run/digest.js';
import type { DoraBenchmark } from './dora.js';
import { pairedDifference, quantileSorted } from './estimates.js';
import type { RunResult } from '../run/replications.js';
import { replicationFigure } from './run-differences.js';
import type { EmergencySummary, Summary } from './summary-types.js';

/** One scenario's run, as compare needs it. */
export interface ComparedRun {
  /** The scenario file as shown (relative to the working folder). */
  file: string;
  summary: Summary;
  result: RunResult;
}

/** A comparison that cannot be made (bad --baseline, nothing to compare): bad input, exit code 2. */
export class ComparisonError extends Error {
  override name = 'ComparisonError';
}

/** The per-replication figures that are paired across designs. */
export const PAIRED_METRICS = [
  'leadTimeMeanDays',
  'leadTimeP50Days',
  'leadTimeP85Days',
  'deploymentsPerWeek',
  'costPerDeployment',
  'totalCost',
  'totalCostPerYear',
] as const;
export type PairedMetric = (typeof PAIRED_METRICS)[number];

export const PAIRED_METRIC_LABEL: Record<PairedMetric, string> = {
  leadTimeMeanDays: 'Lead time, mean (days)',
  leadTimeP50Days: 'Lead time, p50 (days)',
  leadTimeP85Days: 'Lead time, p85 (days)',
  deploymentsPerWeek: 'Deployments per week',
  costPerDeployment: 'Run cost per deployment',
  totalCost: 'Total cost, counted period',
  totalCostPerYear: 'Total cost per year',
};

/** The quantile p of one replication's completed lead times (NaN when none completed). */
export function replicationQuantile(d: ReplicationDigest, p: number): number {
  const sorted = Float64Array.from(d.leadTimeDays).sort();
  return quantileSorted(sorted as unknown as number[], p);
}

/**
 * The paired figure of one replication. The total cost per year needs the scenario (its counted
 * period and setup amortisation); without it, that figure is NaN.
 */
export function replicationMetric(d: ReplicationDigest, metric: PairedMetric, scenario?: Scenario): number {
  const r = d.record;
  switch (metric) {
    case 'leadTimeMeanDays':
      return r.leadTimeMeanDays;
    case 'leadTimeP50Days':
      return replicationQuantile(d, 0.5);
    case 'leadTimeP85Days':
      return replicationQuantile(d, 0.85);
    case 'deploymentsPerWeek':
      return r.deploymentsPerWeek;
    case 'costPerDeployment':
      return r.deployments > 0 ? r.runCost / r.deployments : NaN;
    case 'totalCost':
      return r.totalCost;
    case 'totalCostPerYear':
      return scenario === undefined ? NaN : replicationFigure(scenario, d, 'totalCostPerYear');
  }
}

export interface Difference {
  mean: number;
  ci95: [number, number];
  /** The interval excludes zero. */
  significant: boolean;
  /** Mean of the baseline's per-replication values (the denominator of a relative change). */
  baselineMean: number;
}

/** Which design: the run (by position) and the variant. */
export interface DesignKey {
  /** Position of the scenario among the compared runs. */
  run: number;
  variant: Variant;
}

/** A design as named in comparison.json: `label` is `FILE:VARIANT`, e.g. `current.yaml:normal`. */
export interface DesignRef {
  label: string;
  scenario: string;
  file: string;
  variant: Variant;
}

export interface DesignFigures extends DesignRef {
  /** Over all replications; `unfinishedShare` = unfinished ÷ counted. */
  changes: ChangeCounts & { unfinishedShare: number };
  /** More than 2% of counted changes unfinished: lead times are understated (see stats/bias.ts). */
  biased: boolean;
  biasReason?: string;
  /** The warnings `orisim run` prints for this scenario × variant: the calendar's, then the results'. */
  warnings: string[];
  leadTimeDays: { p50: number; p85: number; p95: number; mean: number; ci95: [number, number] };
  deploymentsPerWeek: { mean: number; ci95: [number, number] };
  costPerDeployment: number;
  /** Days of the counted period (warm-up to horizon) over which totalCost and costs are counted. */
  countedDays: number;
  totalCost: { mean: number; ci95: [number, number] };
  /** Annual figures (summary costs.perYear): run and opportunity scaled to 52 weeks, setup amortised. */
  costsPerYear: { setupAmortised: number; run: number; opportunity: number; total: number; setupAmortisationYears: number };
  costs: { setup: number; run: number; opportunity: number };
  /** Shares of the annual total cost of ownership (summary costs.shares). */
  shares: { setup: number; run: number; opportunity: number };
  utilisation: { delivery: number; changeManagement: number; applicationSupport: number; outOfHoursWindows: number };
  /** Failed deployment → rollback complete, in hours, over all failed attempts (summary timeToRestoreHours without byPath). */
  timeToRestoreHours: { p50: number; p85: number; p95: number; mean: number; count: number };
  /** The DORA benchmark (summary dora). */
  dora: DoraBenchmark;
  /** With emergency changes (a class's emergencyShare above 0): the summary's emergency section. */
  emergency?: EmergencySummary;
  /** Paired difference design − baseline over replications (absent for the baseline itself). */
  difference?: Record<PairedMetric, Difference>;
}

export interface Comparison {
  run: { replications: number; seed: number; version: string; currency: string };
  baseline: DesignRef;
  scenarios: { name: string; file: string; sha256: string; variants: Variant[] }[];
  /** The baseline first, then every other design in the order of the files and their variants. */
  designs: DesignFigures[];
}

/** Every design of the runs, in the order of the files and each scenario's variants. */
export function designKeys(variants: readonly (readonly Variant[])[]): DesignKey[] {
  return variants.flatMap((vs, run) => vs.map((variant) => ({ run, variant })));
}

/**
 * The file part of each run's design labels: the file name without its folder when that names
 * every file apart (else the file as shown), with `#2`, `#3` … when a file is given again.
 */
export function fileLabels(files: readonly string[]): string[] {
  const base = files.map((f) => f.split(/[\\/]/).pop() || f);
  const names = new Set(base).size === new Set(files).size ? base : files;
  const seen = new Map<string, number>();
  return names.map((f) => {
    const n = (seen.get(f) ?? 0) + 1;
    seen.set(f, n);
    return n === 1 ? f : `${f}#${n}`;
  });
}

export function designLabel(fileLabel: string, variant: Variant): string {
  return `${fileLabel}:${variant}`;
}

/** Refuses scenarios whose costs are in different currencies: their costs cannot be compared. */
export function checkSameCurrency(files: readonly string[], currencies: readonly string[]): void {
  const base = currencies[0];
  currencies.forEach((c, i) => {
    if (c !== base) {
      throw new ComparisonError(
        `compare: ${files[i]} gives costs in ${c} and ${files[0]} in ${base}: costs in different currencies cannot be compared; give every scenario the same currency`,
      );
    }
  });
}

function figuresOf(run: ComparedRun, variant: Variant, ref: DesignRef): DesignFigures {
  const s = run.summary.variants[variant]!;
  const reason = biasReason(s.changes);
  return {
    ...ref,
    changes: { counted: s.changes.counted, completed: s.changes.completed, unfinished: s.changes.unfinished, unfinishedShare: unfinishedShare(s.changes) },
    biased: reason !== undefined,
    ...(reason !== undefined ? { biasReason: reason } : {}),
    warnings: [...calendarWarnings(run.result.scenario), ...s.warnings],
    leadTimeDays: { p50: s.leadTimeDays.p50, p85: s.leadTimeDays.p85, p95: s.leadTimeDays.p95, mean: s.leadTimeDays.mean, ci95: s.leadTimeDays.ci95 },
    deploymentsPerWeek: s.deploymentsPerWeek,
    costPerDeployment: s.costs.perDeployment,
    countedDays: s.costs.period.days,
    totalCost: { mean: s.costs.total, ci95: s.costs.totalCi95 },
    costsPerYear: {
      setupAmortised: s.costs.perYear.setupAmortised, run: s.costs.perYear.run, opportunity: s.costs.perYear.opportunity,
      total: s.costs.perYear.total, setupAmortisationYears: s.costs.perYear.setupAmortisationYears,
    },
    costs: { setup: s.costs.setup, run: s.costs.run, opportunity: s.costs.opportunity },
    shares: s.costs.shares,
    utilisation: { ...s.utilisation },
    timeToRestoreHours: { p50: s.timeToRestoreHours.p50, p85: s.timeToRestoreHours.p85, p95: s.timeToRestoreHours.p95, mean: s.timeToRestoreHours.mean, count: s.timeToRestoreHours.count },
    dora: s.dora,
    ...(s.emergency === undefined ? {} : { emergency: s.emergency }),
  };
}

function series(run: ComparedRun, variant: Variant, metric: PairedMetric): number[] {
  return run.result.digests[variant]?.mapDigests((d) => replicationMetric(d, metric, run.result.scenario)) ?? [];
}

/**
 * Pairs every design with the baseline design (default: the first scenario's first variant).
 * Throws ComparisonError when fewer than two designs ran, or when no paired figure is defined
 * for any design (nothing comparable): a comparison never succeeds empty.
 */
export function buildComparison(runs: readonly ComparedRun[], baselineKey: DesignKey = { run: 0, variant: runs[0]?.result.scenario.variants[0] ?? 'normal' }): Comparison {
  if (runs.length < 1) throw new ComparisonError('compare needs at least one scenario');
  const first = runs[0]!;
  const { replications, seed, version } = first.summary.run;
  for (const r of runs) {
    if (r.summary.run.replications !== replications || r.summary.run.seed !== seed) {
      throw new ComparisonError(
        `${r.file}: ran with ${r.summary.run.replications} replications and seed ${r.summary.run.seed}; ` +
          `compare pairs replications, so every scenario must run with ${replications} replications and seed ${seed}`,
      );
    }
  }
  checkSameCurrency(runs.map((r) => r.file), runs.map((r) => r.result.scenario.currency));
  const labels = fileLabels(runs.map((r) => r.file));
  const keys = designKeys(runs.map((r) => r.result.scenario.variants));
  const refOf = (k: DesignKey): DesignRef => {
    const run = runs[k.run]!;
    return { label: designLabel(labels[k.run]!, k.variant), scenario: run.summary.scenario.name, file: run.file, variant: k.variant };
  };
  const baseRun = runs[baselineKey.run];
  if (baseRun === undefined || !baseRun.result.scenario.variants.includes(baselineKey.variant)) {
    throw new ComparisonError(`compare: the baseline design (run ${baselineKey.run + 1}, ${baselineKey.variant}) did not run`);
  }
  const baseline = refOf(baselineKey);
  if (keys.length < 2) throw new ComparisonError(`compare: nothing comparable: ${baseline.label} is the only design`);
  const baseSeries = Object.fromEntries(PAIRED_METRICS.map((m) => [m, series(baseRun, baselineKey.variant, m)])) as Record<PairedMetric, number[]>;
  const isBase = (k: DesignKey): boolean => k.run === baselineKey.run && k.variant === baselineKey.variant;
  const designs = [baselineKey, ...keys.filter((k) => !isBase(k))].map((k) => {
    const figures = figuresOf(runs[k.run]!, k.variant, refOf(k));
    if (!isBase(k)) {
      const difference = {} as Record<PairedMetric, Difference>;
      for (const m of PAIRED_METRICS) {
        const base = baseSeries[m];
        difference[m] = { ...pairedDifference(base, series(runs[k.run]!, k.variant, m)), baselineMean: base.reduce((a, x) => a + x, 0) / base.length };
      }
      figures.difference = difference;
    }
    return figures;
  });
  const defined = designs.some((d) => d.difference !== undefined && PAIRED_METRICS.some((m) => Number.isFinite(d.difference![m].mean)));
  if (!defined) {
    throw new ComparisonError(
      `compare: nothing comparable: no paired figure (lead time, deployments, costs) is defined for both ${baseline.label} and any other design`,
    );
  }
  return {
    run: { replications, seed, version, currency: first.result.scenario.currency },
    baseline,
    scenarios: runs.map((r) => ({ name: r.summary.scenario.name, file: r.file, sha256: r.summary.scenario.sha256, variants: [...r.result.scenario.variants] })),
    designs,
  };
}

/** comparison.csv: one row per design × figure, with the paired difference where there is one. */
export function comparisonRows(c: Comparison): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [];
  for (const f of c.designs) {
    const add = (metric: string, value: number, diff?: Difference): void => {
      rows.push({
        design: f.label,
        scenario: f.scenario,
        variant: f.variant,
        baseline: c.baseline.label,
        metric,
        value,
        difference_vs_baseline: diff?.mean ?? '',
        difference_ci95_low: diff?.ci95[0] ?? '',
        difference_ci95_high: diff?.ci95[1] ?? '',
        excludes_zero: diff === undefined ? '' : diff.significant ? 1 : 0,
        biased: f.biased ? 1 : 0,
      });
    };
    const d = f.difference;
    add('lead_time_p50_days', f.leadTimeDays.p50, d?.leadTimeP50Days);
    add('lead_time_p85_days', f.leadTimeDays.p85, d?.leadTimeP85Days);
    add('lead_time_p95_days', f.leadTimeDays.p95);
    add('lead_time_mean_days', f.leadTimeDays.mean, d?.leadTimeMeanDays);
    add('deployments_per_week', f.deploymentsPerWeek.mean, d?.deploymentsPerWeek);
    add('cost_per_deployment', f.costPerDeployment, d?.costPerDeployment);
    add('counted_days', f.countedDays);
    add('total_cost_counted_period', f.totalCost.mean, d?.totalCost);
    add('total_cost_per_year', f.costsPerYear.total, d?.totalCostPerYear);
    add('annual_share_setup', f.shares.setup);
    add('annual_share_run', f.shares.run);
    add('annual_share_opportunity', f.shares.opportunity);
    add('changes_counted', f.changes.counted);
    add('changes_unfinished', f.changes.unfinished);
    add('unfinished_share', f.changes.unfinishedShare);
  }
  return rows;
}
