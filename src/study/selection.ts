// Ranking and selection: which of k candidate designs has the smallest mean objective among those
// that meet their constraints, on paired samples (replication j of every candidate shares its
// random numbers: common random numbers), with an indifference zone δ and confidence 1 − α.
//
// The procedure is KN++ (Kim & Nelson 2006, "Selecting the best system", Handbooks in OR & MS
// vol. 13, ch. 17, procedure KN++; for i.i.d. normal output with c = 1), the fully sequential
// procedure of Kim & Nelson (2001, ACM TOMACS 11(3):251–273) with the variances of the paired
// differences updated at every stage:
//   β = α / (k − 1);  at stage r (every contender has r replications):
//   S²_il(r) = sample variance of X_ij − X_lj, j = 1…r;
//   η(r) = ½[(2β)^(−2/(r−1)) − 1];  h²(r) = 2η(r)(r − 1);
//   W_il(r) = max{0, δ/(2r) · (h²(r) S²_il(r) / δ² − r)};
//   i leaves when X̄_i(r) > X̄_l(r) + W_il(r) for a contender l (here: minimising).
// It is chosen over OCBA because it works on paired differences, so common random numbers shrink
// S²_il and the replications needed, it guarantees (for normal means) a probability of correct
// selection of at least 1 − α whenever the best is better than the rest by δ or more, and it
// stops by itself; OCBA spends a fixed budget, assumes independent candidates and gives no such
// guarantee.
//
// Constraints: each candidate's probability of meeting constraint j is the one-sided Student t
// probability that its mean is on the right side of the bound; its probability of being feasible
// is the product over constraints (as if independent). A candidate is "feasible" when that
// probability is at least the stated confidence γ (default 0.9), "infeasible" (and leaves) when
// one constraint's probability is at most 1 − γ. A candidate is only eliminated by a better
// candidate that is feasible, so a cheap candidate whose feasibility is unsure keeps being
// replicated until it is settled or the budget ends.
import { studentTCdf } from './student-t.js';
import { mean, sampleVariance } from '../stats/estimates.js';

/** One replication of one candidate: the objective (lower is better) and each constraint's metric. */
export interface Observation {
  readonly objective: number;
  readonly constraints: readonly number[];
}

export interface Bound {
  readonly op: '<=' | '>=';
  readonly value: number;
}

/** Replications `from` (0-based, inclusive) to `to` (exclusive) of each listed candidate. */
export interface SampleRequest {
  readonly candidate: number;
  readonly from: number;
  readonly to: number;
}

/** Runs the requested replications; result[i] holds request i's observations, in replication order. */
export type Sampler = (requests: readonly SampleRequest[]) => Promise<Observation[][]>;

export interface SelectionOptions {
  /** 1 − α is the probability of correct selection asked for (default α = 0.1). */
  readonly alpha: number;
  /** The indifference zone: differences smaller than δ (objective's unit) do not matter. */
  readonly delta: number;
  /** First-stage replications of every candidate (≥ 2; default 5). */
  readonly n0: number;
  readonly bounds: readonly Bound[];
  /** γ: the confidence a constraint is met with (default 0.9). */
  readonly feasibilityConfidence: number;
  /** Most replications of one candidate. */
  readonly maxReplications: number;
  /** Most replications the selection spends in all. */
  readonly budget: number;
  /** Replications added to each contender per stage, given the number of contenders (default 1). */
  readonly batch?: (contenders: number) => number;
  /**
   * Which of two candidates with identical objectives on every replication (they differ only in
   * what the objective does not see) stays: the lower rank (default: the lower index). Without it
   * such a pair could never be told apart and would use up the budget.
   */
  readonly rank?: readonly number[];
  /** After each stage: contenders left and replications spent so far. */
  readonly onStage?: (state: { contenders: number; spent: number; needed: number }) => void;
}

export type Elimination = { readonly reason: 'infeasible' | 'noValue' } | { readonly reason: 'dominated'; readonly by: number };

