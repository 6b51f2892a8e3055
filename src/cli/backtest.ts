// `orisim backtest SCENARIO EXPORT.csv`: simulates the scenario (api/backtest.ts) and sets its distributions beside
// the export's (lead time, waits, deployments per week, out-of-hours share, failure rate), with the
// KS and Wasserstein distances of lead time, a QQ chart and overlaid CDFs. Writes backtest.json,
// backtest.csv and (unless --no-charts) report.html and charts/ into an output folder; prints the
// checks and a verdict line on stdout. Exit 0 whatever the verdict; 2 for a bad scenario, export or
// argument, and for an export with no implemented change (no lead time to compare).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { observables, type Backtest } from '../calibrate/backtest.js';
import { ExportError } from '../calibrate/read-export.js';
import { loadScenario } from '../api/load-scenario.js';
import { backtestCharts } from '../report/backtest-charts.js';
import { chartReportHtml, writeChartFiles } from '../report/chart-page.js';
import { checkOutputFolder, writeFolderAtomically } from '../output/output-folder.js';
import { toCsv, toJson } from '../output/write-run.js';
import { CAVEAT } from '../report/words.js';
import { applyRunOverrides } from '../api/options.js';
import { prepareBacktest, simulateBacktest } from '../api/backtest.js';
import { dateFormatOption, parseMaps } from './calibrate.js';
import { checkEstimate, estimateRun } from './estimate.js';
import { interruptible } from './interrupt.js';
import { printable, printableLines } from './printable.js';
import { createProgress } from './progress.js';

export interface BacktestArgs {
  scenario: string;
  export: string;
  out?: string | undefined;
  replications?: number | undefined;
  seed?: number | undefined;
  set: readonly string[];
  map: readonly string[];
  dateFormat?: string | undefined;
  charts: boolean;
  quiet: boolean;
  force?: boolean | undefined;
}

const cell = (x: number, digits: number): string | number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : '');

function checkRows(bt: Backtest): Record<string, string | number>[] {
  return bt.checks.map((c) => ({
    figure: c.name,
    unit: c.unit,
    export: cell(c.observed, 4),
    export_rows: c.n,
    simulated_mean: cell(c.simulatedMean, 4),
    simulated_low: cell(c.low, 4),
    simulated_high: cell(c.high, 4),
    inside: c.inside ? 'yes' : 'no',
    in_verdict: c.inVerdict ? 'yes' : 'no',
  }));
}

/** The checks as a fixed-width table for the terminal. */
function checkTable(bt: Backtest): string {
  const fmt = (x: number, unit: string): string => (!Number.isFinite(x) ? '–' : unit === 'share' ? `${(x * 100).toFixed(1)}%` : x.toFixed(2));
  const rows = bt.checks.map((c) => [c.name + (c.unit === 'days' ? ' (days)' : ''), fmt(c.observed, c.unit), `${fmt(c.low, c.unit)} – ${fmt(c.high, c.unit)}`, c.inside ? 'inside' : 'OUTSIDE', c.inVerdict ? '' : '(shown only)']);
  const head = ['figure', 'export', `simulated ${(bt.level * 100).toFixed(1)}% interval`, '', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export async function backtestCommand(args: BacktestArgs): Promise<number> {
  const map = parseMaps(args.map);
  const dateFormat = dateFormatOption(args.dateFormat);
  const source = loadScenario(args.scenario, { set: args.set });
  const out = args.out ?? join('output', `backtest-${applyRunOverrides(source.scenario, args).name}`);
  checkOutputFolder(out); // refuse before simulating anything
  let prepared;
  try {
    prepared = prepareBacktest({ ...source, file: args.scenario }, args.export, { map, dateFormat, replications: args.replications, seed: args.seed });
  } catch (err) {
    if (!(err instanceof ExportError)) throw err;
    process.stderr.write(`orisim: ${printable(err.message)}\n`);
    return 2;
  }
  const { scenario, variant, data } = prepared;
  const note = checkEstimate(estimateRun([scenario], { writesChanges: false, workers: 1 }), args.force === true);
  if (note !== undefined) process.stderr.write(`${note}\n`);
  for (const w of data.warnings) process.stderr.write(`warning: ${printable(args.export)}: ${printable(w)}\n`);
  if (data.bad.length > 0) process.stderr.write(`read ${printable(args.export)}: ${data.bad.length} bad rows skipped (orisim calibrate lists them)\n`);
  const progress = createProgress(`backtest ${scenario.name}`, !args.quiet, 1);
  let outcome;
  try {
    outcome = await simulateBacktest(prepared, { onProgress: (done, total) => progress.update(done, total) });
  } finally {
    progress.done();
  }
  const { backtest: bt, replicationRows } = outcome;
  const identity = { command: 'backtest' as const, scenarios: [{ name: scenario.name, sha256: source.sha256 }], seed: scenario.seed, replications: scenario.replications };
  const caption = `Scenario ${scenario.name} (${variant}) · seed ${scenario.seed} · ${scenario.replications} replications · export ${args.export}`;
  await interruptible(out, () =>
    writeFolderAtomically(out, identity, async (tmp) => {
      const json = { scenario: { name: scenario.name, file: args.scenario, sha256: source.sha256 }, export: { file: args.export, sha256: data.sha256, rows: data.rows.length + data.bad.length, used: data.rows.length, badRows: data.bad.length }, seed: scenario.seed, ...bt };
      await writeFile(join(tmp, 'backtest.json'), toJson(json));
      await writeFile(join(tmp, 'backtest.csv'), toCsv(checkRows(bt)));
      if (!args.charts) return;
      const charts = backtestCharts(bt, observables(data.rows).leadTimeDays, replicationRows.flatMap((r) => observables(r).leadTimeDays), caption);
      await writeChartFiles(tmp, charts);
      const lt = bt.leadTime;
      const html = chartReportHtml({
        title: `Back-test of ${scenario.name} against ${args.export}`,
        summary: [bt.verdict.line, CAVEAT],
        intro: [
          `The export's figures beside the same figures measured on each of ${bt.replications} simulated replications of the ${variant} variant (each replication's changes made into export rows, as run --export servicenow writes them). Every interval runs from the k-th smallest to the k-th largest replication, k = max(1, ⌈n(1 − level)/2⌉) at level ${(bt.level * 100).toFixed(1)}% (95% shared over the verdict's checks): with fewer than ${Math.ceil(2 / (1 - bt.level))} replications, their whole range.`,
          `Lead time opened → work end: KS distance ${lt.ks.toFixed(3)} (one replication against the others: median ${lt.ksReplicationMedian.toFixed(3)}, largest ${lt.ksReplicationMax.toFixed(3)}), Wasserstein distance ${lt.wassersteinDays.toFixed(2)} days.`,
        ],
        warnings: [],
        tables: [{ heading: 'Checks (backtest.csv)', rows: checkRows(bt) }],
        charts,
      });
      await writeFile(join(tmp, 'report.html'), html);
    }),
  );
  process.stdout.write(printableLines(checkTable(bt)));
  process.stdout.write(
    `lead time KS distance ${bt.leadTime.ks.toFixed(3)} (replications: median ${bt.leadTime.ksReplicationMedian.toFixed(3)}, largest ${bt.leadTime.ksReplicationMax.toFixed(3)}), Wasserstein ${bt.leadTime.wassersteinDays.toFixed(2)} days\n`,
  );
  process.stdout.write(`${printable(bt.verdict.line)}\n`);
  process.stderr.write(`wrote ${printable(out)}/\n`);
  return 0;
}
