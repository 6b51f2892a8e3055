// `orisim uncertainty SCENARIO [MORE…] [--samples N] [--replications R] [--seed S] [--out DIR]
// [--workers W]`: runs every design (scenario × variant) over input sets drawn from the files'
// `uncertain:` ranges and writes uncertainty.json, samples.csv and report.html, whose page one is
// the answer in words (also printed). Every input set's scenarios are loaded and checked before
// anything runs; the output folder is written like run's (marker, never replacing a folder orisim
// did not write). The same seed gives byte-identical files with any number of workers.
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { diskFiles, loadScenarioSource } from '../node/scenario-files.js';
import { mean as meanOf } from '../stats/estimates.js';
import { autoWorkers, interruptibleSerialExecutor, pooledExecutor, workerScriptAvailable, type PooledExecutor } from '../node/parallel.js';
import { writeFolderAtomically } from '../output/output-folder.js';
import { VERSION } from '../output/version.js';
import { toCsv, toJson } from '../output/write-run.js';
import { writeChartFiles } from '../report/chart-page.js';
import { uncertaintyCharts } from '../report/uncertainty-charts.js';
import { uncertaintyReportHtml } from '../report/uncertainty-report.js';
import { uncertaintySentences } from '../report/uncertainty-words.js';
import { ScenarioError } from '../scenario/errors.js';
import { scenarioWithOverrides } from '../scenario/load.js';
import { overrideSource } from '../scenario/overrides.js';
import { MAX_UNCERTAIN_INPUTS } from '../scenario/limits.js';
import type { Scenario, UncertainInput } from '../scenario/types.js';
import { analyseStudy, type UncertaintyResult } from '../study/analysis.js';
import { overridesOf, studyInputSets, type InputSet } from '../study/input-sets.js';
import { STUDY_METRICS } from '../study/metrics.js';
import { runStudy, studyDesigns, type StudyDesign, type StudyMetrics } from '../study/runner.js';
import { defaultScenarioPath } from './commands.js';
import { interruptible } from './interrupt.js';
import { printable } from './printable.js';
import { createProgress } from './progress.js';
import { UsageError } from '../api/options.js';

export interface UncertaintyArgs {
  scenarios: readonly string[];
  samples?: number | undefined;
  replications?: number | undefined;
  seed?: number | undefined;
  out?: string | undefined;
  workers?: number | undefined;
  set: readonly string[];
  quiet: boolean;
}

/** Defaults: 64 samples × 2 replications (docs/uncertainty.md says why that is enough). */
export const DEFAULT_SAMPLES = 64;
export const DEFAULT_REPLICATIONS = 2;
/** Limits: a study of more runs than this many simulations is refused (about 3 hours on two cores). */
const MAX_SAMPLES = 4096;
const MAX_REPLICATIONS = 100;

const MAX_SIMULATIONS = 200_000;

interface StudyPlan {
  readonly files: readonly { file: string; sha256: string; load: (overrides: readonly string[]) => Scenario }[];
  readonly scenarios: readonly Scenario[];
  readonly inputs: readonly UncertainInput[];
  readonly sets: readonly InputSet[];
  readonly designs: readonly StudyDesign[];
  readonly samples: number;
  readonly replications: number;
  readonly seed: number;
}

/** The inputs of every file, by path in the order first given; a path given by two files with different ranges is refused. */
function unionOfInputs(scenarios: readonly Scenario[], files: readonly string[]): UncertainInput[] {
  const byPath = new Map<string, { input: UncertainInput; file: string }>();
  scenarios.forEach((s, i) => {
    for (const input of s.uncertain ?? []) {
      const seen = byPath.get(input.path);
      if (seen === undefined) byPath.set(input.path, { input, file: files[i]! });
      else if (JSON.stringify(seen.input) !== JSON.stringify(input)) {
        throw new UsageError(`uncertain.${input.path}: ${seen.file} and ${files[i]} give different ranges; give it once, or the same range in both`);
      }
    }
  });
  return [...byPath.values()].map((v) => v.input);
}

