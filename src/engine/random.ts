// Seeded random streams: one independent stream per named purpose, derived from
// (seed, replication, name), so that adding a stream never shifts another stream's draws
// and two scenarios run with the same seed share random numbers purpose by purpose
// (common random numbers).
/** A source of uniform random numbers in [0, 1). */
export interface Rng {
  /** The next uniform draw in [0, 1), 53 bits of precision. */
  next(): number;
}

/**
 * Brent's xor4096 generator (xorgens: a long-period xorshift combined with a Weyl generator),
 * seeded from a string exactly as the seedrandom package's `xor4096` is: the same key gives the
 * same draws, bit for bit (a test compares them with the package's). Written out here rather than
 * called through the package because the simulation draws tens of thousands of numbers and makes
 * dozens of streams per replication: the state is an Int32Array and a draw is two plain method
 * calls, where the package keeps a JavaScript array and goes through three closures.
 */
class Xor4096Stream implements Rng {
  readonly #x = new Int32Array(128);
  #w = 0;
  #i = 0;

  constructor(key: string) {
    const X = this.#x;
    // String keys are mixed into v and X one character at a time (seedrandom's init()).
    const seed = key + '\0';
    const limit = Math.max(128, seed.length);
    let v = 0;
    let w = 0;
    let zeros = 0;
    for (let j = -32; j < limit; ++j) {
      v ^= seed.charCodeAt((j + 32) % seed.length);
      // After 32 shuffles, v is the starting Weyl value.
      if (j === 0) w = v;
      v ^= v << 10;
      v ^= v >>> 15;
      v ^= v << 4;
      v ^= v >>> 13;
      if (j >= 0) {
        w = (w + 0x61c88647) | 0;
        const t = (X[j & 127]! ^= v + w);
        zeros = t === 0 ? zeros + 1 : 0;
      }
    }
    // All zeros: make the state nonzero.
    if (zeros >= 128) X[seed.length & 127] = -1;
    // Run the xorshift 512 times to mix the state (the Weyl generator is not advanced).
    let i = 127;
    for (let j = 4 * 128; j > 0; --j) {
      let v2 = X[(i + 34) & 127]!;
      i = (i + 1) & 127;
      let t = X[i]!;
      v2 ^= v2 << 13;
      t ^= t << 17;
      v2 ^= v2 >>> 15;
      t ^= t >>> 12;
      X[i] = v2 ^ t;
    }
    this.#w = w;
    this.#i = i;
  }

  /** The next signed 32-bit output. */
  #int32(): number {
    const X = this.#x;
    const w = (this.#w + 0x61c88647) | 0;
    this.#w = w;
    let v = X[(this.#i + 34) & 127]!;
    const i = (this.#i + 1) & 127;
    let t = X[i]!;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v ^= t;
    X[i] = v;
    this.#i = i;
    return (v + (w ^ (w >>> 16))) | 0;
  }

  next(): number {
    for (;;) {
      const top = this.#int32() >>> 11;
      const bot = (this.#int32() >>> 0) / 0x100000000;
      const result = (top + bot) / (1 << 21);
      if (result !== 0) return result;
    }
  }
}

/** The key a stream is seeded from; exported so tests can show the derivation. */
export function streamKey(seed: number | string, replication: number, name: string): string {
  return `orisim/${String(seed)}/${replication}/${name}`;
}

/** Creates one seeded stream for (seed, replication, name). */
export function createStream(seed: number | string, replication: number, name: string): Rng {
  return new Xor4096Stream(streamKey(seed, replication, name));
}

/**
 * The streams of one replication. `stream(name)` returns the same stream object for the same
 * name, creating it on first use; a stream's draws depend only on (seed, replication, name).
 */
export class RandomStreams {
  readonly seed: number | string;
  readonly replication: number;
  readonly #streams = new Map<string, Rng>();

  constructor(seed: number | string, replication: number) {
    if (!Number.isInteger(replication) || replication < 0) {
      throw new RangeError(`replication must be a non-negative integer, got ${replication}`);
    }
    this.seed = seed;
    this.replication = replication;
  }

  stream(name: string): Rng {
    let s = this.#streams.get(name);
    if (s === undefined) {
      s = createStream(this.seed, this.replication, name);
      this.#streams.set(name, s);
    }
    return s;
  }
}
