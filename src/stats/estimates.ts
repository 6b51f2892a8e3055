// Small statistics: means, sample standard deviation, Student-t 95% intervals over replications,
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

export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** Mean with its 95% confidence interval (Student t over independent replications). */
export function meanCi95(xs: readonly number[]): { mean: number; ci95: [number, number] } {
  const finite = xs.filter((x) => Number.isFinite(x));
  const m = mean(finite);
  if (finite.length < 2) return { mean: m, ci95: [m, m] };
  const half = (tCritical95(finite.length - 1) * sampleSd(finite)) / Math.sqrt(finite.length);
  return { mean: m, ci95: [m - half, m + half] };
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
