// run: a scenario's replications simulated and summarised in memory — summary.json's object, and on
// request the full outputs (every change, every event) of the first replications of each variant.
// Replications run on this thread by default, on Node worker threads when `workers` > 1 (the
// results are the same either way). Writing the output folder is writeRunFolder's (write-folders.ts).
import { executorFor } from '../node/parallel.js';
import { runReplications, serialExecutorWith, type Executor } from '../run/replications.js';
import { buildSummary } from '../stats/run-summary.js';
import { VERSION } from '../output/version.js';
import type { LoadedScenario } from './load-scenario.js';
import type { RunOutcome } from './results.js';
import { applyRunOverrides, type RunOverrides } from './options.js';

/** How replications are carried out, for run, compare and sweep. */
export interface ExecutionOptions {
  /** Worker threads (1, the default, runs on this thread; more need the built package). */
  workers?: number | undefined;
  /** Runs the replications instead of `workers` (advanced: e.g. a browser's own executor). */
  executor?: Executor | undefined;
  /** Called after each replication: replications × variants done, and in all. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Stops the work between replications: the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface RunApiOptions extends RunOverrides, ExecutionOptions {
  /** Keep the full outputs (changes, events) of the first this-many replications of each variant (default 1). */
  keep?: number | undefined;
}

/** The executor the options ask for; a signal is checked between replications. */
export function executorOf(options: ExecutionOptions): Executor {
  const { signal } = options;
  const base = options.executor ?? (options.workers !== undefined && options.workers > 1 ? executorFor(options.workers) : undefined);
  if (base === undefined) {
    // This thread, yielding between replications so that an abort (or a timer) gets in.
    return serialExecutorWith(() => new Promise<void>((done) => setImmediate(done)).then(() => signal?.throwIfAborted()));
  }
  if (signal === undefined) return base;
  return (scenario, tasks, plan, deliver) => {
    signal.throwIfAborted();
    return base(scenario, tasks, plan, (task, product) => {
      signal.throwIfAborted();
      deliver(task, product);
    });
  };
}

/** Simulates the scenario's replications and summarises them. */
export async function run(source: LoadedScenario, options: RunApiOptions = {}): Promise<RunOutcome> {
  const scenario = applyRunOverrides(source.scenario, options);
  options.signal?.throwIfAborted();
  const result = await runReplications(scenario, {
    executor: executorOf(options),
    ...(options.keep !== undefined ? { keep: options.keep } : {}),
    ...(options.onProgress ? { onProgress: (p) => options.onProgress!(p.done, p.total) } : {}),
  });
  const summary = buildSummary(result, { file: source.file, sha256: source.sha256, version: VERSION });
  return { scenario, summary, result, source };
}
