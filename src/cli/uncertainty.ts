// `orisim uncertainty SCENARIO [MORE…] [--samples N] [--replications R] [--seed S] [--out DIR]
// [--workers W] [--shard I/N]`: runs every design (scenario × variant) over input sets drawn from the files'
// `uncertain:` ranges and writes uncertainty.json, samples.csv and report.html, whose page one is
// the answer in words (also printed). Every input set's scenarios are loaded and checked before
// anything runs; the output folder is written like run's (marker, never replacing a folder orisim
// did not write). The same seed gives byte-identical files with any number of workers; with
// --shard I/N it runs one block of the input sets into a shard folder (uncertainty-shard.ts), and
// `orisim merge` writes from the N shard folders the bytes one machine would have written.
import { join } from 'node:path';
import { diskFiles, loadScenarioSource } from '../node/scenario-files.js';
import { autoWorkers, interruptibleSerialExecutor, pooledExecutor, workerScriptAvailable, type PooledExecutor } from '../node/parallel.js';
import { uncertaintySentences } from '../report/uncertainty-words.js';
import { ScenarioError } from '../scenario/errors.js';
import { scenarioWithOverrides } from '../scenario/load.js';
import { overrideSource } from '../scenario/overrides.js';
import { MAX_UNCERTAIN_INPUTS } from '../scenario/limits.js';
import type { Scenario, UncertainInput } from '../scenario/types.js';
import { overridesOf, type InputSet } from '../study/input-sets.js';
import { runStudy, type StudyMetrics } from '../study/runner.js';
import { STUDY_METRICS, type StudyMetric } from '../study/metrics.js';
import type { Shard } from '../run/shard.js';
import { writeFolderAtomically } from '../output/output-folder.js';
import { writeShardManifest } from '../output/shard-folder.js';
import { writeStudyMetrics } from '../output/shard-study.js';
import { shardOut } from '../api/plan.js';
import { layOutStudy, MAX_REPLICATIONS, MAX_SAMPLES, MAX_SIMULATIONS, planData, studyIdentity, studyShardManifest, studyToFolder, unionOfCorrelations, type LaidOutStudy, type UncertaintyPlan } from '../api/uncertainty.js';
import { defaultScenarioPath } from './commands.js';
import { interruptible } from './interrupt.js';
import { printable } from './printable.js';
import { createProgress } from './progress.js';
import { shardOption } from './shard-option.js';
import { UsageError } from '../api/options.js';
import { groupDigits } from '../scenario/group-digits.js';

export interface UncertaintyArgs {
  scenarios: readonly string[];
  samples?: number | undefined;
  replications?: number | undefined;
  seed?: number | undefined;
  out?: string | undefined;
  workers?: number | undefined;
  set: readonly string[];
  quiet: boolean;
  /** `--shard I/N` as typed (checked here): run only shard I's block of the input sets into a shard folder. */
  shard?: unknown;
}

/** Defaults: 64 samples × 2 replications (docs/uncertainty.md says why that is enough). */
export const DEFAULT_SAMPLES = 64;
export const DEFAULT_REPLICATIONS = 2;

