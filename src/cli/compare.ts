// `orisim compare A.yaml B.yaml [C.yaml …] [--baseline FILE[:VARIANT]]`: parses the arguments, runs
// the comparison into its folder through the API (api/compare.ts: common random numbers, every
// design paired with the baseline; comparison.json, comparison.csv, charts, report.html) and prints it.
// Every warning a run would print for a design is printed here too (stderr), with the design.
import { compareSummarySentences } from '../report/compare-summary.js';
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import { PAIRED_METRIC_LABEL, type Comparison, type DesignRef, type Difference } from '../stats/compare.js';
import { designName } from '../report/design-names.js';
import { compactDuration, compactMeanCi } from '../report/words.js';
import { checkEstimate, estimateRun, executorForRun } from './estimate.js';
import { compareToFolder, defaultCompareOut, loadCompared, parseBaseline } from '../api/compare.js';
import { shownFile } from '../api/load-scenario.js';
import { interruptible } from './interrupt.js';
import { printable, printableLines } from './printable.js';
import { createStagedProgress } from './progress.js';
import type { CommonRunArgs } from './commands.js';
import { shardOut, type ComparePlan, type PlanContext } from '../api/plan.js';
import { shardCommand, shareOfEstimate } from './shard.js';
import { groupDigits } from '../scenario/group-digits.js';

export interface CompareArgs extends CommonRunArgs {
  scenarios: readonly string[];
  /** FILE or FILE:VARIANT; default: the first scenario's first variant. */
  baseline?: string | undefined;
}

const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '–');
const money = (x: number): string => (Number.isFinite(x) ? groupDigits(Math.round(x)) : '–');
const signed = (x: number, d: number): string => (Number.isFinite(x) ? `${x > 0 ? '+' : ''}${x.toFixed(d)}` : '–');

function diffCell(d: Difference | undefined, digits: number): string {
  if (!d) return '';
  return `${signed(d.mean, digits)} [${signed(d.ci95[0], digits)}, ${signed(d.ci95[1], digits)}]${d.significant ? ' *' : ''}`;
}

