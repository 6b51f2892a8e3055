// merge of an uncertainty study's shard folders (`orisim uncertainty … --shard I/N`): the plan in
// the first shard's plan.bin checked to be one orisim makes (its limits, its inputs the union of its
// scenarios' uncertain: sections), every shard's shard.json to be the manifest that plan gives its
// shard and its plan.bin the same plan, then each shard's metrics.bin read and checked to hold
// exactly its block of input sets (output/shard-study.ts); the blocks, one after the other, are
// the study's metrics as one machine holds them. Any problem is a ShardError naming the shard folder.
import { fingerprint, readShardPlan, ShardError, type ShardManifest } from '../output/shard-folder.js';
import { readStudyMetrics } from '../output/shard-study.js';
import { MAX_UNCERTAIN_INPUTS } from '../scenario/limits.js';
import { VARIANTS } from '../scenario/types.js';
import { STUDY_METRICS, type StudyMetric } from '../study/metrics.js';
import type { StudyMetrics } from '../study/runner.js';
import type { Scenario, UncertainInput } from '../scenario/types.js';
import { layOutStudy, MAX_REPLICATIONS, MAX_SAMPLES, MAX_SIMULATIONS, studyShardManifest, unionOfCorrelations, type LaidOutStudy, type UncertaintyPlan } from './uncertainty.js';

interface StudyShard {
  readonly dir: string;
  readonly manifest: ShardManifest;
}

/** A study's shards read and checked: its plan and its metrics, ready to finish into a folder. */
export interface ReadStudyShards {
  readonly plan: LaidOutStudy;
  readonly metrics: StudyMetrics;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown, max: number): boolean => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= max;
const KINDS = ['number', 'integer', 'duration', 'effort'];
const SHAPES = ['pert', 'triangular', 'uniform'];

/** Whether an input could not be one a scenario file gives. */
function inputProblem(x: unknown): boolean {
  if (!isObject(x) || typeof x.path !== 'string' || !/^[A-Za-z0-9_.-]{1,200}$/.test(x.path) || !KINDS.includes(x.kind as string) || !SHAPES.includes(x.distribution as string)) return true;
  const [low, likely, high] = [x.low, x.likely ?? x.low, x.high];
  return ![low, likely, high].every((v) => typeof v === 'number' && Number.isFinite(v)) || !((low as number) <= (likely as number) && (likely as number) <= (high as number));
}

/** Why a plan orisim made could not look like this, in the parts merge relies on (the design, the designs, the words); undefined when none. */
function studyPlanProblem(plan: unknown): string | undefined {
  if (!isObject(plan) || plan.command !== 'uncertainty') return 'not a study';
  const { scenarios, files, set, inputs, correlations, samples, replications, seed } = plan;
  if (!count(samples, MAX_SAMPLES) || !count(replications, MAX_REPLICATIONS) || !Number.isSafeInteger(seed)) return 'its samples, replications or seed are outside their limits';
  if (!Array.isArray(scenarios) || !Array.isArray(files) || scenarios.length === 0 || files.length !== scenarios.length || !Array.isArray(set) || !set.every((x) => typeof x === 'string')) {
    return 'its scenarios are not scenarios';
  }
  const named = scenarios.every((s: unknown) => isObject(s) && typeof s.name === 'string' && typeof s.currency === 'string' && Array.isArray(s.variants) && s.variants.length > 0
    && new Set(s.variants).size === s.variants.length && s.variants.every((v) => VARIANTS.includes(v as never)) && (s.uncertain === undefined || Array.isArray(s.uncertain)))
    && files.every((f: unknown) => isObject(f) && typeof f.file === 'string' && typeof f.sha256 === 'string');
  if (!named) return 'its scenarios are not scenarios';
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > MAX_UNCERTAIN_INPUTS || inputs.some(inputProblem)) return 'its uncertain inputs are not ranges';
  // The inputs are the union of the scenarios' uncertain: sections, by path in the order first given (cli/uncertainty.ts).
  const union = new Map<string, unknown>();
  for (const s of scenarios as { uncertain?: { path: string }[] }[]) for (const input of s.uncertain ?? []) if (!union.has(input.path)) union.set(input.path, input);
  if (JSON.stringify([...union.values()]) !== JSON.stringify(inputs)) return "its uncertain inputs are not its scenarios'";
  // The correlations are the union of the scenarios' (api/uncertainty.ts), absent when there are none.
  const correlated = correlations !== undefined;
  const paths = new Set((inputs as { path: string }[]).map((i) => i.path));
  const ranks = (s: { uncertainCorrelations?: unknown }): boolean => s.uncertainCorrelations === undefined
    || (Array.isArray(s.uncertainCorrelations) && s.uncertainCorrelations.every((c: unknown) => isObject(c) && Array.isArray(c.between) && c.between.length === 2
      && c.between.every((p) => paths.has(p as string)) && c.between[0] !== c.between[1] && typeof c.rank === 'number' && c.rank > -1 && c.rank < 1));
  if (!(scenarios as object[]).every(ranks)) return 'its rank correlations are not correlations';
  let ranked: unknown[];
  try {
    ranked = unionOfCorrelations(scenarios as Scenario[], (files as { file: string }[]).map((f) => f.file), inputs as UncertainInput[]);
  } catch {
    return 'its rank correlations cannot hold together';
  }
  if (JSON.stringify(correlated ? correlations : []) !== JSON.stringify(ranked) || (correlated && ranked.length === 0)) return "its rank correlations are not its scenarios'";
  const designs = (scenarios as { variants: unknown[] }[]).reduce((a, s) => a + s.variants.length, 0);
  const sets = (samples as number) * (correlated ? 2 : inputs.length + 2) + 2 * inputs.length + 1; // study/input-sets.ts
  if (sets * (replications as number) * designs > MAX_SIMULATIONS) return `more than ${MAX_SIMULATIONS} simulations`;
  return undefined;
}

