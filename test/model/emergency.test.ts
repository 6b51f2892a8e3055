// The emergency path by hand: one delivery team, fixed efforts, scripted outcomes, no randomness.
// Office hours mon-fri 09:00-17:30 for every team; a freeze from Friday 22 January 2027 00:00 to
// Monday 25 January 00:00; emergency raise 30m, approval 20m (calendar), approver 30m,
// review 2h (delivery) + 1h (change management); deployment 1h, rollback 1h, fix 4h,
// validation 1h, acceptance 30m. Rates: delivery 75/h, change management 60/h, application
// support 55/h, out-of-hours premium 1.5, rollback premium 1.25.
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/model/replication.js';
import { buildClassModels, generateFeatures, EFFORT_STEPS, type ClassModel, type Feature } from '../../src/model/features.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Calendar } from '../../src/engine/calendar.js';
import { TimeBase } from '../../src/engine/time.js';
import { eventRows } from '../../src/run/rows.js';
import { digestReplication } from '../../src/run/digest.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import { exportedChanges } from '../../src/calibrate/simulated-export.js';
import { baseScenario, smallClass, EMERGENCY_CAB, fixed, W } from './helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);

const base = baseScenario();
const scenario = baseScenario({
  horizon: 10 * W,
  teams: {
    ...base.teams,
    delivery: { ...base.teams.delivery, count: 1, people: 2 },
    changeManagement: { ...base.teams.changeManagement, people: 1, emergencyCab: { ...EMERGENCY_CAB, approval: fixed(20) } },
    applicationSupport: { ...base.teams.applicationSupport, people: 1 },
  },
  freezes: [{ name: 'freeze', from: at('2027-01-22'), to: at('2027-01-25') }],
  classes: [smallClass({ emergencyShare: 1, emergencyFailureRate: 0 })],
});

function feature(models: readonly ClassModel[], id: number, readyAt: number, failures: number): Feature {
  const cls = models[0]!;
  const efforts = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return {
    id, team: 0, readyAt, cls, standard: true, downtime: true, efforts,
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script: { rejections: 0, failures },
    emergency: { raise: 30, approval: 20, uFail: 1, reviewDelivery: 120, reviewChangeManagement: 60 },
  };
}

const features = (models: readonly ClassModel[]): Feature[] => [
  // E1: raised in office hours on the freeze's first day; deployed by application support within the hour.
  feature(models, 1, at('2027-01-22T10:00'), 0),
  // E2: approved after application support's hours in the freeze: the on-call engineer deploys it at
  // once; it fails, is rolled back at once, fixed on Monday and deployed again in office hours.
  feature(models, 2, at('2027-01-22T17:00'), 1),
];

const rows = (out: ReturnType<typeof runReplication>, id: number): string[][] =>
  eventRows(out.events.filter((e) => e.caseId.endsWith(`-${id}`)), tb).map((r) => [String(r.activity), String(r.start), String(r.end), String(r.resource)]);

