// Seeded random streams: one independent stream per named purpose, derived from
// (seed, replication, name), so that adding a stream never shifts another stream's draws
// and two scenarios run with the same seed share random numbers purpose by purpose
// (common random numbers).
import seedrandom from 'seedrandom';

/** A source of uniform random numbers in [0, 1). */
export interface Rng {
  /** The next uniform draw in [0, 1), 53 bits of precision. */
  next(): number;
}

type Xor4096 = seedrandom.PRNG;

class Xor4096Stream implements Rng {
  readonly #gen: Xor4096;
  constructor(key: string) {
    this.#gen = seedrandom.xor4096(key);
  }
  next(): number {
    return this.#gen.double();
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
