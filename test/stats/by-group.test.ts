// summary.json byClass and byPath by hand: pooled percentiles and mean, the interval over the
// replications that completed a change of the group, the completed count, empty groups left out.
import { describe, expect, it } from 'vitest';
import { groupSummary } from '../../src/stats/summarise.js';
import { tCritical95 } from '../../src/stats/estimates.js';

/** Only what groupSummary reads: every replication's lead times, class and path one after the other, and where each replication ends. */
function changes(replications: [number[], number[], number[]][]): { lead: Float64Array; classes: Uint16Array; paths: Uint8Array; ends: number[] } {
  const ends: number[] = [];
  let end = 0;
  for (const [lead] of replications) ends.push((end += lead.length));
  return {
    lead: Float64Array.from(replications.flatMap((r) => r[0])),
    classes: Uint16Array.from(replications.flatMap((r) => r[1])),
    paths: Uint8Array.from(replications.flatMap((r) => r[2])),
    ends,
  };
}

describe('groupSummary (byClass, byPath)', () => {
  // replication 1: lead times 1, 2, 3 days of classes a, b, a; replication 2: 4, 5 of class a
  const c = changes([[[1, 2, 3], [0, 1, 0], [0, 1, 0]], [[5, 4], [0, 0], [1, 0]]]);

  it('per class: pooled p50/p85/p95/max/mean, interval over replication means, completed', () => {
    const byClass = groupSummary(c.lead, c.classes, c.ends, ['a', 'b', 'c']);
    expect(Object.keys(byClass)).toEqual(['a', 'b']); // c has no completed change
    const a = byClass['a']!;
    // pooled a: 1, 3, 4, 5 → type-7 quantiles at h = 3p
    expect(a.completed).toBe(4);
    expect(a.p50).toBeCloseTo(3.5, 12);
    expect(a.p85).toBeCloseTo(4.55, 12);
    expect(a.p95).toBeCloseTo(4.85, 12);
    expect(a.max).toBe(5);
    expect(a.mean).toBeCloseTo(13 / 4, 12);
    // replication means 2 and 4.5: x̄ = 3.25, s = 2.5/√2, h = t(1) s / (x̄ √2)
    const h = (tCritical95(1) * (2.5 / Math.SQRT2)) / (3.25 * Math.SQRT2);
    expect(tCritical95(1)).toBe(12.706);
    expect(a.ci95[0]).toBeCloseTo(3.25 * Math.exp(-h), 12);
    expect(a.ci95[1]).toBeCloseTo(3.25 * Math.exp(h), 12);
    // b: one change in one replication: its own value, an interval of one point
    expect(byClass['b']).toEqual({ mean: 2, ci95: [2, 2], p50: 2, p85: 2, p95: 2, max: 2, completed: 1 });
  });

  it('per path: the same rule over the path index', () => {
    const byPath = groupSummary(c.lead, c.paths, c.ends, ['normal', 'preApproved']);
    expect(byPath['normal']!.completed).toBe(3); // 1, 3, 4
    expect(byPath['normal']!.p50).toBe(3);
    expect(byPath['normal']!.mean).toBeCloseTo(8 / 3, 12);
    expect(byPath['preApproved']!.completed).toBe(2); // 2, 5
    expect(byPath['preApproved']!.max).toBe(5);
    expect(byPath['preApproved']!.mean).toBe(3.5);
    // both replications completed a pre-approved change (means 2 and 5)
    expect(byPath['preApproved']!.ci95[0]).toBeLessThan(3.5);
    expect(byPath['preApproved']!.ci95[1]).toBeGreaterThan(3.5);
  });
});