describe('emergency path, by hand', () => {
  const out = runReplication(scenario, 'normal', 1, { features, logEvents: true });
  const [e1, e2] = out.changes;

  it('E1: deployed inside the freeze within the hour after it is raised (events.csv rows)', () => {
    expect(e1!.path).toBe('emergency');
    expect(rows(out, 1)).toEqual([
      ['Raise emergency change', '2027-01-22T10:00', '2027-01-22T10:30', 'delivery-1'],
      ['Emergency CAB approves change', '2027-01-22T10:30', '2027-01-22T10:50', 'emergency-cab'],
      ['Deploy emergency change', '2027-01-22T10:50', '2027-01-22T11:50', 'application-support'],
      ['Validate live change', '2027-01-22T11:50', '2027-01-22T12:50', 'delivery-1'],
      ['Accept into service', '2027-01-22T12:50', '2027-01-22T13:20', 'application-support'],
      ['Post-implementation review', '2027-01-22T13:20', '2027-01-22T15:20', 'delivery-1'],
      ['Post-implementation review', '2027-01-22T15:20', '2027-01-22T16:20', 'change-management'],
    ]);
    expect(tb.toIso(e1!.approvedAt)).toBe('2027-01-22T10:50');
    expect(tb.toIso(e1!.deployStartAt)).toBe('2027-01-22T10:50');
    expect(tb.toIso(e1!.liveAt)).toBe('2027-01-22T11:50');
    expect(tb.toIso(e1!.validatedAt)).toBe('2027-01-22T13:20');
    expect(e1!.outOfHours).toBe(false);
    expect(e1!.cabMeetings).toBe(0);
  });

  it('E2: the on-call engineer deploys out of hours in the freeze; rollback, fix, redeploy without a new approval', () => {
    expect(rows(out, 2)).toEqual([
      ['Raise emergency change', '2027-01-22T17:00', '2027-01-22T17:30', 'delivery-1'],
      ['Emergency CAB approves change', '2027-01-22T17:30', '2027-01-22T17:50', 'emergency-cab'],
      ['Deploy emergency change out of hours', '2027-01-22T17:50', '2027-01-22T18:50', 'application-support-on-call'],
      ['Roll back failed deployment', '2027-01-22T18:50', '2027-01-22T19:50', 'application-support-on-call'],
      ['Fix failed change', '2027-01-25T09:00', '2027-01-25T13:00', 'delivery-1'],
      ['Deploy emergency change', '2027-01-25T13:00', '2027-01-25T14:00', 'application-support'],
      ['Validate live change', '2027-01-25T14:00', '2027-01-25T15:00', 'delivery-1'],
      ['Accept into service', '2027-01-25T15:00', '2027-01-25T15:30', 'application-support'],
      ['Post-implementation review', '2027-01-25T15:30', '2027-01-25T17:30', 'delivery-1'],
      ['Post-implementation review', '2027-01-26T09:00', '2027-01-26T10:00', 'change-management'],
    ]);
    expect(e2!.failedDeployments).toBe(1);
    expect(out.restores).toEqual([{ id: 2, path: 'emergency', warmup: false, failedAt: at('2027-01-22T18:50'), restoredAt: at('2027-01-22T19:50') }]);
  });

  it('E2 costs by hand, review included', () => {
    const c = e2!.runCost;
    expect(c.changeDocumentation).toBeCloseTo(0.5 * 75, 9); // raise
    expect(c.cab).toBeCloseTo(0.5 * 60, 9); // the on-call approver, 30m at change management's rate
    expect(c.deployment).toBeCloseTo(55 * 1.5 + 55, 9); // on call at the premium, then in office hours
    expect(c.rollback).toBeCloseTo(55 * 1.5 * 1.25, 9);
    expect(c.fix).toBeCloseTo(4 * 75, 9);
    expect(c.validation).toBeCloseTo(75 + 0.5 * 55 + 2 * 75, 9); // validation, acceptance, delivery's review
    expect(c.assessment).toBeCloseTo(60, 9); // change management's review
    expect(out.emergency).toEqual({
      changes: 2, completed: 2, deploymentAttempts: 3, failedDeployments: 1, deploymentsInFreeze: 2,
      outOfHoursDeployments: 1, runCost: expect.any(Number) as number, reviewCost: 2 * (2 * 75 + 60),
      normalCompleted: 0, normalDeploymentQueueWait: 0,
    });
  });

  it('summary.json: byPath.emergency and the emergency section', () => {
    const s = summariseVariant(scenario, [digestReplication(scenario, out)]);
    expect(Object.keys(s.byPath)).toEqual(['emergency']);
    expect(s.byPath.emergency!.completed).toBe(2);
    expect(s.emergency!.deploymentsInFreeze).toBe(2);
    expect(s.emergency!.reviewCost).toBe(420);
    expect(s.emergency!.changeFailureRate).toBeCloseTo(1 / 3, 12);
    expect(s.emergency!.leadTimeDays.max).toBeCloseTo((at('2027-01-25T14:00') - at('2027-01-22T17:00')) / 1440, 9);
    expect(s.timeToRestoreHours.byPath.emergency!.p50).toBe(1);
  });

  it('--export servicenow: type emergency, approved with no CAB date', () => {
    const rows = exportedChanges(scenario, out.changes);
    expect(rows.map((r) => [r.type, r.approval, r.cabDate, r.closeCode])).toEqual([
      ['emergency', 'approved', undefined, 'successful'],
      ['emergency', 'approved', undefined, 'unsuccessful'],
    ]);
  });

  it('the preApproved variant sends the same urgent fixes down the same path (standard changes included)', () => {
    const pre = runReplication(scenario, 'preApproved', 1, { features, logEvents: true });
    expect(pre.changes.map((c) => c.path)).toEqual(['emergency', 'emergency']);
    expect(pre.changes.map((c) => c.liveAt)).toEqual(out.changes.map((c) => c.liveAt));
  });
});

