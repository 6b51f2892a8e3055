// Issue 11, the service introduction team: exact traces on a tiny hand-computed scenario, launches
// taking the normal path in the preApproved variant, launches drawn on their own stream (the same
// in every variant, nothing else moved), and the team's run cost against theory.
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/model/replication.js';
import { buildClassModels, EFFORT_STEPS, generateFeatures, type ClassModel, type Feature } from '../../src/model/features.js';
import { buildOrganisation } from '../../src/model/organisation.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';
import { TimeBase } from '../../src/engine/time.js';
import { digestReplication } from '../../src/run/digest.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import { setupCost } from '../../src/model/setup-cost.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, fixed, smallClass, H, W } from '../model/helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);
const iso = (t: number): string => tb.toIso(t);

const withTeam = (over: Partial<Scenario> = {}): Scenario => {
  const base = baseScenario();
  return baseScenario({
    horizon: 10 * W,
    teams: {
      ...base.teams,
      delivery: { ...base.teams.delivery, count: 1, people: 2 },
      changeManagement: { ...base.teams.changeManagement, people: 1 },
      applicationSupport: { ...base.teams.applicationSupport, people: 1 },
      serviceIntroduction: { people: 1, hours: ['mon-fri 09:00-17:30'], hourlyRate: 60, effort: fixed(4 * H), setupEffort: 10 * H },
    },
    ...over,
  });
};

function feature(models: readonly ClassModel[], id: number, readyAt: number, launch: boolean): Feature {
  const cls = models[0]!;
  const efforts = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return {
    id, team: 0, readyAt, cls, standard: true, downtime: false, efforts,
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script: { rejections: 0, failures: 0 },
    launch, launchEffort: launch ? 4 * H : 0,
  };
}

// A and B are launches ready together on Monday 4 January 09:00; C is not a launch.
const features = (models: readonly ClassModel[]): Feature[] => [
  feature(models, 1, at('2027-01-04T09:00'), true),
  feature(models, 2, at('2027-01-04T09:00'), true),
  feature(models, 3, at('2027-01-04T09:00'), false),
];

describe('a launch waits for service introduction (normal variant, by hand)', () => {
  const scenario = withTeam();
  const out = runReplication(scenario, 'normal', 1, { features, logEvents: true });
  const [a, b, c] = out.changes;

  it('A and B are approved at Tuesday\'s CAB; A is assessed at once, B queues behind it', () => {
    // Documentation 09:00-11:00 (two people); assessment A 11:00-12:00, B 12:00-13:00, C 13:00-14:00
    // (one person); all made Monday's 14:00 cutoff: CAB Tuesday 10:00 + 2h.
    for (const x of [a!, b!, c!]) expect(iso(x.approvedAt)).toBe('2027-01-05T12:00');
    // One assessor: A 12:00-16:00; B 16:00-17:30 and Wednesday 09:00-11:30.
    const readiness = out.events.filter((e) => e.activity === 'Assess operational readiness');
    expect(readiness.map((e) => [e.caseId, iso(e.start), iso(e.end), e.resource])).toEqual([
      ['r1-normal-1', '2027-01-05T12:00', '2027-01-05T16:00', 'service-introduction'],
      ['r1-normal-2', '2027-01-05T16:00', '2027-01-06T11:30', 'service-introduction'],
    ]);
  });

  it('then handover, deployment and validation; C (no launch) never sees the team', () => {
    // A: handover 16:00-17:30 + Wed 09:00-09:30; deployed 09:30-10:30.
    expect(iso(a!.scheduledAt)).toBe('2027-01-06T09:30');
    expect(iso(a!.liveAt)).toBe('2027-01-06T10:30');
    // B: handover 11:30-13:30; deployed 13:30-14:30.
    expect(iso(b!.scheduledAt)).toBe('2027-01-06T13:30');
    expect(iso(b!.liveAt)).toBe('2027-01-06T14:30');
    // C: handover 12:00-14:00 Tuesday (the second delivery person), deployed 14:00-15:00.
    expect(iso(c!.scheduledAt)).toBe('2027-01-05T14:00');
    expect(iso(c!.liveAt)).toBe('2027-01-05T15:00');
    expect([a!.launch, b!.launch, c!.launch]).toEqual([true, true, false]);
  });

  it('the stage: wait = time in stage − active work; cost = effort × rate', () => {
    expect(a!.active.serviceIntroduction).toBe(240);
    expect(a!.wait.serviceIntroduction).toBe(0);
    expect(b!.active.serviceIntroduction).toBe(240);
    expect(b!.wait.serviceIntroduction).toBe(23.5 * H - 240); // Tue 12:00 → Wed 11:30, less 4h of work
    expect(c!.active.serviceIntroduction + c!.wait.serviceIntroduction).toBe(0);
    expect([a!.runCost.serviceIntroduction, b!.runCost.serviceIntroduction, c!.runCost.serviceIntroduction + 0]).toEqual([240, 240, 0]);
  });

  it('summary.json: the stage, the run-cost item, the setup item and the serviceIntroduction block', () => {
    const summary = summariseVariant(scenario, [digestReplication(scenario, out)]);
    expect(summary.stages.serviceIntroduction.meanWaitDays).toBeCloseTo((19.5 / 24) / 3, 12);
    expect(summary.stages.serviceIntroduction.meanActiveHours).toBeCloseTo(8 / 3, 12);
    expect(summary.costs.runItems.serviceIntroduction).toBe(480);
    expect(out.replicationRecord.setupCost - setupCost(baseScenario(), 'normal')).toBe(600); // 10h × 60
    expect(summary.serviceIntroduction).toMatchObject({ launches: 2, meanWaitDays: 19.5 / 24 / 2, meanActiveHours: 4 });
    expect(summary.serviceIntroduction!.utilisation).toBeGreaterThan(0);
  });
});

