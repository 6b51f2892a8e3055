// The small statistics behind every interval and percentile, against hand-computed values and
// published Student-t tables.
import { describe, expect, it } from 'vitest';
import { mean, meanCi95, pairedDifference, quantileSorted, sampleSd, tCritical95 } from '../../src/stats/estimates.js';

describe('estimates', () => {
  it('Student t(0.975, df): the table up to 30, the expansion beyond (within 0.001 of published values)', () => {
    expect(tCritical95(1)).toBe(12.706);
    expect(tCritical95(19)).toBe(2.093);
    expect(tCritical95(30)).toBe(2.042);
    expect(tCritical95(40)).toBeCloseTo(2.021, 3);
    expect(tCritical95(60)).toBeCloseTo(2.0, 3);
    expect(tCritical95(120)).toBeCloseTo(1.98, 3);
    expect(tCritical95(0)).toBeNaN();
  });

  it('mean, sample sd and the 95% interval, by hand', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(sampleSd(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    const { mean: m, ci95 } = meanCi95(xs);
    const half = (2.365 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect(m).toBe(5);
    expect(ci95[0]).toBeCloseTo(5 - half, 12);
    expect(ci95[1]).toBeCloseTo(5 + half, 12);
    expect(meanCi95([3])).toEqual({ mean: 3, ci95: [3, 3] });
    expect(meanCi95([1, NaN, 3]).mean).toBe(2);
  });

  it('quantiles interpolate between order statistics (R type 7)', () => {
    const s = [1, 2, 3, 4, 10];
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 0.5)).toBe(3);
    expect(quantileSorted(s, 0.85)).toBeCloseTo(4 + 0.4 * 6, 12);
    expect(quantileSorted(s, 1)).toBe(10);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('paired differences: b − a per pair, significant only when the interval excludes zero', () => {
    const a = [10, 12, 11, 13];
    expect(pairedDifference(a, a)).toEqual({ mean: 0, ci95: [0, 0], significant: false });
    const d = pairedDifference(a, [12, 14, 13.5, 15]);
    expect(d.mean).toBeCloseTo(2.125, 12);
    expect(d.significant).toBe(true);
    expect(() => pairedDifference([1], [1, 2])).toThrow('paired samples differ in length: 1 and 2');
  });
});