export interface SelectionResult {
  /** The selected candidate (best mean among the feasible), or undefined when none is feasible. */
  readonly winner: number | undefined;
  /** Candidates still in contention when the procedure stopped. */
  readonly contenders: readonly number[];
  /** Why and at which replication count each eliminated candidate left. */
  readonly eliminated: ReadonlyMap<number, Elimination & { readonly atReplication: number }>;
  /** Every candidate's observations, in replication order. */
  readonly data: readonly (readonly Observation[])[];
  /** Whether KN++ ended by itself (one contender left) rather than by the budget or the cap. */
  readonly completed: boolean;
  /** 1 − α when completed; else an estimate (Bonferroni over the contenders left, paired t). */
  readonly probabilityCorrectSelection: number;
  readonly spent: number;
}


/** KN++'s h²(r) for k candidates (β = α / (k − 1)). */
export function knHSquared(alpha: number, k: number, r: number): number {
  const eta = 0.5 * ((2 * alpha) / (k - 1)) ** (-2 / (r - 1)) - 0.5;
  return 2 * eta * (r - 1);
}

/** One-sided probability that the mean of `xs` is on the right side of the bound (t, n − 1 df). */
export function probabilityMeets(xs: readonly number[], bound: Bound): number {
  const m = mean(xs);
  const margin = bound.op === '<=' ? bound.value - m : m - bound.value;
  const sd = Math.sqrt(sampleVariance(xs));
  if (!(sd > 0)) return margin >= 0 ? 1 : 0;
  return studentTCdf(margin / (sd / Math.sqrt(xs.length)), xs.length - 1);
}

/** The probability that the candidate meets every bound (product over constraints). */
export function probabilityFeasible(obs: readonly Observation[], bounds: readonly Bound[]): number {
  let p = 1;
  for (const [j, b] of bounds.entries()) p *= probabilityMeets(obs.map((o) => o.constraints[j]!), b);
  return p;
}

function feasibilityOf(obs: readonly Observation[], bounds: readonly Bound[], gamma: number): 'feasible' | 'infeasible' | 'unsure' {
  if (bounds.length === 0) return 'feasible';
  let p = 1;
  for (const [j, b] of bounds.entries()) {
    const pj = probabilityMeets(obs.map((o) => o.constraints[j]!), b);
    if (pj <= 1 - gamma) return 'infeasible';
    p *= pj;
  }
  return p >= gamma ? 'feasible' : 'unsure';
}

const finite = (o: Observation): boolean => Number.isFinite(o.objective) && o.constraints.every(Number.isFinite);

/** P(μ_l < μ_w − δ) from paired differences over their common replications (one-sided t). */
export function probabilityBetterBy(w: readonly Observation[], l: readonly Observation[], delta: number): number {
  const n = Math.min(w.length, l.length);
  const d = Array.from({ length: n }, (_x, j) => l[j]!.objective - w[j]!.objective);
  const m = mean(d);
  const sd = Math.sqrt(sampleVariance(d));
  if (!(sd > 0)) return m < -delta ? 1 : 0;
  return studentTCdf((-delta - m) / (sd / Math.sqrt(n)), n - 1);
}

