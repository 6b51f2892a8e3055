// Exact traces of issue 10's calendar forms on tiny scenarios (one delivery team, fixed efforts,
// scripted outcomes): a fortnightly CAB decides only in its weeks; a Friday-afternoon no-deploy
// period is never used, on the normal and the pre-approved path; a yearly freeze applies in both
// years of a two-year horizon.
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/model/replication.js';
import { EFFORT_STEPS, type ClassModel, type Feature } from '../../src/model/features.js';
import { TimeBase } from '../../src/engine/time.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, smallClass, D, H, W } from './helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);
const iso = (t: number): string => tb.toIso(t);

function feature(models: readonly ClassModel[], id: number, readyAt: number): Feature {
  const cls = models[0]!;
  const efforts = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return {
    id, team: 0, readyAt, cls, standard: true, downtime: false, efforts,
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script: { rejections: 0, failures: 0 },
  };
}

/** One team of 2, change management and application support of 1, the given CAB and calendar. */
function tiny(over: Partial<Scenario>, cab: Partial<Scenario['teams']['changeManagement']['cab']> = {}, outOfHoursWindows = ['sat 22:00-04:00']): Scenario {
  const b = baseScenario();
  return baseScenario({
    classes: [smallClass()],
    ...over,
    teams: {
      ...b.teams,
      delivery: { ...b.teams.delivery, count: 1, people: 2 },
      changeManagement: { ...b.teams.changeManagement, people: 1, cab: { ...b.teams.changeManagement.cab, ...cab } },
      applicationSupport: { ...b.teams.applicationSupport, people: 1, outOfHoursWindows },
    },
  });
}

describe('a fortnightly CAB decides only in its weeks', () => {
  // CAB Tuesday 10:00, 2h, cutoff 20h (Monday 14:00); every 2 weeks from Tuesday 19 January 2027.
  const fortnightly = { schedule: { kind: 'weekly' as const, slots: [{ day: 1, minute: 10 * H }], everyWeeks: 2, anchor: at('2027-01-19') } };
  const ready = ['2027-01-04T13:00', '2027-01-11T09:00', '2027-01-20T09:00'];
  const features = (models: readonly ClassModel[]) => ready.map((r, i) => feature(models, i + 1, at(r)));

  it('the changes wait for 19 January and 2 February, where a weekly CAB decides them on 12, 12 and 26 January', () => {
    const weekly = runReplication(tiny({ horizon: 10 * W }), 'normal', 1, { features });
    expect(weekly.changes.map((c) => iso(c.approvedAt))).toEqual(['2027-01-12T12:00', '2027-01-12T12:00', '2027-01-26T12:00']);
    const out = runReplication(tiny({ horizon: 10 * W }, fortnightly), 'normal', 1, { features });
    expect(out.changes.map((c) => iso(c.approvedAt))).toEqual(['2027-01-19T12:00', '2027-01-19T12:00', '2027-02-02T12:00']);
    expect(out.changes.map((c) => iso(c.liveAt))).toEqual(['2027-01-19T15:00', '2027-01-19T16:00', '2027-02-02T15:00']);
  });

  it('over a year of random arrivals every CAB decision is on a Tuesday of an even week from the anchor', () => {
    const out = runReplication(tiny({ horizon: 52 * W }, fortnightly), 'normal', 1, { logEvents: true });
    const decisions = out.events.filter((e) => e.activity === 'CAB approves change' || e.activity === 'CAB rejects change');
    expect(decisions.length).toBeGreaterThan(20);
    for (const e of decisions) {
      const weeks = (e.start - at('2027-01-19T10:00')) / W;
      expect(Number.isInteger(weeks) && weeks % 2 === 0, `a decision at ${iso(e.start)}`).toBe(true);
    }
  });
});

describe('a Friday-afternoon no-deploy period is never used', () => {
  // CAB Friday 10:00 (cutoff Thursday 14:00): a change approved Friday 12:00 is ready to deploy at 14:00.
  const friday = { days: [4 as const] };
  const noDeploy = [{ text: 'fri 12:00-mon 00:00', from: 4 * D + 12 * H, to: 7 * D }];
  const features = (models: readonly ClassModel[]) => [feature(models, 1, at('2027-01-04T09:00')), feature(models, 2, at('2027-01-08T13:00'))];

  it('normal path: deployed Monday 09:00 instead of Friday 14:00', () => {
    const before = runReplication(tiny({ horizon: 4 * W }, friday), 'normal', 1, { features });
    expect(iso(before.changes[0]!.scheduledAt)).toBe('2027-01-08T14:00');
    expect(iso(before.changes[0]!.deployStartAt)).toBe('2027-01-08T14:00');
    const out = runReplication(tiny({ horizon: 4 * W, noDeploy }, friday, ['tue 22:00-04:00']), 'normal', 1, { features });
    expect(iso(out.changes[0]!.approvedAt)).toBe('2027-01-08T12:00');
    expect(iso(out.changes[0]!.scheduledAt)).toBe('2027-01-08T14:00');
    expect(iso(out.changes[0]!.deployStartAt)).toBe('2027-01-11T09:00');
    expect(iso(out.changes[0]!.liveAt)).toBe('2027-01-11T10:00');
  });

  it('pre-approved path: the pipeline deployment ready Friday 13:00 starts Monday 09:00', () => {
    const before = runReplication(tiny({ horizon: 4 * W }, friday), 'preApproved', 1, { features });
    expect(iso(before.changes[1]!.deployStartAt)).toBe('2027-01-08T13:00');
    const out = runReplication(tiny({ horizon: 4 * W, noDeploy }, friday, ['tue 22:00-04:00']), 'preApproved', 1, { features });
    expect(iso(out.changes[1]!.deployStartAt)).toBe('2027-01-11T09:00');
    expect(iso(out.changes[0]!.deployStartAt)).toBe('2027-01-04T09:00'); // Monday morning: not in the period
  });
});

describe('a yearly freeze applies in both years of a two-year horizon', () => {
  const parsed = parseScenarioText('name: x\nstart: 2027-01-04\nhorizon: 104w\nwarmup: 0d\nfreezes: [{ every: year, from: 12-17, to: 12-27, name: Christmas }]\n', 'x.yaml');
  const friday = { days: [4 as const] };
  // Ready Monday; CAB Friday 17 Dec 2027 (in the freeze from 00:00) and Friday 22 Dec 2028.
  const features = (models: readonly ClassModel[]) => [feature(models, 1, at('2027-12-13T09:00')), feature(models, 2, at('2028-12-18T09:00'))];

  it('deployments wait for Monday 27 December 2027 and Wednesday 27 December 2028', () => {
    expect(parsed.freezes.map((f) => [iso(f.from), iso(f.to)])).toEqual([
      ['2027-12-17T00:00', '2027-12-27T00:00'],
      ['2028-12-17T00:00', '2028-12-27T00:00'],
    ]);
    const out = runReplication(tiny({ horizon: 104 * W, freezes: parsed.freezes }, friday), 'normal', 1, { features });
    expect(out.changes.map((c) => iso(c.scheduledAt))).toEqual(['2027-12-17T14:00', '2028-12-22T14:00']);
    expect(out.changes.map((c) => iso(c.deployStartAt))).toEqual(['2027-12-27T09:00', '2028-12-27T09:00']);
  });
});
