// The split rule of --shard I/N (run/shard.ts) and the shard folder's storage (output/shard-folder.ts):
// the blocks of shards 1…N are the command's task list in order, whatever N and the scenarios; the
// digests come back bit for bit (NaN, -0, infinities, subnormals, typed arrays).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { test as fcTest, fc } from '@fast-check/vitest';
import { commandTaskCount, shardRange, shardTasks } from '../../src/run/shard.js';
import { tasksOf } from '../../src/run/replications.js';
import { fingerprint, readShardReplications, ShardError, writeShardReplications, type ShardManifest } from '../../src/output/shard-folder.js';
import { runReplication } from '../../src/model/replication.js';
import { digestReplication, type ReplicationDigest } from '../../src/run/digest.js';
import { DigestStore } from '../../src/run/digest-store.js';
import type { Scenario, Variant } from '../../src/scenario/types.js';
import { baseScenario } from '../model/helpers.js';

/** A manifest that records only the SHA-256 of the given files of `dir` (all these readers look at). */
function manifestOf(dir: string, files: readonly string[]): ShardManifest {
  const sha256 = Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
  return { sha256 } as unknown as ShardManifest;
}

/** A shard's replications read back whole: digests by variant and the order they came in. */
async function readBack(dir: string, manifest: ShardManifest, k = 0) {
  const digests: Partial<Record<Variant, ReplicationDigest[]>> = {};
  const order: string[] = [];
  await readShardReplications(dir, manifest, k, (v, d) => {
    (digests[v] ??= []).push(d as ReplicationDigest);
    order.push(`${v} ${(d as ReplicationDigest).record.replication}`);
  });
  return { digests, order };
}

const VARIANT_SETS: readonly Variant[][] = [['normal'], ['preApproved'], ['normal', 'preApproved']];

/** Only what the split reads: replications and variants. */
const fakeScenario = (replications: number, variants: readonly Variant[]): Scenario => ({ replications, variants }) as unknown as Scenario;

describe('the split', () => {
  it('by hand: 6 tasks in 4 shards are blocks of 1, 2, 1, 2; 2 tasks in 3 shards leave shard 1 empty', () => {
    expect([1, 2, 3, 4].map((index) => shardRange(6, { index, count: 4 }))).toEqual([
      { from: 0, to: 1 }, { from: 1, to: 3 }, { from: 3, to: 4 }, { from: 4, to: 6 },
    ]);
    expect([1, 2, 3].map((index) => shardRange(2, { index, count: 3 }))).toEqual([{ from: 0, to: 0 }, { from: 0, to: 1 }, { from: 1, to: 2 }]);
  });

  it('a compare of two scenarios (3 replications, both variants) in 5 shards: a block crosses from one scenario to the next', () => {
    const s = [fakeScenario(3, ['normal', 'preApproved']), fakeScenario(3, ['normal', 'preApproved'])];
    const third = shardTasks(s, { index: 3, count: 5 });
    // 12 tasks; shard 3/5 runs tasks ⌊2·12/5⌋ = 4 up to ⌊3·12/5⌋ = 7 (from 0): scenario 1's preApproved 2 and 3, scenario 2's normal 1
    expect(third).toEqual([
      [{ variant: 'preApproved', replication: 2 }, { variant: 'preApproved', replication: 3 }],
      [{ variant: 'normal', replication: 1 }],
    ]);
  });

  fcTest.prop(
    [
      fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...VARIANT_SETS)), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 60 }),
    ],
    { numRuns: 300, seed: 14 },
  )('shards 1…N, one after the other, are every task once, in output order, sizes within one of each other', (specs, n) => {
    const scenarios = specs.map(([r, v]) => fakeScenario(r, v));
    const shards = Array.from({ length: n }, (_x, i) => shardTasks(scenarios, { index: i + 1, count: n }));
    for (const [k, s] of scenarios.entries()) expect(shards.flatMap((sh) => sh[k]!)).toEqual(tasksOf(s));
    const sizes = shards.map((sh) => sh.reduce((a, t) => a + t.length, 0));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(commandTaskCount(scenarios));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});

