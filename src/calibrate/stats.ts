// Small statistics for calibration: quantiles, a share with its standard error, and a lognormal fit
// by maximum likelihood with its Kolmogorov–Smirnov distance. Hand-written: a few lines each, and
// the project has no statistics library.
import { Z90 } from '../engine/distributions.js';

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
