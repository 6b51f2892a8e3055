// The cash cost a year split into its parts, against costs worked out by hand on the hand-computed
// scenario of test/model/hand-computed.test.ts (one delivery team, three changes, fixed efforts,
// scripted outcomes), with a shorter out-of-hours window so that a rollback runs into overtime,
// licences, and application support's other work; then the same with an outsourced contract, and
// You Build It You Run It, which pays none of the shared teams.
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/model/replication.js';
import { TimeBase } from '../../src/engine/time.js';
import { digestReplication } from '../../src/run/digest.js';
import type { Scenario, Variant } from '../../src/scenario/types.js';
import { cashCostPerYear } from '../../src/stats/cash-cost.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import { baseScenario, smallClass, threeScriptedChanges, H, W } from '../model/helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);
const base = baseScenario();

/** 10 weeks, no warm-up: 70 counted days, so a year is × 364 / 70 = 5.2. */
function scenario(over: { otherWorkShare: number; contract?: boolean; variants?: Variant[] }): Scenario {
  return baseScenario({
    horizon: 10 * W,
    variants: over.variants ?? ['normal'],
    teams: {
      ...base.teams,
      delivery: { ...base.teams.delivery, count: 1, people: 2 },
      changeManagement: { ...base.teams.changeManagement, people: 1 },
      applicationSupport: {
        ...base.teams.applicationSupport,
        people: 1,
        otherWork: { ...base.teams.applicationSupport.otherWork, share: over.otherWorkShare },
        // Ends at 23:30: B's rollback, 23:00 to midnight, runs half an hour past it.
        outOfHoursWindows: ['sat 22:00-23:30'],
        ...(over.contract === true ? { contract: { includedDeploymentsPerMonth: 1, ratePerDeployment: 500, extraDeploymentRate: 900, rollbackRate: 300 } } : {}),
      },
    },
    freezes: [{ name: 'freeze', from: at('2027-01-22'), to: at('2027-01-25') }],
    classes: [smallClass()],
    costs: { licencesPerMonth: 100, licencePerChange: 10, pipelineSetup: 0, setupAmortisationYears: 3 },
  });
}

// A: office hours, deployed 12 Jan.
// B: downtime; deployed 16 Jan 22:00-23:00, fails, rolled back 23:00-00:00; the 23 Jan window is frozen; live 30 Jan 22:00-23:00.
// C: rejected once, reworked, approved 19 Jan, deployed in office hours.
const features = threeScriptedChanges(false);

const SCALE = 364 / 70;
// By hand (rates: delivery 75/h, change management 60/h, application support 55/h; premiums 1.5 out of hours, 1.25 rollback):
// delivery teams: A documentation 150 + handover 150 + validation 75; B the same + fix 300; C documentation, rework, handover 150 each + validation 75.
const DELIVERY = 375 + 675 + 525;
// Out of hours: B's two deployments 2 × 55 × 1.5 = 165, and the first half hour of its rollback, 0.5 × 55 × 1.5 × 1.25 = 51.5625; overtime the second half hour.
const OUT_OF_HOURS = 165 + 51.5625;
const OVERTIME = 51.5625;
// CAB: 8 attendees × 2 h × 80 = 1280 a meeting, deciding or not: the Tuesdays 5, 12, 19 and 26 Jan (the
// run stops once the last change is validated, 1 Feb, so no later meeting is held).
const CAB = 4 * 1280;
// Licences: three tickets × 10, and 100 a month over 70 days (months of 365.25 / 12 days).
const LICENCES = 30 + (100 * 12 * 70) / 365.25;
// Capacity a year: people × 42.5 h a week × 52 × rate.
const CHANGE_MANAGEMENT = 1 * 42.5 * 52 * 60; // 132,600
const APPLICATION_SUPPORT = 1 * 42.5 * 52 * 55; // 121,550
// Setup: 100 h of change management (6,000) and of application support (5,500), over 3 years.
const SETUP_AMORTISED = 11500 / 3;

function run(s: Scenario, variant: Variant) {
  const out = runReplication(s, variant, 1, { features });
  return { record: out.replicationRecord, summary: summariseVariant(s, [digestReplication(s, out)]) };
}

