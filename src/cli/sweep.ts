// `orisim sweep SCENARIO --param PATH --values LIST|FROM..TO[:STEP]`: parses the arguments, runs
// the sweep into its folder through the API (api/sweep.ts: sweep.csv, sweep.json, the charts and
// report.html) and prints the table. Every warning a run would print for a value × variant is
// printed here too (stderr), with the value and variant.
import { join, relative, resolve } from 'node:path';
import { pointSubject, sweepRunWarnings } from '../report/sweep-warnings.js';
import { VARIANT_LABEL, TEAM_LABEL } from '../report/charts/palette.js';
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import { crossings, type SweepPoint } from '../stats/sweep.js';
import { movedCrossings, sweepSummarySentences } from '../report/sweep-summary.js';
import { compactDuration, compactMeanCi } from '../report/words.js';
import { defaultScenarioPath } from './commands.js';
import { loadSweep, sweepToFolder } from '../api/sweep.js';
import { checkEstimate, estimateRun, executorForRun } from './estimate.js';
import { interruptible } from './interrupt.js';
import { printable, printableLines } from './printable.js';
import { createStagedProgress } from './progress.js';
import type { CommonRunArgs } from './commands.js';
import { shardOut, type PlanContext, type SweepPlan } from '../api/plan.js';
import { shardCommand, shareOfEstimate } from './shard.js';
import { groupDigits } from '../scenario/group-digits.js';

export interface SweepArgs extends CommonRunArgs {
  scenario?: string | undefined;
  param: string;
  values: string;
}

/** The parameter path as part of a folder name: other characters become "_", at most 80. */
const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

function fmt(x: number, d = 1): string {
  return Number.isFinite(x) ? x.toFixed(d) : '–';
}

/**
 * The warnings `orisim run` would print, for every value × variant: `warning: PARAM=VALUE, VARIANT: text`;
 * one that holds at every value once, `warning: every value of PARAM[, VARIANT]: text` (report/sweep-warnings.ts).
 */
export function sweepWarningLines(param: string, points: readonly SweepPoint[]): string[] {
  return sweepRunWarnings(param, points).map((w) => `warning: ${printable(w.subject)}: ${printable(w.text)}`);
}

export function formatSweepTable(param: string, points: readonly SweepPoint[]): string {
  const header = [printable(param), 'variant', 'lead p50 (95% CI)', 'p85 (95% CI)', 'mean', 'unfinished %', 'total cost, counted period', 'total cost/yr', 'util deliv/CM/AS'];
  const rows = points.map((p) => [
    printable(p.value),
    VARIANT_LABEL[p.variant],
    compactMeanCi(p.leadTimeP50Days),
    compactMeanCi(p.leadTimeP85Days),
    compactDuration(p.leadTimeMeanDays.mean),
    `${percent(p.unfinishedShare)}${p.biased ? ' !' : '  '}`,
    Number.isFinite(p.totalCost.mean) ? groupDigits(Math.round(p.totalCost.mean)) : '–',
    Number.isFinite(p.totalCostPerYear.mean) ? groupDigits(Math.round(p.totalCostPerYear.mean)) : '–',
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
  const { values, scenarios, sha256, beyond } = loadSweep(file, args);
  return { command: 'sweep', scenarios, file: relative(process.cwd(), resolve(file)) || file, sha256, param: args.param.trim(), values, charts: args.charts, beyond };
}

/** Carries out a sweep plan: runs (or takes from shards) every value, writes the folder, prints the table. */
export async function executeSweep(plan: SweepPlan, ctx: PlanContext): Promise<number> {
  const { scenarios, values, param, out } = { ...plan, out: ctx.out };
  const first = scenarios[0]!;
  const progress = createStagedProgress(`sweep ${param}`, !ctx.quiet, {
    noun: 'value', tasks: scenarios.map((s) => s.replications * s.variants.length), replications: first.replications,
  });
  const t0 = performance.now();
  let outcome;
  try {
    outcome = await interruptible(out, () =>
      sweepToFolder(plan, out, { executor: ctx.executor, from: ctx.from, onProgress: (i, done) => progress.update(i, done) }),
    );
  } finally {
    progress.done();
  }
  const { points, costMinima: minima } = outcome;
  process.stdout.write(printableLines(formatSweepTable(param, points)));
  process.stdout.write(`\n${sweepSummarySentences(param, first.currency, points, minima, crossings(points, values), outcome.info.beyond).map(printable).join('\n')}\n`);
  for (const w of sweepWarningLines(param, points)) process.stderr.write(`${w}\n`);
  for (const c of movedCrossings(points, crossings(points, values))) {
    process.stderr.write(`note: ${VARIANT_LABEL[c.variant]}: ${TEAM_LABEL[c.team]} utilisation reaches ${c.threshold} at ${printable(param)} = ${printable(c.value)} (${fmt(c.utilisation * 100, 0)}%)\n`);
  }
  process.stderr.write(`wrote ${printable(out)}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}