function checkCount(flag: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new UsageError(`${flag}: expected a whole number from 1 to ${max.toLocaleString('en-GB')}, got ${value}`);
  return value;
}

export function planUncertainty(args: UncertaintyArgs): StudyPlan {
  const samples = checkCount('--samples', args.samples, DEFAULT_SAMPLES, MAX_SAMPLES);
  const replications = checkCount('--replications', args.replications, DEFAULT_REPLICATIONS, MAX_REPLICATIONS);
  if (args.seed !== undefined && !Number.isSafeInteger(args.seed)) throw new UsageError(`--seed: expected an integer, got ${args.seed}`);
  const names = args.scenarios.length > 0 ? args.scenarios : [defaultScenarioPath()];
  const sources = names.map((file) => ({ file, ...loadScenarioSource(file, { overrides: [...args.set] }) }));
  const seed = args.seed ?? sources[0]!.scenario.seed;
  const inputs = unionOfInputs(sources.map((s) => s.scenario), names);
  if (inputs.length === 0) throw new UsageError(`${names.join(', ')}: no uncertain inputs; give ranges in an uncertain: section (scenarios/README.md, "Uncertain inputs")`);
  if (inputs.length > MAX_UNCERTAIN_INPUTS) throw new UsageError(`uncertain: expected at most ${MAX_UNCERTAIN_INPUTS} inputs over the files, got ${inputs.length}`);
  const sets = studyInputSets(inputs, samples, seed);
  const scenarios = sources.map((s) => ({ ...s.scenario, seed, replications }));
  const designs = studyDesigns(scenarios);
  const simulations = sets.length * replications * designs.length;
  if (simulations > MAX_SIMULATIONS) {
    throw new UsageError(`a study of ${simulations.toLocaleString('en-GB')} simulations is more than ${MAX_SIMULATIONS.toLocaleString('en-GB')}: give fewer --samples or --replications`);
  }
  const files = sources.map((s) => ({ file: s.file, sha256: s.sha256, load: scenarioWithOverrides(s.text, s.file, diskFiles) }));
  const plan = { files, scenarios, inputs, sets, designs, samples, replications, seed };
  // Every input set's scenarios load before anything runs: a drawn value a field refuses stops here (exit 2).
  // They are loaded again when their set runs, rather than all kept: a big study's would fill the memory.
  sets.forEach((set, i) => {
    try {
      scenariosAt(plan, set, args.set);
    } catch (err) {
      throw drawnValueIssues(err, plan.inputs, set, i);
    }
  });
  return plan;
}

/**
 * An issue of a value the study drew (each low, likely and high passed, but a combination or a
 * value between them did not), told as the input set and its value rather than as a --set the user
 * never typed.
 */
function drawnValueIssues(err: unknown, inputs: readonly UncertainInput[], set: InputSet, index: number): unknown {
  if (!(err instanceof ScenarioError)) return err;
  const drawn = new Set(overridesOf(inputs, set.values).map(overrideSource));
  return new ScenarioError(err.issues.map((issue) => (drawn.has(issue.file) ? { ...issue, file: `uncertain: input set ${index + 1} (${issue.file.slice('--set '.length)})` } : issue)));
}

/** The scenarios of an input set: each file with --set and the set's values applied, its seed and replications the study's. */
function scenariosAt(plan: Pick<StudyPlan, 'files' | 'inputs' | 'seed' | 'replications'>, set: InputSet, set0: readonly string[]): Scenario[] {
  const overrides = [...set0, ...overridesOf(plan.inputs, set.values)];
  return plan.files.map((f) => ({ ...f.load(overrides), seed: plan.seed, replications: plan.replications }));
}

