// Tests for distributions: sample means vs theory over 10^6 draws, lognormal quantiles, lnGamma, fromSpec and pinned errors.
import { describe, expect, it } from 'vitest';
import {
  bernoulli,
  empirical,
  exponential,
  fixed,
  fromSpec,
  gamma,
  gammaFunction,
  lnGamma,
  lognormalFromMeanSd,
  lognormalFromMedianP90,
  triangular,
  uniform,
  weibull,
  type Distribution,
  type DistributionSpec,
} from '../../src/engine/distributions.js';
import { createStream } from '../../src/engine/random.js';

const N = 1_000_000;

function draws(d: Distribution, name: string): Float64Array {
  const rng = createStream(2027, 0, `distributions-test/${name}`);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = d.sample(rng);
  return out;
}

function meanVar(xs: Float64Array): { mean: number; variance: number } {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) * (x - m);
  return { mean: m, variance: v / (xs.length - 1) };
}

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('sample means within 1% of theory over 10^6 draws (fixed seed)', () => {
  // Every case has a coefficient of variation <= 1.6, so the standard error of the mean over 10^6
  // draws is <= 0.16% of the mean and 1% is more than 6 standard errors. Heavy tails are kept mild
  // on purpose: lognormal sigma <= 0.86, weibull shape >= 0.8, gamma shape >= 0.44.
  const cases: [string, Distribution][] = [
    ['uniform', uniform(2, 10)],
    ['triangular', triangular(1, 2, 8)],
    ['triangular-left', triangular(0, 0, 5)],
    ['exponential', exponential(45)],
    ['lognormal-median-p90', lognormalFromMedianP90(60, 180)],
    ['lognormal-mean-sd', lognormalFromMeanSd(100, 120)],
    ['gamma-shape-4', gamma(30, 15)],
    ['gamma-shape-0.44', gamma(10, 15)],
    ['weibull-1.5', weibull(1.5, 20)],
    ['weibull-0.8', weibull(0.8, 20)],
    ['empirical', empirical([3, 5, 5, 8, 13, 40])],
  ];
  for (const [name, d] of cases) {
    it(`${name}: ${d.describe()}`, () => {
      const { mean, variance } = meanVar(draws(d, name));
      expect(relErr(mean, d.mean)).toBeLessThan(0.01);
      // The sample variance is noisier (it depends on the fourth moment): 5% tolerance.
      expect(relErr(variance, d.variance)).toBeLessThan(0.05);
    });
  }

  it('fixed is constant (exact)', () => {
    const rng = createStream(1, 0, 'fixed');
    const d = fixed(7.5);
    expect([d.sample(rng), d.sample(rng)]).toEqual([7.5, 7.5]);
    expect([d.mean, d.variance]).toEqual([7.5, 0]);
  });
});

describe('theoretical moments (1e-9 relative unless stated)', () => {
  it('are right for hand-computed cases', () => {
    expect(uniform(2, 10).variance).toBeCloseTo(64 / 12, 12);
    expect(triangular(1, 2, 8).mean).toBeCloseTo(11 / 3, 12);
    expect(triangular(1, 2, 8).variance).toBeCloseTo((1 + 4 + 64 - 2 - 8 - 16) / 18, 12);
    expect(relErr(lognormalFromMeanSd(100, 120).mean, 100)).toBeLessThan(1e-12);
    expect(relErr(Math.sqrt(lognormalFromMeanSd(100, 120).variance), 120)).toBeLessThan(1e-12);
    expect(relErr(lognormalFromMedianP90(60, 180).mean, 60 * Math.exp((Math.log(3) / 1.2815515655446004) ** 2 / 2))).toBeLessThan(1e-12);
    expect(weibull(1, 20).mean).toBeCloseTo(20, 9); // shape 1 is exponential
    expect(weibull(1, 20).variance).toBeCloseTo(400, 7);
    expect(relErr(weibull(2, 10).mean, 5 * Math.sqrt(Math.PI))).toBeLessThan(1e-9); // Γ(1.5) = √π/2
    expect(empirical([1, 2, 3, 4]).variance).toBe(1.25);
  });

  it('lnGamma matches known values (1e-10 absolute)', () => {
    expect(Math.abs(gammaFunction(5) - 24)).toBeLessThan(1e-9);
    expect(Math.abs(gammaFunction(0.5) - Math.sqrt(Math.PI))).toBeLessThan(1e-10);
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-10);
    expect(Math.abs(lnGamma(2))).toBeLessThan(1e-10);
    expect(Math.abs(lnGamma(100) - 359.1342053695754)).toBeLessThan(1e-9); // ln(99!)
    expect(Math.abs(gammaFunction(0.1) - 9.513507698668732)).toBeLessThan(1e-9);
  });
});

