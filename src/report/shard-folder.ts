// A shard folder: what `--shard I/N` writes and `orisim merge` reads. It is an orisim output folder
// (written atomically, with the marker) holding
//   shard.json            the manifest: command, version, shard I/N, its block of tasks, seed,
//                         replications, each scenario (name, file, SHA-256 of its text, SHA-256 of
//                         the resolved scenario, variants) and the options that shape the output
//   plan.bin              the command's plan (scenarios resolved), so merge needs no scenario file
//   replications-K.bin    for the command's K-th scenario (from 1): the digests of the shard's
//                         replications and the full output of replication 1 if the shard ran it,
//                         as frames (a 4-byte little-endian length, then that many bytes): first
//                         { kept, counts: [[variant, n], …] }, then each variant's n digests in
//                         replication order, one frame each, so that neither writing nor reading
//                         holds more than one digest beside the digest store
//   changes.csv or changes.parquet (run only, as --changes asks), events.csv (run only): the rows of
//                         the shard's replications, each file with its header
// shard.json, written last, also holds the SHA-256 of every other file, checked as merge reads them.
// The .bin files are Node's structured-clone serialisation (node:v8 serialize): numbers are kept
// bit for bit (NaN, -0, infinities), typed arrays as typed arrays, so merged summaries are the
// bytes one machine would write. They are read back only by the same orisim version (merge checks).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ReplicationOutput } from '../model/records.js';
import type { Variant } from '../scenario/types.js';
import type { ReplicationDigest } from '../stats/digest.js';
import { DigestStore } from '../stats/digest-store.js';
import { MAX_SHARDS } from '../stats/shard.js';
import { SHARD_MANIFEST } from './output-marker.js';

export { SHARD_MANIFEST };
const SHARD_KIND = 'shard folder';
const PLAN_FILE = 'plan.bin';
const replicationsFile = (k: number): string => `replications-${k + 1}.bin`;
const CHUNK = 1 << 20;
/** A manifest larger than this is not one orisim wrote (one of a sweep of thousands of values holds a few MB). */
const MAX_MANIFEST_BYTES = 64 << 20;

/** How the shard's per-change rows are stored: the combine step (combineRowFiles) has one case per format. */
export type RowFormat = 'csv' | 'parquet' | 'events' | 'none';

