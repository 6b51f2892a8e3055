import { describe, expect, it } from 'vitest';
import { runComparison, loadCompared } from '../../src/cli/compare.js';
import { comparisonRows, PAIRED_METRICS } from '../../src/stats/compare.js';

const A = 'scenarios/ops-run-it.yaml';
const B = 'scenarios/ops-run-it-25-teams.yaml';

describe('compare', () => {
  it('a scenario against itself: every difference is exactly zero', async () => {
    const { scenarios, sha256s } = loadCompared({ scenarios: [A, A], replications: 3, seed: 7, set: [] });
    const { comparison } = await runComparison([A, A], scenarios, { workers: 1, sha256s });
    for (const list of Object.values(comparison.variants)) {
      const d = list![1]!.difference!;
      for (const m of PAIRED_METRICS) {
        if (!Number.isFinite(d[m].mean)) continue;
        expect(d[m].mean).toBe(0);
        expect(d[m].ci95).toEqual([0, 0]);
        expect(d[m].significant).toBe(false);
      }
    }
    const rows = comparisonRows(comparison).filter((r) => r.difference_vs_baseline !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.excludes_zero).toBe(0);
  });

  it('the default scenario against 25 teams: lead-time intervals exclude zero', async () => {
    const { scenarios, sha256s } = loadCompared({ scenarios: [A, B], replications: 5, seed: undefined, set: [] });
    expect(scenarios[1]!.seed).toBe(scenarios[0]!.seed);
    expect(scenarios[1]!.replications).toBe(5);
    const { comparison } = await runComparison([A, B], scenarios, { workers: 1, sha256s });
    const normal = comparison.variants.normal![1]!.difference!;
    expect(normal.leadTimeMeanDays.significant).toBe(true);
    expect(normal.leadTimeMeanDays.ci95[0]).toBeGreaterThan(0);
    expect(normal.leadTimeP85Days.significant).toBe(true);
    const pre = comparison.variants.preApproved![1]!.difference!;
    expect(pre.leadTimeMeanDays.significant).toBe(true);
  });

  it('needs two scenarios', () => {
    expect(() => loadCompared({ scenarios: [A], replications: 1, seed: 1, set: [] })).toThrow('compare needs at least two scenario files, got 1');
  });
});
