// The distributions of uncertain inputs: a range given as low, likely and high (PERT by default,
// triangular or uniform on request) or as low and high (uniform). Each is used through its inverse
// CDF, so that a stratified design of uniforms (design.ts) maps to stratified input values.
// Written by hand: no package in node_modules gives a Beta quantile (PERT is a scaled Beta), and
// the regularised incomplete Beta by Lentz's continued fraction is a few dozen well-known lines.
import { lnGamma } from '../engine/distributions.js';

export type RangeShape = 'pert' | 'triangular' | 'uniform';

/** A numeric range: low ≤ likely ≤ high (likely undefined for a two-point range, which is uniform). */
export interface NumericRange {
  readonly low: number;
  readonly likely?: number | undefined;
  readonly high: number;
  readonly distribution: RangeShape;
}

/** The value a range takes "at its likely value": likely, or the midpoint of a two-point range. */
export function likelyValue(range: NumericRange): number {
  return range.likely ?? (range.low + range.high) / 2;
}

/** The continued fraction of the regularised incomplete Beta (Numerical Recipes' betacf, by Lentz's method). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete Beta function I_x(a, b), the CDF of Beta(a, b) at x. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The Beta(a, b) quantile at p, by bisection on the CDF (monotone; 60 halvings reach double precision). */
export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The value of the range at probability u in (0, 1) (its inverse CDF). PERT is the Beta on
 * [low, high] with α = 1 + 4(likely − low)/(high − low), β = 1 + 4(high − likely)/(high − low), whose
 * mean is (low + 4·likely + high)/6. A range with low = high is that one value.
 */
export function rangeQuantile(range: NumericRange, u: number): number {
  const { low, high } = range;
  const width = high - low;
  if (!(width > 0)) return low;
  const likely = likelyValue(range);
  const shape = range.likely === undefined ? 'uniform' : range.distribution;
  if (shape === 'uniform') return low + width * u;
  const c = (likely - low) / width;
  if (shape === 'triangular') return u < c ? low + Math.sqrt(u * width * (likely - low)) : high - Math.sqrt((1 - u) * width * (high - likely));
  return low + width * betaQuantile(u, 1 + 4 * c, 1 + 4 * (1 - c));
}

/** The mean of the range's distribution (PERT's (low + 4·likely + high)/6, triangular's (low + likely + high)/3). */
export function rangeMean(range: NumericRange): number {
  const likely = likelyValue(range);
  if (range.likely === undefined || range.distribution === 'uniform') return (range.low + range.high) / 2;
  if (range.distribution === 'triangular') return (range.low + likely + range.high) / 3;
  return (range.low + 4 * likely + range.high) / 6;
}
