// merge: the shard folders of one run, compare or sweep (made with --shard I/N) checked to be shards
// 1…N of one command (same version, command, N, scenarios, seed, replications, variants and options,
// the same plan.bin; each shard once), and the command finished from them: the digests of every
// replication in order and the per-change files joined, into the folder one machine would have
// written, byte for byte. Shard folders are hostile input: each file is checked before it is used
// (output/shard-files.ts, shard-digest.ts, shard-rows.ts, shard-parquet.ts), and for a run
// replication 1 of each variant is simulated again here: its output is the one used (wip.csv, the
// charts, --export, events.csv) and the shards' rows, events and digest of it must be exactly its.
// Any problem is a ShardError naming the shard folder. An uncertainty study's shards are checked and
// read by study-shards.ts, after the same ordering and OUT checks.
import { realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import {
  checkSha256, readShardManifest, readShardPlan, readShardPlanBytes, readShardReplications, ShardError, type ShardManifest,
} from '../output/shard-folder.js';
import { digestProblem } from '../output/shard-digest.js';
import { combineChangesCsv, combineEventsCsv, type FirstReplications, type RowShard } from '../output/shard-rows.js';
import { runToFolder, type MergedReplications, type RunToFolderResult } from '../output/run-to-folder.js';
import { runReplications, type ReplicationSource, type RunResult } from '../run/replications.js';
import type { ChangeBatch } from '../run/change-batch.js';
import type { ReplicationDigest } from '../run/digest.js';
import { DigestStore } from '../run/digest-store.js';
import { MINUTES_PER_WEEK } from '../engine/time.js';
import { MAX_COUNT, MAX_FEATURES_PER_WEEK, MAX_HORIZON_WEEKS } from '../scenario/limits.js';
import { VARIANTS, type Variant } from '../scenario/types.js';
import { shardTasks } from '../run/shard.js';
import { UsageError } from './options.js';
import { planScenarios, shardManifest, type CommandPlan, type RunPlan } from './plan.js';
import { compareToFolder } from './compare.js';
import type { CompareOutcome, SweepOutcome } from './results.js';
import { sweepToFolder } from './sweep.js';
import { readStudyShards, type ReadStudyShards } from './study-shards.js';
import { studyToFolder } from './uncertainty.js';
import type { UncertaintyResult } from '../study/analysis.js';

export { ShardError };

interface ReadShard {
  dir: string;
  manifest: ShardManifest;
}

const name = (s: ReadShard): string => `${s.dir} (shard ${s.manifest.shard.index}/${s.manifest.shard.count})`;
const list = (xs: readonly unknown[]): string => xs.map(String).join(', ');

/** The first way `b` differs from `a` that makes them shards of different runs, as "seed 7, not 42"; undefined when none. */
export function shardMismatch(a: ShardManifest, b: ShardManifest): string | undefined {
  if (b.version !== a.version) return `orisim version ${b.version}, not ${a.version}`;
  if (b.command !== a.command) return `command ${b.command}, not ${a.command}`;
  if (b.shard.count !== a.shard.count) return `${b.shard.count} shards, not ${a.shard.count}`;
  if (b.seed !== a.seed) return `seed ${b.seed}, not ${a.seed}`;
  if (b.replications !== a.replications) return `${b.replications} replications, not ${a.replications}`;
  if (b.options.samples !== a.options.samples) return `${String(b.options.samples)} samples, not ${String(a.options.samples)}`;
  if (b.scenarios.length !== a.scenarios.length) return `${b.scenarios.length} scenarios, not ${a.scenarios.length}`;
  for (const [k, sa] of a.scenarios.entries()) {
    const sb = b.scenarios[k]!;
    if (sb.name !== sa.name) return `scenario ${k + 1} is ${sb.name}, not ${sa.name}`;
    if (sb.file !== sa.file) return `scenario ${k + 1} was read from ${sb.file}, not ${sa.file}`;
    if (sb.sha256 !== sa.sha256) return `scenario ${sa.name} has SHA-256 ${sb.sha256.slice(0, 12)}…, not ${sa.sha256.slice(0, 12)}… (another text)`;
    if (list(sb.variants) !== list(sa.variants)) return `scenario ${sa.name} runs variants ${list(sb.variants)}, not ${list(sa.variants)}`;
    if (sb.resolvedSha256 !== sa.resolvedSha256) return `scenario ${sa.name} resolves to other values (another --set or base file)`;
  }
  if (JSON.stringify(b.options) !== JSON.stringify(a.options)) return `options ${JSON.stringify(b.options)}, not ${JSON.stringify(a.options)}`;
  return undefined;
}

/** The shard folders in shard order 1…N, checked to be exactly the shards of one run. */
export function orderShards(dirs: readonly string[]): ReadShard[] {
  const read = dirs.map((dir) => ({ dir, manifest: readShardManifest(dir) }));
  const ref = read[0]!;
  const n = ref.manifest.shard.count;
  for (const s of read) {
    const why = shardMismatch(ref.manifest, s.manifest);
    if (why !== undefined) throw new ShardError(`merge: ${name(s)} is not from the same run as ${name(ref)}: ${why}`);
  }
  const byIndex = new Map<number, ReadShard>();
  for (const s of read) {
    const same = byIndex.get(s.manifest.shard.index);
    if (same !== undefined) {
      const again = resolve(same.dir) === resolve(s.dir) ? ` (${s.dir} is given twice)` : '';
      throw new ShardError(`merge: ${same.dir} and ${s.dir} are both shard ${s.manifest.shard.index}/${n}${again}`);
    }
    byIndex.set(s.manifest.shard.index, s);
  }
  const missing = Array.from({ length: n }, (_x, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((i) => `${i}/${n}`).join(', ') + (missing.length > 10 ? ` and ${missing.length - 10} more` : '');
    const given = [...byIndex.keys()].sort((x, y) => x - y).map((i) => `${i}/${n}`).join(', ');
    throw new ShardError(`merge: shard${missing.length > 1 ? 's' : ''} ${shown} ${missing.length > 1 ? 'are' : 'is'} missing (given: ${given})`);
  }
  return Array.from({ length: n }, (_x, i) => byIndex.get(i + 1)!);
}

/** Why a plan orisim made could not look like this, in the parts merge itself relies on (the split, the rows, the run of replication 1); undefined when none. */
function planProblem(plan: CommandPlan): string | undefined {
  if (plan.command === 'run' && (typeof plan.text !== 'string' || createHash('sha256').update(plan.text).digest('hex') !== plan.sha256)) return 'its scenario text is not the one its SHA-256 names';
  for (const s of planScenarios(plan)) {
    const d = s.teams?.delivery;
    const ok = Number.isSafeInteger(s.replications) && s.replications >= 1 && s.replications <= MAX_COUNT.replications
      && Array.isArray(s.variants) && s.variants.length > 0 && new Set(s.variants).size === s.variants.length && s.variants.every((v) => VARIANTS.includes(v))
      && typeof s.horizon === 'number' && s.horizon > 0 && s.horizon <= MAX_HORIZON_WEEKS * MINUTES_PER_WEEK && typeof s.warmup === 'number' && s.warmup >= 0 && s.warmup < s.horizon
      && Array.isArray(s.classes) && s.classes.length > 0 && s.classes.every((c) => typeof c?.name === 'string')
      && Number.isSafeInteger(d?.count) && d.count >= 1 && d.count <= MAX_COUNT['teams.delivery.count'] && typeof d.featuresPerWeek === 'number' && d.featuresPerWeek <= MAX_FEATURES_PER_WEEK;
    if (!ok) return `scenario ${JSON.stringify(String(s.name).slice(0, 60))} is outside the limits of a scenario`;
  }
  return undefined;
}

/** The plan the shards were made from, checked against each shard's manifest and plan.bin. */
function shardPlan(shards: readonly ReadShard[]): CommandPlan {
  const first = shards[0]!;
  const { plan: read, bytes: firstBytes } = readShardPlan(first.dir, first.manifest);
  const plan = read as CommandPlan;
  const notPlan = (why: string): ShardError => new ShardError(`merge: ${first.dir}: plan.bin does not hold a plan this orisim made (${why})`);
  for (const s of shards) {
    let made: ShardManifest;
    try {
      made = shardManifest(plan, s.manifest.shard);
    } catch {
      throw new ShardError(`merge: ${first.dir}: plan.bin does not hold a plan this orisim made`);
    }
    const { sha256: _files, ...own } = s.manifest;
    if (JSON.stringify(made) !== JSON.stringify(own)) {
      throw new ShardError(`merge: ${name(s)}: its shard.json does not match the plan in ${first.dir}/plan.bin (a damaged or edited shard folder)`);
    }
    if (s !== first && !readShardPlanBytes(s.dir, s.manifest).equals(firstBytes)) {
      throw new ShardError(`merge: ${name(s)}: its plan.bin is not the one in ${first.dir} (a damaged or edited shard folder)`);
    }
  }
  let why: string | undefined;
  try {
    why = planProblem(plan);
  } catch {
    why = 'its scenarios are not scenarios';
  }
  if (why !== undefined) throw notPlan(why);
  return plan;
}

/** "device:inode" of a folder (following links), or undefined when there is nothing there. */
function identity(path: string): string | undefined {
  const st = statSync(path, { throwIfNoEntry: false });
  return st === undefined ? undefined : `${st.dev}:${st.ino}`;
}

/** The identities of a folder and of every folder above it, along its real path. */
function identitiesUp(path: string): string[] {
  const ids: string[] = [];
  for (let p = realpathSync(path); ; p = dirname(p)) {
    ids.push(identity(p)!);
    if (dirname(p) === p) return ids;
  }
}

/** The nearest existing folder at or above `path` (the root at worst). */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (statSync(p, { throwIfNoEntry: false }) === undefined && dirname(p) !== p) p = dirname(p);
  return p;
}

/**
 * Refuses an OUT that is one of the shard folders, holds one, or lies inside one (writing it would
 * remove or change the shard), compared by device and inode along real paths, so a symbolic link
 * or a bind mount does not hide that two paths are one folder.
 */
function checkOut(out: string, shards: readonly ReadShard[]): void {
  const look = <T>(f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw new ShardError(`merge: cannot tell whether OUT ${out} is one of the shard folders (${err instanceof Error ? err.message : String(err)})`);
    }
  };
  const outId = look(() => identity(out));
  const aboveOut = new Set(look(() => identitiesUp(nearestExisting(out))));
  for (const s of shards) {
    const up = look(() => identitiesUp(s.dir));
    const where = outId === undefined ? -1 : up.indexOf(outId);
    if (where === 0) throw new UsageError(`merge: OUT ${out} is the shard folder ${s.dir}; write the merged output into another folder`);
    if (where > 0) throw new UsageError(`merge: OUT ${out} holds the shard folder ${s.dir}; write the merged output into another folder`);
    if (aboveOut.has(up[0]!)) throw new UsageError(`merge: OUT ${out} is inside the shard folder ${s.dir}; write the merged output into another folder`);
  }
}