/** samples.csv: one row per input set — its role, each input's value and each design's mean of each metric. */
function sampleRows(plan: StudyPlan, metrics: StudyMetrics): Record<string, string | number>[] {
  const mean = (xs: readonly number[]) => {
    const f = xs.filter(Number.isFinite);
    return f.length === 0 ? '' : meanOf(f);
  };
  return plan.sets.map((set, i) => ({
    set: i + 1,
    role: set.role === 'design' ? 'design' : set.role === 'base' ? 'tornado base' : `tornado ${set.role} ${plan.inputs[set.input!]!.path}`,
    ...Object.fromEntries(plan.inputs.map((input, k) => [input.path, set.values[k]!])),
    ...Object.fromEntries(plan.designs.flatMap((d, k) => STUDY_METRICS.map((m) => [`${d.label}.${m}`, mean(metrics[k]![m][i]!)]))),
  }));
}

/** Worker threads for the study: --workers, else every core from AUTO_PARALLEL_MIN_TASKS simulations (as run), else this thread. */
function poolFor(workers: number | undefined, simulations: number): PooledExecutor {
  const n = workers ?? autoWorkers(simulations);
  if (n === 1 || !workerScriptAvailable()) return { executor: interruptibleSerialExecutor, close: async () => {} };
  return pooledExecutor(n);
}

export async function uncertaintyCommand(args: UncertaintyArgs): Promise<number> {
  if (args.workers !== undefined && (!Number.isSafeInteger(args.workers) || args.workers < 1)) throw new UsageError(`--workers: expected a positive integer, got ${args.workers}`);
  const plan = planUncertainty(args);
  const first = plan.scenarios[0]!;
  const out = args.out ?? join('output', `uncertainty-${first.name}`);
  const simulations = plan.sets.length * plan.replications * plan.designs.length;
  if (!args.quiet) process.stderr.write(`note: ${plan.inputs.length} uncertain inputs, ${plan.sets.length} input sets × ${plan.replications} replications × ${plan.designs.length} designs = ${simulations.toLocaleString('en-GB')} simulations\n`);
  const progress = createProgress(`uncertainty ${first.name}`, !args.quiet, plan.replications * plan.designs.length);
  const pool = poolFor(args.workers, simulations);
  const t0 = performance.now();
  let result: UncertaintyResult | undefined;
  const identity = { command: 'uncertainty' as const, scenarios: plan.scenarios.map((s, i) => ({ name: s.name, sha256: plan.files[i]!.sha256 })), seed: plan.seed, replications: plan.replications };
  try {
    await interruptible(out, () =>
      writeFolderAtomically(out, identity, async (tmp) => {
        let metrics: StudyMetrics;
        try {
          metrics = await runStudy({ sets: plan.sets, designs: plan.designs, scenariosAt: (set) => scenariosAt(plan, set, args.set), executor: pool.executor, onProgress: (done, total) => progress.update(done, total) });
        } finally {
          progress.done();
        }
        result = analyseStudy({ ...plan, metrics });
        const scenarios = plan.files.map((f, i) => ({ name: plan.scenarios[i]!.name, file: basename(f.file), sha256: f.sha256 }));
        await writeFile(join(tmp, 'uncertainty.json'), toJson({ scenarios, version: VERSION, ranges: plan.inputs, ...result }));
        await writeFile(join(tmp, 'samples.csv'), toCsv(sampleRows(plan, metrics)));
        const caption = `${plan.scenarios.map((s) => s.name).join(', ')} · ${plan.inputs.length} uncertain inputs · ${plan.samples} samples × ${plan.replications} replications · seed ${plan.seed}`;
        const charts = uncertaintyCharts(result, plan.inputs, caption);
        await writeChartFiles(tmp, charts);
        await writeFile(join(tmp, 'report.html'), uncertaintyReportHtml(result, plan.inputs, { scenarios: plan.scenarios.map((s) => s.name), currency: first.currency, version: VERSION, charts }));
      }),
    );
  } finally {
    await pool.close();
  }
  process.stdout.write(`${uncertaintySentences(result!, plan.inputs, first.currency).map(printable).join('\n')}\n`);
  process.stderr.write(`wrote ${printable(out)}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}
