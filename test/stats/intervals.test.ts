// Intervals inside the possible range: a lead time, a count or a cost never gets an interval below
// zero, a share never one outside [0, 1], however few and scattered the replications. Hand-computed
// answers for both methods, the failure of the plain t interval they replace, and a seeded search
// over small, heavy-tailed samples.
import { describe, expect, it } from 'vitest';
import { meanCi95, positiveMeanCi95, shareMeanCi95 } from '../../src/stats/estimates.js';
import { leadTimeSummary } from '../../src/stats/summarise.js';
import { createStream } from '../../src/engine/random.js';

/** The engine's seeded stream, so the search below is the same every run. */
const uniforms = (seed: number): (() => number) => {
  const stream = createStream(seed, 1, 'intervals');
  return () => stream.next();
};

describe('positiveMeanCi95: t interval for log(mean) by the delta method', () => {
  it('gives the hand-computed answer: [x̄ e^−h, x̄ e^h], h = t(0.975, n−1) s / (x̄ √n)', () => {
    // x̄ = 5, s = √(32/7) = 2.138090, t(0.975, 7) = 2.365: h = 2.365 × 2.138090 / (5 √8) = 0.357554
    const { mean, ci95 } = positiveMeanCi95([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBe(5);
    expect(ci95[0]).toBeCloseTo(3.496923, 6);
    expect(ci95[1]).toBeCloseTo(7.149142, 6);
    // The interval is multiplicative: lo × hi = x̄².
    expect(ci95[0] * ci95[1]).toBeCloseTo(25, 9);
  });

  it('with 2 replications of a high-variance quantity it stays ≥ 0 where the plain t interval goes negative', () => {
    const xs = [0.5, 40];
    expect(meanCi95(xs).ci95[0]).toBeLessThan(-200); // 20.25 ± 12.706 × 27.93 / √2
    const { mean, ci95 } = positiveMeanCi95(xs);
    expect(mean).toBe(20.25);
    expect(ci95[0]).toBeGreaterThanOrEqual(0);
    expect(ci95[0]).toBeLessThan(mean);
    expect(ci95[1]).toBeGreaterThan(mean);
  });

  it('a zero among the replications is fine; all zeros give [0, 0]; one value gives [x, x]', () => {
    const { ci95 } = positiveMeanCi95([0, 0, 12]);
    expect(ci95[0]).toBeGreaterThanOrEqual(0);
    expect(ci95[1]).toBeGreaterThan(4);
    expect(positiveMeanCi95([0, 0, 0])).toEqual({ mean: 0, ci95: [0, 0] });
    expect(positiveMeanCi95([7])).toEqual({ mean: 7, ci95: [7, 7] });
    expect(positiveMeanCi95([3, NaN, 3]).ci95).toEqual([3, 3]);
  });

  it('close to the plain t interval when the replications agree (relative error of the mean small)', () => {
    const xs = [100, 101, 99, 100.5, 99.5, 100, 100.2, 99.8];
    const t = meanCi95(xs).ci95;
    const p = positiveMeanCi95(xs).ci95;
    expect(Math.abs(p[0] - t[0])).toBeLessThan(0.002);
    expect(Math.abs(p[1] - t[1])).toBeLessThan(0.002);
  });

  it('refuses a negative value: the quantity is not non-negative', () => {
    expect(() => positiveMeanCi95([1, -1])).toThrow('positiveMeanCi95: a negative value (-1) in a non-negative quantity');
  });

  it('over 2 000 seeded samples of 2–3 heavy-tailed values: never below zero, always holding the mean', () => {
    const rand = uniforms(8);
    for (let k = 0; k < 2000; k++) {
      const n = 2 + Math.floor(rand() * 2);
      // Lognormal-ish with a huge spread, and a zero now and then.
      const xs = Array.from({ length: n }, () => (rand() < 0.1 ? 0 : Math.exp(6 * (rand() - 0.5))));
      const { mean, ci95 } = positiveMeanCi95(xs);
      expect(ci95[0]).toBeGreaterThanOrEqual(0);
      expect(ci95[0]).toBeLessThanOrEqual(mean);
      expect(ci95[1]).toBeGreaterThanOrEqual(mean);
    }
  });
});

describe('shareMeanCi95: t interval for logit(mean) by the delta method', () => {
  it('gives the hand-computed answer where the plain t interval leaves [0, 1]', () => {
    // p̄ = 1/3, s = 0.152753, t(0.975, 2) = 4.303: h = 4.303 × 0.152753 / (1/3 × 2/3 × √3) = 1.707700;
    // logit(1/3) = −ln 2, so the interval is [logistic(−ln 2 − h), logistic(−ln 2 + h)].
    const xs = [0.2, 0.5, 0.3];
    expect(meanCi95(xs).ci95[0]).toBeCloseTo(-0.046156, 6);
    const { mean, ci95 } = shareMeanCi95(xs);
    expect(mean).toBeCloseTo(1 / 3, 12);
    expect(ci95[0]).toBeCloseTo(0.083108, 6);
    expect(ci95[1]).toBeCloseTo(0.73391, 5);
  });

  it('all 0 or all 1 give a point; values outside [0, 1] are refused', () => {
    expect(shareMeanCi95([0, 0])).toEqual({ mean: 0, ci95: [0, 0] });
    expect(shareMeanCi95([1, 1, 1])).toEqual({ mean: 1, ci95: [1, 1] });
    expect(() => shareMeanCi95([0.5, 1.2])).toThrow('shareMeanCi95: 1.2 is not a share between 0 and 1');
  });

  it('over 2 000 seeded samples of 2–3 shares, many near 0 or 1: always inside [0, 1], holding the mean', () => {
    const rand = uniforms(88);
    for (let k = 0; k < 2000; k++) {
      const n = 2 + Math.floor(rand() * 2);
      const xs = Array.from({ length: n }, () => {
        const u = rand();
        return u < 0.15 ? 0 : u > 0.85 ? 1 : rand() ** 3;
      });
      const { mean, ci95 } = shareMeanCi95(xs);
      expect(ci95[0]).toBeGreaterThanOrEqual(0);
      expect(ci95[1]).toBeLessThanOrEqual(1);
      expect(ci95[0]).toBeLessThanOrEqual(mean);
      expect(ci95[1]).toBeGreaterThanOrEqual(mean);
    }
  });
});

describe('summary intervals', () => {
  it('a lead-time summary over 2 scattered replications has an interval ≥ 0 (the plain t interval went down to −232 days)', () => {
    const lt = leadTimeSummary(Float64Array.from([0.2, 0.5, 60, 20]), [0.35, 40]);
    expect(lt.ci95[0]).toBeGreaterThanOrEqual(0);
    expect(lt.ci95[0]).toBeLessThan(0.35);
    expect(lt.ci95[1]).toBeGreaterThan(40);
  });
});