describe('lognormal from (median, p90)', () => {
  it('reproduces both empirical quantiles within 1%', () => {
    const xs = draws(lognormalFromMedianP90(60, 180), 'lognormal-quantiles').sort();
    expect(relErr(xs[Math.floor(0.5 * N)]!, 60)).toBeLessThan(0.01);
    expect(relErr(xs[Math.floor(0.9 * N)]!, 180)).toBeLessThan(0.01);
  });
});

describe('bernoulli', () => {
  it('is rng.next() < p, frequency within 1% of p over 10^6 draws', () => {
    const rng = createStream(5, 0, 'bernoulli');
    let hits = 0;
    for (let i = 0; i < N; i++) if (bernoulli(rng, 0.3)) hits++;
    expect(relErr(hits / N, 0.3)).toBeLessThan(0.01);
    expect(bernoulli({ next: () => 0.5 }, 0.5)).toBe(false);
    expect(bernoulli({ next: () => 0.4999 }, 0.5)).toBe(true);
    expect(bernoulli({ next: () => 0 }, 0)).toBe(false);
  });
});

describe('determinism', () => {
  it('the same stream gives the same draws (exact)', () => {
    const d = gamma(10, 15);
    const a = createStream(9, 3, 'x');
    const b = createStream(9, 3, 'x');
    for (let i = 0; i < 100; i++) expect(d.sample(a)).toBe(d.sample(b));
  });
});

describe('fromSpec', () => {
  it('builds every kind', () => {
    const specs: [DistributionSpec, number][] = [
      [{ kind: 'fixed', value: 3 }, 3],
      [{ kind: 'uniform', min: 1, max: 3 }, 2],
      [{ kind: 'triangular', min: 0, mode: 3, max: 6 }, 3],
      [{ kind: 'exponential', mean: 4 }, 4],
      [{ kind: 'lognormal', median: 60, p90: 180 }, lognormalFromMedianP90(60, 180).mean],
      [{ kind: 'lognormalMeanSd', mean: 5, sd: 2 }, 5],
      [{ kind: 'gamma', mean: 5, sd: 2 }, 5],
      [{ kind: 'weibull', shape: 1, scale: 7 }, 7],
      [{ kind: 'empirical', values: [1, 2, 6] }, 3],
    ];
    for (const [spec, mean] of specs) expect(fromSpec(spec).mean, spec.kind).toBeCloseTo(mean, 9);
    expect(fromSpec({ kind: 'lognormal', median: 60, p90: 180 }).describe()).toBe('lognormal(median=60, p90=180)');
  });

  it('pins its errors', () => {
    expect(() => fromSpec({ kind: 'poisson' } as unknown as DistributionSpec)).toThrow(
      new RangeError('unknown distribution kind "poisson"'),
    );
    expect(() => uniform(5, 1)).toThrow('uniform: min 5 must not exceed max 1');
    expect(() => uniform(Number.NaN, 1)).toThrow('uniform: min must be a finite number, got NaN');
    expect(() => triangular(0, 7, 5)).toThrow('triangular: need min <= mode <= max, got min 0, mode 7, max 5');
    expect(() => exponential(-2)).toThrow('exponential: mean must be a positive finite number, got -2');
    expect(() => lognormalFromMedianP90(60, 60)).toThrow('lognormal: p90 60 must exceed median 60');
    expect(() => lognormalFromMedianP90(0, 60)).toThrow('lognormal: median must be a positive finite number, got 0');
    expect(() => lognormalFromMeanSd(5, -1)).toThrow('lognormalMeanSd: sd must not be negative, got -1');
    expect(() => gamma(5, 0)).toThrow('gamma: sd must be a positive finite number, got 0');
    expect(() => weibull(0, 1)).toThrow('weibull: shape must be a positive finite number, got 0');
    expect(() => empirical([])).toThrow('empirical: values must not be empty');
    expect(() => empirical([1, Number.NaN])).toThrow('empirical: values[1] must be a finite number, got NaN');
    expect(() => fixed(Infinity)).toThrow('fixed: value must be a finite number, got Infinity');
    expect(() => bernoulli({ next: () => 0 }, 1.5)).toThrow('bernoulli: p must be in [0, 1], got 1.5');
  });
});
