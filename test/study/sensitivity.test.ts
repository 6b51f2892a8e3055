// Sobol indices from Saltelli's design against functions whose indices are known: the Ishigami
// function (a = 7, b = 0.1) and a linear additive model, whose indices are exactly aᵢ²σᵢ²/Σ; the
// Latin hypercube's strata; the input share of a noisy model by hand; and, for correlated inputs,
// the share an input explains with the inputs that move with it.
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/random.js';
import { designRows, latinHypercube, saltelliDesign, splitOutputs } from '../../src/study/design.js';
import { rangeQuantile } from '../../src/study/input-distributions.js';
import { explainedShare, inputShare, sobolIndices } from '../../src/study/sensitivity.js';
import { correlatedDesignRows } from '../../src/study/rank-correlation.js';

function indices(n: number, d: number, f: (u: number[]) => number) {
  const design = saltelliDesign(n, d, 7);
  const { fa, fb, fab } = splitOutputs(designRows(design).map(f), n, d);
  return sobolIndices(fa, fb, fab, 7);
}

describe('latinHypercube', () => {
  it('puts one draw of each column in each of the N strata, and the same seed gives the same design', () => {
    const rows = latinHypercube(50, 3, createStream(1, 0, 'x'));
    for (let j = 0; j < 3; j++) {
      expect(rows.map((r) => Math.floor(r[j]! * 50)).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
    expect(latinHypercube(50, 3, createStream(1, 0, 'x'))).toEqual(rows);
    expect(latinHypercube(50, 3, createStream(2, 0, 'x'))).not.toEqual(rows);
  });

  it("makes N·(D + 2) rows, AB_i being A with B's column i", () => {
    const design = saltelliDesign(4, 3, 1);
    const rows = designRows(design);
    expect(rows).toHaveLength(4 * 5);
    expect(design.ab[1]![2]).toEqual([design.a[2]![0], design.b[2]![1], design.a[2]![2]]);
  });
});

describe('sobolIndices', () => {
  // Ishigami on (−π, π)³: S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437 (Saltelli et al. 2008, Global Sensitivity Analysis, §4.3).
  const ishigami = (u: number[]) => {
    const [x1, x2, x3] = u.map((v) => Math.PI * (2 * v - 1)) as [number, number, number];
    return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
  };
  const FIRST = [0.3139, 0.4424, 0];
  const TOTAL = [0.5576, 0.4424, 0.2437];

  it('estimates the Ishigami indices within 0.03, each 95% interval covering the true value', () => {
    const result = indices(8192, 3, ishigami);
    result.firstOrder.forEach((s, i) => {
      expect(Math.abs(s.estimate - FIRST[i]!)).toBeLessThan(0.03);
      expect(s.low).toBeLessThanOrEqual(FIRST[i]!);
      expect(s.high).toBeGreaterThanOrEqual(FIRST[i]!);
    });
    result.totalOrder.forEach((s, i) => {
      expect(Math.abs(s.estimate - TOTAL[i]!)).toBeLessThan(0.03);
      expect(s.low).toBeLessThanOrEqual(TOTAL[i]!);
      expect(s.high).toBeGreaterThanOrEqual(TOTAL[i]!);
    });
  });

  it('gives a linear additive model aᵢ²σᵢ²/Σ for first and total order alike, within 0.02', () => {
    // Y = 1·X1 + 2·X2 + 0·X3 + 3·X4, X uniform on widths 6, 1, 4 and 2 (σ² = w²/12), X4 PERT.
    const coef = [1, 2, 0, 3];
    const ranges = [
      { low: -3, high: 3, distribution: 'uniform' as const },
      { low: 0, high: 1, distribution: 'uniform' as const },
      { low: 10, high: 14, distribution: 'uniform' as const },
      { low: 0, likely: 1, high: 2, distribution: 'pert' as const },
    ];
    // PERT(0, 1, 2) is Beta(3, 3) on [0, 2]: variance 4·(9/(36·7)) = 1/7.
    const variances = [36 / 12, 1 / 12, 16 / 12, 1 / 7];
    const parts = variances.map((v, i) => coef[i]! ** 2 * v);
    const sum = parts.reduce((a, b) => a + b, 0);
    const result = indices(4096, 4, (u) => u.reduce((y, v, i) => y + coef[i]! * rangeQuantile(ranges[i]!, v), 0));
    parts.forEach((p, i) => {
      expect(result.firstOrder[i]!.estimate).toBeCloseTo(p / sum, 1);
      expect(Math.abs(result.firstOrder[i]!.estimate - p / sum)).toBeLessThan(0.02);
      expect(Math.abs(result.totalOrder[i]!.estimate - p / sum)).toBeLessThan(0.02);
    });
    // The input with coefficient 0 changes nothing: exactly 0, interval [0, 0].
    expect(result.totalOrder[2]).toEqual({ estimate: 0, low: 0, high: 0 });
  });

  it('gives 0 everywhere for a model with no spread', () => {
    const result = indices(16, 2, () => 5);
    expect(result.firstOrder.map((s) => s.estimate)).toEqual([0, 0]);
    expect(result.totalOrder.map((s) => s.high)).toEqual([0, 0]);
  });
});

describe('inputShare', () => {
  it('splits the spread of one replication into inputs and noise, by hand', () => {
    // Within-set variances 2 and 2 (noise 2); set means 2 and 6, variance 8, less 2/2 for the noise in a mean of 2: 7. 7 / (7 + 2).
    expect(inputShare([[1, 3], [5, 7]])).toBeCloseTo(7 / 9, 12);
    expect(inputShare([[1, 1], [5, 5]])).toBe(1);
    expect(inputShare([[1, 3], [3, 1]])).toBe(0);
    expect(inputShare([[1, 3]])).toBeNaN();
  });

  it('explained share with correlated inputs: Y = u₂ is all u₂, ρ² ≈ 0.36 of it u₁ (rank 0.6), none an independent u₃', () => {
    const rows = correlatedDesignRows(['u1', 'u2', 'u3'], [{ between: ['u1', 'u2'], rank: 0.6 }], 1000, 11).slice(0, 1000);
    const y = rows.map((r) => r[1]!);
    expect(explainedShare(rows.map((r) => r[1]!), y)).toBeCloseTo(1, 10);
    const viaU1 = explainedShare(rows.map((r) => r[0]!), y);
    expect(viaU1).toBeGreaterThan(0.3);
    expect(viaU1).toBeLessThan(0.42);
    expect(explainedShare(rows.map((r) => r[2]!), y)).toBeLessThan(0.01);
    expect(explainedShare(rows.map((r) => r[0]!), rows.map(() => 5))).toBe(0);
  });
});