/** A study planned from its files: the plan (api/uncertainty.ts) and how each file loads with overrides. */
interface StudyPlan extends LaidOutStudy {
  readonly loads: readonly ((overrides: readonly string[]) => Scenario)[];
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
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new UsageError(`${flag}: expected a whole number from 1 to ${groupDigits(max)}, got ${value}`);
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
  const scenarios = sources.map((s) => ({ ...s.scenario, seed, replications }));
  const files = sources.map((s) => ({ file: s.file, sha256: s.sha256 }));
  const correlations = unionOfCorrelations(scenarios, names, inputs);
  const data: UncertaintyPlan = { command: 'uncertainty', scenarios, files, set: [...args.set], inputs, ...(correlations.length > 0 ? { correlations } : {}), samples, replications, seed };
  const plan: StudyPlan = { ...layOutStudy(data), loads: sources.map((s) => scenarioWithOverrides(s.text, s.file, diskFiles)) };
  const simulations = plan.sets.length * replications * plan.designs.length;
  if (simulations > MAX_SIMULATIONS) {
    throw new UsageError(`a study of ${groupDigits(simulations)} simulations is more than ${groupDigits(MAX_SIMULATIONS)}: give fewer --samples or --replications`);
  }
  // Every input set's scenarios load before anything runs: a drawn value a field refuses stops here (exit 2).
  // They are loaded again when their set runs, rather than all kept: a big study's would fill the memory.
  plan.sets.forEach((set, i) => {
    try {
      scenariosAt(plan, set);
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
function scenariosAt(plan: StudyPlan, set: InputSet): Scenario[] {
  const overrides = [...plan.set, ...overridesOf(plan.inputs, set.values)];
  return plan.loads.map((load) => ({ ...load(overrides), seed: plan.seed, replications: plan.replications }));
}

/** Worker threads for the study: --workers, else every core from AUTO_PARALLEL_MIN_TASKS simulations (as run), else this thread. */
function poolFor(workers: number | undefined, simulations: number): PooledExecutor {
  const n = workers ?? autoWorkers(simulations);
  if (n === 1 || !workerScriptAvailable()) return { executor: interruptibleSerialExecutor, close: async () => {} };
  return pooledExecutor(n);
}

export async function uncertaintyCommand(args: UncertaintyArgs): Promise<number> {
  if (args.workers !== undefined && (!Number.isSafeInteger(args.workers) || args.workers < 1)) throw new UsageError(`--workers: expected a positive integer, got ${args.workers}`);
  const shard = shardOption(args.shard);
  const plan = planUncertainty(args);
  const first = plan.scenarios[0]!;
  const out = args.out ?? shardOut(join('output', `uncertainty-${first.name}`), shard);
  const simulations = plan.sets.length * plan.replications * plan.designs.length;
  if (!args.quiet) process.stderr.write(`note: ${plan.inputs.length} uncertain inputs, ${plan.sets.length} input sets × ${plan.replications} replications × ${plan.designs.length} designs = ${groupDigits(simulations)} simulations\n`);
  if (shard !== undefined) {
    return uncertaintyShard(plan, shard, { out, quiet: args.quiet, workers: args.workers });
  }
  const progress = createProgress(`uncertainty ${first.name}`, !args.quiet, plan.replications * plan.designs.length);
  const pool = poolFor(args.workers, simulations);
  try {
    return await finishStudy(plan, out, async () => {
      try {
        return await runStudy({ sets: plan.sets, designs: plan.designs, scenariosAt: (set) => scenariosAt(plan, set), executor: pool.executor, onProgress: (done, total) => progress.update(done, total) });
      } finally {
        progress.done();
      }
    });
  } finally {
    await pool.close();
  }
}

/**
 * Writes the study's folder from its metrics (simulated here, or merged from shard folders by
 * `orisim merge`) and prints page one's sentences: the same bytes either way.
 */
export async function finishStudy(plan: LaidOutStudy, out: string, metricsOf: () => Promise<StudyMetrics>): Promise<number> {
  const t0 = performance.now();
  const result = await interruptible(out, () => studyToFolder(plan, out, metricsOf));
  process.stdout.write(`${uncertaintySentences(result, plan.inputs, plan.scenarios[0]!.currency).map(printable).join('\n')}\n`);
  process.stderr.write(`wrote ${printable(out)}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}

/**
 * `--shard I/N`: runs only shard I's block of the study's input sets — a contiguous block, sets
 * ⌊(I−1)·S/N⌋ up to (not including) ⌊I·S/N⌋ of S, as run/shard.ts splits a run's tasks — into the
 * shard folder `out`: shard.json (api/uncertainty.ts studyShardManifest), plan.bin (the plan, so
 * that merge needs no scenario file) and metrics.bin (output/shard-study.ts). A set's metrics come
 * from its own replications (seed, replication i) whichever machine runs it, so `orisim merge`
 * puts the blocks one after the other and writes what one machine would have written.
 */
async function uncertaintyShard(plan: StudyPlan, shard: Shard, ctx: { out: string; quiet: boolean; workers: number | undefined }): Promise<number> {
  const manifest = studyShardManifest(plan, shard);
  const { from, to, total } = manifest.tasks;
  const sets = plan.sets.slice(from, to);
  const of = `${shard.index}/${shard.count}`;
  if (sets.length === 0) process.stderr.write(`note: shard ${of} runs no input sets (${shard.count} shards for ${total} input sets); merge still needs its folder\n`);
  const progress = createProgress(`uncertainty ${plan.scenarios[0]!.name} shard ${of}`, !ctx.quiet, plan.replications * plan.designs.length);
  const pool = poolFor(ctx.workers, sets.length * plan.replications * plan.designs.length);
  const t0 = performance.now();
  try {
    await interruptible(ctx.out, () =>
      writeFolderAtomically(ctx.out, { ...studyIdentity(plan), shard: of }, async (tmp) => {
        let metrics: StudyMetrics;
        try {
          metrics = sets.length === 0
            ? plan.designs.map(() => Object.fromEntries(STUDY_METRICS.map((m) => [m, []])) as unknown as Record<StudyMetric, number[][]>)
            : await runStudy({ sets, designs: plan.designs, scenariosAt: (set) => scenariosAt(plan, set), executor: pool.executor, onProgress: (done, all) => progress.update(done, all) });
        } finally {
          progress.done();
        }
        writeStudyMetrics(tmp, metrics, sets.length, plan.replications);
        writeShardManifest(tmp, manifest, planData(plan));
      }),
    );
  } finally {
    await pool.close();
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(
    `wrote ${printable(ctx.out)}/ (shard ${of}: input sets ${from === to ? 'none' : `${from + 1}–${to}`} of ${total}, ${seconds} s); combine the ${shard.count} shard folders with: orisim merge OUT SHARD_DIR…\n`,
  );
  return 0;
}
