// A shard folder: what `--shard I/N` writes and `orisim merge` reads. It is an orisim output folder
// (written atomically, with the marker) holding
//   shard.json            the manifest: command, version, shard I/N, its block of tasks, seed,
//                         replications, each scenario (name, file, SHA-256 of its text, SHA-256 of
//                         the resolved scenario, variants) and the options that shape the output
//   plan.bin              the command's plan (scenarios resolved), so merge needs no scenario file
//   replications-K.bin    for the command's K-th scenario (from 1): the digests of the shard's
//                         replications as frames (a 4-byte little-endian length, then that many
//                         bytes): first { counts: [[variant, n], …] }, then each variant's n digests in
//                         replication order, one frame each, so that neither writing nor reading
//                         holds more than one digest beside the digest store
//   changes.csv or changes.parquet (run only, as --changes asks), events.csv (run only): the rows of
//                         the shard's replications, each file with its header
// A shard of an uncertainty study (`uncertainty --shard I/N`) holds plan.bin and metrics.bin
// instead (shard-study.ts): its block of tasks is a block of the study's input sets.
// shard.json, written last, also holds the SHA-256 of every other file, checked as merge reads them
// (which finds a copy damaged on its way; an edit that updates shard.json too is merge's to find:
// shard-files.ts, shard-digest.ts, shard-rows.ts, shard-parquet.ts and cli/merge.ts).
// The .bin files are Node's structured-clone serialisation (node:v8 serialize): numbers are kept
// bit for bit (NaN, -0, infinities), typed arrays as typed arrays, so merged summaries are the
// bytes one machine would write. They are read back only by the same orisim version (merge checks).
import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readdirSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Variant } from '../scenario/types.js';
import type { ReplicationDigest } from '../run/digest.js';
import { DigestStore } from '../run/digest-store.js';
import { MAX_SHARDS } from '../scenario/limits.js';
import { MAX_SWEEP_VALUES } from '../stats/sweep.js';
import { SHARD_MANIFEST } from './output-marker.js';
import { checkShardListing, openShardFile, readAt, readShardFile, sha256Of, ShardError } from './shard-files.js';

export { ShardError };

export { SHARD_MANIFEST };
const SHARD_KIND = 'shard folder';
export const PLAN_FILE = 'plan.bin';
export const replicationsFile = (k: number): string => `replications-${k + 1}.bin`;
const CHUNK = 1 << 20;
/** A manifest larger than this is not one orisim wrote (one of a sweep of thousands of values holds a few MB). */
const MAX_MANIFEST_BYTES = 64 << 20;
/** A plan larger than this is not one orisim wrote (a sweep of 1,000 values of a large scenario holds tens of MB). */
const MAX_PLAN_BYTES = 512 << 20;
/** The most scenarios a command has: a sweep's values (compare takes fewer files). */
const MAX_SCENARIOS = MAX_SWEEP_VALUES;

/** How the shard's per-change rows are stored: the combine step (combineRowFiles) has one case per format. */
export type RowFormat = 'csv' | 'parquet' | 'events' | 'none';

export interface ShardManifest {
  orisim: typeof SHARD_KIND;
  version: string;
  command: 'run' | 'compare' | 'sweep' | 'uncertainty';
  shard: { index: number; count: number };
  /** The shard's block of the command's task list: tasks [from, to) of total (run/shard.ts); for uncertainty, of its input sets. */
  tasks: { from: number; to: number; total: number };
  seed: number;
  replications: number;
  scenarios: { name: string; file: string; sha256: string; resolvedSha256: string; variants: string[] }[];
  /** The command's options that shape its output (charts, baseline, param and values, …). */
  options: Record<string, unknown>;
  rows: RowFormat;
  /** SHA-256 of every other file of the shard (filled in by writeShardManifest): merge refuses a damaged copy. */
  sha256?: Record<string, string>;
}

/**
 * SHA-256 of a value as canonical JSON (non-finite numbers and -0 as text, typed arrays as lists):
 * the fingerprint of a resolved scenario, so shards made with other --set values or another base
 * file do not merge.
 */