describe('an emergency change goes ahead of the changes already in application support\'s queue', () => {
  const three = { ...scenario, teams: { ...scenario.teams, delivery: { ...scenario.teams.delivery, people: 3 } } };
  const withEffort = (f: Feature, deployment: number): Feature => ({ ...f, efforts: { ...f.efforts, deployment } });
  const queued = (models: readonly ClassModel[]): Feature[] => {
    const { emergency: _none, ...n } = feature(models, 1, at('2027-01-04T09:00'), 0);
    return [
      // N: a normal change, approved at Tuesday's CAB (12:00), handover done 14:00: queues for application support.
      { ...n, downtime: false },
      // E0: an emergency deployed 12:50-15:50 (3h), holding application support's only person.
      withEffort(feature(models, 2, at('2027-01-05T12:00'), 0), 180),
      // E1: approved 14:50, after N queued: deployed first when E0 is done.
      feature(models, 3, at('2027-01-05T14:00'), 0),
    ];
  };
  const out = runReplication(three, 'normal', 1, { features: queued });
  const [n, e0, e1] = out.changes;

  it('deploys in order E0, E1, N although N queued at 14:00 and E1 at 14:50', () => {
    expect(n!.path).toBe('normal');
    expect(tb.toIso(n!.scheduledAt)).toBe('2027-01-05T14:00');
    expect(tb.toIso(e0!.deployStartAt)).toBe('2027-01-05T12:50');
    expect(tb.toIso(e1!.deployStartAt)).toBe('2027-01-05T15:50');
    expect(tb.toIso(n!.deployStartAt)).toBe('2027-01-05T16:50');
    // N waited 2h50m for application support, E1 1h.
    expect(n!.wait.deploymentQueue).toBe(170);
    expect(e1!.wait.deploymentQueue).toBe(60);
    expect(out.emergency!.normalDeploymentQueueWait).toBe(170);
  });
});

describe('common random numbers with emergency changes', () => {
  it('switching emergency changes on leaves every feature as it was, except which are urgent fixes', () => {
    const off = baseScenario({ horizon: 20 * W });
    const on = { ...off, classes: off.classes.map((c) => ({ ...c, emergencyShare: 0.3 })) };
    const cal = new Calendar(new TimeBase(off.start), { open: off.teams.delivery.hours });
    const gen = (s: typeof off) => generateFeatures(s, buildClassModels(s), new RandomStreams(s.seed, 1), cal);
    const a = gen(off);
    const b = gen(on);
    const strip = (f: Feature) => ({ id: f.id, team: f.team, readyAt: f.readyAt, standard: f.standard, downtime: f.downtime, efforts: f.efforts, uReject: f.uReject, uFail: f.uFail });
    expect(b.map(strip)).toEqual(a.map(strip));
    expect(a.every((f) => f.emergency === undefined)).toBe(true);
    const urgent = b.filter((f) => f.emergency !== undefined).length;
    expect(urgent).toBeGreaterThan(0.15 * b.length);
    expect(urgent).toBeLessThan(0.45 * b.length);
    // Both variants send the same features down the emergency path.
    const paths = (variant: 'normal' | 'preApproved') => runReplication(on, variant, 1).changes.filter((c) => c.path === 'emergency').map((c) => c.id);
    expect(paths('preApproved')).toEqual(paths('normal'));
    expect(paths('normal')).toEqual(b.filter((f) => f.emergency !== undefined).map((f) => f.id));
  });
});

describe("an emergency change waiting for application support when their hours end goes to the on-call engineer", () => {
  const three = { ...scenario, teams: { ...scenario.teams, delivery: { ...scenario.teams.delivery, people: 3 } } };
  const late = (models: readonly ClassModel[]): Feature[] => {
    const e0 = feature(models, 1, at('2027-01-12T15:00'), 0);
    return [
      // E0: approved 15:50, deployed 15:50-18:50 (3h, straight through) by application support's only person.
      { ...e0, efforts: { ...e0.efforts, deployment: 180 } },
      // E1: approved 17:20, still waiting when their hours end at 17:30: the on-call engineer deploys it.
      feature(models, 2, at('2027-01-12T16:30'), 0),
    ];
  };
  const out = runReplication(three, 'normal', 1, { features: late, logEvents: true });

  it('E1 is deployed on call from 17:30, and the person freed at 18:50 is not held by it', () => {
    const deploys = eventRows(out.events.filter((e) => e.activity.startsWith('Deploy')), tb).map((r) => [r.case_id, r.activity, r.start, r.end, r.resource]);
    expect(deploys).toEqual([
      ['r1-normal-1', 'Deploy emergency change', '2027-01-12T15:50', '2027-01-12T18:50', 'application-support'],
      ['r1-normal-2', 'Deploy emergency change out of hours', '2027-01-12T17:30', '2027-01-12T18:30', 'application-support-on-call'],
    ]);
    const [e0, e1] = out.changes;
    expect(e1!.outOfHours).toBe(true);
    expect(e1!.wait.deploymentQueue).toBe(10);
    // Both are accepted into service by application support the next morning: no one was left held.
    expect([tb.toIso(e0!.validatedAt), tb.toIso(e1!.validatedAt)].sort()).toEqual(['2027-01-13T10:30', '2027-01-13T11:00']);
  });
});
