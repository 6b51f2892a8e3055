// Variance-based sensitivity from Saltelli's design (design.ts): first-order indices by Saltelli
// (2010), S_i = mean(f_B·(f_ABi − f_A)) / V, total-order by Jansen (1999), ST_i = mean((f_A − f_ABi)²) / 2V,
// with V the variance of f_A and f_B together; 95% intervals by a seeded bootstrap over the N rows
// (the same resampled rows for every index). And the share of a noisy model's spread that is
// the inputs' rather than simulation noise, from the replications at each input set; and, for
// correlated inputs, the share one input explains by a regression smoother.
import { createStream } from '../engine/random.js';
import { mean, quantileSorted as quantile, sampleVariance } from '../stats/estimates.js';
import { smooth } from './value-of-information.js';

export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface SobolIndices {
  readonly firstOrder: Interval[];
  readonly totalOrder: Interval[];
}

/** Sample variance (n − 1), or 0 for fewer than two values. */
export function variance(values: readonly number[]): number {
  return values.length < 2 ? 0 : sampleVariance(values);
}

/** The point estimates over the rows `rows` (indices into fa, fb, fab[i]). */
function estimate(fa: readonly number[], fb: readonly number[], fab: readonly (readonly number[])[], rows: readonly number[]): { first: number[]; total: number[] } {
  const both = rows.flatMap((j) => [fa[j]!, fb[j]!]);
  const v = variance(both);
  // Centred on the mean, as SALib does: the first-order estimator's variance grows with the mean².
  const centre = mean(both);
  const first: number[] = [];
  const total: number[] = [];
  for (const f of fab) {
    let s = 0;
    let t = 0;
    for (const j of rows) {
      s += (fb[j]! - centre) * (f[j]! - fa[j]!);
      t += (fa[j]! - f[j]!) ** 2;
    }
    first.push(v > 0 ? s / rows.length / v : 0);
    total.push(v > 0 ? t / rows.length / 2 / v : 0);
  }
  return { first, total };
}

/**
 * First- and total-order indices of each input with 95% percentile-bootstrap intervals
 * (`resamples` resamples of the N rows, seeded by `seed`). A model with no spread gets 0 everywhere.
 */
export function sobolIndices(fa: readonly number[], fb: readonly number[], fab: readonly (readonly number[])[], seed: number | string, resamples = 200): SobolIndices {
  const n = fa.length;
  const all = Array.from({ length: n }, (_, j) => j);
  const point = estimate(fa, fb, fab, all);
  const firsts: number[][] = fab.map(() => []);
  const totals: number[][] = fab.map(() => []);
  const rng = createStream(seed, 0, 'study/bootstrap');
  for (let r = 0; r < resamples; r++) {
    const rows = all.map(() => Math.floor(rng.next() * n));
    const e = estimate(fa, fb, fab, rows);
    e.first.forEach((v, i) => firsts[i]!.push(v));
    e.total.forEach((v, i) => totals[i]!.push(v));
  }
  const interval = (value: number, draws: number[]): Interval => {
    draws.sort((x, y) => x - y);
    return { estimate: value, low: quantile(draws, 0.025), high: quantile(draws, 0.975) };
  };
  return {
    firstOrder: point.first.map((v, i) => interval(v, firsts[i]!)),
    totalOrder: point.total.map((v, i) => interval(v, totals[i]!)),
  };
}

/**
 * The share of one replication's spread that is the inputs' (the rest is simulation noise), from
 * R replications at each of several input sets: Var(Y) = Var(E[Y|X]) + E[Var(Y|X)], with E[Var(Y|X)]
 * the mean of the within-set variances s² and Var(E[Y|X]) the variance of the set means less s²/R
 * (the noise left in a mean of R). 1 for a model without noise, 0 when the inputs change nothing.
 */
export function inputShare(replicationsBySet: readonly (readonly number[])[]): number {
  const sets = replicationsBySet.filter((r) => r.length > 0);
  if (sets.length < 2) return NaN;
  const noise = mean(sets.map((r) => variance(r)));
  const r = mean(sets.map((s) => s.length));
  const inputs = Math.max(0, variance(sets.map((s) => mean(s))) - noise / r);
  return inputs + noise > 0 ? inputs / (inputs + noise) : 0;
}

/**
 * The share of the spread of values that one input explains, Var(E[Y|X_i]) / Var(Y), with E[Y|X_i]
 * the regression smoother of value-of-information.ts on the input's probabilities u (so an input
 * that changes nothing stays at 0). With correlated inputs this is what knowing the input would
 * remove, its own effect and that of the inputs that move with it: valid where Sobol indices are not.
 */
export function explainedShare(u: readonly number[], values: readonly number[]): number {
  const total = variance(values);
  if (!(total > 0)) return 0;
  const share = variance(smooth(u, values)) / total;
  // A constant fit's variance is rounding (about 1e-28 of the total), not a share.
  return share < 1e-9 ? 0 : Math.min(1, share);
}
