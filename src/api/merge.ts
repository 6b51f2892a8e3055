// merge: the shard folders of one run, compare or sweep (made with --shard I/N) checked to be
// shards 1…N of one command (same version, command, N, scenarios, seed, replications, variants and
// options; each shard once), and the command finished from them: the digests of every replication
// in order, replication 1's full output, and the per-change files joined. readShards gives the plan
// and the replications; merge writes the output folder one machine would have written, byte for byte.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  combineRowFiles, readShardManifest, readShardPlan, readShardReplications, ShardError, type ShardManifest, type ShardReplications,
} from '../output/shard-folder.js';
import { runToFolder, type MergedReplications } from '../output/run-to-folder.js';
import type { ReplicationSource } from '../run/replications.js';
import { DigestStore } from '../run/digest-store.js';
import type { Variant } from '../scenario/types.js';
import { shardTasks } from '../run/shard.js';
import { UsageError } from './options.js';
import { planScenarios, shardManifest, type CommandPlan } from './plan.js';
import { compareToFolder } from './compare.js';
import type { CompareOutcome, SweepOutcome } from './results.js';
import { sweepToFolder } from './sweep.js';
import type { RunToFolderResult } from '../output/run-to-folder.js';

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

/** Refuses an OUT that is, or holds, one of the shard folders (writing it would remove the shard). */
function checkOut(out: string, shards: readonly ReadShard[]): void {
  const target = resolve(out);
  for (const s of shards) {
    const rel = relative(target, resolve(s.dir));
    if (rel === '') throw new UsageError(`merge: OUT ${out} is the shard folder ${s.dir}; write the merged output into another folder`);
    if (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) {
      throw new UsageError(`merge: OUT ${out} holds the shard folder ${s.dir}; write the merged output into another folder`);
    }
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

/** The shards read and checked: the command's plan and its replications, ready to finish into `out`. */
export interface ReadShards {
  readonly plan: CommandPlan;
  readonly from: MergedReplications;
}

/**
 * Reads and checks the shard folders (ShardError naming the folder for any problem) and that `out`
 * is not, and does not hold, one of them (UsageError).
 */
export function readShards(out: string, shardDirs: readonly string[]): ReadShards {
  if (shardDirs.length === 0) throw new UsageError('merge: name the shard folders after OUT: orisim merge OUT SHARD_DIR…');
  const shards = orderShards(shardDirs);
  checkOut(out, shards);
  const plan = shardPlan(shards);
  const from: MergedReplications = {
    replications: mergedReplications(shards, plan),
    rowFiles: async (dir) => combineRowFiles(shards[0]!.manifest.rows, dir, shards),
  };
  return { plan, from };
}

/** What merge finished: the command and its results. */
export type MergeOutcome =
  | { readonly command: 'run'; readonly run: RunToFolderResult }
  | { readonly command: 'compare'; readonly compare: CompareOutcome }
  | { readonly command: 'sweep'; readonly sweep: SweepOutcome };

/** Finishes the command the shard folders are shards of into the output folder `out`. */
export async function merge(out: string, shardDirs: readonly string[]): Promise<MergeOutcome> {
  const { plan, from } = readShards(out, shardDirs);
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
