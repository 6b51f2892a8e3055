// The search of `orisim optimise`: which combination of lever values best meets the objective
// while meeting the constraints. Small spaces (up to SCREEN_ALL candidates) are screened whole:
// every candidate gets n0 replications under common random numbers and KN++ (selection.ts) drops
// the clearly infeasible and the clearly worse at once, then carries on with the rest. Larger
// spaces are first narrowed by successive halving (Karnin, Koren & Somekh 2013): every candidate
// gets a few replications, the better half (likely-feasible first, then by mean objective) goes on
// with twice as many, until at most FINAL_POOL are left; KN++ then selects among those on fresh
// replications (numbered after the search's), so the luck that carried a candidate through the
// halving does not count in the selection. The winner is the best estimated mean of a feasible
// candidate, never a best single draw; everything is deterministic for a seed.
import type { Executor } from '../run/replications.js';
import type { Scenario } from '../scenario/types.js';
import { CandidateRuns, type LeverValues, type Metrics } from './candidates.js';
import type { Goals } from './goals.js';
import { probabilityMeets, selectBest, type Bound, type Observation, type SelectionResult } from './selection.js';
import { mean } from '../stats/estimates.js';

/** Spaces up to this many candidates are screened whole. */
export const SCREEN_ALL = 300;
/** Replications each KN++ stage adds in all (at least one per contender): enough to keep two workers busy. */
const STAGE_REPLICATIONS = 8;
/** Successive halving stops when at most this many candidates are left. */
export const FINAL_POOL = 32;

export interface OptimiseOptions {
  readonly levers: readonly LeverValues[];
  readonly goals: Goals;
  /** Candidate `index`'s scenario (its lever values set, one variant); throws ScenarioError when refused. */
  readonly scenarioOf: (index: number) => Scenario;
  /** The design as the file gives it (one variant). */
  readonly today: Scenario;
  /** Today's candidate index when every lever's value today is one of its candidates. */
  readonly todayIndex: number | undefined;
  readonly executor: Executor;
  /** The indifference zone in the objective's unit; default 2% of today's mean objective. */
  readonly delta?: number | undefined;
  readonly alpha?: number;
  readonly confidence?: number;
  readonly n0?: number;
  /** Most replications in all (search, selection and today's design). */
  readonly budget: number;
  readonly onProgress?: (p: OptimiseProgress) => void;
  /** Spaces up to this many candidates are screened whole (default SCREEN_ALL); larger ones halved to `finalPool` (default FINAL_POOL). */
  readonly screenAll?: number;
  readonly finalPool?: number;
  /** Which of two candidates the objective cannot tell apart is kept: the lower (default: the index). The CLI ranks by how many levers change from today. */
  readonly rankOf?: (index: number) => number;
}

export interface OptimiseProgress {
  readonly phase: 'today' | 'halving' | 'selection';
  readonly candidatesLeft: number;
  readonly spent: number;
  /** Replications still expected (an estimate: KN++ stops when it can). */
  readonly left: number;
}

export interface OptimiseOutcome {
  readonly count: number;
  readonly method: 'screen-and-select' | 'halving-then-select';
  readonly runs: CandidateRuns;
  /** The candidates the selection compared (indices), with its result over them. */
  readonly pool: readonly number[];
  readonly selection: SelectionResult;
  /** Replication number 1 of the selection is this + 1 (0 when there was no halving). */
  readonly offset: number;
  /** Candidates by halving round they left in (index → round, 1-based); empty without halving. */
  readonly halvedOut: ReadonlyMap<number, number>;
  readonly winner: number | undefined;
  /** Today's metrics on the winner's replication numbers (paired), or on n0 replications when there is no winner. */
  readonly today: readonly Metrics[];
  readonly delta: number;
  readonly alpha: number;
  readonly confidence: number;
  readonly bounds: readonly Bound[];
  /** Replications run in all, today's design's included. */
  readonly spent: number;
}

/** The objective as minimised (a maximised metric negated). */
function objectiveOf(goals: Goals, m: Metrics): number {
  const v = m[goals.objective.metric];
  return goals.objective.sense === 'minimise' ? v : -v;
}

export function observationOf(goals: Goals, m: Metrics): Observation {
  return { objective: objectiveOf(goals, m), constraints: goals.constraints.map((c) => m[c.metric]) };
}

/** A runner of today's design through the same executor (replication numbers as the candidates'). */
function todayRuns(o: OptimiseOptions, onReplication: () => void): CandidateRuns {
  return new CandidateRuns(() => o.today, o.executor, onReplication);
}

