// The back-test's two-sample distances, against hand-computed values: Kolmogorov–Smirnov (the
// largest gap between the empirical CDFs) and Wasserstein-1 (the area between them).
import { describe, expect, it } from 'vitest';
import { ksDistance, wassersteinDistance } from '../../src/calibrate/distance.js';

describe('two-sample distances (hand-computed)', () => {
  it('KS: the largest gap between the empirical CDFs', () => {
    // a = {1, 2, 3}, b = {2, 4}: at x = 1 F = 1/3, G = 0; x = 2: 2/3 vs 1/2; x = 3: 1 vs 1/2 → 1/2.
    expect(ksDistance([3, 1, 2], [4, 2])).toBeCloseTo(0.5, 12);
    expect(ksDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksDistance([1, 2], [5, 6])).toBe(1);
    // ties across samples are taken together: a = {1, 1, 2}, b = {1, 2, 2}: x = 1: 2/3 vs 1/3.
    expect(ksDistance([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 12);
    expect(ksDistance([], [1])).toBeNaN();
  });

  it('Wasserstein: the area between the CDFs', () => {
    // a = {1, 2, 3}, b = {2, 4}: |F − G| is 1/3 on [1,2), 1/6 on [2,3), 1/2 on [3,4) → 1/3 + 1/6 + 1/2 = 1.
    expect(wassersteinDistance([1, 2, 3], [2, 4])).toBeCloseTo(1, 12);
    // a shift by c moves every unit of mass by c.
    expect(wassersteinDistance([0, 1, 5], [2.5, 3.5, 7.5])).toBeCloseTo(2.5, 12);
    expect(wassersteinDistance([1, 2, 3], [3, 2, 1])).toBe(0);
    // equal-size samples: the mean absolute difference of the sorted values: {1, 2, 9} against {2, 3, 4} → (1 + 1 + 5)/3.
    expect(wassersteinDistance([9, 1, 2], [4, 2, 3])).toBeCloseTo(7 / 3, 12);
    expect(wassersteinDistance([1], [])).toBeNaN();
  });
});
