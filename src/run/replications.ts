// Runs a scenario's replications for each of its variants (common random numbers: the same
// seed, replication index and stream names in every variant). Each replication is reduced where
// it ran to a digest and its rows as CSV bytes, delivered in a fixed order, so memory stays
// bounded however many replications run and worker threads hand back little.
import { TimeBase } from '../engine/time.js';
import { buildClassModels, type ClassModel } from '../model/features.js';
import type { ReplicationOutput } from '../model/records.js';
import { runReplication } from '../model/replication.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { digestReplication, type ReplicationDigest } from './digest.js';
import { DigestStore } from './digest-store.js';
import { changesCsvBytesOf, eventsCsvBytes } from './rows.js';
import { changeBatch, type ChangeBatch } from './change-batch.js';

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

/** What a run wants from each replication besides its digest. */
/** How the per-change rows are written (`--changes`): changes.csv, changes.parquet, or not at all. */
export type ChangesFormat = 'csv' | 'parquet' | 'none';
export const CHANGES_FORMATS: readonly ChangesFormat[] = ['csv', 'parquet', 'none'];

export interface ProductPlan {
  /** Per-change and per-event rows: events.csv rows (CSV bytes without header) and the changes as `changes` says. */
  readonly rows: boolean;
  /** The per-change rows as changes.csv bytes (default) or as a column batch for changes.parquet, or none. */
  readonly changes?: ChangesFormat;
  /** Full outputs kept for replications 1…keep of each variant. */
  readonly keep: number;
}

/**
 * What one replication hands back, computed where it ran (a worker thread or this one): its
 * digest, its rows as CSV bytes, and its full output only if kept. Small, so that little has to
 * cross between threads and the main thread has little left to do: a worker transfers the
 * buffers (each row buffer owns its ArrayBuffer) rather than copying them.
 */
export interface ReplicationProduct {
  readonly digest: ReplicationDigest;
  /** changes.csv lines (no header) as UTF-8 bytes; empty unless `changes: 'csv'`. */
  readonly changesCsv: Uint8Array;
  /** The changes as columns (`changes: 'parquet'`), else null. */
  readonly changesBatch: ChangeBatch | null;
  /** events.csv lines (no header) as UTF-8 bytes; empty without rows or when the replication logs no events. */
  readonly eventsCsv: Uint8Array;
  readonly full: ReplicationOutput | null;
}

export function produceReplication(
  scenario: Scenario,
  task: ReplicationTask,
  classModels: readonly ClassModel[],
  plan: ProductPlan,
  timeBase: TimeBase = new TimeBase(scenario.start),
): ReplicationProduct {
  const output = runReplication(scenario, task.variant, task.replication, { classModels, ...replicationOptions(task) });
  const changes = plan.rows ? (plan.changes ?? 'csv') : 'none';
  return {
    digest: digestReplication(scenario, output),
    changesCsv: changes === 'csv' ? changesCsvBytesOf(output.changes, timeBase) : new Uint8Array(0),
    changesBatch: changes === 'parquet' ? changeBatch(output.changes, timeBase) : null,
    eventsCsv: plan.rows ? eventsCsvBytes(output.events, timeBase) : new Uint8Array(0),
    full: task.replication <= plan.keep ? output : null,
  };
}

/**
 * Runs tasks and calls `deliver` for each product in the order of `tasks`. The serial executor
 * runs them one after the other on this thread; a parallel one (worker threads) may run them in
 * any order but must deliver in task order.
 */
export type Executor = (
  scenario: Scenario,
  tasks: readonly ReplicationTask[],
  plan: ProductPlan,
  deliver: (task: ReplicationTask, product: ReplicationProduct) => void,
) => Promise<void>;

/** Runs the tasks one after the other on this thread, awaiting `pause` (if given) between them. */
export function serialExecutorWith(pause?: () => Promise<void>): Executor {
  return async (scenario, tasks, plan, deliver) => {
    const classModels = buildClassModels(scenario);
    const timeBase = new TimeBase(scenario.start);
    for (const task of tasks) {
      deliver(task, produceReplication(scenario, task, classModels, plan, timeBase));
      if (pause) await pause();
    }
  };
}

export const serialExecutor: Executor = serialExecutorWith();

export interface RunProgress {
  done: number;
  total: number;
}

export interface RunOptions {
  /** Called after each replication of each variant. */
  onProgress?: (p: RunProgress) => void;
  /**
   * Receives each replication's rows in task order: changes as CSV bytes (no header; empty unless
   * csv) or as a batch (as `changes` says), events as CSV bytes; rows are only made when this is given.
   */
  onRows?: (changesCsv: Uint8Array, eventsCsv: Uint8Array, changesBatch: ChangeBatch | null) => void;
  /** The form of the changes given to onRows (default csv). */
  changes?: ChangesFormat;
  /** Full outputs kept in the result for the first this-many replications of each variant (default 1). */
  keep?: number;
  executor?: Executor;
  /** Only these tasks (a part of tasksOf(scenario), in its order: a shard's, see shard.ts); default: all. */
  tasks?: readonly ReplicationTask[];
}

export interface RunResult {
  scenario: Scenario;
  /** Each variant's replication digests, folded into columns as they were delivered. */
  digests: Partial<Record<Variant, DigestStore>>;
  /** Full outputs of the first `keep` replications of each variant. */
  kept: Partial<Record<Variant, ReplicationOutput[]>>;
}

export async function runReplications(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const tasks = options.tasks ?? tasksOf(scenario);
  const plan: ProductPlan = { rows: options.onRows !== undefined, changes: options.changes ?? 'csv', keep: options.keep ?? 1 };
  const digests: Partial<Record<Variant, DigestStore>> = {};
  const kept: Partial<Record<Variant, ReplicationOutput[]>> = {};
  for (const v of scenario.variants) {
    digests[v] = new DigestStore();
    kept[v] = [];
  }
  let done = 0;
  await (options.executor ?? serialExecutor)(scenario, tasks, plan, (task, product) => {
    options.onRows?.(product.changesCsv, product.eventsCsv, product.changesBatch);
    digests[task.variant]!.append(product.digest);
    if (product.full !== null) kept[task.variant]!.push(product.full);
    done++;
    options.onProgress?.({ done, total: tasks.length });
  });
  return { scenario, digests, kept };
}

/**
 * Where a command gets a scenario's replications: simulated here (runReplications), or loaded from
 * shard folders by `orisim merge`. `index` is the scenario's place among the command's scenarios.
 */
export type ReplicationSource = (scenario: Scenario, index: number, options: RunOptions) => Promise<RunResult>;

export const simulateReplications: ReplicationSource = (scenario, _index, options) => runReplications(scenario, options);
