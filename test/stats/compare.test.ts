// orisim compare: designs paired replication by replication with the baseline (common random
// numbers), the comparison's rows and metrics, file labels and --baseline, on real runs and by hand.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runComparison, loadCompared, parseBaseline } from '../../src/api/compare.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { buildComparison, comparisonRows, fileLabels, PAIRED_METRICS, replicationMetric, type ComparedRun } from '../../src/stats/compare.js';
import { type RunResult } from '../../src/run/replications.js';
import { buildSummary } from '../../src/stats/run-summary.js';
import { DigestStore } from '../../src/run/digest-store.js';
import { doraRows } from '../../src/report/dora-text.js';

const A = 'scenarios/ops-run-it.yaml';
const B = 'scenarios/ops-run-it-25-teams.yaml';

/** The default scenario as `name`, running only `variant` (like a consultant's current.yaml / target.yaml). */
function variantFile(dir: string, name: string, variant: string): string {
  const text = readFileSync(A, 'utf8').replace(/^name: .*$/m, `name: ${name}`).replace(/^variants: .*$/m, `variants: [${variant}]`);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('compare', () => {
  it('a scenario against itself: every difference is exactly zero', async () => {
    const { scenarios, sha256s } = loadCompared({ scenarios: [A, A], replications: 3, seed: 7, set: [] });
    const { comparison } = await runComparison([A, A], scenarios, { workers: 1, sha256s });
    // Designs: the baseline A:normal, then A:preApproved, A#2:normal, A#2:preApproved.
    expect(comparison.designs.map((d) => d.label)).toEqual(['ops-run-it.yaml:normal', 'ops-run-it.yaml:preApproved', 'ops-run-it.yaml#2:normal', 'ops-run-it.yaml#2:preApproved']);
    const same = comparison.designs[2]!.difference!;
    for (const m of PAIRED_METRICS) {
      if (!Number.isFinite(same[m].mean)) continue;
      expect(same[m].mean).toBe(0);
      expect(same[m].ci95).toEqual([0, 0]);
      expect(same[m].significant).toBe(false);
    }
    const rows = comparisonRows(comparison).filter((r) => r.design === 'ops-run-it.yaml#2:normal' && r.difference_vs_baseline !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.excludes_zero).toBe(0);
  });

  it('the default scenario against 25 teams: lead-time intervals exclude zero, like for like with --baseline', async () => {
    const { scenarios, sha256s } = loadCompared({ scenarios: [A, B], replications: 5, seed: undefined, set: [] });
    expect(scenarios[1]!.seed).toBe(scenarios[0]!.seed);
    expect(scenarios[1]!.replications).toBe(5);
    const { comparison, runs } = await runComparison([A, B], scenarios, { workers: 1, sha256s });
    const normal = comparison.designs.find((d) => d.label === 'ops-run-it-25-teams.yaml:normal')!.difference!;
    expect(normal.leadTimeMeanDays.significant).toBe(true);
    expect(normal.leadTimeMeanDays.ci95[0]).toBeGreaterThan(0);
    expect(normal.leadTimeP85Days.significant).toBe(true);
    // Each design carries its run's DORA benchmark and time to restore (comparison.json).
    for (const d of comparison.designs) {
      const s = runs.find((r) => r.file === d.file)!.summary.variants[d.variant]!;
      expect(d.dora).toEqual(s.dora);
      expect(d.timeToRestoreHours).toEqual({ p50: s.timeToRestoreHours.p50, p85: s.timeToRestoreHours.p85, p95: s.timeToRestoreHours.p95, mean: s.timeToRestoreHours.mean, count: s.timeToRestoreHours.count });
    }
    expect(doraRows(comparison.designs).map((r) => [r['design'], r['change failure rate']])).toEqual(
      comparison.designs.map((d) => [d.label, `${(d.dora.changeFailureRate.value * 100).toFixed(1)}% (${d.dora.changeFailureRate.cluster})`]),
    );
    const baseline = parseBaseline(`${A}:preApproved`, [A, B], scenarios);
    expect(baseline).toEqual({ run: 0, variant: 'preApproved' });
    const pre = buildComparison(runs, baseline);
    expect(pre.baseline.label).toBe('ops-run-it.yaml:preApproved');
    expect(pre.designs.map((d) => d.label)).toEqual(['ops-run-it.yaml:preApproved', 'ops-run-it.yaml:normal', 'ops-run-it-25-teams.yaml:normal', 'ops-run-it-25-teams.yaml:preApproved']);
    expect(pre.designs.find((d) => d.label === 'ops-run-it-25-teams.yaml:preApproved')!.difference!.leadTimeMeanDays.significant).toBe(true);
  });

  it('a normal-only file against a pre-approved-only file: paired differences replication by replication', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orisim-compare-'));
    const files = [variantFile(dir, 'current', 'normal'), variantFile(dir, 'target', 'preApproved')];
    const { scenarios, sha256s } = loadCompared({ scenarios: files, replications: 3, seed: 42, set: [] });
    const { comparison, runs } = await runComparison(files, scenarios, { workers: 1, sha256s });
    expect(comparison.baseline).toMatchObject({ label: 'current.yaml:normal', scenario: 'current', variant: 'normal' });
    expect(comparison.designs.map((d) => d.label)).toEqual(['current.yaml:normal', 'target.yaml:preApproved']);
    const target = comparison.designs[1]!;
    // Common random numbers across variants: the same features become ready in both designs.
    expect(target.changes.counted).toBe(comparison.designs[0]!.changes.counted);
    // Each difference is the mean over replications of (target rep i) − (current rep i).
    const a = runs[0]!.result.digests.normal!.mapDigests((d) => d);
    const b = runs[1]!.result.digests.preApproved!.mapDigests((d) => d);
    expect(a).toHaveLength(3);
    for (const m of PAIRED_METRICS) {
      const byHand = (b.map((d, i) => replicationMetric(d, m, scenarios[1]) - replicationMetric(a[i]!, m, scenarios[0])).reduce((x, y) => x + y, 0)) / 3;
      expect(target.difference![m].mean, m).toBeCloseTo(byHand, 9);
    }
    // Pre-approved changes skip CAB and application support: shorter lead times.
    expect(target.difference!.leadTimeMeanDays.ci95[1]).toBeLessThan(0);
    rmSync(dir, { recursive: true, force: true });
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

  it('needs two designs: one file with several variants is enough, one with a single variant is refused', () => {
    expect(loadCompared({ scenarios: [A], replications: 1, seed: 1, set: [] }).scenarios[0]!.variants).toEqual(['normal', 'preApproved']);
    expect(() => loadCompared({ scenarios: [A], replications: 1, seed: 1, set: ['variants=[preApproved]'] })).toThrow(
      `compare needs at least two designs: ${A} runs only preApproved; give a second scenario file, or list several variants in this one (variants: [normal, preApproved, youBuildItYouRunIt])`,
    );
  });

  it('--baseline: unknown file, unknown variant, empty (pinned messages)', () => {
    const scenarios = [loadScenario(A), loadScenario(B)];
    expect(() => parseBaseline('nope.yaml', [A, B], scenarios)).toThrow(
      "--baseline 'nope.yaml': nope.yaml is not one of the compared files (ops-run-it.yaml, ops-run-it-25-teams.yaml)",
    );
    expect(() => parseBaseline('nope.yaml:normal', [A, B], scenarios)).toThrow(
      "--baseline 'nope.yaml:normal': nope.yaml is not one of the compared files (ops-run-it.yaml, ops-run-it-25-teams.yaml)",
    );
    expect(() => parseBaseline(`${B}:youBuildItYouRunIt`, [A, B], scenarios)).toThrow(
      `--baseline '${B}:youBuildItYouRunIt': ops-run-it-25-teams.yaml does not run variant 'youBuildItYouRunIt' (it runs: normal, preApproved)`,
    );
    expect(() => parseBaseline(' ', [A, B], scenarios)).toThrow('--baseline is empty: give FILE or FILE:VARIANT, e.g. scenarios/ops-run-it.yaml:normal');
    // By label, by path, without a variant (the file's first variant).
    expect(parseBaseline('ops-run-it-25-teams.yaml:preApproved', [A, B], scenarios)).toEqual({ run: 1, variant: 'preApproved' });
    expect(parseBaseline(`./${B}`, [A, B], scenarios)).toEqual({ run: 1, variant: 'normal' });
  });

  it('costs in different currencies cannot be compared (exit 2 before running)', () => {
    expect(() => loadCompared({ scenarios: [A, B], replications: 1, seed: 1, set: [] })).not.toThrow();
    const dir = mkdtempSync(join(tmpdir(), 'orisim-compare-'));
    const eur = join(dir, 'eur.yaml');
    writeFileSync(eur, readFileSync(A, 'utf8').replace(/^currency: .*$/m, 'currency: EUR'));
    expect(() => loadCompared({ scenarios: [A, eur], replications: 1, seed: 1, set: [] })).toThrow(
      /^compare: .*eur\.yaml gives costs in EUR and scenarios\/ops-run-it\.yaml in GBP: costs in different currencies cannot be compared; give every scenario the same currency$/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('nothing comparable: an error with the reason, never an empty comparison', () => {
    // Runs that produced no replications: no paired figure is defined for any design.
    const scenario = loadScenario(A);
    const empty = (file: string): ComparedRun => {
      const result: RunResult = { scenario: { ...scenario, replications: 0 }, digests: { normal: new DigestStore(), preApproved: new DigestStore() }, kept: {} };
      return { file, result, summary: buildSummary(result, { file, sha256: '0', version: 'test' }) };
    };
    expect(() => buildComparison([empty('a.yaml'), empty('b.yaml')])).toThrow(
      'compare: nothing comparable: no paired figure (lead time, deployments, costs) is defined for both a.yaml:normal and any other design',
    );
  });

  it('design labels: file names, folders only when names clash, #2 for a file given again', () => {
    expect(fileLabels(['a/x.yaml', 'b/y.yaml'])).toEqual(['x.yaml', 'y.yaml']);
    expect(fileLabels(['a/x.yaml', 'b/x.yaml'])).toEqual(['a/x.yaml', 'b/x.yaml']);
    expect(fileLabels(['a/x.yaml', 'a/x.yaml', 'b/y.yaml'])).toEqual(['x.yaml', 'x.yaml#2', 'y.yaml']);
  });
});

describe('compare with emergency changes', () => {
  it("a design with emergency changes carries the summary's emergency section; one without has none", async () => {
    const E = 'scenarios/designs/emergency-changes.yaml';
    const { scenarios, sha256s } = loadCompared({ scenarios: [A, E], replications: 2, seed: 7, set: ['variants=[normal]'] });
    const { comparison } = await runComparison([A, E], scenarios, { workers: 1, sha256s });
    const [base, withEmergency] = comparison.designs;
    expect(base!.emergency).toBeUndefined();
    expect(withEmergency!.emergency!.changesPerReplication).toBeGreaterThan(0);
    expect(withEmergency!.emergency!.deploymentsInFreeze).toBeGreaterThanOrEqual(0);
  });
});
