// `orisim run [SCENARIO]`: the run's options checked, the scenario loaded and the run carried out into
// its output folder (output/run-to-folder.ts), then the tables and sentences printed. Returns the exit code.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { calendarWarnings } from '../scenario/calendar-warnings.js';
import { loadScenarioSource } from '../node/scenario-files.js';
import { runToFolder } from '../output/run-to-folder.js';
import { PACKAGE_ROOT } from '../output/version.js';
import { printable, printableLines } from './printable.js';
import { createProgress } from './progress.js';
import { formatRunTable, runWarningLines } from './table.js';
import { formatByTables } from './by.js';
import type { BreakdownKey } from '../stats/breakdowns.js';
import { formatGroupTable } from './breakdown-table.js';
import { runSummarySentences } from '../report/executive-summary.js';
import { interruptible } from './interrupt.js';
import { changesFormatNote, checkEstimate, estimateRun, executorForRun } from './estimate.js';
import type { Shard } from '../run/shard.js';
import { shardOut, type PlanContext, type RunPlan } from '../api/plan.js';
import { shardCommand, shareOfEstimate } from './shard.js';
import { CHANGES_FORMATS, type ChangesFormat } from '../run/replications.js';
import { suggest } from '../scenario/errors.js';
import { applyRunOverrides, UsageError } from '../api/options.js';

export const DEFAULT_SCENARIO = 'scenarios/ops-run-it.yaml';

/** The options run, compare and sweep share. */
export interface CommonRunArgs {
  replications?: number | undefined;
  seed?: number | undefined;
  out?: string | undefined;
  set: readonly string[];
  charts: boolean;
  quiet: boolean;
  /** Worker threads for the replications (1 = this thread); default: see executorFor. */
  workers?: number | undefined;
  /** Run even when the estimate is over a hard limit (estimate.ts). */
  force?: boolean | undefined;
  /** `--shard I/N`: run only shard I's replications into a shard folder (run/shard.ts). */
  shard?: Shard | undefined;
}

export interface RunArgs extends CommonRunArgs {
  scenario?: string | undefined;
  /** Also write each chart as a 16:9 slide PNG (charts/slides/). */
  slides?: boolean | undefined;
  /** Also print lead time per class and/or per path after the run table (`--by`). */
  by?: readonly (BreakdownKey | 'group')[] | undefined;
  /** `--export servicenow`: also write change_request.csv (replication 1 of each variant). */
  export?: string | undefined;
  /** `--changes csv|parquet|none`: the per-change file (default csv). */
  changes?: string | undefined;
}

/** --changes' value, checked: csv, parquet or none (undefined when not given: csv). */
export function changesFormat(raw: string | undefined): ChangesFormat | undefined {
  if (raw === undefined) return undefined;
  const format = CHANGES_FORMATS.find((f) => f === raw);
  if (format !== undefined) return format;
  const near = suggest(raw, CHANGES_FORMATS);
  throw new UsageError(`--changes: expected one of ${CHANGES_FORMATS.join(', ')}, got "${printable(raw)}"` + (near === undefined ? '' : `; did you mean "${near}"?`));
}

/** --export's value, checked: only "servicenow" so far. */
export function exportKind(raw: string | undefined): 'servicenow' | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'servicenow') return raw;
  throw new UsageError(`--export: expected "servicenow", got "${printable(raw)}"`);
}

/** The default scenario: relative to the working folder if it is there, else the package's own copy. */
export function defaultScenarioPath(): string {
  try {
    readFileSync(DEFAULT_SCENARIO);
    return DEFAULT_SCENARIO;
  } catch {
    return join(PACKAGE_ROOT, DEFAULT_SCENARIO);
  }
}

