// `orisim compare A.yaml B.yaml [C.yaml …]`: runs every scenario with common random numbers and
// writes the comparison (comparison.json, comparison.csv, charts, report.html) into one folder.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { loadScenario, type Scenario } from '../scenario/index.js';
import { writeFolderAtomically } from '../report/output-folder.js';
import { toCsv, toJson } from '../report/write-run.js';
import { writeComparisonCharts } from '../report/compare-charts.js';
import { buildComparison, comparisonRows, PAIRED_METRIC_LABEL, type Comparison, type ComparedRun, type Difference } from '../stats/compare.js';
import { executorFor } from '../stats/parallel.js';
import { buildSummary, runReplications, type Executor } from '../stats/replications.js';
import { checkEstimate, estimateRun, executorForRun } from './estimate.js';
import { VARIANT_LABEL } from '../report/charts/palette.js';
import { VERSION } from '../version.js';
import { applyRunOverrides, UsageError } from './commands.js';
import { interruptible } from './interrupt.js';
import { createProgress } from './progress.js';
import type { CommonRunArgs } from './commands.js';

export interface CompareArgs extends CommonRunArgs {
  scenarios: readonly string[];
}

/** Loads the scenarios and gives them all the first one's seed and replications (or the options'). */
export function loadCompared(args: Pick<CompareArgs, 'scenarios' | 'replications' | 'seed' | 'set'>): Scenario[] {
  if (args.scenarios.length < 2) throw new UsageError(`compare needs at least two scenario files, got ${args.scenarios.length}`);
  const loaded = args.scenarios.map((f) => loadScenario(f, { overrides: args.set }));
  const first = applyRunOverrides(loaded[0]!, args);
  return loaded.map((s) => ({ ...s, seed: first.seed, replications: first.replications }));
}

export function defaultCompareOut(scenarios: readonly Scenario[]): string {
  return join('output', `compare-${scenarios.map((s) => s.name).join('-vs-')}`);
}

/** Runs every scenario (with the same seed and replications) and builds the comparison. */
export async function runComparison(
  files: readonly string[],
  scenarios: readonly Scenario[],
  options: { workers: number | undefined; executor?: Executor; onProgress?: (done: number, total: number) => void },
): Promise<{ runs: ComparedRun[]; comparison: Comparison }> {
  const executor = options.executor ?? executorFor(options.workers);
  const total = scenarios.reduce((a, s) => a + s.replications * s.variants.length, 0);
  let offset = 0;
  const runs: ComparedRun[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const file = files[i]!;
    const result = await runReplications(scenario, {
      executor,
      ...(options.onProgress ? { onProgress: (p) => options.onProgress!(offset + p.done, total) } : {}),
    });
    offset += scenario.replications * scenario.variants.length;
    const summary = buildSummary(result, {
      file: relative(process.cwd(), resolve(file)) || file,
      sha256: createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex'),
      version: VERSION,
    });
    runs.push({ file: summary.scenario.file, summary, result });
  }
  return { runs, comparison: buildComparison(runs) };
}

const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '–');
const money = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-GB') : '–');
const signed = (x: number, d: number): string => (Number.isFinite(x) ? `${x > 0 ? '+' : ''}${x.toFixed(d)}` : '–');

function diffCell(d: Difference | undefined, digits: number): string {
  if (!d) return '';
  return `${signed(d.mean, digits)} [${signed(d.ci95[0], digits)}, ${signed(d.ci95[1], digits)}]${d.significant ? ' *' : ''}`;
}

/** The table printed on stdout: per variant, each scenario, then its difference from the first. */
export function formatComparisonTable(c: Comparison): string {
  const lines = [
    `compare: ${c.scenarios.map((s) => s.name).join(' vs ')}; ${c.run.replications} replications, seed ${c.run.seed}, common random numbers; costs in ${c.run.currency}`,
  ];
  const header = ['scenario', 'lead p50 d', 'p85 d', 'p95 d', 'mean d (95% CI)', 'deploys/wk', 'cost/deploy', 'total cost', 'TCO setup/run/opp'];
  for (const [variant, list] of Object.entries(c.variants)) {
    if (!list) continue;
    const rows = list.map((f) => [
      f.scenario,
      fmt(f.leadTimeDays.p50),
      fmt(f.leadTimeDays.p85),
      fmt(f.leadTimeDays.p95),
      `${fmt(f.leadTimeDays.mean)} (${fmt(f.leadTimeDays.ci95[0])}–${fmt(f.leadTimeDays.ci95[1])})`,
      fmt(f.deploymentsPerWeek.mean),
      money(f.costPerDeployment),
      money(f.totalCost.mean),
      `${fmt(f.shares.setup * 100, 0)}/${fmt(f.shares.run * 100, 0)}/${fmt(f.shares.opportunity * 100, 0)}%`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]): string => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
    lines.push('', `${VARIANT_LABEL[variant as keyof typeof VARIANT_LABEL] ?? variant}`, line(header), ...rows.map(line));
    for (const f of list.slice(1)) {
      const d = f.difference!;
      lines.push(`  ${f.scenario} − ${c.baseline}, paired over replications: mean [95% CI] (* = interval excludes zero)`);
      const diffs: [string, string][] = [
        [PAIRED_METRIC_LABEL.leadTimeMeanDays, diffCell(d.leadTimeMeanDays, 2)],
        [PAIRED_METRIC_LABEL.leadTimeP50Days, diffCell(d.leadTimeP50Days, 2)],
        [PAIRED_METRIC_LABEL.leadTimeP85Days, diffCell(d.leadTimeP85Days, 2)],
        [PAIRED_METRIC_LABEL.deploymentsPerWeek, diffCell(d.deploymentsPerWeek, 2)],
        [PAIRED_METRIC_LABEL.costPerDeployment, diffCell(d.costPerDeployment, 0)],
        [PAIRED_METRIC_LABEL.totalCost, diffCell(d.totalCost, 0)],
      ];
      const w = Math.max(...diffs.map(([k]) => k.length));
      for (const [k, v] of diffs) lines.push(`    ${k.padEnd(w)}  ${v}`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function compareCommand(args: CompareArgs): Promise<number> {
  const scenarios = loadCompared(args);
  const out = args.out ?? defaultCompareOut(scenarios);
  const estimate = estimateRun(scenarios, { writesChanges: false, workers: args.workers });
  const note = checkEstimate(estimate, args.force === true);
  if (note !== undefined) process.stderr.write(`${note}\n`);
  const total = scenarios.reduce((a, s) => a + s.replications * s.variants.length, 0);
  const progress = createProgress(`compare ${scenarios.length} scenarios`, !args.quiet);
  let comparison: Comparison | undefined;
  const t0 = performance.now();
  await interruptible(out, () =>
    writeFolderAtomically(out, async (tmp) => {
      try {
        const r = await runComparison(args.scenarios, scenarios, {
          workers: args.workers,
          executor: executorForRun(args.workers, estimate),
          onProgress: (done) => progress.update(done, total),
        });
        comparison = r.comparison;
        await writeFile(join(tmp, 'comparison.json'), toJson(r.comparison));
        await writeFile(join(tmp, 'comparison.csv'), toCsv(comparisonRows(r.comparison)));
        if (args.charts) await writeComparisonCharts(tmp, r.comparison, r.runs);
      } finally {
        progress.done();
      }
    }),
  );
  process.stdout.write(formatComparisonTable(comparison!));
  process.stderr.write(`wrote ${out}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}
