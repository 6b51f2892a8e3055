// uncertainty: a study's plan as it is kept — in memory, and in a shard folder's plan.bin, so that
// `orisim merge` can finish the study without the scenario files — its shard manifest, and the
// study's folder written from its metrics (uncertainty.json, samples.csv, the charts and
// report.html, atomically with the marker). One machine and merge both write through
// studyToFolder, so that their folders are the same bytes.
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFolderAtomically } from '../output/output-folder.js';
import type { OutputIdentity } from '../output/output-marker.js';
import { fingerprint, type ShardManifest } from '../output/shard-folder.js';
import { VERSION } from '../output/version.js';
import { toCsv, toJson } from '../output/write-run.js';
import { writeChartFiles } from '../report/chart-page.js';
import { uncertaintyCharts } from '../report/uncertainty-charts.js';
import { uncertaintyReportHtml } from '../report/uncertainty-report.js';
import { shardRange, type Shard } from '../run/shard.js';
import type { RankCorrelation, Scenario, UncertainInput } from '../scenario/types.js';
import { conflictingCorrelations } from '../scenario/correlation-matrix.js';
import { UsageError } from './options.js';
import { mean as meanOf } from '../stats/estimates.js';
import { analyseStudy, type UncertaintyResult } from '../study/analysis.js';
import { studyInputSets, type InputSet } from '../study/input-sets.js';
import { STUDY_METRICS } from '../study/metrics.js';
import { studyDesigns, type StudyDesign, type StudyMetrics } from '../study/runner.js';

/** Limits: a study of more runs than this many simulations is refused (about 3 hours on two cores). */
export const MAX_SAMPLES = 4096;
export const MAX_REPLICATIONS = 100;
export const MAX_SIMULATIONS = 200_000;

/** A study as planned: what a shard folder's plan.bin holds (plain data: no functions). */
export interface UncertaintyPlan {
  readonly command: 'uncertainty';
  /** One per file: loaded with --set, with the study's seed and replications (the values in the file, not drawn ones). */
  readonly scenarios: readonly Scenario[];
  /** Each file as given, and the SHA-256 of the text it was read from. */
  readonly files: readonly { readonly file: string; readonly sha256: string }[];
  /** --set as given: applied before each input set's values. */
  readonly set: readonly string[];
  readonly inputs: readonly UncertainInput[];
  /** The rank correlations between the inputs (the files' `uncertain.correlations`); absent when none. */
  readonly correlations?: readonly RankCorrelation[];
  readonly samples: number;
  readonly replications: number;
  readonly seed: number;
}

/**
 * The rank correlations of every file, in the order first given (a pair given by two files once,
 * either way round); a pair given different ranks, or a set that cannot hold together over the
 * files, is refused (each file's own set was checked when it loaded).
 */
export function unionOfCorrelations(scenarios: readonly Scenario[], files: readonly string[], inputs: readonly UncertainInput[]): RankCorrelation[] {
  const byPair = new Map<string, { correlation: RankCorrelation; file: string }>();
  scenarios.forEach((s, i) => {
    for (const c of s.uncertainCorrelations ?? []) {
      const key = JSON.stringify([...c.between].sort());
      const seen = byPair.get(key);
      if (seen === undefined) byPair.set(key, { correlation: c, file: files[i]! });
      else if (seen.correlation.rank !== c.rank) {
        throw new UsageError(`uncertain.correlations: ${seen.file} and ${files[i]} give ${c.between[0]} and ${c.between[1]} different ranks (${seen.correlation.rank} and ${c.rank}); give it once, or the same rank in both`);
      }
    }
  });
  const correlations = [...byPair.values()].map((v) => v.correlation);
  const conflicts = conflictingCorrelations(inputs.map((i) => i.path), correlations);
  if (conflicts.length > 0) {
    const named = conflicts.map((c) => `${c.between[0]} and ${c.between[1]} at ${c.rank}`).join('; ');
    throw new UsageError(`uncertain.correlations: the files' rank correlations cannot hold together (not a positive definite matrix): ${named}; weaken one of them`);
  }
  return correlations;
}