export async function runCommand(args: RunArgs): Promise<number> {
  const plan = planRun(args);
  const { scenario } = plan;
  const out = args.out ?? shardOut(join('output', scenario.name), args.shard);
  // --changes as given (undefined: not given, the default csv; only then may a note suggest parquet).
  const changes = args.changes === undefined ? undefined : plan.changes;
  const estimate = shareOfEstimate(estimateRun([scenario], { writesChanges: true, workers: args.workers, changes }), [scenario], args.shard);
  const note = checkEstimate(estimate, args.force === true);
  if (note !== undefined) process.stderr.write(`${note}\n`);
  const formatNote = changesFormatNote(estimate, changes);
  if (formatNote !== undefined) process.stderr.write(`${formatNote}\n`);
  for (const w of calendarWarnings(scenario)) process.stderr.write(`warning: ${printable(w)}\n`);
  const uncertain = scenario.uncertain?.length ?? 0;
  if (uncertain > 0) process.stderr.write(`note: the scenario has ${uncertain} uncertain input${uncertain === 1 ? '' : 's'} (uncertain:); run uses the values in the file, and orisim uncertainty uses the ranges\n`);
  const executor = executorForRun(args.workers, estimate);
  if (args.shard !== undefined) return shardCommand(plan, args.shard, { out, quiet: args.quiet, executor });
  return executeRun(plan, { out, quiet: args.quiet, executor });
}

/** The run the arguments ask for: the scenario loaded, overridden and checked, and the options that shape the output. */
export function planRun(args: RunArgs): RunPlan {
  if (args.slides === true && !args.charts) throw new UsageError('--slides draws the charts as slides, so it cannot go with --no-charts');
  const exportAs = exportKind(args.export);
  const changes = changesFormat(args.changes);
  const file = args.scenario ?? defaultScenarioPath();
  const source = loadScenarioSource(file, { overrides: args.set });
  if (source.study.levers.length > 0) {
    process.stderr.write(`note: ${printable(file)} has levers (${source.study.levers.map((l) => printable(l.path)).join(', ')}); orisim run ignores them and runs the file as written; orisim optimise ${printable(file)} searches them\n`);
  }
  const scenario = applyRunOverrides(source.scenario, args);
  if (args.by?.includes('group') === true && scenario.teams.delivery.listed !== true) {
    throw new UsageError('--by group: this scenario gives teams.delivery as one map (all teams alike); give it as a list of groups, each with a name (scenarios/README.md, "Groups of delivery teams")');
  }
  return {
    command: 'run',
    scenario,
    file: relative(process.cwd(), resolve(file)) || file,
    text: source.text,
    sha256: source.sha256,
    charts: args.charts,
    slides: args.slides === true,
    export: exportAs,
    by: args.by ?? [],
    changes: changes ?? 'csv',
  };
}

/** Carries out a run plan: simulates (or takes from shards) every replication, writes the folder, prints the results. */
export async function executeRun(plan: RunPlan, ctx: PlanContext): Promise<number> {
  const { scenario, text, out } = { ...plan, out: ctx.out };
  const progress = createProgress(scenario.name, !ctx.quiet, scenario.variants.length);
  let run;
  try {
    run = await interruptible(out, () =>
      runToFolder(scenario, {
        file: plan.file,
        text,
        out,
        onProgress: (done, total) => progress.update(done, total),
        ...(ctx.executor ? { executor: ctx.executor } : {}),
        export: plan.export,
        changes: plan.changes,
        from: ctx.from,
        ...(plan.charts ? { extras: async (dir, result, summary, tables) => (await import('../api/charts.js')).writeChartsAndReport(dir, result, summary, tables, text, { slides: plan.slides }) } : {}),
      }),
    );
  } finally {
    progress.done();
  }
  const by = plan.by;
  process.stdout.write(printableLines(formatRunTable(run.summary)));
  process.stdout.write(formatByTables(run.summary, by.filter((k): k is BreakdownKey => k !== 'group')));
  if (by.includes('group')) process.stdout.write(`\n${printableLines(formatGroupTable(run.summary))}`);
  process.stdout.write(`\n${runSummarySentences(scenario, run.summary, run.summary.differences).map(printable).join('\n')}\n`);
  for (const w of runWarningLines(run.summary)) process.stderr.write(`${w}\n`);
  process.stderr.write(
    `wrote ${printable(out)}/ (${ctx.from === undefined ? 'simulation' : 'merge'} ${run.simulationSeconds.toFixed(1)} s, tables${plan.charts ? ', charts and report' : ''} ${run.writeSeconds.toFixed(1)} s)\n`,
  );
  return 0;
}