/**
 * Replication 1 of each variant of a run, simulated again here: its full output (wip.csv, the
 * charts and --export come from it), its digest and rows, against which the shards' are checked.
 */
export async function simulateFirst(plan: RunPlan): Promise<FirstReplications & { result: RunResult; digests: Partial<Record<Variant, ReplicationDigest>> }> {
  const tasks = plan.scenario.variants.map((variant) => ({ variant, replication: 1 }));
  const first = { changesCsv: {}, eventsCsv: {}, changesBatch: {} } as {
    -readonly [K in keyof FirstReplications]: Partial<Record<Variant, K extends 'changesBatch' ? ChangeBatch : Uint8Array>>;
  };
  let i = 0;
  const result = await runReplications(plan.scenario, {
    tasks,
    changes: plan.changes,
    onRows: (changesCsv, eventsCsv, batch) => {
      const v = tasks[i++]!.variant;
      first.changesCsv[v] = changesCsv;
      first.eventsCsv[v] = eventsCsv;
      if (batch !== null) first.changesBatch[v] = batch;
    },
  });
  const digests = Object.fromEntries(tasks.map(({ variant }) => [variant, result.digests[variant]!.digest(0)]));
  return { ...first, result, digests };
}

/**
 * Whether two values read back from structured-clone data are the same bit for bit: numbers by
 * Object.is (-0 is not 0, NaN is NaN), typed arrays by type and bytes, objects and arrays key by
 * key. (Their serialised bytes may differ: V8 writes a number as an integer or a double as it holds
 * it, which a worker thread's copy of a digest need not share with this thread's.)
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

type First = Awaited<ReturnType<typeof simulateFirst>>;

/** The shards as the row checks see them: each one's tasks of the run's scenario and its manifest's SHA-256 check. */
function rowShards(shards: readonly ReadShard[], plan: RunPlan): RowShard[] {
  return shards.map((s) => ({
    dir: s.dir,
    tasks: shardTasks([plan.scenario], s.manifest.shard)[0]!,
    checkSha256: (file, sum) => checkSha256(s.dir, s.manifest, file, sum),
  }));
}

