// summary.json of a run: every variant's summary over its replications (summarise.ts) and, with
// two variants or more, the paired differences between them (run-differences.ts), with what
// identifies the run (scenario file, its SHA-256, replications, seed, horizon, version).
import { MINUTES_PER_DAY } from '../engine/time.js';
import { DigestStore } from '../run/digest-store.js';
import type { RunResult } from '../run/replications.js';
import { runDifferences } from './run-differences.js';
import { summariseVariant } from './summarise.js';
import type { Summary } from './summary-types.js';

export interface SummaryContext {
  file: string;
  sha256: string;
  version: string;
}

export function buildSummary(result: RunResult, ctx: SummaryContext): Summary {
  const { scenario } = result;
  const variants: Summary['variants'] = {};
  for (const variant of scenario.variants) {
    variants[variant] = summariseVariant(scenario, result.digests[variant] ?? new DigestStore());
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
    ...((): Pick<Summary, 'differences'> => {
      const differences = runDifferences(scenario, result.digests);
      return differences === undefined ? {} : { differences };
    })(),
  };
}