describe('the preApproved variant: a launch is never a standard change', () => {
  const out = runReplication(withTeam(), 'preApproved', 1, { features });
  it('A and B take the normal path through the team; C is a standard change', () => {
    expect(out.changes.map((c) => c.path)).toEqual(['normal', 'normal', 'preApproved']);
    expect(out.changes.map((c) => c.active.serviceIntroduction + 0)).toEqual([240, 240, 0]);
  });
});

describe('launches are drawn on their own stream', () => {
  const scenario = withTeam({ horizon: 52 * W, classes: [smallClass({ launchShare: 0.3 })] });
  const { serviceIntroduction: _team, ...teamsWithout } = scenario.teams;
  const plain: Scenario = { ...scenario, teams: teamsWithout, classes: [smallClass()] };
  const draw = (s: Scenario): Feature[] => {
    const org = buildOrganisation(new Simulation(), s);
    return generateFeatures(s, buildClassModels(s), new RandomStreams(s.seed, 1), org.groupCalendars);
  };

  it('the same features in every variant; without the team none is a launch and nothing else moves', () => {
    const f = draw(scenario);
    const g = draw(plain);
    const strip = (x: Feature) => [x.id, x.team, x.readyAt, x.standard, x.downtime, x.uReject, x.uFail, x.efforts];
    expect(f.map(strip)).toEqual(g.map(strip));
    expect(g.every((x) => x.launch === false)).toBe(true);
    const launches = f.filter((x) => x.launch === true).length;
    expect(launches).toBeGreaterThan(0);
    const normal = runReplication(scenario, 'normal', 1).changes.map((c) => c.launch);
    const pre = runReplication(scenario, 'preApproved', 1).changes.map((c) => c.launch);
    expect(pre).toEqual(normal);
    expect(normal.filter(Boolean).length).toBe(launches);
  });

  it("the team's run cost against theory: launches × effort × rate, launches ≈ launchShare × features", () => {
    const n = 40;
    let cost = 0;
    let counted = 0;
    let launches = 0;
    for (let r = 1; r <= n; r++) {
      const out = runReplication(scenario, 'normal', r);
      const d = digestReplication(scenario, out);
      cost += d.runItems[Object.keys(out.changes[0]!.runCost).indexOf('serviceIntroduction')]!;
      counted += out.replicationRecord.featuresCounted;
      launches += out.replicationRecord.serviceIntroduction!.launches;
      // Every launch that reached the team paid exactly 4h at 60 an hour.
      for (const c of out.changes) expect(c.runCost.serviceIntroduction + 0).toBe(c.launch === true && c.active.serviceIntroduction > 0 ? 240 : 0);
    }
    // Binomial: launches / counted within 4 standard errors of 0.3.
    const se = Math.sqrt((0.3 * 0.7) / counted);
    expect(Math.abs(launches / counted - 0.3)).toBeLessThan(4 * se);
    // Each launch costs 240 once assessed (all are, well before the end of a 52-week run with a light load).
    expect(cost).toBeCloseTo(launches * 240, 6);
  });
});
