import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('records the SHA-256 of the text it simulated: the files are not read again after the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orisim-compare-'));
    try {
      const [a, b] = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
      copyFileSync(A, a);
      copyFileSync(B, b);
      const hashes = [A, B].map((f) => createHash('sha256').update(readFileSync(f, 'utf8')).digest('hex'));
      const { scenarios, sha256s } = loadCompared({ scenarios: [a, b], replications: 2, seed: 1, set: [] });
      expect(sha256s).toEqual(hashes);
      let calls = 0;
      // While it runs, one file is edited and the other deleted (it used to record the edited
      // file's hash, and to fail with ENOENT and a stack trace after all the work).
      const { comparison } = await runComparison([a, b], scenarios, {
        workers: 1,
        sha256s,
        onProgress: () => {
          if (calls++ > 0) return;
          writeFileSync(a, 'name: edited\n');
          rmSync(b);
        },
      });
      expect(calls).toBeGreaterThan(1);
      expect(comparison.scenarios.map((s) => s.sha256)).toEqual(hashes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('needs two scenarios', () => {
    expect(() => loadCompared({ scenarios: [A], replications: 1, seed: 1, set: [] })).toThrow('compare needs at least two scenario files, got 1');
  });
});
