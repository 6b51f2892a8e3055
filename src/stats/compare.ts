// Comparison of organisation designs: several scenarios run with common random numbers (the same
// seed, replication numbers and named streams), each reported beside the first, with the paired
// difference from the first over replications (replication i of A against replication i of B)
// and its 95% interval, marked where the interval excludes zero.
import type { Variant } from '../scenario/types.js';
import type { ReplicationDigest } from './digest.js';
import { pairedDifference, quantileSorted } from './estimates.js';
import type { RunResult } from './replications.js';
import type { Summary } from './summary-types.js';

/** One scenario's run, as compare needs it. */
export interface ComparedRun {
  /** The scenario file as given. */
  file: string;
  summary: Summary;
  result: RunResult;
}

/** The per-replication figures that are paired across scenarios. */
export const PAIRED_METRICS = [
  'leadTimeMeanDays',
  'leadTimeP50Days',
  'leadTimeP85Days',
  'deploymentsPerWeek',
  'costPerDeployment',
  'totalCost',
] as const;
export type PairedMetric = (typeof PAIRED_METRICS)[number];

export const PAIRED_METRIC_LABEL: Record<PairedMetric, string> = {
  leadTimeMeanDays: 'Lead time, mean (days)',
  leadTimeP50Days: 'Lead time, p50 (days)',
  leadTimeP85Days: 'Lead time, p85 (days)',
  deploymentsPerWeek: 'Deployments per week',
  costPerDeployment: 'Run cost per deployment',
  totalCost: 'Total cost, counted period',
};

/** The quantile p of one replication's completed lead times (NaN when none completed). */
export function replicationQuantile(d: ReplicationDigest, p: number): number {
  const sorted = Float64Array.from(d.leadTimeDays).sort();
  return quantileSorted(sorted as unknown as number[], p);
}

/** The paired figure of one replication. */
export function replicationMetric(d: ReplicationDigest, metric: PairedMetric): number {
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
  }
}

export interface Difference {
  mean: number;
  ci95: [number, number];
  /** The interval excludes zero. */
  significant: boolean;
}

export interface ScenarioFigures {
  scenario: string;
  file: string;
  leadTimeDays: { p50: number; p85: number; p95: number; mean: number; ci95: [number, number] };
  deploymentsPerWeek: { mean: number; ci95: [number, number] };
  costPerDeployment: number;
  /** Days of the counted period (warm-up to horizon) over which totalCost and costs are counted. */
  countedDays: number;
  totalCost: { mean: number; ci95: [number, number] };
  costs: { setup: number; run: number; opportunity: number };
  /** Shares of the annual total cost of ownership (summary costs.shares). */
  shares: { setup: number; run: number; opportunity: number };
  utilisation: { delivery: number; changeManagement: number; applicationSupport: number };
  /** Paired difference from the first scenario (absent for the first). */
  difference?: Record<PairedMetric, Difference>;
}

export interface Comparison {
  run: { replications: number; seed: number; version: string; currency: string };
  baseline: string;
  scenarios: { name: string; file: string; sha256: string }[];
  variants: Partial<Record<Variant, ScenarioFigures[]>>;
}

/** The variants every run simulated, in the first scenario's order. */
export function commonVariants(runs: readonly ComparedRun[]): Variant[] {
  const first = runs[0]?.result.scenario.variants ?? [];
  return first.filter((v) => runs.every((r) => r.result.scenario.variants.includes(v)));
}

export function buildComparison(runs: readonly ComparedRun[]): Comparison {
  if (runs.length < 2) throw new RangeError(`compare needs at least two scenarios, got ${runs.length}`);
  const base = runs[0]!;
  const { replications, seed, version } = base.summary.run;
  for (const r of runs) {
    if (r.summary.run.replications !== replications || r.summary.run.seed !== seed) {
      throw new RangeError(
        `${r.file}: ran with ${r.summary.run.replications} replications and seed ${r.summary.run.seed}; ` +
          `compare pairs replications, so every scenario must run with ${replications} replications and seed ${seed}`,
      );
    }
  }
  const variants: Comparison['variants'] = {};
  for (const variant of commonVariants(runs)) {
    const baseDigests = base.result.digests[variant] ?? [];
    const baseSeries = Object.fromEntries(
      PAIRED_METRICS.map((m) => [m, baseDigests.map((d) => replicationMetric(d, m))]),
    ) as Record<PairedMetric, number[]>;
    variants[variant] = runs.map((run, i) => {
      const s = run.summary.variants[variant]!;
      const figures: ScenarioFigures = {
        scenario: run.summary.scenario.name,
        file: run.file,
        leadTimeDays: { p50: s.leadTimeDays.p50, p85: s.leadTimeDays.p85, p95: s.leadTimeDays.p95, mean: s.leadTimeDays.mean, ci95: s.leadTimeDays.ci95 },
        deploymentsPerWeek: s.deploymentsPerWeek,
        costPerDeployment: s.costs.perDeployment,
        countedDays: s.costs.period.days,
        totalCost: { mean: s.costs.total, ci95: s.costs.totalCi95 },
        costs: { setup: s.costs.setup, run: s.costs.run, opportunity: s.costs.opportunity },
        shares: s.costs.shares,
        utilisation: {
          delivery: s.utilisation.delivery,
          changeManagement: s.utilisation.changeManagement,
          applicationSupport: s.utilisation.applicationSupport,
        },
      };
      if (i > 0) {
        const digests = run.result.digests[variant] ?? [];
        const difference = {} as Record<PairedMetric, Difference>;
        for (const m of PAIRED_METRICS) {
          difference[m] = pairedDifference(baseSeries[m], digests.map((d) => replicationMetric(d, m)));
        }
        figures.difference = difference;
      }
      return figures;
    });
  }
  return {
    run: { replications, seed, version, currency: base.result.scenario.currency },
    baseline: base.summary.scenario.name,
    scenarios: runs.map((r) => ({ name: r.summary.scenario.name, file: r.file, sha256: r.summary.scenario.sha256 })),
    variants,
  };
}

/** comparison.csv: one row per variant × scenario × figure, with the paired difference where there is one. */
export function comparisonRows(c: Comparison): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [];
  for (const [variant, list] of Object.entries(c.variants)) {
    for (const f of list ?? []) {
      const add = (metric: string, value: number, diff?: Difference): void => {
        rows.push({
          variant,
          scenario: f.scenario,
          metric,
          value,
          difference_vs_baseline: diff?.mean ?? '',
          difference_ci95_low: diff?.ci95[0] ?? '',
          difference_ci95_high: diff?.ci95[1] ?? '',
          excludes_zero: diff === undefined ? '' : diff.significant ? 1 : 0,
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
      add('annual_share_setup', f.shares.setup);
      add('annual_share_run', f.shares.run);
      add('annual_share_opportunity', f.shares.opportunity);
    }
  }
  return rows;
}
