// Distances between two samples, for the back-test: the two-sample Kolmogorov–Smirnov distance
// (the largest gap between the two empirical CDFs) and the Wasserstein-1 or earth mover's distance
// (the area between them, in the values' unit). Hand-written: a merge of two sorted samples each,
// and the project has no statistics library that offers both for two samples.
import { sortNumbers } from './stats.js';

/**
 * Walks the merged values of two samples in order; after each distinct value x calls
 * step(x, next, F(x), G(x)) with the empirical CDFs of both samples at x and the next distinct
 * value (Infinity after the last).
 */
function walkCdfs(a: readonly number[], b: readonly number[], step: (x: number, next: number, fa: number, fb: number) => void): void {
  const sa = sortNumbers(a);
  const sb = sortNumbers(b);
  let i = 0;
  let j = 0;
  while (i < sa.length || j < sb.length) {
    const x = Math.min(i < sa.length ? sa[i]! : Infinity, j < sb.length ? sb[j]! : Infinity);
    while (i < sa.length && sa[i] === x) i++;
    while (j < sb.length && sb[j] === x) j++;
    const next = Math.min(i < sa.length ? sa[i]! : Infinity, j < sb.length ? sb[j]! : Infinity);
    step(x, next, i / sa.length, j / sb.length);
  }
}

/** sup |F(x) − G(x)| over all x: 0 for identical samples, 1 for samples that do not overlap. NaN if either is empty. */
export function ksDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return NaN;
  let d = 0;
  walkCdfs(a, b, (_x, _next, fa, fb) => {
    d = Math.max(d, Math.abs(fa - fb));
  });
  return d;
}

/** ∫ |F(x) − G(x)| dx: how far, on average, the mass of one sample must move to become the other. NaN if either is empty. */
export function wassersteinDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return NaN;
  let area = 0;
  walkCdfs(a, b, (x, next, fa, fb) => {
    if (next !== Infinity) area += Math.abs(fa - fb) * (next - x);
  });
  return area;
}
