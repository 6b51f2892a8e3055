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
export { ScenarioError, type ScenarioIssue } from './scenario/index.js';
export type { Comparison, ComparedRun, DesignKey, DesignFigures, Difference } from './stats/compare.js';
export type { SweepPoint, Crossing, CostMinimum } from './stats/sweep.js';
export type { SweepInfo } from './report/sweep-charts.js';
export type { Calibration } from './calibrate/fit.js';
export type { Backtest } from './calibrate/backtest.js';
export { ExportError } from './calibrate/read-export.js';
export { OutputFolderError } from './output/output-folder.js';
export { ShardError } from './output/shard-folder.js';
export { VERSION } from './output/version.js';

// The types the results above are made of, so that every part of them is named and documented.
export type { CommandPlan, RunPlan, ComparePlan, SweepPlan } from './api/plan.js';
export type { Check } from './calibrate/backtest.js';
export type { ClassFit, DurationFit, Evidence } from './calibrate/fit.js';
export type { CabFit, WaitFit } from './calibrate/fit-schedule.js';
export { FIELD_LABELS } from './calibrate/columns.js';
export type { Approval, BadRow, ChangeRow, ChangeState, ChangeType, CloseCode, ExportData, Field, Risk } from './calibrate/read-export.js';
export type { ExportedChange } from './calibrate/simulated-export.js';
export type { ShareFit, Spread } from './calibrate/stats.js';
export type { MergedReplications, RunToFolderResult } from './output/run-to-folder.js';
export type { Executor, RunResult } from './run/replications.js';
export type * from './scenario/types.js';
export type { ChangeCounts } from './stats/bias.js';
export type { DesignRef } from './stats/compare.js';
export type { DoraBenchmark, DoraCluster, DoraMeasure } from './stats/dora.js';
export { STAGES, type Stage } from './model/records.js';
export type { MeetingSchedule, MonthlySlot, WeeklySlot } from './engine/meeting-schedule.js';
export type * from './stats/summary-types.js';
export type { Estimate, SweepTeam } from './stats/sweep.js';
export { SWEEP_TEAMS } from './stats/sweep.js';
