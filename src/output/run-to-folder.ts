// A whole run, from a validated scenario to a complete output folder: simulate the replications
// (streaming per-change rows to disk), summarise, write the tables, charts and report.
import { createHash } from 'node:crypto';
import type { Scenario } from '../scenario/types.js';
import { runReplications, type ChangesFormat, type Executor, type ReplicationSource, type RunOptions, type RunResult } from '../run/replications.js';
import { buildSummary } from '../stats/run-summary.js';
import type { Summary } from '../stats/summary-types.js';
import { openRowWriter, writeFolderAtomically, writeRunTables, type RunTables } from './write-run.js';
import { VERSION } from './version.js';

export interface RunToFolderOptions {
  /** The scenario file's path as given (recorded in summary.json) and the text the scenario was read from (hashed, shown in the report). */
  file: string;
  text: string;
  out: string;
  onProgress?: (done: number, total: number) => void;
  executor?: Executor;
  /** Writes charts and report.html into the folder; absent = no charts. */
  extras?: (dir: string, result: RunResult, summary: Summary, tables: RunTables) => Promise<void>;
  /** `--export servicenow`: also write change_request.csv (see write-export.ts). */
  export?: 'servicenow' | undefined;
  /** `--changes`: the per-change rows as changes.csv (default), changes.parquet, or not at all. */
  changes?: ChangesFormat | undefined;
  /** The replications from elsewhere (`orisim merge`: shard folders); absent = simulate them here. */
  from?: MergedReplications | undefined;
}

/** Replications made elsewhere: their digests and kept outputs, and their rows as finished files. */
export interface MergedReplications {
  replications: ReplicationSource;
  /** Writes the per-change file (changes.csv or changes.parquet, if any) and events.csv into the folder. */
  rowFiles: (dir: string) => Promise<void>;
}

/**
 * Simulates a scenario's replications (all, or options.tasks), streaming their rows into `dir`:
 * events.csv, and the per-change rows as changes.csv, changes.parquet or not at all (`changes`).
 */
export async function runWithRowFiles(dir: string, scenario: Scenario, options: RunOptions, changes: ChangesFormat = 'csv'): Promise<RunResult> {
  const rows = await openRowWriter(dir, changes);
  try {
    return await runReplications(scenario, {
      ...options,
      changes,
      onRows: (changesCsv, eventsCsv, changesBatch) => rows.write(changesCsv, eventsCsv, changesBatch),
    });
  } finally {
    rows.close();
  }
}

export interface RunToFolderResult {
  result: RunResult;
  summary: Summary;
  simulationSeconds: number;
  writeSeconds: number;
}

export async function runToFolder(scenario: Scenario, options: RunToFolderOptions): Promise<RunToFolderResult> {
  let result: RunResult | undefined;
  let summary: Summary | undefined;
  let simulationSeconds = 0;
  let writeSeconds = 0;
  const sha256 = createHash('sha256').update(options.text).digest('hex');
  const identity = { command: 'run' as const, scenarios: [{ name: scenario.name, sha256 }], seed: scenario.seed, replications: scenario.replications };
  await writeFolderAtomically(options.out, identity, async (tmp) => {
    const t0 = performance.now();
    const runOptions: RunOptions = {
      ...(options.onProgress ? { onProgress: (p) => options.onProgress!(p.done, p.total) } : {}),
      ...(options.executor ? { executor: options.executor } : {}),
    };
    if (options.from === undefined) result = await runWithRowFiles(tmp, scenario, runOptions, options.changes ?? 'csv');
    else {
      await options.from.rowFiles(tmp);
      result = await options.from.replications(scenario, 0, runOptions);
    }
    simulationSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    summary = buildSummary(result, {
      file: options.file,
      sha256,
      version: VERSION,
    });
    const tables = writeRunTables(tmp, result, summary);
    // Loaded on use, not at start-up (as are the chart modules, by `extras`).
    if (options.export === 'servicenow') (await import('./write-export.js')).writeServiceNowExports(tmp, result);
    if (options.extras) await options.extras(tmp, result, summary, tables);
    writeSeconds = (performance.now() - t1) / 1000;
  });
  return { result: result!, summary: summary!, simulationSeconds, writeSeconds };
}
