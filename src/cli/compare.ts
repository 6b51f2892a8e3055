// `orisim compare A.yaml B.yaml [C.yaml …] [--baseline FILE[:VARIANT]]`: runs every scenario with
// common random numbers, pairs every design (scenario × variant) with the baseline design, and
// writes the comparison (comparison.json, comparison.csv, charts, report.html) into one folder.
// Every warning a run would print for a design is printed here too (stderr), with the design.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { type Scenario } from '../scenario/index.js';
import { loadScenarioSource } from '../node/scenario-files.js';
import { MAX_FOLDER_NAME_BYTES, writeFolderAtomically } from '../output/output-folder.js';
import { toCsv, toJson } from '../output/write-run.js';
import { writeComparisonCharts } from '../report/compare-charts.js';
import { compareSummarySentences } from '../report/compare-summary.js';
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import {
  buildComparison, checkSameCurrency, comparisonRows, ComparisonError, fileLabels, PAIRED_METRIC_LABEL,
  type Comparison, type ComparedRun, type DesignKey, type Difference,
} from '../stats/compare.js';
import { executorFor } from '../node/parallel.js';
import { simulateReplications, type Executor, type ReplicationSource } from '../run/replications.js';
import { buildSummary } from '../stats/run-summary.js';
import { checkEstimate, estimateRun, executorForRun } from './estimate.js';
import { VERSION } from '../output/version.js';
import { applyRunOverrides } from './commands.js';
import { single, UsageError } from './usage.js';
import { interruptible } from './interrupt.js';
import { printable, printableLines } from './printable.js';
import { createStagedProgress } from './progress.js';
import type { CommonRunArgs } from './commands.js';
import { planIdentity, shardOut, type ComparePlan, type PlanContext } from './plan.js';
import { shardCommand, shareOfEstimate } from './shard.js';

export interface CompareArgs extends CommonRunArgs {
  scenarios: readonly string[];
  /** FILE or FILE:VARIANT; default: the first scenario's first variant. */
  baseline?: string | undefined;
}

/** A scenario file as shown in outputs: relative to the working folder. */
export function shownFile(file: string): string {
  return relative(process.cwd(), resolve(file)) || file;
}


/**
 * Loads the scenarios and gives them all the first one's seed and replications (or the options'),
 * with the SHA-256 of the text each was read from (recorded as is: files are not read again).
 * Scenarios whose costs are in different currencies are refused.
 */
export function loadCompared(args: Pick<CompareArgs, 'scenarios' | 'replications' | 'seed' | 'set'>): { scenarios: Scenario[]; sha256s: string[] } {
  if (args.scenarios.length < 2) throw new UsageError(`compare needs at least two scenario files, got ${args.scenarios.length}`);
  const loaded = args.scenarios.map((f) => loadScenarioSource(f, { overrides: args.set }));
  const first = applyRunOverrides(loaded[0]!.scenario, args);
  try {
    checkSameCurrency(args.scenarios.map(shownFile), loaded.map((l) => l.scenario.currency));
  } catch (e) {
    throw e instanceof ComparisonError ? new UsageError(e.message) : e;
  }
  return {
    scenarios: loaded.map(({ scenario: s }) => ({ ...s, seed: first.seed, replications: first.replications })),
    sha256s: loaded.map((l) => l.sha256),
  };
}

/**
 * The baseline design named by `--baseline FILE[:VARIANT]` (FILE as given, or as labelled, e.g.
 * `a.yaml#2` for a file given twice; without VARIANT, that scenario's first variant); without
 * `--baseline`, the first scenario's first variant.
 */
export function parseBaseline(spec: string | undefined, files: readonly string[], scenarios: readonly Scenario[]): DesignKey {
  if (spec === undefined) return { run: 0, variant: scenarios[0]!.variants[0]! };
  const s = single('--baseline', spec).trim();
  const example = `${shownFile(files[0]!)}:${scenarios[0]!.variants[0]!}`;
  if (s === '') throw new UsageError(`--baseline is empty: give FILE or FILE:VARIANT, e.g. ${example}`);
  const labels = fileLabels(files.map(shownFile));
  const find = (f: string): number => {
    const byLabel = labels.indexOf(f);
    return byLabel >= 0 ? byLabel : files.findIndex((g) => resolve(g) === resolve(f));
  };
  let file = s;
  let variant: string | undefined;
  let run = find(s);
  const colon = s.lastIndexOf(':');
  if (run < 0 && colon > 0) {
    file = s.slice(0, colon);
    variant = s.slice(colon + 1);
    run = find(file);
  }
  if (run < 0) {
    throw new UsageError(`--baseline '${s}': ${file} is not one of the compared files (${labels.join(', ')})`);
  }
  const runs = scenarios[run]!.variants;
  if (variant === undefined) return { run, variant: runs[0]! };
  const v = runs.find((x) => x === variant);
  if (v === undefined) {
    throw new UsageError(`--baseline '${s}': ${labels[run]} does not run variant '${variant}' (it runs: ${runs.join(', ')})`);
  }
  return { run, variant: v };
}

/**
 * output/compare-A-vs-B…; when that name would be too long for a folder, the first name, how many
 * others, and 8 hex digits of the SHA-256 of all the names (so different comparisons differ).
 */
