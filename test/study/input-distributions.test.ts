// Ranges of uncertain inputs: the Beta CDF and quantile by hand, PERT, triangular and uniform quantiles and means.
import { describe, expect, it } from 'vitest';
import { betaCdf, betaQuantile, likelyValue, rangeMean, rangeQuantile } from '../../src/study/input-distributions.js';

describe('input distributions', () => {
  it('Beta(2, 3) at ½ is 11/16, and the quantile inverts it', () => {
    expect(betaCdf(0.5, 2, 3)).toBeCloseTo(11 / 16, 12);
    expect(betaCdf(0.2, 1, 1)).toBeCloseTo(0.2, 12);
    expect(betaQuantile(11 / 16, 2, 3)).toBeCloseTo(0.5, 10);
  });

  it('PERT, triangular and uniform quantiles', () => {
    expect(rangeQuantile({ low: 0, likely: 5, high: 10, distribution: 'pert' }, 0.5)).toBeCloseTo(5, 10);
    // PERT(0, 0, 1) is Beta(1, 5): CDF 1 − (1 − x)^5, so its median is 1 − 0.5^(1/5).
    expect(rangeQuantile({ low: 0, likely: 0, high: 1, distribution: 'pert' }, 0.5)).toBeCloseTo(1 - 0.5 ** 0.2, 10);
    expect(rangeQuantile({ low: 0, likely: 1, high: 2, distribution: 'triangular' }, 0.125)).toBeCloseTo(0.5, 12);
    expect(rangeQuantile({ low: 0, likely: 1, high: 2, distribution: 'triangular' }, 0.875)).toBeCloseTo(1.5, 12);
    expect(rangeQuantile({ low: 1, likely: 1.1, high: 3, distribution: 'uniform' }, 0.25)).toBe(1.5);
    expect(rangeQuantile({ low: 1, high: 3, distribution: 'pert' }, 0.25)).toBe(1.5); // two-point: uniform
    expect(rangeQuantile({ low: 2, likely: 2, high: 2, distribution: 'pert' }, 0.9)).toBe(2);
  });

  it('means and likely values', () => {
    expect(rangeMean({ low: 0, likely: 3, high: 12, distribution: 'pert' })).toBe(4);
    expect(rangeMean({ low: 0, likely: 3, high: 12, distribution: 'triangular' })).toBe(5);
    expect(rangeMean({ low: 0, high: 12, distribution: 'pert' })).toBe(6);
    expect(likelyValue({ low: 0, high: 12, distribution: 'pert' })).toBe(6);
    // The mean of the quantiles over a fine grid is the PERT mean.
    const range = { low: 0, likely: 3, high: 12, distribution: 'pert' as const };
    let sum = 0;
    for (let i = 0; i < 2000; i++) sum += rangeQuantile(range, (i + 0.5) / 2000);
    expect(sum / 2000).toBeCloseTo(4, 3);
  });
});
