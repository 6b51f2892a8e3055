// Rank correlations induced by Iman–Conover (1982) on a study's design: the Spearman correlation a
// large sample achieves within ±0.05 of the target, each column's values unchanged (only their
// order), the uncorrelated columns untouched, the same seed the same rows, and the study's input
// sets: A and B only (2N design sets) when there are correlations, Saltelli's N·(D + 2) without.
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/random.js';
import { conflictingCorrelations } from '../../src/scenario/correlation-matrix.js';
import type { UncertainInput } from '../../src/scenario/types.js';
import { latinHypercube } from '../../src/study/design.js';
import { studyInputSets } from '../../src/study/input-sets.js';
import { correlatedDesignRows, imanConover, normalQuantile, spearman } from '../../src/study/rank-correlation.js';

const column = (rows: readonly (readonly number[])[], c: number): number[] => rows.map((r) => r[c]!);
const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

describe('normal quantile (AS 241)', () => {
  it('gives the known quantiles', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
  });
});

describe('Iman–Conover', () => {
  const paths = ['a', 'b', 'c', 'd'];
  const correlations = [
    { between: ['a', 'b'] as const, rank: 0.6 },
    { between: ['c', 'a'] as const, rank: -0.4 },
  ];

  it('induces the target rank correlations within ±0.05 at 1,000 rows, and leaves an input without correlations near 0', () => {
    const rows = correlatedDesignRows(paths, correlations, 1000, 42);
    expect(rows).toHaveLength(2000);
    for (const half of [rows.slice(0, 1000), rows.slice(1000)]) {
      expect(spearman(column(half, 0), column(half, 1))).toBeGreaterThan(0.55);
      expect(spearman(column(half, 0), column(half, 1))).toBeLessThan(0.65);
      expect(spearman(column(half, 0), column(half, 2))).toBeGreaterThan(-0.45);
      expect(spearman(column(half, 0), column(half, 2))).toBeLessThan(-0.35);
      expect(Math.abs(spearman(column(half, 1), column(half, 2)))).toBeLessThan(0.05); // not given: 0 in the target matrix
      // d is the Latin hypercube's own independent column: sampling noise, sd 1/√999 ≈ 0.032.
      expect(Math.abs(spearman(column(half, 0), column(half, 3)))).toBeLessThan(0.1);
    }
  });

  it("keeps every column's values (sorted columns equal), leaves an uncorrelated column in its order, and is deterministic for a seed", () => {
    const lhs = latinHypercube(200, 4, createStream(7, 0, 'test'));
    const target = [[1, 0.6, -0.4], [0.6, 1, 0], [-0.4, 0, 1]];
    const induced = imanConover(lhs, [0, 1, 2], target, createStream(7, 0, 'ic'));
    for (let c = 0; c < 4; c++) expect(sorted(column(induced, c))).toEqual(sorted(column(lhs, c)));
    expect(column(induced, 3)).toEqual(column(lhs, 3));
    expect(column(induced, 0)).not.toEqual(column(lhs, 0));
    expect(imanConover(lhs, [0, 1, 2], target, createStream(7, 0, 'ic'))).toEqual(induced);
    expect(correlatedDesignRows(paths, correlations, 50, 3)).toEqual(correlatedDesignRows(paths, correlations, 50, 3));
    expect(correlatedDesignRows(paths, correlations, 50, 3)).not.toEqual(correlatedDesignRows(paths, correlations, 50, 4));
  });

  it("works with fewer rows than correlated inputs (no correction of the scores' own correlation) and with one row", () => {
    const lhs = latinHypercube(2, 3, createStream(1, 0, 'test'));
    const target = [[1, 0.5, 0.5], [0.5, 1, 0.5], [0.5, 0.5, 1]];
    const induced = imanConover(lhs, [0, 1, 2], target, createStream(1, 0, 'ic'));
    for (let c = 0; c < 3; c++) expect(sorted(column(induced, c))).toEqual(sorted(column(lhs, c)));
    const one = latinHypercube(1, 3, createStream(1, 0, 'test'));
    expect(imanConover(one, [0, 1, 2], target, createStream(1, 0, 'ic'))).toEqual(one);
  });

  it('names the pairs of a matrix that is not positive definite, and none of one that is', () => {
    const bad = [
      { between: ['a', 'd'] as const, rank: 0.1 },
      { between: ['a', 'b'] as const, rank: 0.9 },
      { between: ['b', 'c'] as const, rank: 0.9 },
      { between: ['a', 'c'] as const, rank: -0.9 },
    ];
    expect(conflictingCorrelations(paths, bad)).toEqual(bad.slice(1));
    expect(conflictingCorrelations(paths, correlations)).toEqual([]);
  });
});

describe('study input sets with correlations', () => {
  const input = (path: string): UncertainInput => ({ path, kind: 'number', low: 0, likely: 0.5, high: 1, distribution: 'pert', text: { low: '0', likely: '0.5', high: '1' } });
  const inputs = [input('x'), input('y'), input('z')];

  it("are A and B reordered (2N design sets, then the tornado), the values of each input those of the independent design's A and B", () => {
    const plain = studyInputSets(inputs, 16, 5);
    const correlated = studyInputSets(inputs, 16, 5, [{ between: ['x', 'z'], rank: 0.7 }]);
    expect(plain.filter((s) => s.role === 'design')).toHaveLength(16 * 5);
    const design = correlated.filter((s) => s.role === 'design');
    expect(design).toHaveLength(32);
    expect(correlated.slice(32)).toEqual(plain.slice(80));
    for (let c = 0; c < 3; c++) expect(sorted(design.map((s) => s.values[c]!))).toEqual(sorted(plain.slice(0, 32).map((s) => s.values[c]!)));
    expect(design.map((s) => s.values[1])).toEqual(plain.slice(0, 32).map((s) => s.values[1]));
    expect(spearman(design.map((s) => s.u[0]!), design.map((s) => s.u[2]!))).toBeGreaterThan(0.5);
  });
});
