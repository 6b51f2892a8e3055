// `orisim merge OUT SHARD_DIR…`: checks that the shard folders are shards 1…N of one command (same
// version, command, N, scenarios, seed, replications, variants and options; each shard once), then
// finishes the command from them: the digests of every replication in order, replication 1's full
// output, and the per-change files joined. The folder is byte for byte the one the command writes
// on one machine, and stdout is the same. Any problem is exit 2 naming the shard folder.
import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  combineRowFiles, readShardManifest, readShardPlan, readShardReplications, ShardError, type ShardManifest, type ShardReplications,
} from '../report/shard-folder.js';
import type { MergedReplications } from '../pipeline.js';
import type { ReplicationSource } from '../stats/replications.js';
import { DigestStore } from '../stats/digest-store.js';
import type { Variant } from '../scenario/types.js';
import { shardTasks } from '../stats/shard.js';
import { executeRun, UsageError } from './commands.js';
import { executeCompare } from './compare.js';
import { executeSweep } from './sweep.js';
import { planScenarios, type CommandPlan } from './plan.js';
import { shardManifest } from './shard.js';

export interface MergeArgs {
  out: string;
  shards: readonly string[];
  quiet: boolean;
}

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

/** The plan the shards were made from, checked against each shard's manifest. */
function shardPlan(shards: readonly ReadShard[]): CommandPlan {
  const first = shards[0]!;
  const plan = readShardPlan(first.dir, first.manifest) as CommandPlan;
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
  }
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
  const outId = identity(out);
  const aboveOut = new Set(identitiesUp(nearestExisting(out)));
  for (const s of shards) {
    const up = identitiesUp(s.dir);
    const where = outId === undefined ? -1 : up.indexOf(outId);
    if (where === 0) throw new UsageError(`merge: OUT ${out} is the shard folder ${s.dir}; write the merged output into another folder`);
    if (where > 0) throw new UsageError(`merge: OUT ${out} holds the shard folder ${s.dir}; write the merged output into another folder`);
    if (aboveOut.has(up[0]!)) throw new UsageError(`merge: OUT ${out} is inside the shard folder ${s.dir}; write the merged output into another folder`);
  }
}

/** Scenario k's replications from the shards, in replication order, checked to be complete. */
function mergedReplications(shards: readonly ReadShard[], plan: CommandPlan): ReplicationSource {
  const scenarios = planScenarios(plan);
  return (scenario, k) => {
    const digests: Partial<Record<Variant, DigestStore>> = {};
    const kept: ShardReplications['kept'] = {};
    for (const v of scenario.variants) {
      digests[v] = new DigestStore();
      kept[v] = [];
    }
    for (const s of shards) {
      // Each digest goes into its variant's store as it is read; the replications are checked after.
      const got: Partial<Record<Variant, number[]>> = {};
      const partKept = readShardReplications(s.dir, s.manifest, k, (v, d) => {
        const store = Object.hasOwn(digests, v) ? digests[v] : undefined;
        if (store === undefined) return;
        (got[v] ??= []).push(d.record.replication);
        store.append(d);
      });
      const expected = shardTasks(scenarios, s.manifest.shard)[k]!;
      for (const v of scenario.variants) {
        const want = expected.filter((t) => t.variant === v).map((t) => t.replication);
        if (list(got[v] ?? []) !== list(want)) {
          throw new ShardError(`merge: ${name(s)}: scenario ${scenario.name}, ${v}: holds replications [${list(got[v] ?? [])}], expected [${list(want)}]`);
        }
        kept[v]!.push(...(partKept[v] ?? []));
      }
    }
    return Promise.resolve({ scenario, digests, kept });
  };
}

export async function mergeCommand(args: MergeArgs): Promise<number> {
  if (args.shards.length === 0) throw new UsageError('merge: name the shard folders after OUT: orisim merge OUT SHARD_DIR…');
  const shards = orderShards(args.shards);
  checkOut(args.out, shards);
  const plan = shardPlan(shards);
  const from: MergedReplications = {
    replications: mergedReplications(shards, plan),
    rowFiles: async (dir) => combineRowFiles(shards[0]!.manifest.rows, dir, shards),
  };
  const ctx = { out: args.out, quiet: args.quiet, from };
  switch (plan.command) {
    case 'run':
      return executeRun(plan, ctx);
    case 'compare':
      return executeCompare(plan, ctx);
    case 'sweep':
      return executeSweep(plan, ctx);
  }
}
