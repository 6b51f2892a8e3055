// You Build It You Run It over many random organisations (fast-check, seeded): no change waits for
// a CAB, writes a handover or queues for application support; nothing deploys in a freeze or a
// weekly no-deploy period; without a downtime slot every deployment starts in the team's hours,
// with one a downtime change starts in the slot with room for it. And the common random numbers:
// the three variants see the same features.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Calendar } from '../../src/engine/calendar.js';
import { TimeBase } from '../../src/engine/time.js';
import { RandomStreams } from '../../src/engine/random.js';
import { generateFeatures, type ClassModel, type Feature } from '../../src/model/features.js';
import { runReplication } from '../../src/model/replication.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import type { NoDeployPeriod, Scenario, Variant, YouBuildItYouRunIt } from '../../src/scenario/types.js';
import { baseScenario, smallClass, D, H, W } from './helpers.js';

const HOURS = [['mon-fri 09:00-17:30'], ['mon-fri 08:00-12:00,13:00-16:00'], ['tue-sat 10:00-18:00'], ['mon-sun 00:00-24:00']];
const SLOTS = [[], ['wed 07:00-08:00'], ['sat 22:00-04:00'], ['mon-fri 18:00-19:00', 'sun 06:00-07:00']];
const NO_DEPLOY: readonly (readonly NoDeployPeriod[])[] = [
  [],
  [{ text: 'wed 12:00-14:00', from: 2 * D + 12 * H, to: 2 * D + 14 * H }, { text: 'thu 00:00-fri 00:00', from: 3 * D, to: 4 * D }],
];
const STAGES_NOT_VISITED = ['request', 'assessment', 'cab', 'rework', 'handover'] as const;
const ITEMS_NOT_PAID = ['changeDocumentation', 'assessment', 'cab', 'licences', 'rework', 'handover'] as const;

const organisation = fc.record({
  teams: fc.integer({ min: 1, max: 3 }),
  people: fc.integer({ min: 1, max: 3 }),
  hours: fc.constantFrom(...HOURS),
  perWeek: fc.double({ min: 0.5, max: 4, noNaN: true }),
  failureRate: fc.double({ min: 0, max: 0.6, noNaN: true }),
  downtimeShare: fc.constantFrom(0, 0.5, 1),
  slot: fc.constantFrom(...SLOTS),
  noDeploy: fc.constantFrom(...NO_DEPLOY),
  freezes: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10 })), { maxLength: 3 }),
  holidays: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 3 }),
  responseTime: fc.integer({ min: 0, max: 120 }),
});

type Organisation = typeof organisation extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(o: Organisation): Scenario {
  const b = baseScenario();
  const ybr: YouBuildItYouRunIt = {
    setup: { pipeline: 0, telemetry: 0, onCallReadiness: 0 },
    onCall: { standbyPayPerWeek: 100, responseTime: o.responseTime, callOutEffort: 2 * H, callOutPremium: 1.5 },
    downtimeSlot: o.slot,
  };
  const small = smallClass({
    downtimeShare: o.downtimeShare,
    preApproved: { share: 0, failureRate: o.failureRate, deployment: { kind: 'triangular', min: 5, mode: 30, max: 180 }, rollback: { kind: 'fixed', value: 15 } },
  });
  return baseScenario({
    horizon: 10 * W,
    warmup: W,
    variants: ['youBuildItYouRunIt'],
    classes: [small],
    holidays: o.holidays.map((day, i) => ({ name: `h${i}`, from: day * D, to: (day + 1) * D })),
    freezes: o.freezes.map(([day, length], i) => ({ name: `f${i}`, from: day * D, to: (day + length) * D })),
    ...(o.noDeploy.length === 0 ? {} : { noDeploy: o.noDeploy }),
    teams: { ...b.teams, delivery: { ...b.teams.delivery, count: o.teams, people: o.people, hours: o.hours, featuresPerWeek: o.perWeek } },
    youBuildItYouRunIt: ybr,
  });
}