export function defaultCompareOut(scenarios: readonly Scenario[]): string {
  const names = scenarios.map((s) => s.name);
  const full = `compare-${names.join('-vs-')}`;
  if (Buffer.byteLength(full) <= MAX_FOLDER_NAME_BYTES) return join('output', full);
  const digest = createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 8);
  return join('output', `compare-${names[0]}-vs-${names.length - 1}-more-${digest}`);
}

/** Runs every scenario (with the same seed and replications) and builds the comparison. */
export async function runComparison(
  files: readonly string[],
  scenarios: readonly Scenario[],
  options: {
    workers: number | undefined;
    sha256s: readonly string[];
    executor?: Executor | undefined;
    onProgress?: (done: number, total: number, scenario: number, doneInScenario: number) => void;
    baseline?: DesignKey;
    /** Where the replications come from (default: simulated here; merge: shard folders). */
    source?: ReplicationSource | undefined;
  },
): Promise<{ runs: ComparedRun[]; comparison: Comparison }> {
  const executor = options.executor ?? executorFor(options.workers);
  const total = scenarios.reduce((a, s) => a + s.replications * s.variants.length, 0);
  let offset = 0;
  const runs: ComparedRun[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const file = files[i]!;
    const result = await (options.source ?? simulateReplications)(scenario, i, {
      executor,
      ...(options.onProgress ? { onProgress: (p) => options.onProgress!(offset + p.done, total, i, p.done) } : {}),
    });
    offset += scenario.replications * scenario.variants.length;
    const summary = buildSummary(result, {
      file: shownFile(file),
      sha256: options.sha256s[i]!,
      version: VERSION,
    });
    runs.push({ file: summary.scenario.file, summary, result });
  }
  try {
    return { runs, comparison: buildComparison(runs, options.baseline) };
  } catch (e) {
    throw e instanceof ComparisonError ? new UsageError(e.message) : e;
  }
}

const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '–');
const money = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-GB') : '–');
const signed = (x: number, d: number): string => (Number.isFinite(x) ? `${x > 0 ? '+' : ''}${x.toFixed(d)}` : '–');

function diffCell(d: Difference | undefined, digits: number): string {
  if (!d) return '';
  return `${signed(d.mean, digits)} [${signed(d.ci95[0], digits)}, ${signed(d.ci95[1], digits)}]${d.significant ? ' *' : ''}`;
}

/** The table printed on stdout: every design, then each one's paired difference from the baseline. */
export function formatComparisonTable(c: Comparison): string {
  const lines = [
    `compare: ${c.designs.map((d) => printable(d.label)).join(' vs ')}; ${c.run.replications} replications, seed ${c.run.seed}, common random numbers; costs in ${printable(c.run.currency)}`,
    `baseline: ${printable(c.baseline.label)}`,
    '',
  ];
  const header = ['design', 'lead p50 d', 'p85 d', 'p95 d', 'mean d (95% CI)', 'unfinished %', 'deploys/wk', 'cost/deploy', 'total cost, counted period', 'total cost/yr', 'TCO/yr setup/run/opp'];
  const rows = c.designs.map((f) => [
    printable(f.label),
    fmt(f.leadTimeDays.p50),
    fmt(f.leadTimeDays.p85),
    fmt(f.leadTimeDays.p95),
    `${fmt(f.leadTimeDays.mean)} (${fmt(f.leadTimeDays.ci95[0])}–${fmt(f.leadTimeDays.ci95[1])})`,
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
    for (const d of biased) lines.push(`  ${printable(d.label)}: ${d.biasReason}`);
  }
  for (const f of c.designs.slice(1)) {
    const d = f.difference!;
    lines.push('', `${printable(f.label)} − ${printable(c.baseline.label)}, paired over replications: mean [95% CI] (* = interval excludes zero)`);
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
  return c.designs.flatMap((d) => d.warnings.map((w) => `warning: ${printable(d.label)}: ${printable(w)}`));
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
  let comparison: Comparison | undefined;
  const t0 = performance.now();
  await interruptible(out, () =>
    writeFolderAtomically(out, planIdentity(plan), async (tmp) => {
      let r;
      try {
        r = await runComparison(plan.files, scenarios, {
          workers: undefined,
          sha256s: plan.sha256s,
          executor: ctx.executor,
          source: ctx.from?.replications,
          onProgress: (_done, _total, scenario, done) => progress.update(scenario, done),
          baseline: plan.baseline,
        });
      } finally {
        progress.done();
      }
      comparison = r.comparison;
      await writeFile(join(tmp, 'comparison.json'), toJson(r.comparison));
      await writeFile(join(tmp, 'comparison.csv'), toCsv(comparisonRows(r.comparison)));
      if (plan.charts) await writeComparisonCharts(tmp, r.comparison, r.runs);
    }),
  );
  process.stdout.write(printableLines(formatComparisonTable(comparison!)));
  process.stdout.write(`\n${compareSummarySentences(comparison!).map(printable).join('\n')}\n`);
  for (const w of comparisonWarningLines(comparison!)) process.stderr.write(`${w}\n`);
  process.stderr.write(`wrote ${printable(out)}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}
