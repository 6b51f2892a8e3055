// `orisim sweep SCENARIO --param PATH --values LIST|FROM..TO[:STEP]`: runs the scenario once per
// value of one parameter (as `--set PATH=value`) and writes sweep.csv, sweep.json, the charts and
// report.html. Every value's scenario is loaded and validated before anything runs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { loadScenario, type Scenario } from '../scenario/index.js';
import { writeFolderAtomically } from '../report/output-folder.js';
import { toCsv, toJson } from '../report/write-run.js';
import { writeSweepCharts, type SweepInfo } from '../report/sweep-charts.js';
import { VARIANT_LABEL, TEAM_LABEL } from '../report/charts/palette.js';
import { buildSummary, runReplications } from '../stats/replications.js';
import { crossings, parseSweepValues, SweepValuesError, sweepPoints, sweepRows, type SweepPoint } from '../stats/sweep.js';
import { VERSION } from '../version.js';
import { applyRunOverrides, defaultScenarioPath, UsageError } from './commands.js';
import { checkEstimate, estimateRun, executorForRun } from './estimate.js';
import { interruptible } from './interrupt.js';
import { createProgress } from './progress.js';
import type { CommonRunArgs } from './commands.js';

export interface SweepArgs extends CommonRunArgs {
  scenario?: string | undefined;
  param: string;
  values: string;
}

/** One scenario per value; a bad value or path throws the loader's ScenarioError (exit 2). */
export function loadSweep(file: string, args: SweepArgs): { values: string[]; scenarios: Scenario[] } {
  let values: string[];
  try {
    values = parseSweepValues(args.values);
  } catch (e) {
    if (e instanceof SweepValuesError) throw new UsageError(e.message);
    throw e;
  }
  const param = args.param.trim();
  if (param === '') throw new UsageError('--param is empty: name a scenario path, e.g. teams.delivery.count');
  const scenarios = values.map((v) => applyRunOverrides(loadScenario(file, { overrides: [...args.set, `${param}=${v}`] }), args));
  return { values, scenarios };
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_');

function fmt(x: number, d = 1): string {
  return Number.isFinite(x) ? x.toFixed(d) : '–';
}

export function formatSweepTable(param: string, points: readonly SweepPoint[]): string {
  const header = [param, 'variant', 'lead p50 d (95% CI)', 'p85 d (95% CI)', 'mean d', 'total cost', 'util deliv/CM/AS'];
  const rows = points.map((p) => [
    p.value,
    VARIANT_LABEL[p.variant],
    `${fmt(p.leadTimeP50Days.mean)} (${fmt(p.leadTimeP50Days.ci95[0])}–${fmt(p.leadTimeP50Days.ci95[1])})`,
    `${fmt(p.leadTimeP85Days.mean)} (${fmt(p.leadTimeP85Days.ci95[0])}–${fmt(p.leadTimeP85Days.ci95[1])})`,
    fmt(p.leadTimeMeanDays.mean),
    Number.isFinite(p.totalCost.mean) ? Math.round(p.totalCost.mean).toLocaleString('en-GB') : '–',
    `${fmt(p.utilisation.delivery * 100, 0)}/${fmt(p.utilisation.changeManagement * 100, 0)}/${fmt(p.utilisation.applicationSupport * 100, 0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((x, i) => (i <= 1 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export async function sweepCommand(args: SweepArgs): Promise<number> {
  const file = args.scenario ?? defaultScenarioPath();
  const { values, scenarios } = loadSweep(file, args);
  const first = scenarios[0]!;
  const out = args.out ?? join('output', `sweep-${first.name}-${safe(args.param.trim())}`);
  const total = scenarios.reduce((a, s) => a + s.replications * s.variants.length, 0);
  const progress = createProgress(`sweep ${args.param} (${values.length} values)`, !args.quiet);
  const estimate = estimateRun(scenarios, { writesChanges: false, workers: args.workers });
  const note = checkEstimate(estimate, args.force === true);
  if (note !== undefined) process.stderr.write(`${note}\n`);
  const executor = executorForRun(args.workers, estimate);
  const sha256 = createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex');
  const shown = relative(process.cwd(), resolve(file)) || file;
  const points: SweepPoint[] = [];
  const t0 = performance.now();
  await interruptible(out, () =>
    writeFolderAtomically(out, async (tmp) => {
      try {
        let offset = 0;
        for (const [i, scenario] of scenarios.entries()) {
          const result = await runReplications(scenario, { executor, onProgress: (p) => progress.update(offset + p.done, total) });
          offset += scenario.replications * scenario.variants.length;
          const summary = buildSummary(result, { file: shown, sha256, version: VERSION });
          points.push(...sweepPoints(values[i]!, result, summary));
        }
      } finally {
        progress.done();
      }
      const param = args.param.trim();
      const cross = crossings(points, values);
      const info: SweepInfo = {
        scenario: first.name, param, values, replications: first.replications, seed: first.seed, currency: first.currency, version: VERSION,
      };
      await writeFile(join(tmp, 'sweep.csv'), toCsv(sweepRows(param, points)));
      await writeFile(join(tmp, 'sweep.json'), toJson({ scenario: { name: first.name, file: shown, sha256 }, run: { replications: first.replications, seed: first.seed, version: VERSION }, param, values, points, crossings: cross }));
      if (args.charts) await writeSweepCharts(tmp, info, points, cross);
    }),
  );
  process.stdout.write(formatSweepTable(args.param.trim(), points));
  for (const c of crossings(points, values)) {
    process.stderr.write(`note: ${VARIANT_LABEL[c.variant]}: ${TEAM_LABEL[c.team]} utilisation reaches ${c.threshold} at ${args.param.trim()} = ${c.value} (${fmt(c.utilisation * 100, 0)}%)\n`);
  }
  process.stderr.write(`wrote ${out}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}