/** A plan with its input sets and designs, which follow from it. */
export interface LaidOutStudy extends UncertaintyPlan {
  readonly sets: readonly InputSet[];
  readonly designs: readonly StudyDesign[];
}

/** The input sets (study/input-sets.ts) and designs (study/runner.ts) of a plan. */
export function layOutStudy<P extends UncertaintyPlan>(plan: P): P & LaidOutStudy {
  return { ...plan, sets: studyInputSets(plan.inputs, plan.samples, plan.seed, plan.correlations), designs: studyDesigns(plan.scenarios) };
}

/** What the output folder's marker says about the study. */
export function studyIdentity(plan: UncertaintyPlan): OutputIdentity {
  return { command: 'uncertainty', scenarios: plan.scenarios.map((s, i) => ({ name: s.name, sha256: plan.files[i]!.sha256 })), seed: plan.seed, replications: plan.replications };
}

/** The manifest of shard I/N of a study: its block is a block of the input sets (split as run/shard.ts splits tasks). */
export function studyShardManifest(plan: LaidOutStudy, shard: Shard): ShardManifest {
  const total = plan.sets.length;
  return {
    orisim: 'shard folder',
    version: VERSION,
    command: 'uncertainty',
    shard: { index: shard.index, count: shard.count },
    tasks: { ...shardRange(total, shard), total },
    seed: plan.seed,
    replications: plan.replications,
    scenarios: plan.scenarios.map((s, k) => ({ name: s.name, file: plan.files[k]!.file, sha256: plan.files[k]!.sha256, resolvedSha256: fingerprint(s), variants: [...s.variants] })),
    options: { samples: plan.samples, set: [...plan.set] },
    rows: 'none',
  };
}

/** The plan alone, as plan.bin keeps it (a planned study may carry more, e.g. functions that load its files). */
export function planData(plan: UncertaintyPlan): UncertaintyPlan {
  const { command, scenarios, files, set, inputs, correlations, samples, replications, seed } = plan;
  return { command, scenarios, files: files.map((f) => ({ file: f.file, sha256: f.sha256 })), set, inputs, ...(correlations === undefined ? {} : { correlations }), samples, replications, seed };
}

/** samples.csv: one row per input set — its role, each input's value and each design's mean of each metric. */
function sampleRows(plan: LaidOutStudy, metrics: StudyMetrics): Record<string, string | number>[] {
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

/**
 * Writes the study's folder `out` (atomically, with the marker) from its metrics — `metricsOf` runs
 * the study into the temporary folder's time, or gives the metrics merged from shards — and returns the analysis.
 */
export async function studyToFolder(plan: LaidOutStudy, out: string, metricsOf: () => Promise<StudyMetrics>): Promise<UncertaintyResult> {
  let result: UncertaintyResult | undefined;
  const first = plan.scenarios[0]!;
  await writeFolderAtomically(out, studyIdentity(plan), async (tmp) => {
    const metrics = await metricsOf();
    result = analyseStudy({ ...plan, metrics });
    const scenarios = plan.files.map((f, i) => ({ name: plan.scenarios[i]!.name, file: basename(f.file), sha256: f.sha256 }));
    await writeFile(join(tmp, 'uncertainty.json'), toJson({ scenarios, version: VERSION, ranges: plan.inputs, ...result }));
    await writeFile(join(tmp, 'samples.csv'), toCsv(sampleRows(plan, metrics)));
    const caption = `${plan.scenarios.map((s) => s.name).join(', ')} · ${plan.inputs.length} uncertain inputs · ${plan.samples} samples × ${plan.replications} replications · seed ${plan.seed}`;
    const charts = uncertaintyCharts(result, plan.inputs, caption);
    await writeChartFiles(tmp, charts);
    await writeFile(join(tmp, 'report.html'), uncertaintyReportHtml(result, plan.inputs, { scenarios: plan.scenarios.map((s) => s.name), currency: first.currency, version: VERSION, charts }));
  });
  return result!;
}
