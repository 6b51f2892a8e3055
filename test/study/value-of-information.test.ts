// EVPI, EVPPI by the regression metamodel, probability best, acceptability and the switching point,
// on two designs whose net benefits are known: NB_0 = 0 and NB_1 = (x1 − ½) + 0.2·(x2 − ½), x uniform,
// x3 changing nothing. EVPPI(x1) = E[max(0, x1 − ½)] = 1/8, EVPPI(x2) = 0.2/8, EVPPI(x3) = 0.
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/random.js';
import { latinHypercube } from '../../src/study/design.js';
import { acceptabilityCurve, evpi, evppi, probabilityBest, smooth, switchingPoint } from '../../src/study/value-of-information.js';

const x = latinHypercube(4000, 3, createStream(3, 0, 'voi'));
const nb = x.map(([x1, x2]) => [0, x1! - 0.5 + 0.2 * (x2! - 0.5)]);
const column = (j: number) => x.map((row) => row[j]!);

describe('value of information', () => {
  it('EVPPI of each input is its known value, at most EVPI, and ≈ 0 for an input that changes nothing', () => {
    const total = evpi(nb);
    const e1 = evppi(column(0), nb);
    const e2 = evppi(column(1), nb);
    const e3 = evppi(column(2), nb);
    expect(e1).toBeCloseTo(0.125, 2);
    expect(e2).toBeCloseTo(0.025, 2);
    expect(e1).toBeLessThanOrEqual(total);
    expect(e2).toBeLessThanOrEqual(total);
    // BIC keeps the input that changes nothing at a constant: exactly 0.
    expect(e3).toBe(0);
  });

  it('EVPI by hand on four input sets', () => {
    // Means 1.5 and 1.75: max 1.75; mean of the best 2.75/... (3 + 2 + 4 + 2) / 4 = 2.75.
    expect(evpi([[3, 0], [2, 1], [0, 4], [1, 2]])).toBeCloseTo(2.75 - 1.75, 12);
    expect(evpi([[1, 0], [2, 1]])).toBe(0);
  });

  it('the smoother reproduces a cubic, and keeps a constant constant', () => {
    const u = [0.05, 0.1, 0.2, 0.3, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
    const cubic = u.map((v) => 2 - v + 3 * v ** 3);
    smooth(u, cubic).forEach((v, i) => expect(v).toBeCloseTo(cubic[i]!, 5));
    expect(smooth(u, u.map(() => 4))).toEqual(u.map(() => 4));
  });

  it('probability best, the acceptability curve and the switching point', () => {
    expect(probabilityBest([[3, 0], [2, 1], [0, 4], [1, 1]])).toEqual([0.75, 0.25]);
    // Costs 10 and 20; lead times 5 and 1 days: design 1 is cheaper overall once λ > 10/4 = 2.5.
    const curve = acceptabilityCurve([[10, 20]], [[5, 1]], [0, 2, 3]);
    expect(curve.map((c) => c.probability)).toEqual([[1, 0], [1, 0], [0, 1]]);
    const at = switchingPoint(column(0), nb)!;
    expect(at.from).toBe(0);
    expect(at.to).toBe(1);
    expect(Math.abs(at.u - 0.5)).toBeLessThan(0.02);
    expect(switchingPoint(column(2), nb.map(([a]) => [a!, a! - 1]))).toBeUndefined();
  });
});
