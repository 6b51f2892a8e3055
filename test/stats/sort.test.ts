// The summaries' radix sorts give exactly the order of a typed array's own sort (the values and
// their bits, NaN last, -0 before +0), and a stage's wait summary from its kept (non-zero) waits
// equals the one from every wait widened, sorted and summed (the summary before it, bit for bit).
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { sortFloat32, sortFloat64 } from '../../src/stats/sort.js';
import { waitSummary } from '../../src/stats/summarise.js';
import { quantileSorted } from '../../src/stats/estimates.js';

/** Bits of each value (NaN as one pattern): sorts agree when these agree. */
const bits64 = (a: Float64Array): string[] => Array.from(a, (x) => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : x.toString(16)));

// Arrays long enough for the radix sort (4,096 values or more), from a few kinds of values.
const count = fc.integer({ min: 4096, max: 9000 });
const positive = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
const anyDouble = fc.oneof(positive, fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 5e-324));

describe('sortFloat64 / sortFloat32', () => {
  test.prop([count, positive, fc.integer({ min: 1, max: 1000 })], { numRuns: 15 })(
    'non-negative values (with repeats, tiny and huge): the typed array sort order, bit for bit',
    (n, scale, distinct) => {
      const values = Array.from({ length: n }, (_x, i) => ((i * 7919) % distinct) * (scale / distinct) + (i % 3 === 0 ? 5e-324 : 0));
      const a = Float64Array.from(values);
      const ref = a.slice().sort();
      expect(sortFloat64(a)).toBe(a);
      expect(bits64(a)).toEqual(bits64(ref));
      const f = Float32Array.from(values);
      const ref32 = f.slice().sort();
      expect(sortFloat32(f)).toBe(f);
      expect(Array.from(f)).toEqual(Array.from(ref32));
    },
  );

  test.prop([fc.array(anyDouble, { minLength: 4096, maxLength: 6000 })], { numRuns: 10 })(
    'any values (negatives, -0, NaN, infinities): the typed array sort order',
    (values) => {
      const a = Float64Array.from(values);
      const ref = a.slice().sort();
      expect(bits64(sortFloat64(a))).toEqual(bits64(ref));
      const f = Float32Array.from(values);
      const ref32 = f.slice().sort();
      expect(bits64(Float64Array.from(sortFloat32(f)))).toEqual(bits64(Float64Array.from(ref32)));
    },
  );

  it('NaN goes last and +0 first among non-negative values, as the typed array sort puts them', () => {
    const a = new Float64Array(5000).map((_x, i) => (i % 10 === 0 ? NaN : i % 7 === 0 ? 0 : 5000 - i));
    sortFloat64(a);
    expect(a[0]).toBe(0);
    expect(a[4999]).toBeNaN();
    expect(a.slice(0, 4500).every((x, i, xs) => i === 0 || xs[i - 1]! <= x)).toBe(true);
  });

  it('short arrays: the typed array sort', () => {
    expect(Array.from(sortFloat64(Float64Array.of(3, -1, 2)))).toEqual([-1, 2, 3]);
    expect(Array.from(sortFloat32(Float32Array.of(3, 0.5, 2)))).toEqual([0.5, 2, 3]);
  });
});

describe('waitSummary', () => {
  /** The summary before: every wait (kept ones and zeros) widened to float64, sorted, summed in that order. */
  function reference(kept: Float32Array, n: number): { meanWaitDays: number; p85WaitDays: number } {
    const waits = new Float64Array(n);
    waits.set(kept);
    waits.sort();
    let s = 0;
    for (const x of waits) s += x;
    return { meanWaitDays: waits.length > 0 ? s / waits.length : NaN, p85WaitDays: quantileSorted(waits as unknown as number[], 0.85) };
  }

  const wait = fc.oneof(fc.float({ min: Math.fround(1e-6), max: 300, noNaN: true }), fc.constantFrom(Math.fround(1 / 1440), Math.fround(0.1)));
  test.prop([fc.array(wait, { maxLength: 6000 }), fc.integer({ min: 0, max: 3000 })], { numRuns: 40 })(
    'from the kept waits and the count of changes: the same mean and p85, bit for bit',
    (kept, zeros) => {
      const k = Float32Array.from(kept);
      const n = k.length + zeros;
      const want = reference(k, n);
      const got = waitSummary(k.slice(), n);
      expect(Object.is(got.meanWaitDays, want.meanWaitDays) || (Number.isNaN(got.meanWaitDays) && Number.isNaN(want.meanWaitDays))).toBe(true);
      expect(Object.is(got.p85WaitDays, want.p85WaitDays) || (Number.isNaN(got.p85WaitDays) && Number.isNaN(want.p85WaitDays))).toBe(true);
    },
  );

  it('a negative wait (not made by the model) is placed among the zeros as a full sort would', () => {
    const k = Float32Array.of(2, -1, 3);
    expect(waitSummary(k.slice(), 10)).toEqual(reference(k, 10));
    expect(waitSummary(new Float32Array(0), 0)).toEqual({ meanWaitDays: NaN, p85WaitDays: NaN });
    expect(waitSummary(Float32Array.of(4), 1)).toEqual({ meanWaitDays: 4, p85WaitDays: 4 });
  });
});
