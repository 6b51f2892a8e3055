// The workshop's progressive runs: today (the scenario as loaded, its first design) and the what-if
// (today with the levers' --set changes) under common random numbers — the same seed and replication
// numbers — first with a few replications, then doubling until the paired intervals stop narrowing
// or the cap. Each replication runs once wherever `run` sends it (a pool of Web Workers in the page,
// this thread in tests) and is kept, so a later step or a return to an earlier setting reuses it; the
// summaries are built by the core (runReplications with an executor that delivers the kept products
// in task order, then buildSummary), so they are the summary.json `orisim run` writes for the same
// --set changes, seed and replications. Node-free.
import { parseWithBases, type ScenarioFiles } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/types.js';
import { runReplications, type Executor, type ReplicationProduct, type ReplicationTask, type RunResult } from '../../run/replications.js';
import { buildSummary } from '../../stats/run-summary.js';
import type { Summary } from '../../stats/summary-types.js';
import { buildComparison, type Comparison } from '../../stats/compare.js';
import { meanCi95, pairedDifference, quantileSorted } from '../../stats/estimates.js';
import { replicationMetrics, type StudyMetric } from '../../study/metrics.js';

/** The scenario as the page has it: its text, the name it is reported under, its bases, its hash. */
export interface WorkshopSource {
  readonly text: string;
  /** The file as `orisim run` would be given it (summary.json's scenario.file). */
  readonly file: string;
  readonly files: ScenarioFiles;
  /** SHA-256 of the text, as `orisim run` writes it in summary.json. */
  readonly sha256: string;
  readonly version: string;
}

/** Runs one replication of a scenario somewhere; `key` names the scenario (same key, same scenario). */
export type RunTask = (key: string, scenario: Scenario, task: ReplicationTask) => Promise<ReplicationProduct>;

/** One design's run at some number of replications. */
export interface DesignRun {
  readonly overrides: readonly string[];
  readonly scenario: Scenario;
  readonly summary: Summary;
  readonly result: RunResult;
  /** Each replication's headline metrics (study/metrics.ts). */
  readonly metrics: readonly Record<StudyMetric, number>[];
}

export interface Interval {
  readonly mean: number;
  readonly ci95: readonly [number, number];
}

/** Costs a year with 95% intervals over replications, for one design, and the what-if's paired difference. */
export interface CostFigures {
  readonly cash: Interval;
  readonly delay: Interval;
  readonly total: Interval;
}

export interface WorkshopResult {
  readonly replications: number;
  readonly seed: number;
  readonly today: DesignRun;
  readonly whatIf: DesignRun;
  /** The what-if paired with today (stats/compare.ts, as `orisim compare` does it). */
  readonly comparison: Comparison;
  readonly costs: { readonly today: CostFigures; readonly whatIf: CostFigures; readonly difference: CostFigures };
  /** Lead-time quantiles (days) at 1%…99% over every completed change, for the distribution chart. */
  readonly leadTimeQuantiles: { readonly today: readonly number[]; readonly whatIf: readonly number[] };
  /** True when no more replications will follow (the cap, or the intervals stopped narrowing). */
  readonly final: boolean;
}

/** Replications of each step: 10, 20, 40, … up to the cap. */
export function replicationSteps(cap: number, first = 10): number[] {
  const out: number[] = [];
  for (let n = Math.min(first, cap); ; n *= 2) {
    out.push(Math.min(n, cap));
    if (n >= cap) return out;
  }
}

/** Kept replication products by design key and replication number (at most `designs` designs, least recently used dropped). */
export class ProductCache {
  readonly #designs = new Map<string, Map<number, Promise<ReplicationProduct>>>();
  constructor(readonly designs = 8) {}