/** The study the shards are shards of (in shard order 1…N, as api/merge.ts orderShards gives them), checked, and its metrics. */
export function readStudyShards(shards: readonly StudyShard[]): ReadStudyShards {
  const name = (s: StudyShard): string => `${s.dir} (shard ${s.manifest.shard.index}/${s.manifest.shard.count})`;
  const first = shards[0]!;
  const { plan: read } = readShardPlan(first.dir, first.manifest);
  const notPlan = (why: string): ShardError => new ShardError(`merge: ${first.dir}: plan.bin does not hold a plan this orisim made (${why})`);
  /** f(), or the ShardError "not a plan" for why, should the hostile plan make it throw. */
  const guarded = <T>(why: string, f: () => T): T => {
    try {
      return f();
    } catch {
      throw notPlan(why);
    }
  };
  const why = guarded('its scenarios are not scenarios', () => studyPlanProblem(read));
  if (why !== undefined) throw notPlan(why);
  guarded('its scenarios are not scenarios', () => fingerprint(read)); // as the manifest's check will
  const plan = guarded('its input sets cannot be drawn', () => layOutStudy(read as UncertaintyPlan));
  // Plans compared by value, not by bytes: V8 may write the same number as an integer or a double (how it holds it).
  const same = (a: unknown, b: unknown): boolean => {
    try {
      return fingerprint(a) === fingerprint(b);
    } catch {
      return false; // a value JSON cannot hold (a cycle, a nesting too deep) is no plan orisim wrote
    }
  };
  for (const s of shards) {
    const { sha256: _files, ...own } = s.manifest;
    if (!same(studyShardManifest(plan, s.manifest.shard), own)) {
      throw new ShardError(`merge: ${name(s)}: its shard.json does not match the plan in ${first.dir}/plan.bin (a damaged or edited shard folder)`);
    }
    if (s !== first && !same(readShardPlan(s.dir, s.manifest).plan, read)) {
      throw new ShardError(`merge: ${name(s)}: its plan.bin is not the one in ${first.dir} (a damaged or edited shard folder)`);
    }
  }
  const designs = plan.designs.map((d) => d.label);
  const metrics: StudyMetrics = designs.map(() => Object.fromEntries(STUDY_METRICS.map((m) => [m, []])) as unknown as Record<StudyMetric, number[][]>);
  for (const s of shards) {
    const { from, to } = s.manifest.tasks;
    const block = readStudyMetrics(s.dir, s.manifest, { designs, sets: to - from, replications: plan.replications });
    block.forEach((byMetric, k) => {
      for (const m of STUDY_METRICS) for (const row of byMetric[m]) metrics[k]![m].push(row);
    });
  }
  return { plan, metrics };
}
