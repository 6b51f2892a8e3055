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
    return (q * (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r + 1971.5909503065513) * r + 133.14166789178438) * r + 3.3871328727963665))
      / (((((((5226.495278852546 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r + 687.1870074920579) * r + 42.31333070160091) * r + 1);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r + 3.6478483247632045) * r + 5.769497221460691) * r + 4.630337846156546) * r + 1.4234371107496835)
      / (((((((1.0507500716444169e-09 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r + 0.6897673349851) * r + 1.6763848301838038) * r + 2.053191626637759) * r + 1);
  } else {
    r -= 5;
    x = (((((((2.0103343992922881e-07 * r + 2.7115555687434876e-05) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r + 0.29656057182850487) * r + 1.7848265399172913) * r + 5.463784911164114) * r + 6.657904643501103)
      / (((((((2.0442631033899397e-15 * r + 1.421511758316446e-07) * r + 1.8463183175100548e-05) * r + 0.0007868691311456133) * r + 0.014875361290850615) * r + 0.1369298809227358) * r + 0.599832206555888) * r + 1);
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
