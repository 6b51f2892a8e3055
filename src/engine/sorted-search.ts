// Binary search in sorted Float64Arrays (upper and lower bounds), with variants that try a hint
// first: the calendar's lookups move forward in small steps, so the hint is usually right and a
// lookup costs O(1) instead of O(log n).

/** Index of the first element of a sorted array that is > x (upper bound). */
export function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of a sorted array that is >= x (lower bound). */
export function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * upperBound(a, x), trying `hint` and `hint + 1` first: calls come in time order, so the answer
 * is mostly the last one or the next. Checks the same predicate the search establishes, so the
 * result is always the search's.
 */
export function upperBoundNear(a: Float64Array, x: number, hint: number): number {
  const n = a.length;
  if (hint <= n && (hint === 0 || a[hint - 1]! <= x)) {
    if (hint === n || a[hint]! > x) return hint;
    if (hint + 1 === n || a[hint + 1]! > x) return hint + 1;
  }
  return upperBound(a, x);
}

/** lowerBound(a, x), trying `hint` and `hint + 1` first (see upperBoundNear). */
export function lowerBoundNear(a: Float64Array, x: number, hint: number): number {
  const n = a.length;
  if (hint <= n && (hint === 0 || a[hint - 1]! < x)) {
    if (hint === n || a[hint]! >= x) return hint;
    if (hint + 1 === n || a[hint + 1]! >= x) return hint + 1;
  }
  return lowerBound(a, x);
}
