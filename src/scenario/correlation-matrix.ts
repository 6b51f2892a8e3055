// The correlation matrix of a scenario's rank correlations between uncertain inputs
// (`uncertain.correlations`), its Cholesky factor, and — when there is none because the matrix is
// not positive definite — the given pairs that cannot hold together. Read by uncertain-correlations.ts
// (to refuse such a set) and by study/rank-correlation.ts (Iman–Conover). Written by hand: no
// package among the dependencies gives a Cholesky factor, and it is a dozen well-known lines.
import type { RankCorrelation } from './types.js';

/** The lower-triangular L with L·Lᵀ = m, or the index of the first column whose pivot is not > 0 (m is not positive definite). */
export function cholesky(m: readonly (readonly number[])[]): { factor: number[][] } | { failsAt: number } {
  const n = m.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let pivot = m[j]![j]!;
    for (let k = 0; k < j; k++) pivot -= l[j]![k]! ** 2;
    // A relative tolerance: a matrix this close to singular induces nothing it promises.
    if (!(pivot > 1e-10)) return { failsAt: j };
    const d = Math.sqrt(pivot);
    l[j]![j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = s / d;
    }
  }
  return { factor: l };
}

/** The inputs (paths) any correlation names, in the order of `paths`. */
export function correlatedPaths(paths: readonly string[], correlations: readonly RankCorrelation[]): string[] {
  const named = new Set(correlations.flatMap((c) => c.between));
  return paths.filter((p) => named.has(p));
}

/** The correlation matrix of the inputs `paths`: 1 on the diagonal, each given rank at its pair, 0 elsewhere. */
export function correlationMatrix(paths: readonly string[], correlations: readonly RankCorrelation[]): number[][] {
  const at = new Map(paths.map((p, i) => [p, i]));
  const m = paths.map((_p, i) => paths.map((_q, j): number => (i === j ? 1 : 0)));
  for (const { between: [a, b], rank } of correlations) {
    const i = at.get(a);
    const j = at.get(b);
    if (i === undefined || j === undefined) continue;
    m[i]![j] = rank;
    m[j]![i] = rank;
  }
  return m;
}

/**
 * The given correlations that cannot hold together, or [] when their matrix is positive definite.
 * The factor is taken over the correlated inputs in order; at the first column k it fails, the
 * inputs 0…k are not positive definite but 0…k−1 are, so the inputs linked to input k by given
 * pairs (within 0…k) are not: those pairs are named, in the order given.
 */
export function conflictingCorrelations(paths: readonly string[], correlations: readonly RankCorrelation[]): RankCorrelation[] {
  const inputs = correlatedPaths(paths, correlations);
  const result = cholesky(correlationMatrix(inputs, correlations));
  if ('factor' in result) return [];
  const block = new Set(inputs.slice(0, result.failsAt + 1));
  const within = correlations.filter((c) => block.has(c.between[0]) && block.has(c.between[1]) && c.rank !== 0);
  const linked = new Set([inputs[result.failsAt]!]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { between: [a, b] } of within) {
      if (linked.has(a) !== linked.has(b)) {
        linked.add(a);
        linked.add(b);
        grew = true;
      }
    }
  }
  return within.filter((c) => linked.has(c.between[0]));
}