describe('the shard folder', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orisim-shard-unit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back digests bit for bit', async () => {
    const scenario = baseScenario({ replications: 1, variants: ['normal'] });
    const output = runReplication(scenario, 'normal', 1, { logEvents: true, sampleWip: true });
    const digest = digestReplication(scenario, output);
    const special = Float64Array.from([NaN, -0, 0, Infinity, -Infinity, 5e-324, 0.1 + 0.2, Number.MAX_VALUE]);
    const odd = { ...digest, leadTimeDays: special, leadMinutes: -0, activeBeforeLive: NaN };
    writeShardReplications(dir, 0, { normal: [digest, odd] });
    const manifest = manifestOf(dir, ['replications-1.bin']);
    const back = await readBack(dir, manifest);
    expect(isDeepStrictEqual(back.digests.normal, [digest, odd])).toBe(true);
    const got = back.digests.normal![1]!;
    expect(got.leadTimeDays).toBeInstanceOf(Float64Array);
    const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(got.leadTimeDays).equals(bytes(special))).toBe(true);
    expect(Object.is(got.leadMinutes, -0)).toBe(true);
    expect(got.stageWaitDays).toBeInstanceOf(Float32Array);
    // A damaged copy is refused, naming the folder and the file.
    const file = join(dir, 'replications-1.bin');
    const stored = readFileSync(file);
    stored[stored.length - 1] ^= 1;
    writeFileSync(file, stored);
    await expect(readBack(dir, manifest)).rejects.toThrow(
      new ShardError(`merge: ${dir}: replications-1.bin is damaged (its SHA-256 is not the one shard.json records)`),
    );
  });

  it('writes a digest store one digest a frame, read back variant by variant in replication order', async () => {
    const scenario = baseScenario({ replications: 3, variants: ['normal', 'preApproved'] });
    const digestsOf = (v: Variant): ReplicationDigest[] => [1, 2, 3].map((r) => digestReplication(scenario, runReplication(scenario, v, r)));
    const normal = digestsOf('normal');
    const preApproved = digestsOf('preApproved');
    writeShardReplications(dir, 1, { normal: DigestStore.of(normal), preApproved });
    const back = await readBack(dir, manifestOf(dir, ['replications-2.bin']), 1);
    expect(back.order).toEqual(['normal 1', 'normal 2', 'normal 3', 'preApproved 1', 'preApproved 2', 'preApproved 3']);
    expect(isDeepStrictEqual(back.digests.normal, normal)).toBe(true);
    expect(isDeepStrictEqual(back.digests.preApproved, preApproved)).toBe(true);
  });

  it('refuses a file that is not its frames, even with a matching SHA-256, naming the folder and the file', async () => {
    const scenario = baseScenario({ replications: 1, variants: ['normal'] });
    const digest = digestReplication(scenario, runReplication(scenario, 'normal', 1));
    writeShardReplications(dir, 0, { normal: [digest] });
    const file = join(dir, 'replications-1.bin');
    const whole = readFileSync(file);
    const refused = new ShardError(`merge: ${dir}: replications-1.bin does not hold a shard's replications`);
    const cases: Buffer[] = [
      whole.subarray(0, whole.length - 1), // the last frame cut short
      Buffer.concat([whole, Buffer.from([0])]), // a byte past the last frame
      whole.subarray(0, 2), // not even a length
      Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]), // a length past the end of the file
      Buffer.concat([Buffer.from([3, 0, 0, 0]), Buffer.from('abc')]), // a frame that is not serialised data
    ];
    for (const bytes of cases) {
      writeFileSync(file, bytes);
      await expect(readBack(dir, manifestOf(dir, ['replications-1.bin']))).rejects.toThrow(refused);
    }
  });

  it('fingerprints scenarios that JSON would confuse apart (-0, infinities)', () => {
    expect(fingerprint({ a: 0 })).not.toBe(fingerprint({ a: -0 }));
    expect(fingerprint({ a: Infinity })).not.toBe(fingerprint({ a: null }));
    expect(fingerprint({ a: Infinity })).not.toBe(fingerprint({ a: -Infinity }));
    expect(fingerprint({ a: Float64Array.from([1, 2]) })).toBe(fingerprint({ a: [1, 2] }));
  });
});
