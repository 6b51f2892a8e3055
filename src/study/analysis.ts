// From a study's metrics to its answer (uncertainty.json): for every design and metric the interval
// over plausible inputs and the inputs' share of the spread (the rest is simulation noise); the
// probability each design is best; per input and metric the tornado (low and high, the others at
// their likely values), first- and total-order Sobol indices with 95% bootstrap intervals, EVPPI
// for the decision between the designs and the switching value; the acceptability curve of cash
// cost against p85 lead time. Each input set's value of a metric is the mean of its R replications.
// With rank correlations between inputs the Sobol estimators (which assume independent inputs) are
// not used: the indices are null, and each input's explained share (regression smoother) and each
// pair's achieved Spearman correlation are given instead; everything else comes from the
// correlated design sets as it does from independent ones.
import type { RankCorrelation, UncertainInput } from '../scenario/types.js';
import { mean, quantileSorted as quantile } from '../stats/estimates.js';
import { splitOutputs } from './design.js';
import { rangeQuantile } from './input-distributions.js';
import type { InputSet } from './input-sets.js';
import { METRIC_INFO, STUDY_METRICS, type StudyMetric } from './metrics.js';
import type { StudyDesign, StudyMetrics } from './runner.js';
import { explainedShare, inputShare, sobolIndices, type Interval } from './sensitivity.js';
import { spearman } from './rank-correlation.js';
import { acceptabilityCurve, evpi, evppi, probabilityBest, switchingPoint } from './value-of-information.js';

export interface MetricSummary {
  readonly mean: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  /** Share (0–1) of one replication's spread that is the inputs'; the rest is simulation noise. */
  readonly inputShare: number;
}

export interface InputMetric {
  /** Tornado: each design's value with this input at its low (high) and the others likely. */
  readonly low: Record<string, number>;
  readonly high: Record<string, number>;
  /** Sobol indices by design; null for every design when inputs are correlated (SOBOL_OMITTED says why). */
  readonly firstOrder: Record<string, Interval | null>;
  readonly totalOrder: Record<string, Interval | null>;
  /** With correlated inputs only: the share of the spread over the design sets this input explains (with the inputs that move with it), by design. */
  readonly explained?: Record<string, number>;
  /** Expected value of perfect information on this input for choosing a design on this metric, in its unit. */
  readonly evppi: number;
  /** Where the best design on this metric changes as the input rises (smoothed), if it does. */
  readonly switchesAt?: { readonly value: number; readonly from: string; readonly to: string };
}

export interface UncertaintyResult {
  readonly samples: number;
  readonly replications: number;
  readonly seed: number;
  readonly simulations: number;
  readonly designs: Record<string, { readonly metrics: Record<StudyMetric, MetricSummary> }>;
  readonly likely: Record<string, Record<StudyMetric, number>>;
  readonly probabilityBest: Record<StudyMetric, Record<string, number>>;
  readonly evpi: Record<StudyMetric, number>;
  readonly inputs: Record<string, Record<StudyMetric, InputMetric>>;
  readonly acceptability: { readonly cost: StudyMetric; readonly leadTime: StudyMetric; readonly points: readonly { readonly valueOfADay: number; readonly probability: Record<string, number> }[] };
  /** With correlated inputs only: each pair's target rank correlation and the Spearman correlation the design sets achieve. */
  readonly correlations?: readonly { readonly between: readonly [string, string]; readonly rank: number; readonly achieved: number }[];
  /** With correlated inputs only: why the Sobol indices are null (SOBOL_OMITTED). */
  readonly sobolOmitted?: string;
}

/** Why a study with correlated inputs gives no Sobol indices, and what it gives instead. */
export const SOBOL_OMITTED =
  "Saltelli's and Jansen's estimators of first- and total-order Sobol indices assume independent inputs, and these inputs are correlated, so the indices are not given (null); " +
  "each input's share of the spread is `explained` instead: Var(E[Y|X_i]) / Var(Y) by the regression smoother that EVPPI uses, which counts what the inputs that move with it explain too.";

