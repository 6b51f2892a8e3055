// The candidates of an optimisation and their replications. A candidate is one combination of
// lever values (mixed radix over the levers, the last lever changing fastest); its scenario comes
// from the caller (the file loaded with the values set). Replication numbers are absolute and the
// same for every candidate, so candidates compared on replications 1…n share their random numbers
// (common random numbers); each replication's metrics are kept, so none is ever run twice.
import { DigestStore } from '../run/digest-store.js';
import type { Executor, ProductPlan, ReplicationTask } from '../run/replications.js';
import { ScenarioError } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import { replicationMetrics, type StudyMetric } from './metrics.js';

export type Metrics = Record<StudyMetric, number>;

export interface LeverValues {
  readonly path: string;
  readonly values: readonly unknown[];
}

/** Candidate `index`'s value index for each lever. */
export function choiceOf(levers: readonly LeverValues[], index: number): number[] {
  const choice = new Array<number>(levers.length);
  let rest = index;
  for (let i = levers.length - 1; i >= 0; i--) {
    const n = levers[i]!.values.length;
    choice[i] = rest % n;
    rest = Math.floor(rest / n);
  }
  return choice;
}

/** Candidate `index`'s value of each lever, by path. */
export function leverSetting(levers: readonly LeverValues[], index: number): Record<string, unknown> {
  const choice = choiceOf(levers, index);
  return Object.fromEntries(levers.map((l, i) => [l.path, l.values[choice[i]!]]));
}

const PLAN: ProductPlan = { rows: false, keep: 0 };

/**
 * Runs replications of candidates through an executor and keeps their metrics. `scenarioOf` gives
 * a candidate's scenario (one variant: the design) or throws ScenarioError when the combination is
 * one the scenario refuses; such a candidate is invalid, with the loader's first message.
 */
export class CandidateRuns {
  readonly #scenarios = new Map<number, Scenario>();
  readonly #metrics = new Map<number, Metrics[]>();
  readonly invalid = new Map<number, string>();
  /** Replications run so far, over every candidate. */
  spent = 0;

  constructor(
    private readonly scenarioOf: (index: number) => Scenario,
    private readonly executor: Executor,
    private readonly onReplication: () => void = () => {},
  ) {}

  /** The candidate's scenario, or undefined when it is invalid. */
  scenario(index: number): Scenario | undefined {
    if (this.invalid.has(index)) return undefined;
    let s = this.#scenarios.get(index);
    if (s === undefined) {
      try {
        s = this.scenarioOf(index);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        const first = err.issues[0];
        this.invalid.set(index, first === undefined ? 'refused by the scenario loader' : `${first.path === '' ? '' : `${first.path}: `}${first.message}`);
        return undefined;
      }
      this.#scenarios.set(index, s);
    }
    return s;
  }

  /** The metrics of replications 1…n the candidate has (in replication order). */
  metrics(index: number): readonly Metrics[] {
    return this.#metrics.get(index) ?? [];
  }

  /** Makes sure the candidate has replications 1…`to`; returns replications from+1…to (0-based from). */
  async run(index: number, from: number, to: number): Promise<Metrics[]> {
    const scenario = this.scenario(index);
    if (scenario === undefined) throw new RangeError(`candidate ${index} is invalid: ${this.invalid.get(index)}`);
    let have = this.#metrics.get(index);
    if (have === undefined) {
      have = [];
      this.#metrics.set(index, have);
    }
    if (have.length < to) {
      const variant = scenario.variants[0]!;
      const tasks: ReplicationTask[] = Array.from({ length: to - have.length }, (_x, i) => ({ variant, replication: have!.length + i + 1 }));
      const store = new DigestStore();
      await this.executor(scenario, tasks, PLAN, (_task, product) => {
        store.append(product.digest);
        this.spent++;
        this.onReplication();
      });
      for (let i = 0; i < tasks.length; i++) have.push(replicationMetrics(scenario, store, i));
    }
    return have.slice(from, to);
  }

  /** Forgets a candidate's scenario (kept metrics stay): the search no longer needs it. */
  release(index: number): void {
    this.#scenarios.delete(index);
  }
}
