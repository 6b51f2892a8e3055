// orisim's public module: one function per command, each taking parsed options and returning its
// results in memory, and the writers of the output folders, apart. `import { loadScenario, compare }
// from 'orisim'`. docs/api.md shows them at work; the command line (src/cli/) is built on them.
export { loadScenario, type LoadedScenario, type LoadScenarioOptions, type ScenarioText } from './api/load-scenario.js';
export { run, type RunApiOptions, type ExecutionOptions } from './api/run.js';
export { compare, type CompareOptions } from './api/compare.js';
export type { RunOutcome, CompareOutcome, SweepOutcome, FolderRunOptions } from './api/results.js';
export { sweep, type SweepOptions } from './api/sweep.js';
export { calibrate, type CalibrateOptions, type CalibrateOutcome, type ExportOptions } from './api/calibrate.js';
export { backtest, type BacktestOptions, type BacktestOutcome } from './api/backtest.js';
export { merge, readShards, type MergeOutcome, type ReadShards } from './api/merge.js';
export { writeRunFolder, writeCompareFolder, writeSweepFolder, type WriteOptions } from './api/write-folders.js';
export { UsageError, type RunOverrides } from './api/options.js';
export { ScenarioError, type Scenario, type ScenarioIssue, type Variant } from './scenario/index.js';
export type { Summary } from './stats/summary-types.js';
export type { Comparison, ComparedRun, DesignKey, DesignFigures, Difference } from './stats/compare.js';
export type { SweepPoint, Crossing, CostMinimum } from './stats/sweep.js';
export type { SweepInfo } from './report/sweep-charts.js';
export type { Calibration } from './calibrate/fit.js';
export type { Backtest } from './calibrate/backtest.js';
export { ExportError } from './calibrate/read-export.js';
export { OutputFolderError } from './output/output-folder.js';
export { ShardError } from './output/shard-folder.js';
export { VERSION } from './output/version.js';
