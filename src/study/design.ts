// The input sets of a study: Saltelli's design for Sobol indices, built from two independent,
// seeded Latin hypercubes A and B (N rows, D columns of uniforms in (0, 1)) and the D matrices
// AB_i (A with column i taken from B): N·(D + 2) rows in all. Latin hypercubes rather than a Sobol
// sequence: no Sobol package is in node_modules, a hand-typed table of direction numbers is easy to
// get subtly wrong, and a randomised Latin hypercube keeps every row an independent draw, which the
// bootstrap intervals of sensitivity.ts assume. Each column is stratified: one draw in each of the
// N equal slices of (0, 1), the slices in a random order.
import { createStream, type Rng } from '../engine/random.js';

/** N rows of D uniforms, each column a random permutation of the N strata with a uniform draw inside each. */
export function latinHypercube(n: number, d: number, rng: Rng): number[][] {
  const rows = Array.from({ length: n }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor(rng.next() * (i + 1));
      [order[i], order[k]] = [order[k]!, order[i]!];
    }
    for (let i = 0; i < n; i++) rows[i]![j] = (order[i]! + rng.next()) / n;
  }
  return rows;
}

/** Saltelli's design: A, B and each AB_i, as uniforms; row j of every matrix belongs together. */
export interface SaltelliDesign {
  readonly a: number[][];
  readonly b: number[][];
  /** ab[i][j]: row j of A with column i from B. */
  readonly ab: number[][][];
}

export function saltelliDesign(n: number, d: number, seed: number | string): SaltelliDesign {
  const a = latinHypercube(n, d, createStream(seed, 0, 'study/design/A'));
  const b = latinHypercube(n, d, createStream(seed, 0, 'study/design/B'));
  const ab = Array.from({ length: d }, (_, i) => a.map((row, j) => row.map((u, k) => (k === i ? b[j]![k]! : u))));
  return { a, b, ab };
}

/** Every row of the design in run order: A, B, then AB_0 … AB_{D−1}. */
export function designRows(design: SaltelliDesign): number[][] {
  return [...design.a, ...design.b, ...design.ab.flat()];
}

/** The outputs of designRows split back into fA, fB and fAB_i. */
export function splitOutputs(values: readonly number[], n: number, d: number): { fa: number[]; fb: number[]; fab: number[][] } {
  return {
    fa: values.slice(0, n),
    fb: values.slice(n, 2 * n),
    fab: Array.from({ length: d }, (_, i) => values.slice((2 + i) * n, (3 + i) * n)),
  };
}