export interface ShardManifest {
  orisim: typeof SHARD_KIND;
  version: string;
  command: 'run' | 'compare' | 'sweep';
  shard: { index: number; count: number };
  /** The shard's block of the command's task list: tasks [from, to) of total (stats/shard.ts). */
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

/** The replications of one scenario a shard ran: the full outputs it kept (its digests are read one at a time). */
export interface ShardReplications {
  kept: Partial<Record<Variant, ReplicationOutput[]>>;
}

/** A shard folder cannot be merged (exit 2); the message names the folder. */
export class ShardError extends Error {
  override name = 'ShardError';
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

/** Throws unless `bytes` (of `file` in the shard `dir`) are the ones its manifest names. */
function checkSha256(dir: string, manifest: ShardManifest, file: string, actual: string): void {
  const expected = manifest.sha256?.[file];
  if (expected === undefined) throw new ShardError(`merge: ${dir}: ${SHARD_MANIFEST} lists no ${file}`);
  if (expected !== actual) throw new ShardError(`merge: ${dir}: ${file} is damaged (its SHA-256 is not the one ${SHARD_MANIFEST} records)`);
}

/** Writes one frame: the length of `bytes` (uint32, little-endian), then the bytes. */
function writeFrame(fd: number, bytes: Uint8Array): void {
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32LE(bytes.length, 0);
  writeSync(fd, head);
  writeSync(fd, bytes);
}

/**
 * Writes a shard's replications of the command's scenario k: a frame with the kept outputs and each
 * variant's count, then every digest in its own frame (a store's made back one at a time).
 */
export function writeShardReplications(
  dir: string,
  k: number,
  r: { digests: Partial<Record<Variant, DigestStore | readonly ReplicationDigest[]>>; kept: ShardReplications['kept'] },
): void {
  const variants = Object.entries(r.digests) as [Variant, DigestStore | readonly ReplicationDigest[]][];
  const fd = openSync(join(dir, replicationsFile(k)), 'w');
  try {
    writeFrame(fd, serialize({ kept: r.kept, counts: variants.map(([v, ds]) => [v, ds.length]) }));
    for (const [, ds] of variants) {
      if (ds instanceof DigestStore) for (let i = 0; i < ds.length; i++) writeFrame(fd, serialize(ds.digest(i)));
      else for (const d of ds) writeFrame(fd, serialize(d));
    }
  } finally {
    closeSync(fd);
  }
}

function readBin(dir: string, manifest: ShardManifest, file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, file));
  } catch (err) {
    throw new ShardError(`merge: ${dir}: cannot read ${file} (${err instanceof Error ? err.message : String(err)})`);
  }
  checkSha256(dir, manifest, file, createHash('sha256').update(bytes).digest('hex'));
  try {
    return deserialize(bytes);
  } catch (err) {
    throw new ShardError(`merge: ${dir}: cannot read ${file} (${err instanceof Error ? err.message : String(err)})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The manifest of a shard folder; a folder that is not one (or a damaged manifest) is a ShardError naming it. */
export function readShardManifest(dir: string): ShardManifest {
  const notShard = (why: string): ShardError =>
    new ShardError(`merge: ${dir} is not a shard folder (${why}); shard folders are written by run, compare or sweep with --shard I/N`);
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (st === undefined) throw notShard('no such folder');
  if (!st.isDirectory()) throw notShard('not a folder');
  let m: unknown;
  try {
    const path = join(dir, SHARD_MANIFEST);
    if ((lstatSync(path, { throwIfNoEntry: false })?.size ?? 0) > MAX_MANIFEST_BYTES) throw new Error('too large');
    m = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
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
  return m as unknown as ShardManifest;
}

export function readShardPlan(dir: string, manifest: ShardManifest): unknown {
  return readBin(dir, manifest, PLAN_FILE);
}

/** Reads exactly `length` bytes at `position` of `fd` (fewer only at the end of the file). */
function readAt(fd: number, length: number, position: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let got = 0;
  let n: number;
  while (got < length && (n = readSync(fd, bytes, got, length - got, position + got)) > 0) got += n;
  return got === length ? bytes : bytes.subarray(0, got);
}

/**
 * Reads a shard's replications of the command's scenario k, checked against its manifest's SHA-256
 * first: calls `onDigest` with each digest, variant by variant in replication order, one frame at
 * a time, and returns the kept outputs. A file that is not such frames is a ShardError naming it.
 */
export function readShardReplications(
  dir: string,
  manifest: ShardManifest,
  k: number,
  onDigest: (variant: Variant, digest: ReplicationDigest) => void,
): ShardReplications['kept'] {
  const file = replicationsFile(k);
  const path = join(dir, file);
  let fd: number;
  try {
    checkSha256(dir, manifest, file, fileSha256(path));
    fd = openSync(path, 'r');
  } catch (err) {
    if (err instanceof ShardError) throw err;
    throw new ShardError(`merge: ${dir}: cannot read ${file} (${err instanceof Error ? err.message : String(err)})`);
  }
  const notReplications = (): ShardError => new ShardError(`merge: ${dir}: ${file} does not hold a shard's replications`);
  let size = 0;
  let position = 0;
  const frame = (): unknown => {
    const head = readAt(fd, 4, position);
    if (head.length < 4) throw notReplications();
    const length = head.readUInt32LE(0);
    if (length > size - position - 4) throw notReplications();
    const body = readAt(fd, length, position + 4);
    if (body.length < length) throw notReplications();
    position += 4 + length;
    try {
      return deserialize(body);
    } catch {
      throw notReplications();
    }
  };
  try {
    size = fstatSync(fd).size;
    const header = frame();
    if (!isObject(header) || !isObject(header.kept) || !Array.isArray(header.counts)) throw notReplications();
    for (const entry of header.counts as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Number.isSafeInteger(entry[1]) || (entry[1] as number) < 0) throw notReplications();
      const variant = entry[0] as Variant;
      for (let i = 0; i < (entry[1] as number); i++) {
        const d = frame();
        if (!isObject(d) || !isObject(d.record)) throw notReplications();
        onDigest(variant, d as unknown as ReplicationDigest);
      }
    }
    if (position !== size) throw notReplications();
    return header.kept as ShardReplications['kept'];
  } finally {
    closeSync(fd);
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

/**
 * Writes the merged per-change files into `out` from the shards' parts (shards in order 1…N).
 * A CSV file: the first shard's header line, then every shard's rows after its header, copied a
 * chunk at a time (memory does not grow with the files). changes.parquet: every shard's rows, row
 * group by row group, through one writer that groups rows as a single run's writer does, so the
 * merged file is the one a single machine writes.
 */
export async function combineRowFiles(format: RowFormat, out: string, shards: readonly { dir: string; manifest: ShardManifest }[]): Promise<void> {
  const files = Object.hasOwn(ROW_FILES, format) ? ROW_FILES[format] : undefined;
  if (files === undefined) throw new ShardError(`merge: ${shards[0]?.dir ?? ''}: ${SHARD_MANIFEST} names an unknown row format`);
  for (const file of files) {
    if (file.endsWith('.parquet')) await concatenateParquet(join(out, file), shards, file);
    else concatenateCsv(join(out, file), shards, file);
  }
}

async function concatenateParquet(target: string, shards: readonly { dir: string; manifest: ShardManifest }[], file: string): Promise<void> {
  // Loaded here, not at start-up: only a merge of --changes parquet shards needs the Parquet libraries.
  const { ChangesParquetWriter } = await import('./changes-parquet.js');
  const writer = new ChangesParquetWriter(target);
  try {
    for (const { dir, manifest } of shards) {
      const part = join(dir, file);
      let sha256: string;
      try {
        sha256 = fileSha256(part);
      } catch {
        throw new ShardError(`merge: ${part} is missing`);
      }
      checkSha256(dir, manifest, file, sha256);
      try {
        await writer.appendFile(part);
      } catch (error) {
        throw new ShardError(`merge: ${part} cannot be read as a changes.parquet (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  } finally {
    writer.close();
  }
}

function concatenateCsv(target: string, shards: readonly { dir: string; manifest: ShardManifest }[], file: string): void {
  const fd = openSync(target, 'w');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let header: Buffer | undefined;
  const first = join(shards[0]?.dir ?? '', file);
  try {
    for (const { dir, manifest } of shards) {
      const part = join(dir, file);
      const hash = createHash('sha256');
      let input: number;
      try {
        input = openSync(part, 'r');
      } catch {
        throw new ShardError(`merge: ${part} is missing`);
      }
      try {
        // The header is the first line (column names hold no line break).
        let head = Buffer.alloc(0);
        let n = 0;
        let newline = -1;
        while (newline < 0 && (n = readSync(input, buffer, 0, CHUNK, null)) > 0) {
          hash.update(buffer.subarray(0, n));
          head = Buffer.concat([head, buffer.subarray(0, n)]);
          newline = head.indexOf(0x0a);
        }
        if (newline < 0) throw new ShardError(`merge: ${part} has no header line`);
        const own = head.subarray(0, newline + 1);
        if (header === undefined) {
          header = Buffer.from(own);
          writeSync(fd, header);
        } else if (!own.equals(header)) throw new ShardError(`merge: ${part} has another header than ${first}`);
        if (head.length > newline + 1) writeSync(fd, head.subarray(newline + 1));
        while ((n = readSync(input, buffer, 0, CHUNK, null)) > 0) {
          hash.update(buffer.subarray(0, n));
          writeSync(fd, buffer.subarray(0, n));
        }
        checkSha256(dir, manifest, file, hash.digest('hex'));
      } finally {
        closeSync(input);
      }
    }
  } finally {
    closeSync(fd);
  }
}