  get(key: string): Map<number, Promise<ReplicationProduct>> {
    let m = this.#designs.get(key);
    if (m === undefined) {
      m = new Map();
      if (this.#designs.size >= this.designs) this.#designs.delete(this.#designs.keys().next().value!);
    } else {
      this.#designs.delete(key);
    }
    this.#designs.set(key, m);
    return m;
  }
}

/** Delivers kept products in task order (the products must be there). */
function cachedExecutor(products: ReadonlyMap<number, ReplicationProduct>): Executor {
  return (_scenario, tasks, _plan, deliver) => {
    for (const t of tasks) deliver(t, products.get(t.replication)!);
    return Promise.resolve();
  };
}

function interval(xs: readonly number[]): Interval {
  const r = meanCi95(xs);
  return { mean: r.mean, ci95: r.ci95 };
}

function costsOf(metrics: readonly Record<StudyMetric, number>[]): CostFigures {
  return {
    cash: interval(metrics.map((m) => m.cashCostPerYear)),
    delay: interval(metrics.map((m) => m.costOfDelayPerYear)),
    total: interval(metrics.map((m) => m.totalCostPerYear)),
  };
}

function pairedCosts(a: readonly Record<StudyMetric, number>[], b: readonly Record<StudyMetric, number>[]): CostFigures {
  const d = (m: StudyMetric): Interval => {
    const r = pairedDifference(a.map((x) => x[m]), b.map((x) => x[m]));
    return { mean: r.mean, ci95: r.ci95 };
  };
  return { cash: d('cashCostPerYear'), delay: d('costOfDelayPerYear'), total: d('totalCostPerYear') };
}

function quantiles(run: DesignRun): number[] {
  const store = run.result.digests[run.scenario.variants[0]!];
  if (store === undefined || store.changes === 0) return [];
  const sorted = Array.from(store.leadTimeDays.slice(0, store.changes)).sort((x, y) => x - y);
  return Array.from({ length: 99 }, (_x, i) => quantileSorted(sorted, (i + 1) / 100));
}

/** Half-width of an interval (NaN when undefined). */
function halfWidth(i: { ci95: readonly [number, number] }): number {
  return (i.ci95[1] - i.ci95[0]) / 2;
}

/**
 * True when the paired intervals (85th percentile lead time, total cost a year) narrowed by less
 * than 10% from the previous step to this one: more replications would barely sharpen the answer.
 */
export function stoppedNarrowing(previous: WorkshopResult, current: WorkshopResult): boolean {
  const widths = (r: WorkshopResult): number[] => {
    const d = r.comparison.designs[1]?.difference;
    return d === undefined ? [] : [halfWidth(d.leadTimeP85Days), halfWidth(d.totalCostPerYear)];
  };
  const before = widths(previous);
  const after = widths(current);
  if (before.length === 0 || after.length === 0) return false;
  return after.every((w, i) => Number.isFinite(w) && Number.isFinite(before[i]!) && (w === 0 || before[i]! / w < 1.1));
}

export interface ProgressiveOptions {
  readonly source: WorkshopSource;
  readonly today: readonly string[];
  readonly whatIf: readonly string[];
  readonly seed: number;
  /** At most this many replications of each design. */
  readonly cap: number;
  readonly run: RunTask;
  readonly cache: ProductCache;
  /** Called with each step's result. */
  readonly onResult: (r: WorkshopResult) => void;
  /** True once a newer request has replaced this one: no further step starts and nothing more is reported. */
  readonly cancelled: () => boolean;
  /** Keep doubling to the cap even when the intervals stopped narrowing (tests: a fixed count). */
  readonly toCap?: boolean;
}

/** Resolves a design: the source with its --set changes and the seed (throws ScenarioError with the CLI's messages). */
export function designScenario(source: WorkshopSource, overrides: readonly string[], seed: number): Scenario {
  return { ...parseWithBases(source.text, source.file, overrides, source.files).scenario, seed };
}

async function designRun(o: ProgressiveOptions, overrides: readonly string[], scenario: Scenario, products: Map<number, Promise<ReplicationProduct>>, n: number): Promise<DesignRun> {
  const key = `${o.source.sha256}\n${o.seed}\n${overrides.join('\n')}`;
  const start = (i: number): Promise<ReplicationProduct> => {
    const p = o.run(key, scenario, { variant: scenario.variants[0]!, replication: i });
    products.set(i, p);
    // A cancelled or failed replication is forgotten, so that it runs again when next needed.
    p.catch(() => {
      if (products.get(i) === p) products.delete(i);
    });
    return p;
  };
  for (let i = 1; i <= n; i++) if (!products.has(i)) start(i);
  const done = new Map<number, ReplicationProduct>();
  for (let i = 1; i <= n; i++) {
    for (;;) {
      const p = products.get(i) ?? start(i);
      try {
        done.set(i, await p);
        break;
      } catch (err) {
        // Dropped with an older request that shared this design: run it again for this one.
        if (o.cancelled() || !(err instanceof Error && err.name === 'Cancelled')) throw err;
        if (products.get(i) === p) products.delete(i);
      }
    }
  }
  const sized = { ...scenario, replications: n };
  const result = await runReplications(sized, { executor: cachedExecutor(done), keep: 0 });
  const summary = buildSummary(result, { file: o.source.file, sha256: o.source.sha256, version: o.source.version });
  const store = result.digests[sized.variants[0]!]!;
  const metrics = Array.from({ length: n }, (_x, i) => replicationMetrics(sized, store, i));
  return { overrides, scenario: sized, summary, result, metrics };
}

/** Runs the steps; returns 'cancelled' when a newer request replaced it, else 'done'. */
export async function runProgressive(o: ProgressiveOptions): Promise<'done' | 'cancelled'> {
  const today = designScenario(o.source, o.today, o.seed);
  const whatIf = designScenario(o.source, o.whatIf, o.seed);
  const todayKey = `${o.source.sha256}\n${o.seed}\n${o.today.join('\n')}`;
  const whatIfKey = `${o.source.sha256}\n${o.seed}\n${o.whatIf.join('\n')}`;
  let previous: WorkshopResult | undefined;
  const steps = replicationSteps(o.cap);
  for (const [k, n] of steps.entries()) {
    if (o.cancelled()) return 'cancelled';
    const [t, w] = await Promise.all([
      designRun(o, o.today, today, o.cache.get(todayKey), n),
      designRun(o, o.whatIf, whatIf, o.cache.get(whatIfKey), n),
    ]);
    if (o.cancelled()) return 'cancelled';
    const comparison = buildComparison([
      { file: 'today', summary: t.summary, result: t.result },
      { file: 'what-if', summary: w.summary, result: w.result },
    ]);
    const partial = {
      replications: n,
      seed: o.seed,
      today: t,
      whatIf: w,
      comparison,
      costs: { today: costsOf(t.metrics), whatIf: costsOf(w.metrics), difference: pairedCosts(t.metrics, w.metrics) },
      leadTimeQuantiles: { today: quantiles(t), whatIf: quantiles(w) },
    };
    const last = k === steps.length - 1;
    const narrowed = previous !== undefined && o.toCap !== true && stoppedNarrowing(previous, { ...partial, final: false });
    const result: WorkshopResult = { ...partial, final: last || narrowed };
    o.onResult(result);
    if (result.final) return 'done';
    previous = result;
  }
  return 'done';
}
