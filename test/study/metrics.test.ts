// A study's per-replication metrics agree with what summary.json reports for a one-replication run
// of each variant of the shipped default scenario (the summary pools replications; with one, the
// pooled figure is that replication's), and with the paired differences' per-replication figures.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/node/scenario-files.js';
import { runReplications } from '../../src/run/replications.js';
import { buildSummary } from '../../src/stats/run-summary.js';
import { isStudyMetric, METRIC_INFO, replicationMetrics, STUDY_METRICS } from '../../src/study/metrics.js';

describe('study metrics', async () => {
  const scenario = { ...loadScenario('scenarios/ops-run-it.yaml'), replications: 1 };
  const result = await runReplications(scenario);
  const summary = buildSummary(result, { file: 'x.yaml', sha256: '', version: 'test' });

  it.each(['normal', 'preApproved'] as const)('matches the summary of one replication (%s)', (variant) => {
    const m = replicationMetrics(scenario, result.digests[variant]!, 0);
    const v = summary.variants[variant]!;
    expect(m.leadTimeP50Days).toBe(v.leadTimeDays.p50);
    expect(m.leadTimeP85Days).toBe(v.leadTimeDays.p85);
    expect(m.totalCostPerYear).toBeCloseTo(m.cashCostPerYear + v.costs.perYear.opportunity, 6);
    expect(m.costOfDelayPerYear).toBeCloseTo(v.costs.perYear.opportunity, 6);
    expect(m.cashCostPerYear).toBeCloseTo(v.costs.perYear.cash.total, 6);
    // The cash cost is not the activity-based run cost: it pays the shared teams' idle time too.
    expect(m.cashCostPerYear).toBeGreaterThan(v.costs.perYear.run + v.costs.perYear.setupAmortised);
    expect(m.deploymentsPerWeek).toBeCloseTo(v.deploymentsPerWeek.mean, 9);
    expect(m.changeFailureRate).toBeCloseTo(v.changeFailureRate, 12);
    expect(m.unfinishedShare).toBe(v.changes.unfinished / (v.changes.completed + v.changes.unfinished));
    expect(m.changeFailureRate).toBeGreaterThan(0);
  });
});

describe('study metric names', () => {
  it('knows the names studies accept, each with a unit and a direction', () => {
    expect(isStudyMetric('leadTimeP85Days')).toBe(true);
    expect(isStudyMetric('p85')).toBe(false);
    expect(isStudyMetric('toString')).toBe(false);
    expect(STUDY_METRICS.filter((m) => METRIC_INFO[m].lowerIsBetter)).toEqual(STUDY_METRICS.filter((m) => m !== 'deploymentsPerWeek'));
    expect(METRIC_INFO.cashCostPerYear.unit).toBe('money');
  });
});