export async function optimise(o: OptimiseOptions): Promise<OptimiseOutcome> {
  const alpha = o.alpha ?? 0.1;
  const confidence = o.confidence ?? 0.9;
  const n0 = o.n0 ?? 5;
  const count = o.levers.reduce((n, l) => n * l.values.length, 1);
  const bounds: Bound[] = o.goals.constraints.map((c) => ({ op: c.op, value: c.bound }));
  let phase: OptimiseProgress['phase'] = 'today';
  let left = 0;
  let candidatesLeft = count;
  const report = (): void => o.onProgress?.({ phase, candidatesLeft, spent: runs.spent + todaySpent(), left: Math.max(0, left) });
  const runs = new CandidateRuns(o.scenarioOf, o.executor, () => {
    left--;
    report();
  });
  const todayRun = o.todayIndex === undefined ? todayRuns(o, () => report()) : undefined;
  const todaySpent = (): number => todayRun?.spent ?? 0;
  const todayMetrics = (n: number): Promise<Metrics[]> => (todayRun !== undefined ? todayRun.run(0, 0, n) : runs.run(o.todayIndex!, 0, n));

  // δ by default: 2% of today's mean objective over n0 replications.
  left = n0;
  report();
  const first = await todayMetrics(n0);
  const delta = o.delta ?? Math.max(1e-9, 0.02 * Math.abs(mean(first.map((m) => objectiveOf(o.goals, m)))));

  let pool = Array.from({ length: count }, (_x, i) => i);
  let offset = 0;
  const halvedOut = new Map<number, number>();
  const screenAll = o.screenAll ?? SCREEN_ALL;
  const finalPool = o.finalPool ?? FINAL_POOL;
  if (count > screenAll) {
    phase = 'halving';
    const rounds = Math.ceil(Math.log2(count / finalPool));
    let reps = 2;
    for (let round = 1; pool.length > finalPool; round++) {
      candidatesLeft = pool.length;
      left = pool.length * reps + Math.max(0, rounds - round) * finalPool * reps;
      const data = new Map<number, Observation[]>();
      // 64 candidates at a time, each scenario loaded for its replications and then let go, so
      // that memory holds metrics, not the scenarios of a large space.
      for (let at = 0; at < pool.length; at += 64) {
        const batch = pool.slice(at, at + 64).filter((i) => runs.scenario(i) !== undefined);
        const got = await Promise.all(batch.map((i) => runs.run(i, 0, reps)));
        batch.forEach((i, n) => {
          data.set(i, got[n]!.map((m) => observationOf(o.goals, m)));
          runs.release(i);
        });
      }
      const valid = pool.filter((i) => data.has(i));
      const key = (i: number): [number, number] => {
        const obs = data.get(i)!;
        const values = obs.map((x) => x.objective);
        const ok = values.every(Number.isFinite) && obs.every((x) => x.constraints.every(Number.isFinite));
        // Last: clearly infeasible by the selection's own rule (one constraint met with probability at most 1 − γ).
        const clearlyNot = ok && bounds.some((b, j) => probabilityMeets(obs.map((x) => x.constraints[j]!), b) <= 1 - confidence);
        return [ok ? (clearlyNot ? 1 : 0) : 2, ok ? mean(values) : Infinity];
      };
      const keys = new Map(valid.map((i) => [i, key(i)] as const));
      const ranked = [...valid].sort((a, b) => keys.get(a)![0] - keys.get(b)![0] || keys.get(a)![1] - keys.get(b)![1] || a - b);
      const keep = Math.max(finalPool, Math.ceil(ranked.length / 2));
      for (const i of ranked.slice(keep)) halvedOut.set(i, round);
      pool = ranked.slice(0, keep).sort((a, b) => a - b);
      offset = reps;
      if (pool.length <= finalPool || keep === ranked.length) break;
      reps *= 2;
    }
  }
  pool = pool.filter((i) => runs.scenario(i) !== undefined);
  phase = 'selection';
  candidatesLeft = pool.length;
  left = pool.length * n0;
  const budget = Math.max(0, o.budget - runs.spent - todaySpent());
  const selection = pool.length === 0
    ? { winner: undefined, contenders: [], eliminated: new Map(), data: [], completed: false, probabilityCorrectSelection: 0, spent: 0 }
    : await selectBest(
        pool.length,
        async (requests) =>
          Promise.all(requests.map(async (r) => (await runs.run(pool[r.candidate]!, offset + r.from, offset + r.to)).map((m) => observationOf(o.goals, m)))),
        {
          alpha,
          delta,
          n0,
          bounds,
          feasibilityConfidence: confidence,
          maxReplications: 1000 - offset,
          budget: Math.max(budget, pool.length * n0),
          // At least 8 replications a stage in all, whatever the workers (so that the answer does not depend on them).
          rank: pool.map((i) => o.rankOf?.(i) ?? i),
          batch: (contenders) => Math.max(1, Math.ceil(STAGE_REPLICATIONS / contenders)),
          onStage: (s) => {
            candidatesLeft = s.contenders;
            left = s.needed;
            report();
          },
        },
      );
  const winner = selection.winner === undefined ? undefined : pool[selection.winner]!;
  // Today on the winner's replication numbers, so that the difference from today is paired.
  // Within what is left of the budget: the paired differences are then over the replications both have.
  const have = todayRun !== undefined ? todayRun.metrics(0).length : runs.metrics(o.todayIndex!).length;
  const spare = Math.max(0, o.budget - runs.spent - todaySpent());
  const n = Math.max(have, Math.min(winner === undefined ? n0 : runs.metrics(winner).length, have + spare));
  phase = 'today';
  left = n - have;
  const today = await todayMetrics(n);
  candidatesLeft = 0;
  left = 0;
  report();
  return {
    count, method: count > screenAll ? 'halving-then-select' : 'screen-and-select', runs, pool, selection, offset, halvedOut, winner, today, delta, alpha, confidence, bounds,
    spent: runs.spent + todaySpent(),
  };
}
