// `orisim sweep SCENARIO --param PATH --values LIST|FROM..TO[:STEP]`: runs the scenario once per
// value of one parameter (as `--set PATH=value`) and writes sweep.csv, sweep.json, the charts and
// report.html. Every value's scenario is loaded and validated before anything runs. Every warning a
// run would print for a value × variant is printed here too (stderr), with the value and variant.
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ScenarioError, type Scenario, type ScenarioIssue } from '../scenario/index.js';
import { loadScenarioSource, parseScenarioText } from '../node/scenario-files.js';
import { overrideSource } from '../scenario/overrides.js';
import { writeFolderAtomically } from '../output/output-folder.js';
import { toCsv, toJson } from '../output/write-run.js';
import { pointSubject, writeSweepCharts, type SweepInfo } from '../report/sweep-charts.js';
import { VARIANT_LABEL, TEAM_LABEL } from '../report/charts/palette.js';
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import { simulateReplications } from '../run/replications.js';
import { buildSummary } from '../stats/run-summary.js';
import { annualCostSeries, costMinima, crossings, parseSweepValues, SweepValuesError, sweepPoints, sweepRows, type CostMinimum, type SweepPoint } from '../stats/sweep.js';
import { sweepSummarySentences } from '../report/sweep-summary.js';
import { VERSION } from '../output/version.js';
import { applyRunOverrides, defaultScenarioPath } from './commands.js';
import { single, UsageError } from './usage.js';
import { checkEstimate, estimateRun, executorForRun } from './estimate.js';
import { interruptible } from './interrupt.js';
import { printable, printableLines } from './printable.js';
import { createStagedProgress } from './progress.js';
import type { CommonRunArgs } from './commands.js';
import { planIdentity, shardOut, type PlanContext, type SweepPlan } from './plan.js';
import { shardCommand, shareOfEstimate } from './shard.js';

export interface SweepArgs extends CommonRunArgs {
  scenario?: string | undefined;
  param: string;
  values: string;
}

/**
 * One scenario per value, all from one reading of the file (its SHA-256 is of exactly that text);
 * a bad value or path throws the loader's ScenarioError (exit 2), told as --values or --param.
 */
export function loadSweep(file: string, args: SweepArgs): { values: string[]; scenarios: Scenario[]; sha256: string } {
  const param = single('--param', args.param).trim();
  const spec = single('--values', args.values);
  const dashed = /^\s*(\d+(?:\.\d+)?[a-z]*)\s*-\s*(\d+(?:\.\d+)?[a-z]*)\s*$/i.exec(spec);
  if (dashed !== null) {
    throw new UsageError(`--values '${spec}': a range is written FROM..TO[:STEP]; did you mean '${dashed[1]}..${dashed[2]}'?`);
  }
  let values: string[];
  try {
    values = parseSweepValues(spec);
  } catch (e) {
    if (e instanceof SweepValuesError) throw new UsageError(e.message);
    throw e;
  }
  if (param === '') throw new UsageError('--param is empty: name a scenario path, e.g. teams.delivery.count');
  const overrides = (v: string): string[] => [...args.set, `${param}=${v}`];
  const inUserWords = (v: string, e: unknown): unknown => {
    // A bad value is the user's --values item (or --param path), not a --set they never typed.
    if (!(e instanceof ScenarioError)) return e;
    const own = overrideSource(`${param}=${v}`);
    return new ScenarioError(e.issues.map((i) => (i.file === own ? sweepIssue(i, param, v) : i)));
  };
  let source;
  try {
    source = loadScenarioSource(file, { overrides: overrides(values[0]!) });
  } catch (e) {
    throw inUserWords(values[0]!, e);
  }
  const text = source.text;
  const scenarios = values.map((v, i) => {
    try {
      return applyRunOverrides(i === 0 ? source.scenario : parseScenarioText(text, file, overrides(v)), args);
    } catch (e) {
      throw inUserWords(v, e);
    }
  });
  return { values, scenarios, sha256: source.sha256 };
}

/** An issue of the override a sweep value makes, told in the user's words: --param or --values. */
function sweepIssue(issue: ScenarioIssue, param: string, value: string): ScenarioIssue {
  // The path's own faults (an unknown key or group, a field of every delivery group) are the --param's.
  if (/^unknown key|^no delivery group|^refused: teams\.delivery/.test(issue.message)) return { ...issue, file: `--param ${param}` };
  if (/^expected --set path=value/.test(issue.message)) {
    return { ...issue, file: `--param '${param}'`, path: '', message: 'expected a scenario path such as teams.delivery.count' };
  }
  return { ...issue, file: `--values item '${value}'` };
}

/** The parameter path as part of a folder name: other characters become "_", at most 80. */
const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

function fmt(x: number, d = 1): string {
  return Number.isFinite(x) ? x.toFixed(d) : '–';
}

/** The warnings `orisim run` would print, for every value × variant: `warning: PARAM=VALUE, VARIANT: text`. */
export function sweepWarningLines(param: string, points: readonly SweepPoint[]): string[] {
  return points.flatMap((p) => p.warnings.map((w) => `warning: ${printable(pointSubject(param, p))}: ${printable(w)}`));
}