/** The mean of the finite values (NaN when there are none). */
function finiteMean(values: readonly number[]): number {
  return mean(values.filter(Number.isFinite));
}

/** Net benefit: higher is better (costs, lead times and rates negated). */
function benefit(metric: StudyMetric, value: number): number {
  return METRIC_INFO[metric].lowerIsBetter ? -value : value;
}

/** A round upper end for the acceptability axis: twice the largest cost difference per day of lead-time difference. */
function lambdaMax(cost: readonly number[], lead: readonly number[]): number {
  let best = 0;
  for (let a = 0; a < cost.length; a++) {
    for (let b = a + 1; b < cost.length; b++) {
      const dl = Math.abs(lead[a]! - lead[b]!);
      if (dl > 1e-9 && Number.isFinite(cost[a]! - cost[b]!)) best = Math.max(best, Math.abs(cost[a]! - cost[b]!) / dl);
    }
  }
  if (!(best > 0)) return 1000;
  const raw = 2 * best;
  const step = 10 ** Math.floor(Math.log10(raw));
  return Math.ceil(raw / step) * step;
}

export interface AnalysisInput {
  readonly inputs: readonly UncertainInput[];
  readonly sets: readonly InputSet[];
  readonly designs: readonly StudyDesign[];
  readonly metrics: StudyMetrics;
  readonly correlations?: readonly RankCorrelation[] | undefined;
  readonly samples: number;
  readonly replications: number;
  readonly seed: number;
}

