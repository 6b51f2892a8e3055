// DORA 2019 clusters at each threshold, and the rule for values in the gaps between ranges.
import { describe, expect, it } from 'vitest';
import {
  changeFailureRateCluster,
  DAYS_PER_MONTH,
  deploymentFrequencyCluster,
  doraBenchmark,
  leadTimeCluster,
  timeToRestoreCluster,
} from '../../src/stats/dora.js';

describe('DORA clusters (State of DevOps 2019)', () => {
  it('deployment frequency per team per week: >7 elite, 1–7 high, monthly–weekly medium, rarer low', () => {
    expect(deploymentFrequencyCluster(7.01)).toBe('elite');
    expect(deploymentFrequencyCluster(7)).toBe('high');
    expect(deploymentFrequencyCluster(1)).toBe('high');
    expect(deploymentFrequencyCluster(0.999)).toBe('medium');
    expect(deploymentFrequencyCluster(7 / DAYS_PER_MONTH)).toBe('medium');
    expect(deploymentFrequencyCluster(7 / DAYS_PER_MONTH - 1e-9)).toBe('low');
    expect(deploymentFrequencyCluster(0)).toBe('low');
  });

  it('lead time in days: <1 elite, ≤7 high, ≤ a month medium, beyond low', () => {
    expect(leadTimeCluster(0.99)).toBe('elite');
    expect(leadTimeCluster(1)).toBe('high');
    expect(leadTimeCluster(7)).toBe('high');
    expect(leadTimeCluster(7.01)).toBe('medium');
    expect(leadTimeCluster(30.4375)).toBe('medium');
    expect(leadTimeCluster(30.44)).toBe('low');
    expect(leadTimeCluster(400)).toBe('low');
  });

  it('change failure rate: ≤15% elite (elite, high and medium share 0–15%), the gap and 46–60% low', () => {
    expect(changeFailureRateCluster(0)).toBe('elite');
    expect(changeFailureRateCluster(0.15)).toBe('elite');
    expect(changeFailureRateCluster(0.1501)).toBe('low');
    expect(changeFailureRateCluster(0.5)).toBe('low');
  });

  it('time to restore in hours: <1 elite, <24 high (high and medium share "less than a day"), else low', () => {
    expect(timeToRestoreCluster(0.99)).toBe('elite');
    expect(timeToRestoreCluster(1)).toBe('high');
    expect(timeToRestoreCluster(23.99)).toBe('high');
    expect(timeToRestoreCluster(24)).toBe('low');
    expect(timeToRestoreCluster(24 * 40)).toBe('low');
  });

  it('the benchmark carries value, unit and cluster for each metric; no failure means nothing to restore', () => {
    const b = doraBenchmark({ deploymentsPerWeekPerTeam: 0.95, leadTimeDays: 8.1, changeFailureRate: 0.2, timeToRestoreHours: Number.NaN });
    expect(b.deploymentFrequency).toEqual({ value: 0.95, unit: 'deployments per week per delivery team', cluster: 'medium' });
    expect(b.leadTime.cluster).toBe('medium');
    expect(b.changeFailureRate.cluster).toBe('low');
    expect(b.timeToRestore.cluster).toBe('elite');
  });
});
