// A hand-computed scenario: one delivery team, fixed efforts, scripted outcomes, no randomness.
// Every timestamp and cost below was worked out by hand from the calendar (office hours
// mon-fri 09:00-17:30, CAB Tuesday 10:00 with a Monday 14:00 cutoff, a Saturday 22:00-04:00
// window, a freeze over the weekend of 23 January 2027).
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/model/replication.js';
import type { ClassModel, Feature } from '../../src/model/features.js';
import { TimeBase } from '../../src/engine/time.js';
import { digestReplication } from '../../src/run/digest.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import { baseScenario, scriptedFeature, smallClass, threeScriptedChanges, D, H, W } from './helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);

const scenario = baseScenario({
  horizon: 10 * W,
  teams: {
    ...baseScenario().teams,
    delivery: { ...baseScenario().teams.delivery, count: 1, people: 2 },
    changeManagement: { ...baseScenario().teams.changeManagement, people: 1 },
    applicationSupport: { ...baseScenario().teams.applicationSupport, people: 1 },
  },
  freezes: [{ name: 'freeze', from: at('2027-01-22'), to: at('2027-01-25') }],
  classes: [smallClass()],
});

// A: office-hours deployment; misses Monday's 14:00 cutoff, so waits a week for CAB.
// B: needs downtime; its first out-of-hours deployment fails and is rolled back; the next window falls in the freeze.
// C: rejected once at CAB, reworked, approved a week later.
const features = threeScriptedChanges(true);

describe('normal variant, by hand', () => {
  const out = runReplication(scenario, 'normal', 1, { features, logEvents: true });
  const [a, b, c] = out.changes;

  it('A: cutoff missed, deployed in office hours', () => {
    expect(tb.toIso(a!.raisedAt)).toBe('2027-01-04T15:00');
    expect(tb.toIso(a!.approvedAt)).toBe('2027-01-12T12:00'); // CAB 12 Jan 10:00 + 2h
    expect(tb.toIso(a!.scheduledAt)).toBe('2027-01-12T14:00');
    expect(tb.toIso(a!.liveAt)).toBe('2027-01-12T15:00');
    expect(tb.toIso(a!.validatedAt)).toBe('2027-01-12T16:30');
    expect(a!.outOfHours).toBe(false);
  });

  it('B: out of hours, failed and rolled back, the freeze skips a window', () => {
    expect(tb.toIso(b!.approvedAt)).toBe('2027-01-12T12:00');
    expect(tb.toIso(b!.scheduledAt)).toBe('2027-01-12T14:00');
    expect(b!.failedDeployments).toBe(1);
    expect(tb.toIso(b!.deployStartAt)).toBe('2027-01-30T22:00'); // 16 Jan failed; 23 Jan frozen
    expect(tb.toIso(b!.liveAt)).toBe('2027-01-30T23:00');
    expect(tb.toIso(b!.validatedAt)).toBe('2027-02-01T10:30');
    expect(b!.outOfHours).toBe(true);
    const deploys = out.events.filter((e) => e.caseId === 'r1-normal-2' && e.activity !== 'CAB approves change');
    expect(deploys.map((e) => [e.activity, tb.toIso(e.start), tb.toIso(e.end), e.resource])).toEqual([
      ['Write change documentation', '2027-01-05T09:00', '2027-01-05T11:00', 'delivery-1'],
      ['Assess change', '2027-01-05T11:00', '2027-01-05T12:00', 'change-management'],
      ['Write handover documentation', '2027-01-12T12:00', '2027-01-12T14:00', 'delivery-1'],
      ['Deploy out of hours', '2027-01-16T22:00', '2027-01-16T23:00', 'application-support-out-of-hours'],
      ['Roll back failed deployment', '2027-01-16T23:00', '2027-01-17T00:00', 'application-support-out-of-hours'],
      ['Fix failed change', '2027-01-18T09:00', '2027-01-18T13:00', 'delivery-1'],
      ['Deploy out of hours', '2027-01-30T22:00', '2027-01-30T23:00', 'application-support-out-of-hours'],
      ['Validate live change', '2027-02-01T09:00', '2027-02-01T10:00', 'delivery-1'],
      ['Accept into service', '2027-02-01T10:00', '2027-02-01T10:30', 'application-support'],
    ]);
  });

  it('B: time to restore is its out-of-hours rollback, 23:00 to midnight, worked straight through', () => {
    expect(out.restores.map((r) => [r.id, r.path, tb.toIso(r.failedAt), tb.toIso(r.restoredAt)])).toEqual([
      [2, 'normal', '2027-01-16T23:00', '2027-01-17T00:00'],
    ]);
    const s = summariseVariant(scenario, [digestReplication(scenario, out)]);
    expect(s.timeToRestoreHours).toEqual({
      mean: 1, ci95: [1, 1], p50: 1, p85: 1, p95: 1, count: 1,
      byPath: { normal: { mean: 1, ci95: [1, 1], p50: 1, p85: 1, p95: 1, count: 1 } },
    });
    // Under a day: the high cluster (elite needs under an hour).
    expect(s.dora.timeToRestore).toMatchObject({ value: 1, cluster: 'high' });
  });

  it('C: rejected, reworked behind the other two, approved at the next CAB', () => {
    expect(c!.rejections).toBe(1);
    expect(c!.cabMeetings).toBe(2);
    expect(tb.toIso(c!.approvedAt)).toBe('2027-01-19T12:00');
    expect(tb.toIso(c!.liveAt)).toBe('2027-01-19T15:00');
    const rework = out.events.find((e) => e.caseId === 'r1-normal-3' && e.activity === 'Rework change')!;
    expect([tb.toIso(rework.start), tb.toIso(rework.end)]).toEqual(['2027-01-12T14:00', '2027-01-12T16:00']);
  });

  it('run costs by item, by hand', () => {
    const cab = 8 * 2 * 80; // attendees × hours × rate = 1280 per meeting
    // Tallies start at -0 (a double, for V8's sake); + 0 turns an untouched -0 into 0 for toEqual.
    const plain = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v + 0]));
    expect(plain(a!.runCost)).toEqual({
      changeDocumentation: 150, assessment: 60, cab: cab / 3, licences: 0, rework: 0, serviceIntroduction: 0,
      handover: 150, deployment: 55, rollback: 0, fix: 0, validation: 75 + 27.5,
    });
    expect(b!.runCost.deployment).toBeCloseTo(2 * 55 * 1.5, 9);
    expect(b!.runCost.rollback).toBeCloseTo(55 * 1.5 * 1.25, 9);
    expect(b!.runCost.fix).toBe(300);
    expect(c!.runCost.cab).toBeCloseTo(cab / 3 + cab, 9);
    expect(c!.runCost.assessment).toBe(120);
    expect(c!.runCost.rework).toBe(150);
  });

  it('cost of delay is the standard profile: 1000 a week from ready to live', () => {
    expect(a!.costOfDelay).toBeCloseTo((1000 * (a!.liveAt - a!.readyAt)) / W, 9);
    expect(a!.liveAt - a!.readyAt).toBe(8 * D + 2 * H); // Mon 13:00 → Tue+1w 15:00
  });

  it('stage waits plus active work add up to the validated lead time', () => {
    for (const ch of out.changes) {
      let total = 0;
      for (const s of Object.keys(ch.wait) as (keyof typeof ch.wait)[]) total += ch.wait[s] + ch.active[s];
      expect(total).toBeCloseTo(ch.validatedAt - ch.readyAt, 6);
    }
    expect(b!.wait.window).toBe(at('2027-01-16T22:00') - at('2027-01-12T14:00') + at('2027-01-30T22:00') - at('2027-01-18T13:00'));
  });

  it('records the CAB meetings with decisions and spill-over', () => {
    const m = out.cabMeetings.filter((r) => r.decided > 0);
    expect(m.map((r) => [tb.toIso(r.time), r.decided, r.approved, r.rejected])).toEqual([
      ['2027-01-12T10:00', 3, 2, 1],
      ['2027-01-19T10:00', 1, 1, 0],
    ]);
  });
});