/** Writes a run's per-change file and events.csv into `dir` from the shards, checked; returns each shard's counted live changes per task. */
async function writeRowFiles(dir: string, shards: readonly ReadShard[], plan: RunPlan, first: First): Promise<Int32Array[] | undefined> {
  const parts = rowShards(shards, plan);
  let live: Int32Array[] | undefined;
  if (plan.changes === 'csv') live = await combineChangesCsv(join(dir, 'changes.csv'), parts, plan.scenario, first);
  if (plan.changes === 'parquet') {
    // Loaded here, not at start-up: only a merge of --changes parquet shards needs the Parquet libraries.
    const [{ ChangesParquetWriter }, { appendShardParquet }] = await Promise.all([import('../output/changes-parquet.js'), import('../output/shard-parquet.js')]);
    const writer = new ChangesParquetWriter(join(dir, 'changes.parquet'));
    try {
      live = [];
      for (const part of parts) live.push(await appendShardParquet(writer, part, plan.scenario, first.changesBatch));
    } finally {
      writer.close();
    }
  }
  combineEventsCsv(join(dir, 'events.csv'), parts, plan.scenario.variants, first);
  return live;
}

/**
 * Scenario k's replications from the shards, in replication order, each digest checked to have a
 * digest's shape, to be a replication of the shard's block, and (run) to match what merge knows:
 * replication 1's digest is the one merge made, and each replication holds as many counted live
 * changes as the shard's rows show. `live()` gives those counts once the row files are written.
 */
