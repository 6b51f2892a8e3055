// `orisim merge OUT SHARD_DIR…`: reads and checks the shard folders through the API (api/merge.ts),
// then finishes their command as run, compare, sweep or uncertainty would: the folder is byte for byte the one
// the command writes on one machine, and stdout is the same. Any problem is exit 2 naming the shard folder.
import { readShards } from '../api/merge.js';
import { executeRun } from './commands.js';
import { executeCompare } from './compare.js';
import { executeSweep } from './sweep.js';
import { finishStudy } from './uncertainty.js';

export interface MergeArgs {
  out: string;
  shards: readonly string[];
  quiet: boolean;
}

export async function mergeCommand(args: MergeArgs): Promise<number> {
  const read = await readShards(args.out, args.shards);
  if ('metrics' in read) return finishStudy(read.plan, args.out, async () => read.metrics);
  const { plan, from } = read;
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
