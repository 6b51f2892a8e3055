// Runs a scenario's replications for each of its variants (common random numbers: the same
// seed, replication index and stream names in every variant) and collects their outputs.
import { MINUTES_PER_DAY } from '../engine/time.js';
import { buildClassModels } from '../model/features.js';
import type { ReplicationOutput } from '../model/records.js';
import { runReplication } from '../model/replication.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { summariseVariant } from './summarise.js';
import type { Summary } from './summary-types.js';

export interface RunProgress {
  done: number;
  total: number;
}

export interface RunOptions {
  /** Called after each replication of each variant. */
  onProgress?: (p: RunProgress) => void;
}

export interface RunResult {
  scenario: Scenario;
  outputs: Partial<Record<Variant, ReplicationOutput[]>>;
}

/** Replications are numbered 1…N; replication 1 keeps its event log and work-in-progress samples. */
export function runReplications(scenario: Scenario, options: RunOptions = {}): RunResult {
  const classModels = buildClassModels(scenario);
  const outputs: Partial<Record<Variant, ReplicationOutput[]>> = {};
  const total = scenario.replications * scenario.variants.length;
  let done = 0;
  for (const variant of scenario.variants) {
    const list: ReplicationOutput[] = [];
    for (let r = 1; r <= scenario.replications; r++) {
      list.push(runReplication(scenario, variant, r, { classModels, logEvents: r === 1, sampleWip: r === 1 }));
      done++;
      options.onProgress?.({ done, total });
    }
    outputs[variant] = list;
  }
  return { scenario, outputs };
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
    variants[variant] = summariseVariant(scenario, result.outputs[variant] ?? []);
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
