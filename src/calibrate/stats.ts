// Small statistics for calibration: quantiles, a share with its standard error, and a lognormal fit
// by maximum likelihood with its Kolmogorov–Smirnov distance. Hand-written: a few lines each, and
// the project has no statistics library.
import { Z90 } from '../engine/distributions.js';
import { createStream } from '../engine/random.js';

/** The q-quantile of sorted values, linearly interpolated (type 7, as R and NumPy by default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The smallest and largest of many values (Math.min(...xs) overflows the stack on large arrays). */
export function minOf(xs: readonly number[]): number {
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}
export function maxOf(xs: readonly number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
}

export const sortNumbers = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** A share: count of n, with its binomial standard error √(p(1−p)/n). */
export interface ShareFit {
  readonly count: number;
  readonly n: number;
  readonly share: number;
  readonly standardError: number;
}

export function shareOf(count: number, n: number): ShareFit {
  const share = n === 0 ? 0 : count / n;
  return { count, n, share, standardError: n === 0 ? 0 : Math.sqrt((share * (1 - share)) / n) };
}

/** The standard normal CDF (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** A lognormal fitted to positive values: μ and σ of their logarithms (maximum likelihood). */
export interface LognormalFit {
  readonly n: number;
  readonly mu: number;
  readonly sigma: number;
  /** e^μ and e^(μ + 1.2816σ), in the values' unit. */
  readonly median: number;
  readonly p90: number;
  /** The sample's own median and 90th percentile. */
  readonly sampleMedian: number;
  readonly sampleP90: number;
  /** Kolmogorov–Smirnov distance between the sample and the fitted lognormal. */
  readonly ks: number;
}

export function fitLognormal(values: readonly number[]): LognormalFit {
  const sorted = sortNumbers(values.filter((v) => v > 0));
  const logs = sorted.map(Math.log);
  const n = logs.length;
  const mu = mean(logs);
  const sigma = Math.sqrt(logs.reduce((s, l) => s + (l - mu) ** 2, 0) / n);
  let ks = 0;
  for (let i = 0; i < n; i++) {
    const f = sigma === 0 ? (logs[i]! >= mu ? 1 : 0) : normalCdf((logs[i]! - mu) / sigma);
    ks = Math.max(ks, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  }
  return { n, mu, sigma, median: Math.exp(mu), p90: Math.exp(mu + Z90 * sigma), sampleMedian: quantile(sorted, 0.5), sampleP90: quantile(sorted, 0.9), ks };
}

/** Percentiles of a sample, in days, for lead times and waits. */
export interface Spread {
  readonly n: number;
  readonly mean: number;
  readonly p50: number;
  readonly p85: number;
  readonly p90: number;
  readonly p95: number;
}

export function spreadOf(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const s = sortNumbers(values);
  return { n: s.length, mean: mean(s), p50: quantile(s, 0.5), p85: quantile(s, 0.85), p90: quantile(s, 0.9), p95: quantile(s, 0.95) };
}

/** z of a two-sided 95% interval: the 97.5th percentile of the standard normal. */
export const Z95 = 1.959963984540054;

/**
 * The Wilson score 95% interval of a binomial share count/n (E. B. Wilson, "Probable inference, the
 * law of succession, and statistical inference", JASA 22, 1927; recommended over the Wald interval
 * by Brown, Cai and DasGupta, "Interval estimation for a binomial proportion", Statistical Science
 * 16, 2001): it stays within 0 and 1 and is not empty at 0 or n. n > 0.
 */
export function wilsonInterval(count: number, n: number): { low: number; high: number } {
  const p = count / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The score 95% interval of a Poisson rate, count events in `exposure` (weeks): the λ with
 * (count − λ·exposure)² ≤ z²·λ·exposure, that is λ·exposure = count + z²/2 ± z·√(count + z²/4)
 * (Brown, Cai and DasGupta, "Interval estimation in exponential families", Statistica Sinica 13, 2003).
 */
export function poissonScoreInterval(count: number, exposure: number): { low: number; high: number } {
  const z2 = Z95 * Z95;
  const root = Z95 * Math.sqrt(count + z2 / 4);
  return { low: Math.max(0, count + z2 / 2 - root) / exposure, high: (count + z2 / 2 + root) / exposure };
}

/** Bootstrap resamples of a lognormal's median; above BOOTSTRAP_MAX_N values the normal interval of μ is used instead (the two agree at that size). */
export const BOOTSTRAP_RESAMPLES = 1000;
const BOOTSTRAP_MAX_N = 20_000;

/**
 * The 95% interval of a lognormal's fitted median e^μ (μ the mean of the logarithms): the 2.5th and
 * 97.5th percentiles of e^μ over BOOTSTRAP_RESAMPLES resamples with replacement (the percentile
 * bootstrap, Efron and Tibshirani 1993), drawn from a stream seeded by `key`, so that the same values
 * always give the same interval. Hand-written: a few lines, and the project has no statistics library.
 */
export function bootstrapMedianInterval(values: readonly number[], key: string): { low: number; high: number; resamples: number } {
  const logs = values.filter((v) => v > 0).map(Math.log);
  const n = logs.length;
  if (n > BOOTSTRAP_MAX_N) {
    const mu = mean(logs);
    const sd = Math.sqrt(logs.reduce((s, l) => s + (l - mu) ** 2, 0) / n);
    return { low: Math.exp(mu - (Z95 * sd) / Math.sqrt(n)), high: Math.exp(mu + (Z95 * sd) / Math.sqrt(n)), resamples: 0 };
  }
  const rng = createStream('calibrate', 0, `bootstrap ${key}`);
  const medians: number[] = [];
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += logs[Math.floor(rng.next() * n)]!;
    medians.push(Math.exp(sum / n));
  }
  const sorted = sortNumbers(medians);
  return { low: quantile(sorted, 0.025), high: quantile(sorted, 0.975), resamples: BOOTSTRAP_RESAMPLES };
}
