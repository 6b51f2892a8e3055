// Rank correlations between uncertain inputs, induced on a study's design by the Iman–Conover
// method (R. L. Iman and W. J. Conover, "A distribution-free approach to inducing rank correlation
// among input variables", Communications in Statistics — Simulation and Computation 11(3), 1982,
// 311–334): each correlated input's column of a Latin hypercube keeps its values and is reordered
// to follow the ranks of a score matrix with the target correlations. Also the Spearman correlation
// a sample achieves. The standard normal quantile (Wichura's AS 241) and the rest are written by
// hand: no package among the dependencies gives them (vega-statistics has a normal quantile but is
// only vega's dependency, not orisim's).
import { createStream, type Rng } from '../engine/random.js';
import { cholesky, correlatedPaths, correlationMatrix } from '../scenario/correlation-matrix.js';
import type { RankCorrelation } from '../scenario/types.js';
import { saltelliDesign } from './design.js';

/** The standard normal quantile Φ⁻¹(p), 0 < p < 1: Wichura (1988), algorithm AS 241 (PPND16), about 1e-16 relative. */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608))
      / (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734)
      / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772)
      / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -x : x;
}

/** Pearson correlation matrix of the columns of rows (n × k). */
function pearson(rows: readonly (readonly number[])[], k: number): number[][] {
  const n = rows.length;
  const means = Array.from({ length: k }, (_, c) => rows.reduce((s, r) => s + r[c]!, 0) / n);
  const cov = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => rows.reduce((s, r) => s + (r[a]! - means[a]!) * (r[b]! - means[b]!), 0)));
  return cov.map((row, a) => row.map((v, b) => v / Math.sqrt(cov[a]![a]! * cov[b]![b]!)));
}

/** The rank (0-based) of each value, ties by position: a stable sort of the row indices. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((_v, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const rank = new Array<number>(values.length);
  order.forEach((row, r) => (rank[row] = r));
  return rank;
}

/**
 * Iman–Conover: the rows (n × D uniforms, each column a Latin hypercube's) with the columns
 * `columns` reordered so that their rank correlations follow `target` (k × k, positive definite);
 * the other columns are untouched, and every column keeps its values.
 * 1. Scores: the van der Waerden scores Φ⁻¹(i/(n+1)), i = 1…n, each of the k columns of X in its own
 *    random order (a Fisher–Yates shuffle drawing rng.next(), column by column).
 * 2. E, the Pearson correlation of X, = Q·Qᵀ and target = P·Pᵀ (Cholesky); T = X·(Q⁻¹)ᵀ·Pᵀ has
 *    Pearson correlation exactly the target (Q = I when E has no factor, n ≤ k).
 * 3. Each input column is sorted and its values placed so that their ranks are those of T's column
 *    (ties in T, which have probability 0, by row).
 */
export function imanConover(rows: readonly (readonly number[])[], columns: readonly number[], target: readonly (readonly number[])[], rng: Rng): number[][] {
  const n = rows.length;
  const k = columns.length;
  const out = rows.map((r) => [...r]);
  if (n < 2 || k < 2) return out;
  const p = cholesky(target);
  if (!('factor' in p)) throw new Error('iman-conover: the target correlation matrix is not positive definite');
  const scores = Array.from({ length: n }, (_, i) => normalQuantile((i + 1) / (n + 1)));
  const x = Array.from({ length: n }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < k; c++) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let i = 0; i < n; i++) x[i]![c] = scores[order[i]!]!;
  }
  const q = n > k ? cholesky(pearson(x, k)) : undefined;
  const qf = q !== undefined && 'factor' in q ? q.factor : undefined;
  const t = x.map((row) => {
    // z = Q⁻¹·row by forward substitution, then P·z.
    const z = new Array<number>(k).fill(0);
    for (let a = 0; a < k; a++) {
      let s = row[a]!;
      if (qf !== undefined) {
        for (let b = 0; b < a; b++) s -= qf[a]![b]! * z[b]!;
        s /= qf[a]![a]!;
      }
      z[a] = s;
    }
    return Array.from({ length: k }, (_, a) => {
      let s = 0;
      for (let b = 0; b <= a; b++) s += p.factor[a]![b]! * z[b]!;
      return s;
    });
  });
  columns.forEach((col, c) => {
    const sorted = rows.map((r) => r[col]!).sort((a, b) => a - b);
    const rank = ranks(t.map((r) => r[c]!));
    for (let i = 0; i < n; i++) out[i]![col] = sorted[rank[i]!]!;
  });
  return out;
}

/**
 * The design rows of a study with rank correlations between inputs (`paths` in the design's
 * column order): Saltelli's A and B (design.ts, the same uniforms as without correlations), each
 * reordered by Iman–Conover (seeded streams "study/correlation/A" and "…/B"): 2N rows, A's then B's.
 */
export function correlatedDesignRows(paths: readonly string[], correlations: readonly RankCorrelation[], samples: number, seed: number | string): number[][] {
  const { a, b } = saltelliDesign(samples, paths.length, seed);
  const correlated = correlatedPaths(paths, correlations);
  const columns = correlated.map((path) => paths.indexOf(path));
  const target = correlationMatrix(correlated, correlations);
  return [
    ...imanConover(a, columns, target, createStream(seed, 0, 'study/correlation/A')),
    ...imanConover(b, columns, target, createStream(seed, 0, 'study/correlation/B')),
  ];
}

/** Spearman's rank correlation of two equally long lists (ranks of ties averaged); NaN when either is constant. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const averageRanks = (values: readonly number[]): number[] => {
    const order = values.map((_v, i) => i).sort((a, b) => values[a]! - values[b]!);
    const rank = new Array<number>(values.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
      for (let m = i; m <= j; m++) rank[order[m]!] = (i + j) / 2;
      i = j + 1;
    }
    return rank;
  };
  const [rx, ry] = [averageRanks(xs), averageRanks(ys)];
  return pearson(rx.map((r, i) => [r, ry[i]!]), 2)[0]![1]!;
}
