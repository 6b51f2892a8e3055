// The DORA benchmark of the shipped default scenario (scenarios/ops-run-it.yaml, as written: 20
// replications, seed 42), pinned: summary.json's variants.<v>.dora and time to restore per path.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/node/scenario-files.js';
import { runReplications } from '../../src/run/replications.js';
import { buildSummary } from '../../src/stats/run-summary.js';
import { changeFailureRateCluster, deploymentFrequencyCluster, leadTimeCluster, timeToRestoreCluster } from '../../src/stats/dora.js';

describe('DORA benchmark of the default scenario', async () => {
  const scenario = loadScenario('scenarios/ops-run-it.yaml');
  const result = await runReplications(scenario);
  const summary = buildSummary(result, { file: 'scenarios/ops-run-it.yaml', sha256: '', version: 'test' });
  const normal = summary.variants.normal!;
  const pre = summary.variants.preApproved!;

  it('places each variant in the 2019 clusters (pinned)', () => {
    const clusters = (v: typeof normal): string[] => [v.dora.deploymentFrequency, v.dora.leadTime, v.dora.changeFailureRate, v.dora.timeToRestore].map((m) => m.cluster);
    // Normal: under one deployment a week per team (medium), median lead time 8 days (medium),
    // 20% failures (in the 16–45% gap: low), restore in 1.5 hours (under a day: high).
    expect(clusters(normal)).toEqual(['medium', 'medium', 'low', 'high']);
    // Pre-approved: the same deployments, median lead time 45 minutes (elite), 17% failures (low),
    // median restore under an hour (elite), because most rollbacks are the pipeline's.
    expect(clusters(pre)).toEqual(['medium', 'elite', 'low', 'elite']);
    expect(normal.dora.deploymentFrequency.value).toBeCloseTo(0.9422, 4);
    expect(normal.dora.leadTime.value).toBeCloseTo(8.0283, 4);
    expect(normal.dora.changeFailureRate.value).toBeCloseTo(0.2028, 4);
    expect(normal.dora.timeToRestore.value).toBeCloseTo(1.5121, 4);
    expect(pre.dora.leadTime.value).toBeCloseTo(0.0313, 4);
    expect(pre.dora.timeToRestore.value).toBeCloseTo(0.9362, 4);
  });

  it('takes its values from the summary, and its clusters from the rules', () => {
    for (const v of [normal, pre]) {
      expect(v.dora.deploymentFrequency.value).toBe(v.deploymentsPerWeek.mean / scenario.teams.delivery.count);
      expect(v.dora.leadTime.value).toBe(v.leadTimeDays.p50);
      expect(v.dora.changeFailureRate.value).toBe(v.changeFailureRate);
      expect(v.dora.timeToRestore.value).toBe(v.timeToRestoreHours.p50);
      expect(v.dora.deploymentFrequency.cluster).toBe(deploymentFrequencyCluster(v.dora.deploymentFrequency.value));
      expect(v.dora.leadTime.cluster).toBe(leadTimeCluster(v.dora.leadTime.value));
      expect(v.dora.changeFailureRate.cluster).toBe(changeFailureRateCluster(v.dora.changeFailureRate.value));
      expect(v.dora.timeToRestore.cluster).toBe(timeToRestoreCluster(v.dora.timeToRestore.value));
    }
  });

  it('counts one restore per failed attempt of a counted change, on the path that failed', () => {
    for (const [name, v] of [['normal', normal], ['preApproved', pre]] as const) {
      const failed = result.digests[name]!.records.reduce((a, r) => a + r.failedDeployments, 0);
      expect(v.timeToRestoreHours.count).toBe(failed);
      const byPath = Object.values(v.timeToRestoreHours.byPath).reduce((a, p) => a + p.count, 0);
      expect(byPath).toBe(failed);
    }
    expect(Object.keys(normal.timeToRestoreHours.byPath)).toEqual(['normal']);
    // The pipeline's automated rollback is 15 minutes in the default scenario; its median is exactly that.
    expect(pre.timeToRestoreHours.byPath.preApproved!.p50).toBe(0.25);
    // Application support's rollbacks take longer than the pipeline's, at every percentile shown.
    const app = pre.timeToRestoreHours.byPath.normal!;
    const pipe = pre.timeToRestoreHours.byPath.preApproved!;
    expect(app.p50).toBeGreaterThan(pipe.p50);
    expect(app.p85).toBeGreaterThan(pipe.p85);
  });
});