describe('pre-approved variant, by hand', () => {
  const out = runReplication(scenario, 'preApproved', 1, { features });
  const [a, b] = out.changes;
  it('deploys through the pipeline in office hours, with an automated rollback and a fix', () => {
    expect(a!.path).toBe('preApproved');
    expect(tb.toIso(a!.liveAt)).toBe('2027-01-04T13:20');
    expect(b!.failedDeployments).toBe(1);
    // 09:00 deploy 20m fails, rollback 15m, fix 4h → 13:35, redeploy 20m → 13:55
    expect(tb.toIso(b!.liveAt)).toBe('2027-01-05T13:55');
    expect(b!.runCost.deployment).toBeCloseTo(2 * (20 / 60) * 75, 9);
    expect(b!.runCost.rollback).toBeCloseTo((15 / 60) * 75, 9);
    expect(b!.runCost.cab + 0).toBe(0);
  });
  it('time to restore is the automated rollback: 09:20 to 09:35, a quarter of an hour (elite)', () => {
    expect(out.restores.map((r) => [r.id, r.path, tb.toIso(r.failedAt), tb.toIso(r.restoredAt)])).toEqual([
      [2, 'preApproved', '2027-01-05T09:20', '2027-01-05T09:35'],
    ]);
    const s = summariseVariant(scenario, [digestReplication(scenario, out)]);
    expect(s.timeToRestoreHours.byPath).toEqual({ preApproved: { mean: 0.25, ci95: [0.25, 0.25], p50: 0.25, p85: 0.25, p95: 0.25, count: 1 } });
    expect(s.dora.timeToRestore).toMatchObject({ value: 0.25, cluster: 'elite' });
  });
});

describe('time to restore in office hours, by hand', () => {
  // Application support works 09:00-15:30. One change, ready Monday 4 January 10:00: documentation
  // 10:00-12:00, assessment 12:00-13:00 (before the 14:00 cutoff), CAB Tuesday 5 January 10:00-12:00,
  // handover 12:00-14:00, deployment 14:00-15:00 fails; the rollback (1h) works 15:00-15:30 and
  // 09:00-09:30 the next morning, so the service is back on Wednesday 6 January at 09:30:
  // 18.5 hours, under a day (DORA high).
  const late = baseScenario({
    horizon: 4 * W,
    teams: {
      ...baseScenario().teams,
      delivery: { ...baseScenario().teams.delivery, count: 1 },
      applicationSupport: { ...baseScenario().teams.applicationSupport, hours: ['mon-fri 09:00-15:30'] },
    },
    classes: [smallClass()],
  });
  const one = (models: readonly ClassModel[]): Feature[] => [scriptedFeature(models, 1, at('2027-01-04T10:00'), false, { rejections: 0, failures: 1 })];
  const out = runReplication(late, 'normal', 1, { features: one });

  it('the rollback pauses overnight: restored the next morning', () => {
    expect(out.restores.map((r) => [tb.toIso(r.failedAt), tb.toIso(r.restoredAt)])).toEqual([['2027-01-05T15:00', '2027-01-06T09:30']]);
    const s = summariseVariant(late, [digestReplication(late, out)]);
    expect(s.timeToRestoreHours.p50).toBe(18.5);
    expect(s.timeToRestoreHours.count).toBe(1);
    expect(s.dora.timeToRestore.cluster).toBe('high');
  });
});
