// What an optimisation found, as optimise.json holds it: the recommended design (its lever values,
// what changes from today, its metrics with 95% intervals and the paired differences from today,
// how sure the selection is, how likely it meets the constraints), the runner-up and whether it
// is within δ, the closest candidate when none is feasible and what it misses by, the Pareto
// frontier of cash cost against p85 lead time, and every candidate evaluated.
import { meanCi95 } from '../stats/estimates.js';
import { leverSetting, type LeverValues, type Metrics } from './candidates.js';
import type { Goals } from './goals.js';
import { STUDY_METRICS, type StudyMetric } from './metrics.js';
import { observationOf, type OptimiseOutcome } from './optimise.js';
import { probabilityFeasible } from './selection.js';

export interface Estimate {
  readonly mean: number;
  readonly ci95: readonly [number, number];
}

export type CandidateStatus = 'recommended' | 'contender' | 'dominated' | 'infeasible' | 'noValue' | 'halvedOut' | 'invalid';

export interface CandidateRow {
  readonly index: number;
  readonly levers: Record<string, unknown>;
  readonly status: CandidateStatus;
  /** Why an invalid candidate was refused. */
  readonly reason?: string;
  readonly replications: number;
  readonly probabilityFeasible: number | null;
  readonly metrics: Record<StudyMetric, number>;
}

export interface Miss {
  readonly constraint: string;
  readonly mean: number;
  readonly bound: number;
  /** How far the mean is on the wrong side of the bound (0 when met). */
  readonly by: number;
}

export interface OptimiseReport {
  readonly method: OptimiseOutcome['method'];
  readonly candidateCount: number;
  readonly delta: number;
  readonly confidence: number;
  readonly completed: boolean;
  readonly replications: { readonly spent: number; readonly everyCandidateAtFinalCount: number; readonly finalCount: number };
  readonly today: { readonly levers: Record<string, unknown>; readonly replications: number; readonly metrics: Record<StudyMetric, Estimate> };
  readonly recommended: {
    readonly index: number;
    readonly levers: Record<string, unknown>;
    readonly changes: readonly { readonly path: string; readonly today: unknown; readonly recommended: unknown }[];
    readonly replications: number;
    readonly metrics: Record<StudyMetric, Estimate>;
    readonly differenceFromToday: Record<StudyMetric, Estimate>;
    readonly probabilityCorrectSelection: number;
    readonly probabilityFeasible: number;
  } | null;
  readonly runnerUp: { readonly index: number; readonly levers: Record<string, unknown>; readonly objective: Estimate; readonly differenceFromRecommended: Estimate; readonly withinDelta: boolean } | null;
  readonly infeasible: { readonly closest: { readonly index: number; readonly levers: Record<string, unknown>; readonly misses: readonly Miss[] } | null } | null;
  readonly frontier: readonly { readonly index: number; readonly levers: Record<string, unknown>; readonly cashCostPerYear: Estimate; readonly leadTimeP85Days: Estimate; readonly recommended: boolean }[];
  readonly candidates: readonly CandidateRow[];
}

function estimate(xs: readonly number[]): Estimate {
  const { mean, ci95 } = meanCi95(xs);
  return { mean, ci95 };
}

function estimates(ms: readonly Metrics[]): Record<StudyMetric, Estimate> {
  return Object.fromEntries(STUDY_METRICS.map((k) => [k, estimate(ms.map((m) => m[k]))])) as Record<StudyMetric, Estimate>;
}

function means(ms: readonly Metrics[]): Record<StudyMetric, number> {
  return Object.fromEntries(STUDY_METRICS.map((k) => [k, ms.length === 0 ? NaN : ms.reduce((s, m) => s + m[k], 0) / ms.length])) as Record<StudyMetric, number>;
}

/** Each constraint's mean against its bound, and how far it misses. */
export function missesOf(goals: Goals, ms: readonly Metrics[]): Miss[] {
  const m = means(ms);
  return goals.constraints.map((c) => {
    const value = m[c.metric];
    const by = c.op === '<=' ? value - c.bound : c.bound - value;
    return { constraint: c.text, mean: value, bound: c.bound, by: Math.max(0, by) };
  });
}

/** Candidates not beaten on both cash cost and p85 lead time (means), by cash cost. */
function paretoOf(points: readonly { index: number; cost: number; p85: number }[]): number[] {
  const ok = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.p85));
  return ok
    .filter((p) => !ok.some((q) => q.index !== p.index && q.cost <= p.cost && q.p85 <= p.p85 && (q.cost < p.cost || q.p85 < p.p85)))
    .sort((a, b) => a.cost - b.cost || a.p85 - b.p85 || a.index - b.index)
    .map((p) => p.index);
}

