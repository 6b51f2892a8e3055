// Runs an uncertainty study in memory: every input set × R replications × every design (scenario
// × variant), through an Executor (serial here, worker threads from src/node/). Common random
// numbers: every scenario keeps its file's seed and replication i of every set and design uses
// stream (seed, i), so designs and input sets differ only by what they are. Several input sets are
// in flight at once so that workers stay busy; results are kept by index, so the answer is the same
// whatever order they finish in. Each replication's headline metrics come from metrics.ts.
import { runReplications, type Executor } from '../run/replications.js';
import type { Scenario } from '../scenario/types.js';
import { replicationMetrics, STUDY_METRICS, type StudyMetric } from './metrics.js';
import type { InputSet } from './input-sets.js';

/** One design of a study: a scenario file's variant. */
export interface StudyDesign {
  readonly label: string;
  /** Which scenario of `scenariosAt`'s list. */
  readonly scenario: number;
  readonly variant: Scenario['variants'][number];
}

export interface StudyRunOptions {
  readonly sets: readonly InputSet[];
  readonly designs: readonly StudyDesign[];
  /** The scenarios (one per file, each with `replications` R) at a set's values. */
  readonly scenariosAt: (set: InputSet, index: number) => readonly Scenario[];
  readonly executor: Executor;
  /** Input sets run at once (default 4): enough to keep every worker busy. */
  readonly concurrency?: number;
  /** Replications × variants finished of all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** metrics[design][metric][set][replication]. */
export type StudyMetrics = Record<StudyMetric, number[][]>[];

/** The labels of the designs: the variants of one scenario, or "<scenario name> <variant>" of several. */
export function studyDesigns(scenarios: readonly Scenario[]): StudyDesign[] {
  return scenarios.flatMap((s, i) => s.variants.map((variant) => ({ label: scenarios.length === 1 ? variant : `${s.name} ${variant}`, scenario: i, variant })));
}

export async function runStudy(options: StudyRunOptions): Promise<StudyMetrics> {
  const { sets, designs } = options;
  const metrics: StudyMetrics = designs.map(() => Object.fromEntries(STUDY_METRICS.map((m) => [m, new Array<number[]>(sets.length)])) as Record<StudyMetric, number[][]>);
  const first = options.scenariosAt(sets[0]!, 0);
  const perSet = first.reduce((sum, s) => sum + s.replications * s.variants.length, 0);
  const total = perSet * sets.length;
  let done = 0;
  const runSet = async (index: number): Promise<void> => {
    const scenarios = index === 0 ? first : options.scenariosAt(sets[index]!, index);
    for (let k = 0; k < scenarios.length; k++) {
      const scenario = scenarios[k]!;
      const result = await runReplications(scenario, {
        executor: options.executor,
        keep: 0,
        onProgress: () => options.onProgress?.(++done, total),
      });
      designs.forEach((design, d) => {
        if (design.scenario !== k) return;
        const store = result.digests[design.variant]!;
        const rows = Array.from({ length: scenario.replications }, (_, i) => replicationMetrics(scenario, store, i));
        for (const m of STUDY_METRICS) metrics[d]![m][index] = rows.map((r) => r[m]);
      });
    }
  };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < sets.length) await runSet(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, lane));
  return metrics;
}