function mergedReplications(shards: readonly ReadShard[], plan: CommandPlan, first: First | undefined, live: () => Int32Array[] | undefined): ReplicationSource {
  const scenarios = planScenarios(plan);
  return async (scenario, k) => {
    const digests: Partial<Record<Variant, DigestStore>> = {};
    for (const v of scenario.variants) digests[v] = new DigestStore();
    for (const [j, s] of shards.entries()) {
      const expected = shardTasks(scenarios, s.manifest.shard)[k]!;
      const want = Object.fromEntries(scenario.variants.map((v) => [v, expected.filter((t) => t.variant === v).map((t) => t.replication)]));
      const got: Partial<Record<Variant, number[]>> = {};
      const counts = live()?.[j];
      const file = `replications-${k + 1}.bin`;
      await readShardReplications(s.dir, s.manifest, k, (v, d) => {
        const i = (got[v] ??= []).length;
        const replication = Object.hasOwn(want, v) ? want[v]![i] : undefined;
        const refuse = (why: string): ShardError => new ShardError(`merge: ${name(s)}: ${file}: ${v} digest ${i + 1}: ${why}; the shard folder was damaged or edited`);
        if (replication === undefined) throw refuse(`this shard runs ${Object.hasOwn(want, v) ? `${want[v]!.length} replications of ${v}` : `no ${v} replications`}`);
        const why = digestProblem(d, scenario, v, replication);
        if (why !== undefined) throw refuse(why);
        const digest = d as ReplicationDigest;
        if (replication === 1 && first !== undefined && !sameValue(digest, first.digests[v]!)) throw refuse('not the digest of replication 1, which merge simulates again');
        const t = expected.findIndex((x) => x.variant === v && x.replication === replication);
        if (counts !== undefined && counts[t] !== digest.leadTimeDays.length) {
          throw refuse(`${digest.leadTimeDays.length} counted changes went live, but the shard's rows show ${counts[t]}`);
        }
        got[v]!.push(replication);
        digests[v]!.append(digest);
      });
      for (const v of scenario.variants) {
        if (list(got[v] ?? []) !== list(want[v]!)) {
          throw new ShardError(`merge: ${name(s)}: scenario ${scenario.name}, ${v}: holds replications [${list(got[v] ?? [])}], expected [${list(want[v]!)}]`);
        }
      }
    }
    const kept = first === undefined ? {} : first.result.kept;
    return { scenario, digests, kept };
  };
}

