// The results of the commands in memory — a run's, a comparison's, a sweep's — as the API's
// functions return them and the folder writers (write-folders.ts) take them; and how a command
// plan is run into its folder (from shard folders, for merge).
import type { MergedReplications } from '../output/run-to-folder.js';
import type { SweepInfo } from '../report/sweep-charts.js';
import type { Executor, RunResult } from '../run/replications.js';
import type { Scenario } from '../scenario/types.js';
import type { Comparison, ComparedRun } from '../stats/compare.js';
import type { Summary } from '../stats/summary-types.js';
import type { CostMinimum, Crossing, SweepPoint } from '../stats/sweep.js';
import type { LoadedScenario } from './load-scenario.js';

/** A run's results in memory. */
export interface RunOutcome {
  /** The scenario as run (replications and seed as overridden). */
  readonly scenario: Scenario;
  /** summary.json's object: every variant's figures over the replications, and paired differences. */
  readonly summary: Summary;
  /** The replications: digests per variant, and the full outputs kept (`result.kept[variant][i].changes`: the per-change records). */
  readonly result: RunResult;
  /** What the scenario was read from. */
  readonly source: LoadedScenario;
}

/** A comparison's results in memory. */
export interface CompareOutcome {
  /** comparison.json's object: every design's figures, each one's paired difference from the baseline. */
  readonly comparison: Comparison;
  /** Each scenario's run (summary and replications), in the order given. */
  readonly runs: readonly ComparedRun[];
}

/** Where and how compareToFolder runs a plan. */
export interface FolderRunOptions {
  readonly executor?: Executor | undefined;
  /** The replications from shard folders (merge); absent: simulated here. */
  readonly from?: MergedReplications | undefined;
  readonly onProgress?: ((done: number, total: number, scenario: number, doneInScenario: number) => void) | undefined;
}

/** A sweep's results in memory (sweep.json's content). */
export interface SweepOutcome {
  /** Scenario name, parameter, values, replications, seed, currency, version. */
  readonly info: SweepInfo;
  /** The scenario file as outputs show it, and the SHA-256 of its text. */
  readonly file: string;
  readonly sha256: string;
  /** One point per value × variant, in value order. */
  readonly points: readonly SweepPoint[];
  /** Where a team's utilisation first reaches a threshold. */
  readonly crossings: readonly Crossing[];
  /** Each variant's value with the lowest yearly total cost, with its interval. */
  readonly costMinima: readonly CostMinimum[];
}

