// `orisim run|compare|sweep … --shard I/N`: runs only shard I's block of the command's replications
// (the split: run/shard.ts) and writes a shard folder (output/shard-folder.ts) that `orisim merge`
// combines with the others into the folder one machine would have written.
import { runWithRowFiles } from '../output/run-to-folder.js';
import { writeFolderAtomically } from '../output/output-folder.js';
import { writeShardManifest, writeShardReplications } from '../output/shard-folder.js';
import { runReplications, serialExecutor, type RunOptions } from '../run/replications.js';
import { commandTaskCount, shardRange, shardTasks, type Shard } from '../run/shard.js';
import type { RunEstimate } from './estimate.js';
import { interruptible } from './interrupt.js';
import { planIdentity, planScenarios, shardManifest, type CommandPlan, type PlanContext } from '../api/plan.js';
import { printable } from './printable.js';
import { createProgress } from './progress.js';
import type { Scenario } from '../scenario/types.js';

/** The part of a run's estimate one shard does (its share of the tasks); the memory a replication needs stays. */
export function shareOfEstimate(e: RunEstimate, scenarios: readonly Scenario[], shard: Shard | undefined): RunEstimate {
  if (shard === undefined) return e;
  const total = commandTaskCount(scenarios);
  const { from, to } = shardRange(total, shard);
  const share = total === 0 ? 0 : (to - from) / total;
  return { ...e, changes: e.changes * share, otherJobs: e.otherJobs * share, outputBytes: e.outputBytes * share };
}

/** Runs shard I's replications of the plan into the shard folder ctx.out. */
export async function shardCommand(plan: CommandPlan, shard: Shard, ctx: PlanContext): Promise<number> {
  const scenarios = planScenarios(plan);
  const tasks = shardTasks(scenarios, shard);
  const manifest = shardManifest(plan, shard);
  const { from, to, total } = manifest.tasks;
  const label = `${scenarios[0]!.name} shard ${shard.index}/${shard.count}`;
  if (from === to) process.stderr.write(`note: shard ${shard.index}/${shard.count} runs no replications (${shard.count} shards for ${total} replications × variants); merge still needs its folder\n`);
  const progress = createProgress(label, !ctx.quiet);
  const t0 = performance.now();
  try {
    await interruptible(ctx.out, () =>
      writeFolderAtomically(ctx.out, { ...planIdentity(plan), shard: `${shard.index}/${shard.count}` }, async (tmp) => {
        let done = 0;
        for (const [k, scenario] of scenarios.entries()) {
          const mine = tasks[k]!;
          const options: RunOptions = {
            tasks: mine,
            executor: mine.length > 0 && ctx.executor !== undefined ? ctx.executor : serialExecutor,
            onProgress: (p) => progress.update(done + p.done, to - from),
          };
          const result = plan.command === 'run' ? await runWithRowFiles(tmp, scenario, options, plan.changes) : await runReplications(scenario, options);
          done += mine.length;
          writeShardReplications(tmp, k, result.digests);
        }
        writeShardManifest(tmp, manifest, plan);
      }),
    );
  } finally {
    progress.done();
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(
    `wrote ${printable(ctx.out)}/ (shard ${shard.index}/${shard.count}: replications × variants ${from === to ? 'none' : `${from + 1}–${to}`} of ${total}, ${seconds} s); combine the ${shard.count} shard folders with: orisim merge OUT SHARD_DIR…\n`,
  );
  return 0;
}