export function analyseStudy(study: AnalysisInput): UncertaintyResult {
  const { inputs, sets, designs, metrics, samples } = study;
  const d = inputs.length;
  const designRows = sets.map((s, i) => (s.role === 'design' ? i : -1)).filter((i) => i >= 0);
  const labels = designs.map((x) => x.label);
  const setMean = (k: number, m: StudyMetric, i: number) => finiteMean(metrics[k]![m][i]!);
  const byDesign = <T>(f: (k: number) => T): Record<string, T> => Object.fromEntries(labels.map((l, k) => [l, f(k)]));
  const byMetric = <T>(f: (m: StudyMetric) => T): Record<StudyMetric, T> => Object.fromEntries(STUDY_METRICS.map((m) => [m, f(m)])) as Record<StudyMetric, T>;

  /** Net benefits of the design rows where every design has the metric: nb[row][design], and the rows kept. */
  const decision = (m: StudyMetric) => {
    const rows = designRows.filter((i) => labels.every((_l, k) => Number.isFinite(setMean(k, m, i))));
    return { rows, nb: rows.map((i) => labels.map((_l, k) => benefit(m, setMean(k, m, i)))) };
  };

  const summaries = byDesign((k) => ({
    metrics: byMetric((m): MetricSummary => {
      const values = designRows.map((i) => setMean(k, m, i)).filter(Number.isFinite).sort((a, b) => a - b);
      return { mean: finiteMean(values), p05: quantile(values, 0.05), p50: quantile(values, 0.5), p95: quantile(values, 0.95), inputShare: inputShare(designRows.map((i) => metrics[k]![m][i]!.filter(Number.isFinite))) };
    }),
  }));

  const base = sets.findIndex((s) => s.role === 'base');
  const tornadoSet = (input: number, role: 'low' | 'high') => sets.findIndex((s) => s.role === role && s.input === input);
  const inputResults: Record<string, Record<StudyMetric, InputMetric>> = {};
  const correlated = (study.correlations ?? []).length > 0;
  const sobol = correlated ? undefined : labels.map((_l, k) => byMetric((m) => {
    const values = designRows.map((i) => setMean(k, m, i));
    const { fa, fb, fab } = splitOutputs(values, samples, d);
    const keep = fa.map((_v, j) => [fa[j]!, fb[j]!, ...fab.map((f) => f[j]!)].every(Number.isFinite));
    const pick = (xs: number[]) => xs.filter((_v, j) => keep[j]);
    return sobolIndices(pick(fa), pick(fb), fab.map(pick), study.seed);
  }));
  /** The share of design k's spread of metric m over the design sets that input i explains. */
  const explainedOf = (k: number, m: StudyMetric, i: number): number => {
    const rows = designRows.filter((r) => Number.isFinite(setMean(k, m, r)));
    return explainedShare(rows.map((r) => sets[r]!.u[i]!), rows.map((r) => setMean(k, m, r)));
  };
  inputs.forEach((input, i) => {
    inputResults[input.path] = byMetric((m) => {
      const { rows, nb } = decision(m);
      const u = rows.map((r) => sets[r]!.u[i]!);
      const at = labels.length > 1 ? switchingPoint(u, nb) : undefined;
      const range = { low: input.low, likely: input.likely, high: input.high, distribution: input.distribution };
      return {
        low: byDesign((k) => setMean(k, m, tornadoSet(i, 'low'))),
        high: byDesign((k) => setMean(k, m, tornadoSet(i, 'high'))),
        firstOrder: byDesign((k) => sobol?.[k]![m].firstOrder[i] ?? null),
        totalOrder: byDesign((k) => sobol?.[k]![m].totalOrder[i] ?? null),
        ...(correlated ? { explained: byDesign((k) => explainedOf(k, m, i)) } : {}),
        evppi: labels.length > 1 ? evppi(u, nb) : 0,
        ...(at === undefined ? {} : { switchesAt: { value: rangeQuantile(range, at.u), from: labels[at.from]!, to: labels[at.to]! } }),
      };
    });
  });

  const cost: StudyMetric = 'cashCostPerYear';
  const leadTime: StudyMetric = 'leadTimeP85Days';
  const both = designRows.filter((i) => labels.every((_l, k) => Number.isFinite(setMean(k, cost, i)) && Number.isFinite(setMean(k, leadTime, i))));
  const costs = both.map((i) => labels.map((_l, k) => setMean(k, cost, i)));
  const leads = both.map((i) => labels.map((_l, k) => setMean(k, leadTime, i)));
  const top = lambdaMax(labels.map((_l, k) => finiteMean(costs.map((r) => r[k]!))), labels.map((_l, k) => finiteMean(leads.map((r) => r[k]!))));
  const lambdas = Array.from({ length: 21 }, (_, j) => (top * j) / 20);

  return {
    samples,
    replications: study.replications,
    seed: study.seed,
    simulations: sets.length * study.replications * designs.length,
    designs: summaries,
    likely: byDesign((k) => byMetric((m) => setMean(k, m, base))),
    probabilityBest: byMetric((m) => {
      const p = probabilityBest(decision(m).nb);
      return byDesign((k) => p[k] ?? NaN);
    }),
    evpi: byMetric((m) => evpi(decision(m).nb)),
    inputs: inputResults,
    acceptability: {
      cost,
      leadTime,
      points: acceptabilityCurve(costs, leads, lambdas).map((p) => ({ valueOfADay: p.lambda, probability: byDesign((k) => p.probability[k] ?? NaN) })),
    },
    ...(correlated ? { correlations: achieved(study.correlations!, inputs, designRows.map((r) => sets[r]!.u)), sobolOmitted: SOBOL_OMITTED } : {}),
  };
}

/** Each pair's target rank and the Spearman correlation of its inputs' probabilities over the design sets. */
function achieved(correlations: readonly RankCorrelation[], inputs: readonly UncertainInput[], u: readonly (readonly number[])[]) {
  const column = (path: string) => {
    const i = inputs.findIndex((input) => input.path === path);
    return u.map((row) => row[i]!);
  };
  return correlations.map((c) => ({ between: c.between, rank: c.rank, achieved: spearman(column(c.between[0]), column(c.between[1])) }));
}