/** KN++ with constraints over candidates 0…k−1; the sampler runs their replications (common random numbers). */
export async function selectBest(k: number, sample: Sampler, o: SelectionOptions): Promise<SelectionResult> {
  if (!(o.n0 >= 2)) throw new RangeError(`n0: expected at least 2, got ${o.n0}`);
  const data: Observation[][] = Array.from({ length: k }, () => []);
  const eliminated = new Map<number, Elimination & { atReplication: number }>();
  let contenders = Array.from({ length: k }, (_x, i) => i);
  let spent = 0;
  let r = 0;
  const grow = async (to: number): Promise<void> => {
    const requests = contenders.map((candidate) => ({ candidate, from: r, to }));
    const got = await sample(requests);
    for (const [i, req] of requests.entries()) data[req.candidate]!.push(...got[i]!);
    spent += requests.length * (to - r);
    r = to;
  };
  const stateOf = (i: number) => feasibilityOf(data[i]!, o.bounds, o.feasibilityConfidence);
  const rankOf = (i: number): number => o.rank?.[i] ?? i;
  /** Replications KN++ would need at most, from the current variances (for time-left estimates). */
  const needed = (): number => {
    let total = 0;
    const h2 = knHSquared(o.alpha, Math.max(2, k), Math.max(2, r));
    for (const i of contenders) {
      let most = r;
      for (const l of contenders) {
        if (l === i) continue;
        const s2 = sampleVariance(data[i]!.map((x, j) => x.objective - data[l]![j]!.objective));
        most = Math.max(most, Math.min(o.maxReplications, Math.ceil((h2 * s2) / (o.delta * o.delta))));
      }
      total += most - r;
    }
    return Math.min(total, Math.max(0, o.budget - spent));
  };

  await grow(Math.min(o.n0, o.maxReplications));
  for (;;) {
    // Candidates with a replication that has no value (no change finished) cannot be compared.
    for (const i of contenders) if (!data[i]!.every(finite)) eliminated.set(i, { reason: 'noValue', atReplication: r });
    contenders = contenders.filter((i) => !eliminated.has(i));
    const states = new Map(contenders.map((i) => [i, stateOf(i)] as const));
    for (const i of contenders) if (states.get(i) === 'infeasible') eliminated.set(i, { reason: 'infeasible', atReplication: r });
    const alive = contenders.filter((i) => !eliminated.has(i));
    const means = new Map(alive.map((i) => [i, mean(data[i]!.map((x) => x.objective))] as const));
    const h2 = knHSquared(o.alpha, Math.max(2, k), r);
    const kept: number[] = [];
    for (const i of alive) {
      let by: number | undefined;
      for (const l of alive) {
        if (l === i || states.get(l) !== 'feasible') continue;
        const s2 = sampleVariance(data[i]!.map((x, j) => x.objective - data[l]![j]!.objective));
        const w = Math.max(0, (o.delta / (2 * r)) * ((h2 * s2) / (o.delta * o.delta) - r));
        const twin = s2 === 0 && means.get(i) === means.get(l) && rankOf(i) > rankOf(l);
        if (means.get(i)! > means.get(l)! + w || twin) {
          by = l;
          break;
        }
      }
      if (by === undefined) kept.push(i);
      else eliminated.set(i, { reason: 'dominated', by, atReplication: r });
    }
    contenders = kept;
    const done = contenders.length === 0 || (contenders.length === 1 && states.get(contenders[0]!) === 'feasible');
    o.onStage?.({ contenders: contenders.length, spent, needed: done ? 0 : needed() });
    if (done || r >= o.maxReplications) break;
    const step = Math.max(1, Math.floor(o.batch?.(contenders.length) ?? 1));
    const to = Math.min(o.maxReplications, r + step, r + Math.floor((o.budget - spent) / contenders.length));
    if (to <= r) break;
    await grow(to);
  }
  const completed = contenders.length === 1 && stateOf(contenders[0]!) === 'feasible';
  const winner = pickWinner(data, contenders, o, rankOf);
  let pcs = 1 - o.alpha;
  if (winner !== undefined && !completed) {
    let miss = 0;
    for (const l of contenders) if (l !== winner) miss += probabilityBetterBy(data[winner]!, data[l]!, o.delta);
    pcs = Math.max(0, 1 - miss);
  }
  return { winner, contenders, eliminated, data, completed, probabilityCorrectSelection: winner === undefined ? 0 : pcs, spent };
}

/** The best mean among the feasible contenders; failing that, among every feasible candidate. */
function pickWinner(data: readonly (readonly Observation[])[], contenders: readonly number[], o: SelectionOptions, rankOf: (i: number) => number): number | undefined {
  const best = (pool: readonly number[]): number | undefined => {
    let win: number | undefined;
    let winMean = Infinity;
    for (const i of pool) {
      if (data[i]!.length === 0 || !data[i]!.every(finite) || feasibilityOf(data[i]!, o.bounds, o.feasibilityConfidence) !== 'feasible') continue;
      const m = mean(data[i]!.map((x) => x.objective));
      if (m < winMean || (m === winMean && win !== undefined && rankOf(i) < rankOf(win))) {
        win = i;
        winMean = m;
      }
    }
    return win;
  };
  return best(contenders) ?? best(data.map((_d, i) => i));
}
