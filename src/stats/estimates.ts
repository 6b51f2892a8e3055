// Small statistics: means, sample standard deviation, Student-t 95% intervals over replications
// (on the real line, on the log scale for non-negative quantities, on the logit scale for shares),
// percentiles of pooled samples, and paired differences (for comparisons with common random numbers).

/** Two-sided 95% Student-t critical values t(0.975, df) for df = 1…30 (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12,
  2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t(0.975, df); beyond 30 degrees of freedom a Cornish–Fisher expansion about z = 1.959964. */
export function tCritical95(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df <= 30) return T975[Math.floor(df) - 1]!;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample variance (n − 1 in the denominator); NaN for fewer than two values. */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return s / (xs.length - 1);
}

export function sampleSd(xs: readonly number[]): number {
  return Math.sqrt(sampleVariance(xs));
}

/**
 * Mean with its 95% confidence interval (Student t over independent replications), symmetric on
 * the real line: for quantities that may be negative, such as paired differences. Non-negative
 * quantities use positiveMeanCi95, shares shareMeanCi95.
 */
export function meanCi95(xs: readonly number[]): { mean: number; ci95: [number, number] } {
  const finite = xs.filter((x) => Number.isFinite(x));
  const m = mean(finite);
  if (finite.length < 2) return { mean: m, ci95: [m, m] };
  const half = (tCritical95(finite.length - 1) * sampleSd(finite)) / Math.sqrt(finite.length);
  return { mean: m, ci95: [m - half, m + half] };
}

/**
 * Mean of a quantity that cannot be negative (a lead time, a count, a cost) with a 95% interval
 * that cannot fall below zero: a Student-t interval for log(mean), by the delta method
 * (standard error of log x̄ ≈ s / (x̄ √n)), taken back to the original scale:
 *   [x̄ · exp(−h), x̄ · exp(+h)],  h = t(0.975, n − 1) · s / (x̄ √n).
 * The interval is multiplicative around the mean: it always holds the mean, is never below zero,
 * and matches the ordinary t interval x̄ ± t s/√n to first order when s/(x̄ √n) is small. It is the
 * construction used for rates in epidemiology and for survival curves ("log" intervals). Single
 * replications with zero are fine; a mean of zero (every value zero) gives [0, 0].
 * Negative values are a caller's error (RangeError): the quantity is not non-negative.
 */
export function positiveMeanCi95(xs: readonly number[]): { mean: number; ci95: [number, number] } {
  const finite = xs.filter((x) => Number.isFinite(x));
  if (finite.some((x) => x < 0)) throw new RangeError(`positiveMeanCi95: a negative value (${Math.min(...finite)}) in a non-negative quantity`);
  const m = mean(finite);
  if (finite.length < 2 || m === 0) return { mean: m, ci95: [m, m] };
  const h = (tCritical95(finite.length - 1) * sampleSd(finite)) / (m * Math.sqrt(finite.length));
  return { mean: m, ci95: [m * Math.exp(-h), m * Math.exp(h)] };
}

/**
 * Mean of a share (each replication's value in [0, 1]) with a 95% interval inside [0, 1]: a
 * Student-t interval for logit(mean), by the delta method (standard error of logit p̄ ≈
 * s / (p̄ (1 − p̄) √n)), taken back with the logistic function:
 *   [logistic(logit p̄ − h), logistic(logit p̄ + h)],  h = t(0.975, n − 1) · s / (p̄ (1 − p̄) √n).
 * A mean of exactly 0 or 1 (every value 0, or every value 1) gives [p̄, p̄].
 * Values outside [0, 1] are a caller's error (RangeError).
 */
export function shareMeanCi95(xs: readonly number[]): { mean: number; ci95: [number, number] } {
  const finite = xs.filter((x) => Number.isFinite(x));
  const bad = finite.find((x) => x < 0 || x > 1);
  if (bad !== undefined) throw new RangeError(`shareMeanCi95: ${bad} is not a share between 0 and 1`);
  const p = mean(finite);
  if (finite.length < 2 || p === 0 || p === 1) return { mean: p, ci95: [p, p] };
  const h = (tCritical95(finite.length - 1) * sampleSd(finite)) / (p * (1 - p) * Math.sqrt(finite.length));
  const logit = Math.log(p / (1 - p));
  const logistic = (z: number): number => 1 / (1 + Math.exp(-z));
  return { mean: p, ci95: [logistic(logit - h), logistic(logit + h)] };
}

/** The p-quantile (0–1) of sorted values, linear interpolation between order statistics (type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Paired difference b − a over replications, with its 95% interval and whether it excludes zero. */
export function pairedDifference(
  a: readonly number[],
  b: readonly number[],
): { mean: number; ci95: [number, number]; significant: boolean } {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} and ${b.length}`);
  const d = a.map((x, i) => b[i]! - x);
  const r = meanCi95(d);
  const significant = r.ci95[0] > 0 || r.ci95[1] < 0;
  return { ...r, significant };
}