/** The table printed on stdout: every design, then each one's paired difference from the baseline. */
export function formatComparisonTable(c: Comparison): string {
  const name = (d: DesignRef): string => printable(designName(d, c.designs));
  const lines = [
    `compare: ${c.designs.map(name).join(' vs ')}; ${c.run.replications} replications, seed ${c.run.seed}, common random numbers; costs in ${printable(c.run.currency)}`,
    `baseline: ${name(c.baseline)}`,
    '',
  ];
  const header = ['design', 'lead p50', 'p85', 'p95', 'mean (95% CI)', 'unfinished %', 'deploys/wk', 'cost/deploy', 'total cost, counted period', 'total cost/yr', 'TCO/yr setup/run/opp'];
  const rows = c.designs.map((f) => [
    name(f),
    compactDuration(f.leadTimeDays.p50),
    compactDuration(f.leadTimeDays.p85),
    compactDuration(f.leadTimeDays.p95),
    compactMeanCi(f.leadTimeDays),
    `${percent(f.changes.unfinishedShare)}${f.biased ? ' !' : '  '}`,
    fmt(f.deploymentsPerWeek.mean),
    money(f.costPerDeployment),
    money(f.totalCost.mean),
    money(f.costsPerYear.total),
    `${fmt(f.shares.setup * 100, 0)}/${fmt(f.shares.run * 100, 0)}/${fmt(f.shares.opportunity * 100, 0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  lines.push(line(header), ...rows.map(line));
  const biased = c.designs.filter((d) => d.biased);
  if (biased.length > 0) {
    lines.push(`! lead times understated: more than ${BIAS_UNFINISHED_SHARE * 100}% of counted changes were not live when the run ended`);
    for (const d of biased) lines.push(`  ${name(d)}: ${d.biasReason}`);
  }
  for (const f of c.designs.slice(1)) {
    const d = f.difference!;
    lines.push('', `${name(f)} − ${name(c.baseline)}, paired over replications: mean [95% CI] (* = interval excludes zero)`);
    const diffs: [string, string][] = [
      [PAIRED_METRIC_LABEL.leadTimeMeanDays, diffCell(d.leadTimeMeanDays, 2)],
      [PAIRED_METRIC_LABEL.leadTimeP50Days, diffCell(d.leadTimeP50Days, 2)],
      [PAIRED_METRIC_LABEL.leadTimeP85Days, diffCell(d.leadTimeP85Days, 2)],
      [PAIRED_METRIC_LABEL.deploymentsPerWeek, diffCell(d.deploymentsPerWeek, 2)],
      [PAIRED_METRIC_LABEL.costPerDeployment, diffCell(d.costPerDeployment, 0)],
      [PAIRED_METRIC_LABEL.totalCost, diffCell(d.totalCost, 0)],
      [PAIRED_METRIC_LABEL.totalCostPerYear, diffCell(d.totalCostPerYear, 0)],
    ];
    const w = Math.max(...diffs.map(([k]) => k.length));
    for (const [k, v] of diffs) lines.push(`  ${k.padEnd(w)}  ${v}`);
  }
  return lines.join('\n') + '\n';
}

/** The warnings `orisim run` would print, for every design: `warning: DESIGN: text`. */
export function comparisonWarningLines(c: Comparison): string[] {
  return c.designs.flatMap((d) => d.warnings.map((w) => `warning: ${printable(designName(d, c.designs))}: ${printable(w)}`));
}

export async function compareCommand(args: CompareArgs): Promise<number> {
  const plan = planCompare(args);
  const { scenarios } = plan;
  const out = args.out ?? shardOut(defaultCompareOut(scenarios), args.shard);
  const estimate = shareOfEstimate(estimateRun(scenarios, { writesChanges: false, workers: args.workers }), scenarios, args.shard);
  const note = checkEstimate(estimate, args.force === true);
  if (note !== undefined) process.stderr.write(`${note}\n`);
  const ctx = { out, quiet: args.quiet, executor: executorForRun(args.workers, estimate) };
  return args.shard === undefined ? executeCompare(plan, ctx) : shardCommand(plan, args.shard, ctx);
}

/** The comparison the arguments ask for: the scenarios loaded with one seed and replications, and the baseline. */
export function planCompare(args: CompareArgs): ComparePlan {
  const { scenarios, sha256s } = loadCompared(args);
  const baseline = parseBaseline(args.baseline, args.scenarios, scenarios);
  return { command: 'compare', scenarios, files: args.scenarios.map(shownFile), sha256s, baseline, charts: args.charts };
}

/** Carries out a comparison plan: runs (or takes from shards) every scenario, writes the folder, prints the comparison. */
export async function executeCompare(plan: ComparePlan, ctx: PlanContext): Promise<number> {
  const { scenarios, out } = { ...plan, out: ctx.out };
  const progress = createStagedProgress(`compare ${scenarios.length} scenarios`, !ctx.quiet, {
    noun: 'scenario', tasks: scenarios.map((s) => s.replications * s.variants.length), replications: scenarios[0]!.replications,
  });
  const t0 = performance.now();
  let comparison: Comparison;
  try {
    ({ comparison } = await interruptible(out, () =>
      compareToFolder(plan, out, { executor: ctx.executor, from: ctx.from, onProgress: (_done, _total, scenario, done) => progress.update(scenario, done) }),
    ));
  } finally {
    progress.done();
  }
  process.stdout.write(printableLines(formatComparisonTable(comparison)));
  process.stdout.write(`\n${compareSummarySentences(comparison).map(printable).join('\n')}\n`);
  for (const w of comparisonWarningLines(comparison)) process.stderr.write(`${w}\n`);
  process.stderr.write(`wrote ${printable(out)}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}
