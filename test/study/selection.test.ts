// KN++ with constraints (study/selection.ts) on synthetic normal candidates with known means: the
// rate of correct selection is at least 1 − α over many seeds, infeasible candidates are never
// chosen, and the t distribution and KN++'s constant agree with hand-computed values.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { knHSquared, probabilityFeasible, selectBest, type Observation, type Sampler, type SelectionOptions } from '../../src/study/selection.js';
import { studentTCdf } from '../../src/study/student-t.js';

/** Normal candidates with common random numbers: X_ij = μ_i + σ(√ρ Z_j + √(1−ρ) E_ij), constraint c_ij = ν_i + E'_ij. */
function normalSampler(seed: number, means: readonly number[], sigma: number, rho: number, constraintMeans: readonly number[] = []): Sampler {
  const normal = (rng: () => number): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const common = (j: number): number => normal(seedrandom(`${seed}:common:${j}`));
  return async (requests) =>
    requests.map(({ candidate, from, to }) =>
      Array.from({ length: to - from }, (_x, n): Observation => {
        const j = from + n;
        const own = seedrandom(`${seed}:${candidate}:${j}`);
        const objective = means[candidate]! + sigma * (Math.sqrt(rho) * common(j) + Math.sqrt(1 - rho) * normal(own));
        return { objective, constraints: constraintMeans.length > 0 ? [constraintMeans[candidate]! + normal(own)] : [] };
      }),
    );
}

const base: SelectionOptions = { alpha: 0.1, delta: 0.5, n0: 10, bounds: [], feasibilityConfidence: 0.9, maxReplications: 1000, budget: 1e6 };

describe('Student t distribution', () => {
  it('matches table values', () => {
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12); // Cauchy: ½ + atan(1)/π
    expect(studentTCdf(2.571, 5)).toBeCloseTo(0.975, 4);
    expect(studentTCdf(-1.372, 10)).toBeCloseTo(0.1, 4);
    expect(studentTCdf(1.96, 1e6)).toBeCloseTo(0.975, 4);
  });
});

describe('KN++ selection', () => {
  it("h² is KN++'s constant: α = 0.05, k = 3, r = 5 gives 2 · ½(0.05^−½ − 1) · 4 = 13.889", () => {
    expect(knHSquared(0.05, 3, 5)).toBeCloseTo(13.8885, 3);
  });

  it('selects the best of 10 normal candidates (slippage by δ, correlated by CRN) at least 1 − α of the time over 300 seeds', async () => {
    // Least favourable configuration: the best is exactly δ better than the other nine. With 300
    // seeds the observed rate's standard error at p = 0.9 is 0.017; the test allows 2.33 of them
    // (a 1% chance of failing a procedure that just meets 1 − α).
    const seeds = 300;
    const means = [0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    let correct = 0;
    let spent = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const result = await selectBest(means.length, normalSampler(seed, means, 1, 0.5), base);
      if (result.winner === 3) correct++;
      spent += result.spent;
    }
    expect(correct / seeds).toBeGreaterThanOrEqual(0.9 - 2.33 * Math.sqrt((0.9 * 0.1) / seeds));
    // Elimination saves replications: far fewer than every candidate at KN's largest count.
    expect(spent / seeds).toBeLessThan(means.length * 200);
  });

  it('the same seed gives the same selection and the same replications', async () => {
    const means = [1, 0.2, 0, 0.6];
    const a = await selectBest(4, normalSampler(7, means, 1, 0.5), base);
    const b = await selectBest(4, normalSampler(7, means, 1, 0.5), base);
    expect(a.winner).toBe(b.winner);
    expect(a.data).toEqual(b.data);
  });

  it('never selects an infeasible candidate: the cheapest misses its bound, the next one is chosen', async () => {
    // Objective means 0, 1, 2; constraint means 6, 4, 3 against "≤ 5".
    const sampler = normalSampler(3, [0, 1, 2], 1, 0.5, [6, 4, 3]);
    const result = await selectBest(3, sampler, { ...base, bounds: [{ op: '<=', value: 5 }] });
    expect(result.winner).toBe(1);
    expect(result.eliminated.get(0)?.reason).toBe('infeasible');
    expect(result.eliminated.get(2)).toMatchObject({ reason: 'dominated', by: 1 });
    expect(result.completed).toBe(true);
    expect(result.probabilityCorrectSelection).toBe(0.9);
    expect(probabilityFeasible(result.data[1]!, [{ op: '<=', value: 5 }])).toBeGreaterThan(0.9);
  });

  it('infeasible everywhere: no winner', async () => {
    const sampler = normalSampler(5, [0, 1], 1, 0.5, [8, 9]);
    const result = await selectBest(2, sampler, { ...base, bounds: [{ op: '<=', value: 5 }] });
    expect(result.winner).toBeUndefined();
    expect(result.contenders).toEqual([]);
    expect([...result.eliminated.values()].map((e) => e.reason)).toEqual(['infeasible', 'infeasible']);
  });

  it('stops at the budget and estimates the probability of correct selection instead', async () => {
    // Two candidates 0.01 apart with δ = 0.001: KN++ would need thousands of replications.
    const result = await selectBest(2, normalSampler(9, [0, 0.01], 1, 0, []), { ...base, delta: 0.001, budget: 60 });
    expect(result.spent).toBe(60);
    expect(result.completed).toBe(false);
    expect(result.contenders).toEqual([0, 1]);
    expect(result.probabilityCorrectSelection).toBeGreaterThan(0.05);
    expect(result.probabilityCorrectSelection).toBeLessThan(1);
  });

  it('twins (the same objective on every replication) do not use up the budget: the lower rank stays', async () => {
    // Candidates 0 and 2 are one design as far as the objective goes (e.g. a headcount the cost does not see).
    const twin = normalSampler(4, [0, 1, 0], 1, 0.5);
    const sampler: Sampler = async (requests) => {
      const got = await twin(requests.map((r) => ({ ...r, candidate: r.candidate === 2 ? 0 : r.candidate })));
      return got;
    };
    const result = await selectBest(3, sampler, { ...base, rank: [5, 1, 2] });
    expect(result.completed).toBe(true);
    expect(result.winner).toBe(2);
    expect(result.eliminated.get(0)).toMatchObject({ reason: 'dominated', by: 2 });
    expect(result.spent).toBeLessThan(200);
  });
});
