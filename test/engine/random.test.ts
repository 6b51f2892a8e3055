// Seeded random streams: one per purpose, derived from (seed, replication, name).
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import seedrandom from 'seedrandom';
import { createStream, RandomStreams, streamKey } from '../../src/engine/random.js';

const draws = (s: { next(): number }, n: number): number[] => Array.from({ length: n }, () => s.next());

describe('random streams', () => {
  it('the same (seed, replication, name) gives the same draws', () => {
    expect(draws(createStream(42, 1, 'arrivals/team-1'), 5)).toEqual(draws(createStream(42, 1, 'arrivals/team-1'), 5));
  });

  it('different seeds, replications or names give different draws', () => {
    const base = draws(createStream(42, 1, 'a'), 5);
    expect(draws(createStream(43, 1, 'a'), 5)).not.toEqual(base);
    expect(draws(createStream(42, 2, 'a'), 5)).not.toEqual(base);
    expect(draws(createStream(42, 1, 'b'), 5)).not.toEqual(base);
  });

  it('adding a stream, or drawing from another, does not change an existing stream', () => {
    const alone = new RandomStreams(7, 3);
    const a1 = draws(alone.stream('effort/handover'), 10);
    const crowded = new RandomStreams(7, 3);
    draws(crowded.stream('arrivals/team-26'), 100); // a new team's stream, used first
    const x = crowded.stream('effort/handover');
    draws(crowded.stream('outcome/cab'), 3);
    expect(draws(x, 10)).toEqual(a1);
  });

  it('returns the same stream object for a name, continuing where it left off', () => {
    const rs = new RandomStreams(1, 0);
    const first = rs.stream('x').next();
    const second = rs.stream('x').next();
    expect([first, second]).toEqual(draws(createStream(1, 0, 'x'), 2));
  });

  it('draws lie in [0, 1) with a uniform mean', () => {
    const s = createStream(5, 1, 'u');
    let sum = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = s.next();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005); // 7 standard errors (sd of the mean 0.00065)
  });

  it('derives keys from seed, replication and name, and rejects a bad replication', () => {
    expect(streamKey(42, 3, 'cab')).toBe('orisim/42/3/cab');
    expect(() => new RandomStreams(1, -1)).toThrow('replication must be a non-negative integer, got -1');
  });
});

describe('the xor4096 generator', () => {
  // The streams are a port of the seedrandom package's xor4096 (for speed): the package is the
  // reference, key by key and draw by draw.
  const reference = (key: string): { next(): number } => {
    const g = seedrandom.xor4096(key);
    return { next: () => g.double() };
  };

  it('gives the seedrandom package\'s draws for the keys the model uses', () => {
    for (const seed of [42, 7, 'abc']) {
      for (const replication of [0, 1, 2, 999]) {
        for (const name of ['team-1/arrivals', 'team-6/efforts', 'other-work', 'repeat/effort/rework', 'group/a much longer group name/team-12/emergency']) {
          const key = streamKey(seed, replication, name);
          expect(draws(createStream(seed, replication, name), 3000)).toEqual(draws(reference(key), 3000));
        }
      }
    }
  });

  fcTest.prop([fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 500 })])(
    'gives the seedrandom package\'s draws for any key (long keys, any characters)',
    (name, n) => {
      const key = streamKey(1, 0, name);
      expect(draws(createStream(1, 0, name), n)).toEqual(draws(reference(key), n));
    },
  );
});
