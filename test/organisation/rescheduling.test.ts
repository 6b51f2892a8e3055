// Issue 11, short-notice rescheduling: exact traces of a bumped deployment in office hours (to the
// next slot) and in an out-of-hours window (to the next window), the bump rate against its
// probability, and rescheduling off leaving every output as it was.
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/model/replication.js';
import { EFFORT_STEPS, type ClassModel, type Feature } from '../../src/model/features.js';
import { createStream } from '../../src/engine/random.js';
import { TimeBase } from '../../src/engine/time.js';
import { digestReplication } from '../../src/run/digest.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, H, W } from '../model/helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);
const iso = (t: number): string => tb.toIso(t);

/**
 * A replication whose `rescheduling` stream draws u1 < u2, and a probability between them: the
 * first deployment attempt is bumped, the second is not (the engine's own seeded stream).
 */
function bumpOnce(seed: number): { replication: number; probability: number } {
  for (let replication = 1; ; replication++) {
    const rng = createStream(seed, replication, 'rescheduling');
    const u1 = rng.next();
    const u2 = rng.next();
    if (u1 < u2) return { replication, probability: (u1 + u2) / 2 };
  }
}

const { replication, probability } = bumpOnce(1);

function scenarioWith(p: number): Scenario {
  const base = baseScenario();
  return baseScenario({
    horizon: 10 * W,
    teams: {
      ...base.teams,
      delivery: { ...base.teams.delivery, count: 1, people: 2 },
      changeManagement: { ...base.teams.changeManagement, people: 1 },
      applicationSupport: { ...base.teams.applicationSupport, people: 1, rescheduling: { probability: p } },
    },
  });
}

const one = (downtime: boolean) => (models: readonly ClassModel[]): Feature[] => {
  const cls = models[0]!;
  const efforts = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return [{
    id: 1, team: 0, readyAt: at('2027-01-04T09:00'), cls, standard: false, downtime, efforts,
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script: { rejections: 0, failures: 0 },
  }];
};

describe('a bumped office-hours deployment moves to the next slot (by hand)', () => {
  const scenario = scenarioWith(probability);
  const out = runReplication(scenario, 'normal', replication, { features: one(false), logEvents: true });
  const a = out.changes[0]!;

  it('planned Tuesday 14:00 (after CAB and handover), bumped, deployed Wednesday 09:00', () => {
    expect(iso(a.scheduledAt)).toBe('2027-01-05T14:00');
    expect(iso(a.deployStartAt)).toBe('2027-01-06T09:00'); // their hours close 17:30; next slot 09:00
    expect(iso(a.liveAt)).toBe('2027-01-06T10:00');
    expect(iso(a.validatedAt)).toBe('2027-01-06T11:30');
    expect(a.bumps).toBe(1);
    expect(a.bumpDelay).toBe(19 * H);
    expect(a.wait.window).toBe(19 * H); // the wait for the next slot
    const log = out.events.filter((e) => e.activity.startsWith('Deploy'));
    expect(log.map((e) => [e.activity, iso(e.start), iso(e.end)])).toEqual([
      ['Deployment bumped at short notice', '2027-01-05T14:00', '2027-01-05T14:00'],
      ['Deploy', '2027-01-06T09:00', '2027-01-06T10:00'],
    ]);
  });

  it('summary.json counts the bump and its delay', () => {
    const s = summariseVariant(scenario, [digestReplication(scenario, out)]);
    expect(s.rescheduling).toEqual({ probability, bumps: 1, bumpedChanges: 1, meanDelayDays: 19 / 24 });
  });
});

describe('a bumped out-of-hours deployment moves to the next window (by hand)', () => {
  const out = runReplication(scenarioWith(probability), 'normal', replication, { features: one(true) });
  const b = out.changes[0]!;
  it('Saturday 9 January 22:00 is bumped; deployed in the next window, Saturday 16 January 22:00', () => {
    expect(iso(b.scheduledAt)).toBe('2027-01-05T14:00');
    expect(iso(b.deployStartAt)).toBe('2027-01-16T22:00');
    expect(iso(b.liveAt)).toBe('2027-01-16T23:00');
    expect(iso(b.validatedAt)).toBe('2027-01-18T10:30');
    expect(b.outOfHours).toBe(true);
    expect([b.bumps, b.bumpDelay]).toEqual([1, W]);
  });
});

describe('the bump rate and rescheduling off', () => {
  it('bumps / (bumps + attempts begun) ≈ probability (within 4 standard errors)', () => {
    const scenario = baseScenario({ variants: ['normal'], teams: { ...baseScenario().teams, applicationSupport: { ...baseScenario().teams.applicationSupport, rescheduling: { probability: 0.2 } } } });
    let bumps = 0;
    let draws = 0;
    for (let r = 1; r <= 10; r++) {
      for (const c of runReplication(scenario, 'normal', r).changes) {
        const begun = c.failedDeployments + (Number.isFinite(c.liveAt) ? 1 : 0);
        bumps += c.bumps ?? 0;
        draws += (c.bumps ?? 0) + begun;
      }
    }
    expect(draws).toBeGreaterThan(500);
    expect(Math.abs(bumps / draws - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / draws));
  });

  it('probability 0 (or no section) gives the same records, with no bumps and no summary block', () => {
    const zero = scenarioWith(0);
    const plain = scenarioWith(0);
    const { rescheduling: _r, ...support } = plain.teams.applicationSupport;
    const absent: Scenario = { ...plain, teams: { ...plain.teams, applicationSupport: support } };
    for (const v of ['normal', 'preApproved'] as const) {
      expect(runReplication(zero, v, 1)).toEqual(runReplication(absent, v, 1));
      expect(runReplication(zero, v, 1).changes.every((c) => c.bumps === 0)).toBe(true);
    }
    expect(summariseVariant(zero, [digestReplication(zero, runReplication(zero, 'normal', 1))]).rescheduling).toBeUndefined();
  });
});
