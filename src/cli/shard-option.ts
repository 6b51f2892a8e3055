// `--shard I/N` read from the command line: shard I (from 1) of N, checked. Apart from shard.ts so
// that parsing the arguments does not load the code that runs and writes shards.
import type { Shard } from '../run/shard.js';
import { MAX_SHARDS } from '../scenario/limits.js';
import { single, UsageError } from '../api/options.js';

/** `--shard I/N` as typed: shard I (from 1) of N. */
export function shardOption(raw: unknown): Shard | undefined {
  if (raw === undefined) return undefined;
  const text = single('--shard', raw).trim();
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UsageError(`--shard: expected I/N, shard I of N shards with 1 ≤ I ≤ N ≤ ${MAX_SHARDS} (e.g. --shard 2/4), got '${text}'`);
  }
  return { index, count };
}
