// Writing a command's results, kept apart from computing them: the files of a run, a comparison and
// a sweep into a folder (write*Files, into a folder being filled), and the same as a whole output
// folder written atomically with its marker (write*Folder). Charts and reports are loaded only when
// asked for (they pull in Vega, Vega-Lite and resvg).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFolderAtomically } from '../output/output-folder.js';
import { toCsv, toJson, writeRunTables } from '../output/write-run.js';
import { comparisonRows } from '../stats/compare.js';
import { sweepRows } from '../stats/sweep.js';
import type { CompareOutcome, RunOutcome, SweepOutcome } from './results.js';

export interface WriteOptions {
  /** Also write charts/ and report.html (default true). */
  charts?: boolean | undefined;
}

/** comparison.json, comparison.csv and (with charts) charts/ and report.html, into `dir`. */
export async function writeCompareFiles(dir: string, outcome: CompareOutcome, options: WriteOptions = {}): Promise<void> {
  await writeFile(join(dir, 'comparison.json'), toJson(outcome.comparison));
  await writeFile(join(dir, 'comparison.csv'), toCsv(comparisonRows(outcome.comparison)));
  if (options.charts !== false) await (await import('../report/compare-charts.js')).writeComparisonCharts(dir, outcome.comparison, outcome.runs);
}

/** sweep.csv, sweep.json and (with charts) charts/ and report.html, into `dir`. */
export async function writeSweepFiles(dir: string, outcome: SweepOutcome, options: WriteOptions = {}): Promise<void> {
  const { info, points, crossings, costMinima } = outcome;
  await writeFile(join(dir, 'sweep.csv'), toCsv(sweepRows(info.param, points)));
  await writeFile(
    join(dir, 'sweep.json'),
    toJson({
      scenario: { name: info.scenario, file: outcome.file, sha256: outcome.sha256 },
      run: { replications: info.replications, seed: info.seed, version: info.version },
      param: info.param,
      values: info.values,
      points,
      crossings,
      costMinima,
    }),
  );
  if (options.charts !== false) await (await import('../report/sweep-charts.js')).writeSweepCharts(dir, info, points, crossings, costMinima);
}

/** A comparison's output folder, written atomically (as `orisim compare` writes it). */
export async function writeCompareFolder(outcome: CompareOutcome, dir: string, options: WriteOptions = {}): Promise<void> {
  const first = outcome.runs[0]!.summary;
  const scenarios = outcome.runs.map((r) => ({ name: r.summary.scenario.name, sha256: r.summary.scenario.sha256 }));
  const identity = { command: 'compare' as const, scenarios, seed: first.run.seed, replications: first.run.replications };
  await writeFolderAtomically(dir, identity, (tmp) => writeCompareFiles(tmp, outcome, options));
}

/** A sweep's output folder, written atomically (as `orisim sweep` writes it). */
export async function writeSweepFolder(outcome: SweepOutcome, dir: string, options: WriteOptions = {}): Promise<void> {
  const { info } = outcome;
  const identity = {
    command: 'sweep' as const, scenarios: [{ name: info.scenario, sha256: outcome.sha256 }], seed: info.seed, replications: info.replications, param: info.param, values: info.values,
  };
  await writeFolderAtomically(dir, identity, (tmp) => writeSweepFiles(tmp, outcome, options));
}

/**
 * A run's output folder from its results in memory: summary.json and the tables (stages, costs,
 * replications, by-class …, wip) and, with charts, charts/ and report.html. The per-change and
 * event rows (changes.csv, events.csv) are streamed while simulating, so only `orisim run` (or
 * runToFolder) writes them.
 */
export async function writeRunFolder(outcome: RunOutcome, dir: string, options: WriteOptions & { slides?: boolean } = {}): Promise<void> {
  const { scenario } = outcome;
  const identity = { command: 'run' as const, scenarios: [{ name: scenario.name, sha256: outcome.source.sha256 }], seed: scenario.seed, replications: scenario.replications };
  await writeFolderAtomically(dir, identity, async (tmp) => {
    const tables = writeRunTables(tmp, outcome.result, outcome.summary);
    if (options.charts !== false) {
      await (await import('./charts.js')).writeChartsAndReport(tmp, outcome.result, outcome.summary, tables, outcome.source.text, { slides: options.slides === true });
    }
  });
}