export function optimiseReport(outcome: OptimiseOutcome, levers: readonly LeverValues[], todayLevers: Record<string, unknown>, goals: Goals): OptimiseReport {
  const { runs, winner, offset, selection, pool } = outcome;
  const statusOf = (i: number): CandidateStatus => {
    if (runs.invalid.has(i)) return 'invalid';
    if (i === winner) return 'recommended';
    if (outcome.halvedOut.has(i)) return 'halvedOut';
    const at = pool.indexOf(i);
    const gone = at < 0 ? undefined : selection.eliminated.get(at);
    return gone === undefined ? 'contender' : gone.reason;
  };
  const evaluated = Array.from({ length: outcome.count }, (_x, i) => i).filter((i) => runs.invalid.has(i) || runs.metrics(i).length > 0);
  const candidates: CandidateRow[] = evaluated.map((i) => {
    const ms = runs.metrics(i);
    const obs = ms.map((m) => observationOf(goals, m));
    const row: CandidateRow = {
      index: i, levers: leverSetting(levers, i), status: statusOf(i), replications: ms.length,
      probabilityFeasible: ms.length < 2 ? null : probabilityFeasible(obs, outcome.bounds), metrics: means(ms),
    };
    return runs.invalid.has(i) ? { ...row, reason: runs.invalid.get(i)! } : row;
  });
  const finalCount = Math.max(0, ...candidates.map((c) => c.replications));
  const selected = (i: number): Metrics[] => runs.metrics(i).slice(offset);
  const todaySelected = outcome.today.slice(offset);
  let recommended: OptimiseReport['recommended'] = null;
  let runnerUp: OptimiseReport['runnerUp'] = null;
  if (winner !== undefined) {
    const all = selected(winner);
    // Paired over the replications both have (today's may be fewer when the budget ran out).
    const today = todaySelected.slice(0, all.length);
    const ms = all.slice(0, today.length);
    const setting = leverSetting(levers, winner);
    recommended = {
      index: winner,
      levers: setting,
      changes: levers.filter((l) => JSON.stringify(setting[l.path]) !== JSON.stringify(todayLevers[l.path])).map((l) => ({ path: l.path, today: todayLevers[l.path] ?? null, recommended: setting[l.path] })),
      replications: runs.metrics(winner).length,
      metrics: estimates(all),
      differenceFromToday: Object.fromEntries(STUDY_METRICS.map((k) => [k, estimate(ms.map((m, j) => m[k] - today[j]![k]))])) as Record<StudyMetric, Estimate>,
      probabilityCorrectSelection: selection.probabilityCorrectSelection,
      probabilityFeasible: probabilityFeasible(all.map((m) => observationOf(goals, m)), outcome.bounds),
    };
    // The runner-up: the best other feasible candidate of the selection by mean objective.
    const sign = goals.objective.sense === 'minimise' ? 1 : -1;
    let best: { i: number; m: number } | undefined;
    for (const i of pool) {
      if (i === winner) continue;
      const other = selected(i);
      if (other.length < 2 || probabilityFeasible(other.map((m) => observationOf(goals, m)), outcome.bounds) < outcome.confidence) continue;
      // A twin (the same objective on every replication: it differs only where the objective does not look) is no runner-up.
      if (other.every((x, j) => j >= all.length || x[goals.objective.metric] === all[j]![goals.objective.metric])) continue;
      const m = sign * means(other)[goals.objective.metric];
      if (Number.isFinite(m) && (best === undefined || m < best.m)) best = { i, m };
    }
    if (best !== undefined) {
      const other = selected(best.i);
      const n = Math.min(other.length, all.length);
      const diff = estimate(Array.from({ length: n }, (_x, j) => other[j]![goals.objective.metric] - all[j]![goals.objective.metric]));
      runnerUp = {
        index: best.i, levers: leverSetting(levers, best.i), objective: estimate(other.map((m) => m[goals.objective.metric])), differenceFromRecommended: diff,
        withinDelta: Math.abs(diff.mean) <= outcome.delta,
      };
    }
  }
  let infeasible: OptimiseReport['infeasible'] = null;
  if (winner === undefined) {
    // The closest: the smallest worst shortfall relative to its bound.
    let closest: { i: number; worst: number } | undefined;
    for (const i of evaluated) {
      const ms = runs.metrics(i);
      if (ms.length === 0) continue;
      const worst = Math.max(0, ...missesOf(goals, ms).map((x) => (x.bound === 0 ? x.by : x.by / Math.abs(x.bound))));
      if (Number.isFinite(worst) && (closest === undefined || worst < closest.worst)) closest = { i, worst };
    }
    infeasible = { closest: closest === undefined ? null : { index: closest.i, levers: leverSetting(levers, closest.i), misses: missesOf(goals, runs.metrics(closest.i)) } };
  }
  const points = candidates.filter((c) => c.replications > 0).map((c) => ({ index: c.index, cost: c.metrics.cashCostPerYear, p85: c.metrics.leadTimeP85Days }));
  const frontier = paretoOf(points).map((i) => {
    const ms = runs.metrics(i);
    return { index: i, levers: leverSetting(levers, i), cashCostPerYear: estimate(ms.map((m) => m.cashCostPerYear)), leadTimeP85Days: estimate(ms.map((m) => m.leadTimeP85Days)), recommended: i === winner };
  });
  return {
    method: outcome.method,
    candidateCount: outcome.count,
    delta: outcome.delta,
    confidence: outcome.confidence,
    completed: selection.completed,
    replications: { spent: outcome.spent, everyCandidateAtFinalCount: outcome.count * finalCount, finalCount },
    today: { levers: todayLevers, replications: todaySelected.length, metrics: estimates(todaySelected) },
    recommended,
    runnerUp,
    infeasible,
    frontier,
    candidates,
  };
}
