// backtest: a scenario simulated and held against a client's change export — lead time, waits,
// deployments a week, out-of-hours share, failures, each with the replications' interval, and a
// verdict. Each replication's changes are made into export rows (as `run --export servicenow`
// writes them) and measured the way the export is. The command line's `orisim backtest` writes
// backtest.json, backtest.csv and the report.
import { backtest as holdAgainst, noImplementedChange, type Backtest } from '../calibrate/backtest.js';
import { ExportError, type ExportData } from '../calibrate/read-export.js';
import { exportedChanges, type ExportedChange } from '../calibrate/simulated-export.js';
import { buildClassModels } from '../model/features.js';
import { runReplication } from '../model/replication.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { readLiveExport, type ExportOptions } from './calibrate.js';
import type { LoadedScenario } from './load-scenario.js';
import { applyRunOverrides, type RunOverrides } from './options.js';

export type { Backtest };

export interface BacktestOptions extends RunOverrides, ExportOptions {
  /** Called after each replication. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Stops between replications: the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface BacktestOutcome {
  /** The checks, their intervals and the verdict (backtest.json's figures). */
  readonly backtest: Backtest;
  /** The scenario as simulated: the one variant held against the export. */
  readonly scenario: Scenario;
  readonly variant: Variant;
  /** The export as read. */
  readonly data: ExportData;
  /** Each replication's changes as export rows. */
  readonly replicationRows: readonly (readonly ExportedChange[])[];
}

/**
 * The variant the export is held against: preApproved when the export has standard changes and the
 * scenario simulates it, else the scenario's first that raises change requests (youBuildItYouRunIt
 * raises none, so it cannot be held against a change_request export: undefined when it is the only one).
 */
export function backtestVariant(scenario: Scenario, hasStandard: boolean): Variant | undefined {
  if (hasStandard && scenario.variants.includes('preApproved')) return 'preApproved';
  return scenario.variants.find((v) => v !== 'youBuildItYouRunIt');
}

/** A back-test ready to simulate: the export read and checked, and the scenario cut to the variant held against it. */
export interface PreparedBacktest {
  readonly scenario: Scenario;
  readonly variant: Variant;
  readonly data: ExportData;
}

/**
 * Reads the export and chooses the variant to hold against it (ExportError for an export with no
 * usable or no implemented change, or a scenario with no variant that raises change requests).
 */
export function prepareBacktest(source: LoadedScenario, exportPath: string, options: BacktestOptions = {}): PreparedBacktest {
  const loaded = applyRunOverrides(source.scenario, options);
  const data = readLiveExport(exportPath, options);
  const none = noImplementedChange(exportPath, data.rows, data.bad.length);
  if (none !== undefined) throw new ExportError(none);
  const variant = backtestVariant(loaded, data.rows.some((r) => r.type === 'standard'));
  if (variant === undefined) {
    throw new ExportError(`${source.file}: variants: expected normal or preApproved to hold against a change_request export, got [${loaded.variants.join(', ')}]: youBuildItYouRunIt raises no change requests`);
  }
  return { scenario: { ...loaded, variants: [variant] }, variant, data };
}

/** Simulates a prepared back-test's replications (each one's changes made into export rows, its full output let go) and holds them against the export. */
export async function simulateBacktest(prepared: PreparedBacktest, options: Pick<BacktestOptions, 'onProgress' | 'signal'> = {}): Promise<BacktestOutcome> {
  const { scenario, variant, data } = prepared;
  const classModels = buildClassModels(scenario);
  const replicationRows: ExportedChange[][] = [];
  for (let r = 1; r <= scenario.replications; r++) {
    options.signal?.throwIfAborted();
    replicationRows.push(exportedChanges(scenario, runReplication(scenario, variant, r, { classModels }).changes));
    options.onProgress?.(r, scenario.replications);
    await new Promise((resolve) => setImmediate(resolve)); // let a signal or a timer in between replications
  }
  return { backtest: holdAgainst(data.rows, replicationRows, variant), scenario, variant, data, replicationRows };
}

/** Simulates the scenario and holds it against the export (ExportError for an export it cannot be held against). */
export async function backtest(source: LoadedScenario, exportPath: string, options: BacktestOptions = {}): Promise<BacktestOutcome> {
  return simulateBacktest(prepareBacktest(source, exportPath, options), options);
}