export function formatSweepTable(param: string, points: readonly SweepPoint[]): string {
  const header = [printable(param), 'variant', 'lead p50 d (95% CI)', 'p85 d (95% CI)', 'mean d', 'unfinished %', 'total cost, counted period', 'total cost/yr', 'util deliv/CM/AS'];
  const rows = points.map((p) => [
    printable(p.value),
    VARIANT_LABEL[p.variant],
    `${fmt(p.leadTimeP50Days.mean)} (${fmt(p.leadTimeP50Days.ci95[0])}–${fmt(p.leadTimeP50Days.ci95[1])})`,
    `${fmt(p.leadTimeP85Days.mean)} (${fmt(p.leadTimeP85Days.ci95[0])}–${fmt(p.leadTimeP85Days.ci95[1])})`,
    fmt(p.leadTimeMeanDays.mean),
    `${percent(p.unfinishedShare)}${p.biased ? ' !' : '  '}`,
    Number.isFinite(p.totalCost.mean) ? Math.round(p.totalCost.mean).toLocaleString('en-GB') : '–',
    Number.isFinite(p.totalCostPerYear.mean) ? Math.round(p.totalCostPerYear.mean).toLocaleString('en-GB') : '–',
    `${fmt(p.utilisation.delivery * 100, 0)}/${fmt(p.utilisation.changeManagement * 100, 0)}/${fmt(p.utilisation.applicationSupport * 100, 0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((x, i) => (i <= 1 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  const lines = [line(header), ...rows.map(line)];
  const biased = points.filter((p) => p.biased);
  if (biased.length > 0) {
    lines.push(`! lead times understated: more than ${BIAS_UNFINISHED_SHARE * 100}% of counted changes were not live when the run ended`);
    for (const p of biased) lines.push(`  ${printable(pointSubject(param, p))}: ${p.biasReason}`);
  }
  return lines.join('\n') + '\n';
}

export async function sweepCommand(args: SweepArgs): Promise<number> {
  const plan = planSweep(args);
  const first = plan.scenarios[0]!;
  const out = args.out ?? shardOut(join('output', `sweep-${first.name}-${safe(plan.param)}`), args.shard);
  const estimate = shareOfEstimate(estimateRun(plan.scenarios, { writesChanges: false, workers: args.workers }), plan.scenarios, args.shard);
  const note = checkEstimate(estimate, args.force === true);
  if (note !== undefined) process.stderr.write(`${note}\n`);
  const ctx = { out, quiet: args.quiet, executor: executorForRun(args.workers, estimate) };
  return args.shard === undefined ? executeSweep(plan, ctx) : shardCommand(plan, args.shard, ctx);
}

/** The sweep the arguments ask for: one scenario per value, loaded and checked. */
export function planSweep(args: SweepArgs): SweepPlan {
  const file = args.scenario ?? defaultScenarioPath();
  const { values, scenarios, sha256 } = loadSweep(file, args);
  return { command: 'sweep', scenarios, file: relative(process.cwd(), resolve(file)) || file, sha256, param: args.param.trim(), values, charts: args.charts };
}

/** Carries out a sweep plan: runs (or takes from shards) every value, writes the folder, prints the table. */
export async function executeSweep(plan: SweepPlan, ctx: PlanContext): Promise<number> {
  const { scenarios, values, param, out } = { ...plan, out: ctx.out };
  const first = scenarios[0]!;
  const progress = createStagedProgress(`sweep ${param}`, !ctx.quiet, {
    noun: 'value', tasks: scenarios.map((s) => s.replications * s.variants.length), replications: first.replications,
  });
  const source = ctx.from?.replications ?? simulateReplications;
  const points: SweepPoint[] = [];
  const series = new Map<string, number[]>();
  const key = (value: string, variant: string): string => `${variant}\u0000${value}`;
  let minima: CostMinimum[] = [];
  const t0 = performance.now();
  await interruptible(out, () =>
    writeFolderAtomically(out, planIdentity(plan), async (tmp) => {
      try {
        for (const [i, scenario] of scenarios.entries()) {
          const result = await source(scenario, i, { ...(ctx.executor ? { executor: ctx.executor } : {}), onProgress: (p) => progress.update(i, p.done) });
          const summary = buildSummary(result, { file: plan.file, sha256: plan.sha256, version: VERSION });
          points.push(...sweepPoints(values[i]!, result, summary));
          for (const v of scenario.variants) series.set(key(values[i]!, v), annualCostSeries(result, v));
        }
      } finally {
        progress.done();
      }
      const cross = crossings(points, values);
      minima = costMinima(points, values, (value, variant) => series.get(key(value, variant)) ?? []);
      const info: SweepInfo = {
        scenario: first.name, param, values, replications: first.replications, seed: first.seed, currency: first.currency, version: VERSION,
      };
      const shown = plan.file;
      const sha256 = plan.sha256;
      await writeFile(join(tmp, 'sweep.csv'), toCsv(sweepRows(param, points)));
      await writeFile(join(tmp, 'sweep.json'), toJson({ scenario: { name: first.name, file: shown, sha256 }, run: { replications: first.replications, seed: first.seed, version: VERSION }, param, values, points, crossings: cross, costMinima: minima }));
      if (plan.charts) await writeSweepCharts(tmp, info, points, cross, minima);
    }),
  );
  process.stdout.write(printableLines(formatSweepTable(param, points)));
  process.stdout.write(`\n${sweepSummarySentences(param, first.currency, points, minima, crossings(points, values)).map(printable).join('\n')}\n`);
  for (const w of sweepWarningLines(param, points)) process.stderr.write(`${w}\n`);
  for (const c of crossings(points, values)) {
    process.stderr.write(`note: ${VARIANT_LABEL[c.variant]}: ${TEAM_LABEL[c.team]} utilisation reaches ${c.threshold} at ${printable(param)} = ${printable(c.value)} (${fmt(c.utilisation * 100, 0)}%)\n`);
  }
  process.stderr.write(`wrote ${printable(out)}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}
