// How a command's replications are split into shards (`--shard I/N`). A command's tasks (one
// replication of one variant of one scenario) are numbered in the order their outputs are written:
// scenario by scenario (compare: the files; sweep: the values), variant by variant, replication by
// replication. Shard I of N runs one contiguous block of that list, tasks ⌊(I−1)·T/N⌋ up to (not
// including) ⌊I·T/N⌋ of T, so the blocks of shards 1…N, one after the other, are the whole list in
// order: merging is concatenation, and every task's random numbers are the ones it draws on one
// machine (they come from seed, replication and stream name only).
import type { Scenario } from '../scenario/types.js';
import { tasksOf, type ReplicationTask } from './replications.js';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}


/** Tasks [from, to) of a task list of `total` tasks that shard I of N runs. */
export function shardRange(total: number, shard: Shard): { from: number; to: number } {
  return {
    from: Math.floor(((shard.index - 1) * total) / shard.count),
    to: Math.floor((shard.index * total) / shard.count),
  };
}

/** Every task of a command's scenarios, in output order (the list the split numbers). */
export function commandTaskCount(scenarios: readonly Scenario[]): number {
  return scenarios.reduce((a, s) => a + s.replications * s.variants.length, 0);
}

/** The tasks of each scenario that the shard runs (a part of tasksOf(scenario), in its order; possibly none). */
export function shardTasks(scenarios: readonly Scenario[], shard: Shard): ReplicationTask[][] {
  const { from, to } = shardRange(commandTaskCount(scenarios), shard);
  let offset = 0;
  return scenarios.map((s) => {
    const tasks = tasksOf(s);
    const mine = tasks.slice(Math.max(0, from - offset), Math.max(0, to - offset));
    offset += tasks.length;
    return mine;
  });
}