export function fingerprint(value: unknown): string {
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : String(Object.is(v, -0) ? '-0' : v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
  return createHash('sha256').update(json ?? 'undefined').digest('hex');
}

/** SHA-256 of a file, read a chunk at a time. */
function fileSha256(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  try {
    let n: number;
    while ((n = readSync(fd, buffer, 0, CHUNK, null)) > 0) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Writes plan.bin, then shard.json with the SHA-256 of every file of the shard (the last files but the marker). */
export function writeShardManifest(dir: string, manifest: ShardManifest, plan: unknown): void {
  writeFileSync(join(dir, PLAN_FILE), serialize(plan));
  const files = readdirSync(dir).filter((f) => f !== SHARD_MANIFEST && !f.startsWith('.')).sort();
  const sha256 = Object.fromEntries(files.map((f) => [f, fileSha256(join(dir, f))]));
  writeFileSync(join(dir, SHARD_MANIFEST), JSON.stringify({ ...manifest, sha256 }, null, 2) + '\n');
}

/** Writes one frame: the length of `bytes` (uint32, little-endian), then the bytes. */
function writeFrame(fd: number, bytes: Uint8Array): void {
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32LE(bytes.length, 0);
  writeSync(fd, head);
  writeSync(fd, bytes);
}

/**
 * Writes a shard's replications of the command's scenario k: a frame with each variant's count,
 * then every digest in its own frame (a store's made back one at a time).
 */
export function writeShardReplications(dir: string, k: number, digests: Partial<Record<Variant, DigestStore | readonly ReplicationDigest[]>>): void {
  const variants = Object.entries(digests) as [Variant, DigestStore | readonly ReplicationDigest[]][];
  const fd = openSync(join(dir, replicationsFile(k)), 'w');
  try {
    writeFrame(fd, serialize({ counts: variants.map(([v, ds]) => [v, ds.length]) }));
    for (const [, ds] of variants) {
      if (ds instanceof DigestStore) for (let i = 0; i < ds.length; i++) writeFrame(fd, serialize(ds.digest(i)));
      else for (const d of ds) writeFrame(fd, serialize(d));
    }
  } finally {
    closeSync(fd);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The file of an uncertainty study's shard that holds its block's metrics (shard-study.ts). */
export const STUDY_METRICS_FILE = 'metrics.bin';

/** The files a shard folder of this manifest holds besides shard.json and the marker: plan, replications, rows; a study's plan and metrics. */
export function shardFiles(manifest: Pick<ShardManifest, 'command' | 'scenarios' | 'rows'>): string[] {
  if (manifest.command === 'uncertainty') return [STUDY_METRICS_FILE, PLAN_FILE];
  return [PLAN_FILE, ...manifest.scenarios.map((_s, k) => replicationsFile(k)), ...ROW_FILES[manifest.rows]].sort();
}

/** The manifest of a shard folder; a folder that is not one (or a damaged manifest) is a ShardError naming it. */
export function readShardManifest(dir: string): ShardManifest {
  const notShard = (why: string): ShardError =>
    new ShardError(`merge: ${dir} is not a shard folder (${why}); shard folders are written by run, compare, sweep or uncertainty with --shard I/N`);
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (st === undefined) throw notShard('no such folder');
  if (!st.isDirectory()) throw notShard(st.isSymbolicLink() ? 'a symbolic link; give the folder itself' : 'not a folder');
  let m: unknown;
  try {
    m = JSON.parse(readShardFile(dir, SHARD_MANIFEST, MAX_MANIFEST_BYTES, 'a shard manifest').toString('utf8'));
  } catch (err) {
    if (err instanceof ShardError && !err.message.endsWith(`${SHARD_MANIFEST} is missing`)) throw err;
    throw notShard(`no readable ${SHARD_MANIFEST}`);
  }
  const shard = isObject(m) ? m.shard : undefined;
  const tasks = isObject(m) ? m.tasks : undefined;
  if (!isObject(m) || m.orisim !== SHARD_KIND || !isObject(shard) || !isObject(tasks) || !Array.isArray(m.scenarios) || !isObject(m.options)) {
    throw notShard(`${SHARD_MANIFEST} is not a shard manifest`);
  }
  const ints = [shard.index, shard.count, tasks.from, tasks.to, tasks.total, m.replications];
  if (!ints.every((x) => Number.isSafeInteger(x)) || typeof m.version !== 'string' || typeof m.command !== 'string' || typeof m.seed !== 'number') {
    throw notShard(`${SHARD_MANIFEST} is not a shard manifest`);
  }
  const [index, count] = [shard.index as number, shard.count as number];
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) throw notShard(`${SHARD_MANIFEST} names shard ${index}/${count}`);
  const scenarios = m.scenarios as unknown[];
  const named = scenarios.every((x) => isObject(x) && typeof x.name === 'string' && typeof x.file === 'string' && typeof x.sha256 === 'string'
    && typeof x.resolvedSha256 === 'string' && Array.isArray(x.variants) && x.variants.every((v) => typeof v === 'string'));
  if (scenarios.length === 0 || scenarios.length > MAX_SCENARIOS || !named || typeof m.rows !== 'string' || !Object.hasOwn(ROW_FILES, m.rows)) {
    throw notShard(`${SHARD_MANIFEST} is not a shard manifest`);
  }
  const manifest = m as unknown as ShardManifest;
  const files = shardFiles(manifest);
  const sums = m.sha256;
  if (!isObject(sums) || Object.keys(sums).sort().join('\n') !== files.join('\n') || !Object.values(sums).every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) {
    throw new ShardError(`merge: ${dir}: ${SHARD_MANIFEST} does not list the SHA-256 of exactly the files of its plan (${files.join(', ')})`);
  }
  checkShardListing(dir, files);
  return manifest;
}

/** Throws unless `actual` is the SHA-256 the manifest records for `file` of the shard `dir`. */
export function checkSha256(dir: string, manifest: ShardManifest, file: string, actual: string): void {
  const expected = manifest.sha256?.[file];
  if (expected === undefined) throw new ShardError(`merge: ${dir}: ${SHARD_MANIFEST} lists no ${file}`);
  if (expected !== actual) throw new ShardError(`merge: ${dir}: ${file} is damaged (its SHA-256 is not the one ${SHARD_MANIFEST} records)`);
}

/** The bytes of a shard folder's plan.bin, checked against its manifest's SHA-256. */
export function readShardPlanBytes(dir: string, manifest: ShardManifest): Buffer {
  const bytes = readShardFile(dir, PLAN_FILE, MAX_PLAN_BYTES, 'a plan');
  checkSha256(dir, manifest, PLAN_FILE, createHash('sha256').update(bytes).digest('hex'));
  return bytes;
}

/** The plan a shard folder holds (plan.bin), checked against its manifest's SHA-256, and its bytes. */
export function readShardPlan(dir: string, manifest: ShardManifest): { plan: unknown; bytes: Buffer } {
  const bytes = readShardPlanBytes(dir, manifest);
  try {
    return { plan: deserialize(bytes), bytes };
  } catch (err) {
    throw new ShardError(`merge: ${dir}: cannot read ${PLAN_FILE} (${err instanceof Error ? err.message : String(err)})`);
  }
}

/**
 * Reads a shard's replications of the command's scenario k, checked against its manifest's SHA-256
 * first: calls `onDigest` with each digest (unchecked: see shard-digest.ts), variant by variant in
 * replication order, one frame at a time. A file that is not such frames is a ShardError naming it.
 */
export async function readShardReplications(
  dir: string,
  manifest: ShardManifest,
  k: number,
  onDigest: (variant: Variant, digest: unknown) => void,
): Promise<void> {
  const file = replicationsFile(k);
  const f = openShardFile(dir, file, Number.MAX_SAFE_INTEGER);
  const notReplications = (): ShardError => new ShardError(`merge: ${dir}: ${file} does not hold a shard's replications`);
  let position = 0;
  const frame = (): unknown => {
    const head = readAt(f.fd, 4, position);
    if (head.length < 4) throw notReplications();
    const length = head.readUInt32LE(0);
    if (length > f.size - position - 4) throw notReplications();
    const bytes = readAt(f.fd, length, position + 4);
    if (bytes.length < length) throw notReplications();
    position += 4 + length;
    try {
      return deserialize(bytes);
    } catch {
      throw notReplications();
    }
  };
  try {
    checkSha256(dir, manifest, file, sha256Of(f));
    const header = frame();
    if (!isObject(header) || !Array.isArray(header.counts) || Object.keys(header).length !== 1 || header.counts.length > 16) throw notReplications();
    for (const entry of header.counts as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !Number.isSafeInteger(entry[1]) || (entry[1] as number) < 0) throw notReplications();
      const variant = entry[0] as Variant;
      for (let i = 0; i < (entry[1] as number); i++) {
        onDigest(variant, frame());
        if (i % 256 === 255) await yieldToEvents(); // a signal can stop a merge of many digests
      }
    }
    if (position !== f.size) throw notReplications();
  } finally {
    closeSync(f.fd);
  }
}

/**
 * The files a row format keeps per shard, in the order the merged folder lists them: a run's
 * per-change file as --changes asks (csv, parquet; `events` = --changes none) and its events.csv;
 * compare and sweep keep none.
 */
const ROW_FILES: Record<RowFormat, readonly string[]> = {
  csv: ['changes.csv', 'events.csv'],
  parquet: ['changes.parquet', 'events.csv'],
  events: ['events.csv'],
  none: [],
};
