// Runs a scenario's replications for each of its variants (common random numbers: the same
// seed, replication index and stream names in every variant). Each replication's full output is
// handed to `onOutput` (to be written out) in a fixed order, then reduced to a digest, so memory
// stays bounded however many replications run.
import { MINUTES_PER_DAY } from '../engine/time.js';
import { buildClassModels } from '../model/features.js';
import type { ReplicationOutput } from '../model/records.js';
import { runReplication } from '../model/replication.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { digestReplication, type ReplicationDigest } from './digest.js';
import { summariseVariant } from './summarise.js';
import type { Summary } from './summary-types.js';

export interface ReplicationTask {
  readonly variant: Variant;
  /** 1-based. */
  readonly replication: number;
}

/** What each replication keeps beyond its digest: replication 1 keeps its event log and work in progress. */
export function replicationOptions(task: ReplicationTask): { logEvents: boolean; sampleWip: boolean } {
  return { logEvents: task.replication === 1, sampleWip: task.replication === 1 };
}

/** The tasks of a run, in the order their outputs are delivered: variant by variant, replication by replication. */
export function tasksOf(scenario: Scenario): ReplicationTask[] {
  return scenario.variants.flatMap((variant) =>
    Array.from({ length: scenario.replications }, (_x, i) => ({ variant, replication: i + 1 })),
  );
}

/**
 * Runs tasks and calls `deliver` for each output in the order of `tasks`. The serial executor
 * runs them one after the other on this thread; a parallel one (worker threads) may run them in
 * any order but must deliver in task order.
 */
export type Executor = (
  scenario: Scenario,
  tasks: readonly ReplicationTask[],
  deliver: (task: ReplicationTask, output: ReplicationOutput) => void,
) => Promise<void>;

export const serialExecutor: Executor = async (scenario, tasks, deliver) => {
  const classModels = buildClassModels(scenario);
  for (const task of tasks) {
    deliver(task, runReplication(scenario, task.variant, task.replication, { classModels, ...replicationOptions(task) }));
  }
};

export interface RunProgress {
  done: number;
  total: number;
}

export interface RunOptions {
  /** Called after each replication of each variant. */
  onProgress?: (p: RunProgress) => void;
  /** Receives each replication's full output, in task order (for writing rows out). */
  onOutput?: (output: ReplicationOutput) => void;
  /** Full outputs kept in the result for the first this-many replications of each variant (default 1). */
  keep?: number;
  executor?: Executor;
}

export interface RunResult {
  scenario: Scenario;
  digests: Partial<Record<Variant, ReplicationDigest[]>>;
  /** Full outputs of the first `keep` replications of each variant. */
  kept: Partial<Record<Variant, ReplicationOutput[]>>;
}

export async function runReplications(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const tasks = tasksOf(scenario);
  const keep = options.keep ?? 1;
  const digests: Partial<Record<Variant, ReplicationDigest[]>> = {};
  const kept: Partial<Record<Variant, ReplicationOutput[]>> = {};
  for (const v of scenario.variants) {
    digests[v] = [];
    kept[v] = [];
  }
  let done = 0;
  await (options.executor ?? serialExecutor)(scenario, tasks, (task, output) => {
    options.onOutput?.(output);
    digests[task.variant]!.push(digestReplication(scenario, output));
    if (task.replication <= keep) kept[task.variant]!.push(output);
    done++;
    options.onProgress?.({ done, total: tasks.length });
  });
  return { scenario, digests, kept };
}

export interface SummaryContext {
  file: string;
  sha256: string;
  version: string;
}

export function buildSummary(result: RunResult, ctx: SummaryContext): Summary {
  const { scenario } = result;
  const variants: Summary['variants'] = {};
  for (const variant of scenario.variants) {
    variants[variant] = summariseVariant(scenario, result.digests[variant] ?? []);
  }
  return {
    scenario: { name: scenario.name, file: ctx.file, sha256: ctx.sha256 },
    run: {
      replications: scenario.replications,
      seed: scenario.seed,
      horizonDays: scenario.horizon / MINUTES_PER_DAY,
      warmupDays: scenario.warmup / MINUTES_PER_DAY,
      version: ctx.version,
    },
    variants,
  };
}