/** The shards read and checked: the command's plan and its replications, ready to finish into `out` (a study's: its plan and metrics). */
export type ReadShards = { readonly plan: CommandPlan; readonly from: MergedReplications } | ReadStudyShards;

/**
 * Reads and checks the shard folders (ShardError naming the folder for any problem) and that `out`
 * is not, does not hold and is not inside one of them (UsageError); for a run, simulates
 * replication 1 of each variant again, against which the shards' rows and digests are checked.
 */
export async function readShards(out: string, shardDirs: readonly string[]): Promise<ReadShards> {
  if (shardDirs.length === 0) throw new UsageError('merge: name the shard folders after OUT: orisim merge OUT SHARD_DIR…');
  const shards = orderShards(shardDirs);
  checkOut(out, shards);
  if (shards[0]!.manifest.command === 'uncertainty') return readStudyShards(shards);
  const plan = shardPlan(shards);
  const first = plan.command === 'run' ? await simulateFirst(plan) : undefined;
  let live: Int32Array[] | undefined;
  const from: MergedReplications = {
    replications: mergedReplications(shards, plan, first, () => live),
    rowFiles: async (dir) => {
      live = await writeRowFiles(dir, shards, plan as RunPlan, first!);
    },
  };
  return { plan, from };
}

/** What merge finished: the command and its results. */
export type MergeOutcome =
  | { readonly command: 'run'; readonly run: RunToFolderResult }
  | { readonly command: 'compare'; readonly compare: CompareOutcome }
  | { readonly command: 'sweep'; readonly sweep: SweepOutcome }
  | { readonly command: 'uncertainty'; readonly study: UncertaintyResult };

/** Finishes the command the shard folders are shards of into the output folder `out`. */
export async function merge(out: string, shardDirs: readonly string[]): Promise<MergeOutcome> {
  const read = await readShards(out, shardDirs);
  if ('metrics' in read) return { command: 'uncertainty', study: await studyToFolder(read.plan, out, async () => read.metrics) };
  const { plan, from } = read;
  switch (plan.command) {
    case 'run': {
      const text = plan.text;
      const run = await runToFolder(plan.scenario, {
        file: plan.file, text, out, from, export: plan.export, changes: plan.changes,
        ...(plan.charts ? { extras: async (dir, result, summary, tables) => (await import('./charts.js')).writeChartsAndReport(dir, result, summary, tables, text, { slides: plan.slides }) } : {}),
      });
      return { command: 'run', run };
    }
    case 'compare':
      return { command: 'compare', compare: await compareToFolder(plan, out, { from }) };
    case 'sweep':
      return { command: 'sweep', sweep: await sweepToFolder(plan, out, { from }) };
  }
}