describe('youBuildItYouRunIt properties', () => {
  fcTest.prop([organisation], { numRuns: 40, seed: 11 })('no CAB wait, no handover, no application-support queue, no deployment in a freeze', (o) => {
    const s = scenarioOf(o);
    const tb = new TimeBase(s.start);
    const closedWeekly = s.noDeploy ?? [];
    const hours = new Calendar(tb, { open: s.teams.delivery.hours, closures: s.holidays });
    const slot = o.slot.length === 0 ? undefined : new Calendar(tb, { open: o.slot, closures: [...s.freezes, ...s.holidays], closedWeekly });
    const inNoDeploy = (t: number): boolean => {
      const m = tb.minuteOfWeek(t);
      return closedWeekly.some((p) => (p.from <= m && m < p.to) || m + W < p.to);
    };
    // The features as the replication draws them (its own streams and the team's calendar), to know which need downtime.
    let features: Feature[] = [];
    const draw = (models: readonly ClassModel[]): Feature[] => (features = generateFeatures(s, models, new RandomStreams(s.seed, 1), hours));
    const out = runReplication(s, 'youBuildItYouRunIt', 1, { logEvents: true, features: draw });
    const downtime = new Set(features.filter((f) => f.downtime).map((f) => `r1-youBuildItYouRunIt-${f.id}`));
    expect(out.cabMeetings).toEqual([]);
    const teams = new Set(Array.from({ length: o.teams }, (_, i) => [`delivery-${i + 1}`, `delivery-${i + 1}-on-call`]).flat());
    for (const e of out.events) expect(teams.has(e.resource), `${e.caseId} ${e.activity} on ${e.resource}`).toBe(true);
    for (const c of out.changes) {
      expect(c.path).toBe('youBuildItYouRunIt');
      expect(c.cabMeetings + c.rejections).toBe(0);
      for (const stage of STAGES_NOT_VISITED) expect(c.wait[stage] + c.active[stage], `${c.id} ${stage}`).toBe(0);
      for (const item of ITEMS_NOT_PAID) expect(c.runCost[item] + 0, `${c.id} ${item}`).toBe(0);
    }
    const deploys = out.events.filter((e) => e.activity === 'Deploy through own pipeline');
    expect(deploys.length).toBeGreaterThan(0);
    for (const e of deploys) {
      const at = tb.toIso(e.start);
      expect(s.freezes.some((f) => f.from <= e.start && e.start < f.to) || inNoDeploy(e.start), `${e.caseId} deploys at ${at} in a freeze`).toBe(false);
      if (slot !== undefined && downtime.has(e.caseId)) {
        expect(slot!.isOpen(e.start), `${e.caseId} at ${at} outside the slot`).toBe(true);
        expect(slot!.nextClose(e.start) - e.start).toBeGreaterThanOrEqual(Math.min(e.end - e.start, slot!.longestOpenSpan) - 1e-9);
      } else {
        expect(hours.isOpen(e.start), `${e.caseId} at ${at} outside the team's hours`).toBe(true);
      }
    }
  });
});

describe('common random numbers across the three designs', () => {
  const base = loadScenario('scenarios/ops-run-it.yaml');
  const s: Scenario = { ...base, horizon: 20 * W, warmup: 0, variants: ['normal', 'preApproved', 'youBuildItYouRunIt'] };
  const runs = Object.fromEntries(s.variants.map((v) => [v, runReplication(s, v, 2).changes])) as Record<Variant, ReturnType<typeof runReplication>['changes']>;
  const { normal, preApproved, youBuildItYouRunIt: ybr } = runs;

  it('the three variants see the same features: ids, ready times, teams and classes', () => {
    const who = (cs: typeof normal) => cs.map((c) => [c.id, c.readyAt, c.team, c.changeClass]);
    expect(normal.length).toBeGreaterThan(50);
    expect(who(preApproved)).toEqual(who(normal));
    expect(who(ybr)).toEqual(who(normal));
  });

  it('with the same first-pass efforts and outcomes', () => {
    const acceptance = Object.fromEntries(s.classes.map((c) => [c.name, c.efforts.acceptance.kind === 'fixed' ? c.efforts.acceptance.value : NaN]));
    let standard = 0;
    let failedFirst = 0;
    ybr.forEach((y, i) => {
      const n = normal[i]!;
      const p = preApproved[i]!;
      // Validation: the team's first-pass smoke test in every design (the normal path adds application support's acceptance).
      expect(n.active.validation).toBeCloseTo(y.active.validation + acceptance[y.changeClass]!, 9);
      if (p.path === 'normal') expect(p.active.validation).toBe(n.active.validation);
      else expect(p.active.validation).toBe(y.active.validation);
      if (p.path !== 'preApproved') return;
      standard++;
      // A standard change's first pipeline deployment: the same effort and the same outcome in both pipelines.
      expect(y.failedDeployments > 0).toBe(p.failedDeployments > 0);
      if (y.failedDeployments > 0) failedFirst++;
      else expect(y.active.deployment).toBe(p.active.deployment);
    });
    expect(standard).toBeGreaterThan(30);
    expect(failedFirst).toBeGreaterThan(0);
  });
});