describe('cash cost a year, by hand', () => {
  it('normal: the shared teams at capacity (application support less its other work), the rest as booked', () => {
    const s = scenario({ otherWorkShare: 0.25 });
    const { record, summary } = run(s, 'normal');
    const c = cashCostPerYear(s, 'normal', record, SCALE);
    expect(c.staffBasis).toEqual({ changeManagement: 'capacity', applicationSupport: 'capacity', serviceIntroduction: 'none' });
    expect(c.staff.changeManagement).toBe(CHANGE_MANAGEMENT);
    expect(c.staff.applicationSupport).toBeCloseTo(APPLICATION_SUPPORT * 0.75, 6); // 91,162.50
    expect(c.notCounted.applicationSupportOtherWork).toBeCloseTo(APPLICATION_SUPPORT * 0.25, 6); // 30,387.50
    expect(c.staff.serviceIntroduction).toBe(0);
    expect(c.staff.deliveryTeams).toBeCloseTo(DELIVERY * SCALE, 6); // 8,190
    expect(c.outOfHours).toBeCloseTo(OUT_OF_HOURS * SCALE, 6);
    expect(c.overtime).toBeCloseTo(OVERTIME * SCALE, 6);
    expect(c.cab).toBeCloseTo(CAB * SCALE, 6); // 26,624
    expect(c.licences).toBeCloseTo(LICENCES * SCALE, 6);
    expect(c.supportContract).toBe(0);
    expect(c.onCall).toBe(0);
    expect(c.setupAmortised).toBeCloseTo(SETUP_AMORTISED, 9);
    const total = CHANGE_MANAGEMENT + APPLICATION_SUPPORT * 0.75 + (DELIVERY + OUT_OF_HOURS + OVERTIME + CAB + LICENCES) * SCALE + SETUP_AMORTISED;
    expect(c.total).toBeCloseTo(total, 6);
    // The run cost's split by payer adds up to the run cost.
    const t = record.cash;
    const booked = t.delivery + t.changeManagement + t.applicationSupport + t.serviceIntroduction + t.outOfHours + t.overtime + t.contract + t.cab + t.licences + t.onCall;
    expect(booked).toBeCloseTo(record.runCost, 9);
    // summary.json's figure: the mean over replications (one here), next to the activity-based figures, which are unchanged.
    expect(summary.costs.perYear.cash.total).toBeCloseTo(total, 6);
    expect(summary.costs.perYear.cash.ci95).toEqual([summary.costs.perYear.cash.total, summary.costs.perYear.cash.total]);
    expect(summary.costs.perYear.run).toBeCloseTo(record.runCost * SCALE, 6);
  });

  it('more application support people cost more, however idle they are', () => {
    const one = scenario({ otherWorkShare: 0.25 });
    const more = { ...one, teams: { ...one.teams, applicationSupport: { ...one.teams.applicationSupport, people: 4 } } };
    const a = cashCostPerYear(one, 'normal', run(one, 'normal').record, SCALE);
    const b = cashCostPerYear(more, 'normal', run(more, 'normal').record, SCALE);
    expect(b.staff.applicationSupport - a.staff.applicationSupport).toBeCloseTo(3 * APPLICATION_SUPPORT * 0.75, 6);
    expect(b.total).toBeGreaterThan(a.total);
  });

  it('with an outsourced contract: application support paid by the contract and its hours, no capacity, no out-of-hours pay', () => {
    const s = scenario({ otherWorkShare: 0, contract: true });
    const { record } = run(s, 'normal');
    const c = cashCostPerYear(s, 'normal', record, SCALE);
    expect(c.staffBasis.applicationSupport).toBe('hours');
    // Acceptance of A, B and C, half an hour each at 55.
    expect(c.staff.applicationSupport).toBeCloseTo(3 * 27.5 * SCALE, 6);
    // January's attempts in start order: A 500 (the one included), B 900, C 900, B again 900; B's rollback 300.
    expect(c.supportContract).toBeCloseTo((500 + 3 * 900 + 300) * SCALE, 6);
    expect(c.outOfHours).toBe(0);
    expect(c.overtime).toBe(0);
    expect(c.staff.changeManagement).toBe(CHANGE_MANAGEMENT);
    const t = record.cash;
    expect(t.delivery + t.changeManagement + t.applicationSupport + t.contract + t.cab + t.licences).toBeCloseTo(record.runCost, 9);
  });

  it('You Build It You Run It pays none of the shared teams; their other work stays outside the total', () => {
    const s = scenario({ otherWorkShare: 0.25, variants: ['normal', 'youBuildItYouRunIt'] });
    const { record } = run(s, 'youBuildItYouRunIt');
    const c = cashCostPerYear(s, 'youBuildItYouRunIt', record, SCALE);
    expect(c.staffBasis).toEqual({ changeManagement: 'none', applicationSupport: 'none', serviceIntroduction: 'none' });
    expect(c.staff.changeManagement + c.staff.applicationSupport + c.staff.serviceIntroduction).toBe(0);
    expect(c.notCounted.applicationSupportOtherWork).toBeCloseTo(APPLICATION_SUPPORT * 0.25, 6);
    expect(c.cab + c.licences).toBe(0);
    expect(c.total).toBeCloseTo(c.staff.deliveryTeams + c.onCall + c.setupAmortised, 6);
    expect(record.cash.delivery + record.cash.onCall).toBeCloseTo(record.runCost, 9);
  });
});

// Efforts by hand in the comments above use these: a guard that the helper's efforts have not moved.
it('the hand-computed efforts are the helper class', () => {
  const e = smallClass().efforts;
  expect([e.changeDocumentation, e.handover, e.rework, e.validation, e.fix, e.deployment, e.rollback, e.acceptance]).toEqual(
    [2 * H, 2 * H, 2 * H, 1 * H, 4 * H, 1 * H, 1 * H, 30].map((value) => ({ kind: 'fixed', value })),
  );
});
