// Release batching ("fewer, larger deployments"): an exact trace of a batch of three on a tiny
// scenario, the combined failure rule, periodic releases, and the per-feature results.
import { describe, expect, it } from 'vitest';
import { TimeBase } from '../../src/engine/time.js';
import { buildClassModels, EFFORT_STEPS, type ClassModel, type Feature } from '../../src/model/features.js';
import { releaseFeature } from '../../src/model/release-path.js';
import { runReplication } from '../../src/model/replication.js';
import type { ReleasePolicy, Scenario } from '../../src/scenario/types.js';
import { baseScenario, smallClass, W } from '../model/helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);

function feature(models: readonly ClassModel[], id: number, readyAt: string, failures = 0): Feature {
  const cls = models[0]!;
  const efforts = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return {
    id, team: 0, readyAt: at(readyAt), cls, standard: false, downtime: false, efforts,
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script: { rejections: 0, failures },
  };
}

/** One team of 3 people, office hours, CAB Tuesday 10:00 (cutoff Monday 14:00), one application support person. */
function tiny(release: ReleasePolicy): Scenario {
  const b = baseScenario({ classes: [smallClass()], horizon: 6 * W, variants: ['normal'] });
  return {
    ...b,
    teams: {
      ...b.teams,
      delivery: { ...b.teams.delivery, count: 1, people: 3, release },
      changeManagement: { ...b.teams.changeManagement, people: 1 },
      applicationSupport: { ...b.teams.applicationSupport, people: 1 },
    },
  };
}

describe('a batch of three', () => {
  // Ready Monday 4 January 09:00, 10:00 and 11:00: the release forms at 11:00 with all three.
  const out = runReplication(tiny({ kind: 'batch', size: 3 }), 'normal', 1, {
    features: (m) => [feature(m, 1, '2027-01-04T09:00'), feature(m, 2, '2027-01-04T10:00'), feature(m, 3, '2027-01-04T11:00')],
    logEvents: true,
  });
  const iso = (t: number): string => tb.toIso(t);

  it('ships the three features in one deployment', () => {
    expect(out.replicationRecord.deployments).toBe(1);
    expect(out.deploymentsByWeek.reduce((a, b) => a + b, 0)).toBe(1);
    expect(out.events.filter((e) => e.activity === 'Deploy')).toHaveLength(1);
    expect(out.events.filter((e) => e.activity === 'CAB approves change')).toHaveLength(1);
  });

  it('follows the hand-computed trace: one document of 3 × 2h, one assessment of 3 × 1h, one CAB, one handover, one deployment of 3 × 1h', () => {
    // Documentation 6h from Monday 11:00 → 17:00. Assessment 3h from Monday 17:00: 30m Monday and
    // 2h30 Tuesday → Tuesday 11:30, after Tuesday's meeting: the next CAB is Tuesday 12 January
    // 10:00–12:00. Handover 6h from 12:00: 5h30 Tuesday, 30m Wednesday → 09:30. Deployment 3h → 12:30.
    // Validation 3h → 15:30, acceptance 3 × 30m → 17:00.
    for (const c of out.changes) {
      expect(iso(c.raisedAt)).toBe('2027-01-04T17:00');
      expect(iso(c.approvedAt)).toBe('2027-01-12T12:00');
      expect(iso(c.scheduledAt)).toBe('2027-01-13T09:30');
      expect(iso(c.deployStartAt)).toBe('2027-01-13T09:30');
      expect(iso(c.liveAt)).toBe('2027-01-13T12:30');
      expect(iso(c.validatedAt)).toBe('2027-01-13T17:00');
    }
  });

  it('reports lead time per feature from its own ready time, and shares the run cost equally', () => {
    expect(out.changes.map((c) => (c.liveAt - c.readyAt) / 60)).toEqual([219.5, 218.5, 217.5]);
    // Delivery 6h documentation + 6h handover + 3h validation at 75/h = 1125; each feature a third.
    for (const c of out.changes) {
      expect(c.runCost.changeDocumentation).toBe(150);
      expect(c.runCost.handover).toBe(150);
      expect(c.runCost.deployment).toBeCloseTo((3 * 55) / 3, 9);
    }
    // Each feature's cost of delay runs until the release is live: 1000 a week.
    expect(out.changes[0]!.costOfDelay).toBeCloseTo((1000 * 219.5) / 168, 9);
  });

  it('waits for the release to form counts as waiting in request', () => {
    expect(out.changes.map((c) => c.wait.request / 60)).toEqual([2, 1, 0]);
  });
});

describe('the release rules', () => {
  it('a release of features failing with 0.1 and 0.2 fails with 1 − 0.9 × 0.8 = 0.28; its efforts are summed', () => {
    const models = buildClassModels(baseScenario({ classes: [smallClass({ failureRate: 0.1, rejectionRate: 0.5 }), smallClass({ name: 'b', share: 0, failureRate: 0.2, rejectionRate: 0.5 })] }));
    const f1 = feature(models, 1, '2027-01-04T09:00');
    const f2 = { ...feature(models, 2, '2027-01-04T10:00'), cls: models[1]!, downtime: true };
    const r = releaseFeature([f1, f2], 600);
    expect(r.cls.spec.failureRate).toBeCloseTo(0.28, 12);
    expect(r.cls.spec.rejectionRate).toBeCloseTo(0.75, 12);
    expect(r.downtime).toBe(true);
    expect(r.efforts.deployment).toBe(120);
    expect(r.cls.efforts.fix.mean).toBe(480);
    expect(r.readyAt).toBe(600);
  });

  it('a feature left in an unfilled batch goes at the horizon', () => {
    const out = runReplication({ ...tiny({ kind: 'batch', size: 5 }), classes: [smallClass({ failureRate: 0.1 })] }, 'normal', 1, {
      features: (m) => [feature(m, 1, '2027-01-04T09:00')],
    });
    // One feature, batch of 5: it waits for the horizon (6 weeks), then ships alone.
    expect(out.changes[0]!.raisedAt).toBeGreaterThanOrEqual(6 * W);
    expect(Number.isFinite(out.changes[0]!.liveAt)).toBe(true);
  });

  it('every 2w: features ready in the first fortnight go together at day 14, the rest at day 28', () => {
    const out = runReplication(tiny({ kind: 'every', period: 2 * W }), 'normal', 1, {
      features: (m) => [feature(m, 1, '2027-01-04T09:00'), feature(m, 2, '2027-01-12T09:00'), feature(m, 3, '2027-01-19T09:00')],
    });
    const [a, b, c] = out.changes;
    expect(a!.raisedAt).toBe(b!.raisedAt);
    expect(a!.liveAt).toBe(b!.liveAt);
    expect(tb.toIso(a!.raisedAt).slice(0, 10)).toBe('2027-01-18'); // released Monday 18 January 00:00, documented that day
    expect(c!.raisedAt).toBeGreaterThan(at('2027-02-01T00:00'));
    expect(out.replicationRecord.deployments).toBe(2);
  });
});
