// Costs with a stated period, by hand: the counted period, annual figures (run and opportunity
// scaled from the counted days to 52 weeks, setup amortised), shares and bands on the annual basis,
// and the tables that carry them (costs.csv, replications.csv).
import { describe, expect, it } from 'vitest';
import { RUN_COST_ITEMS, STAGES, type ReplicationRecord } from '../../src/model/records.js';
import { costRows, replicationRows } from '../../src/output/tables.js';
import type { Scenario } from '../../src/scenario/types.js';
import { countedPeriod, perYear } from '../../src/stats/cost-summary.js';
import type { ReplicationDigest } from '../../src/run/digest.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import type { Summary } from '../../src/stats/summary-types.js';
import { baseScenario, W } from '../model/helpers.js';

/** A replication digest with the given record figures and two completed changes. */
function digest(r: Partial<ReplicationRecord>): ReplicationDigest {
  const record: ReplicationRecord = {
    replication: 1, variant: 'normal', seed: 1, featuresCounted: 2, completed: 2, unfinished: 0, deployments: 2,
    deploymentsPerWeek: 1, deploymentAttempts: 2, failedDeployments: 0, rejections: 0, outOfHoursDeployments: 0,
    leadTimeMeanDays: 1.5, validatedLeadTimeMeanDays: 2, cabMeetings: 0, changesPerCabMeeting: 0,
    utilisationDelivery: 0.1, utilisationChangeManagement: 0.1, utilisationApplicationSupport: 0.1, utilisationOutOfHours: 0.1,
    setupCost: 0, runCost: 0, opportunityCost: 0, totalCost: 0, overtimeDeployments: 0,
    cash: {
      delivery: r.runCost ?? 0, changeManagement: 0, applicationSupport: 0, serviceIntroduction: 0, outOfHours: 0, overtime: 0,
      contract: 0, cab: 0, licences: 0, onCall: 0,
    },
    ...r,
  };
  return {
    record,
    leadTimeDays: Float64Array.from([1, 2]),
    validatedLeadTimeDays: Float64Array.from([1.5, 2.5]),
    classIndex: new Uint16Array(2),
    pathIndex: new Uint8Array(2),
    restoreHours: new Float64Array(0),
    restorePathIndex: new Uint8Array(0),
    groupIndex: new Uint16Array(2),
    stageWaitDays: new Float32Array(STAGES.length * 2),
    stageActiveHours: new Float64Array(STAGES.length),
    activeBeforeLive: 0,
    leadMinutes: 2 * 1440,
    runItems: Float64Array.from(RUN_COST_ITEMS.map((item) => (item === 'deployment' ? (r.runCost ?? 0) : 0))),
    cabDecided: new Uint16Array(0),
    cabSpillOver: new Uint16Array(0),
    deploymentsByWeek: new Int32Array(0),
    warnings: [],
  };
}

// 52 weeks with an 8-week warm-up: 308 counted days, scaled to a year by 364 / 308.
const scenario: Scenario = baseScenario({ warmup: 8 * W });
// Setup is the scenario's own (change management 100 h × 60 + application support 100 h × 55 = 11,500).
const reps = [
  digest({ replication: 1, setupCost: 11500, runCost: 30000, opportunityCost: 20800, totalCost: 62300, deploymentsPerWeek: 0.1 }),
  digest({ replication: 2, setupCost: 11500, runCost: 31600, opportunityCost: 40800, totalCost: 83900, deploymentsPerWeek: 9 }),
];

describe('the counted period and annual figures', () => {
  it('counted period: warm-up end to horizon, in days and local dates', () => {
    expect(countedPeriod(scenario)).toEqual({ days: 308, from: '2027-03-01T00:00', to: '2028-01-03T00:00' });
  });

  it('annualisation by hand: 308 counted days → × 364/308; setup 9,000 over 3 years → 3,000 a year', () => {
    const y = perYear({ setup: 9000, run: 308000, opportunity: 616000 }, 308, 3);
    expect(y.scale).toBeCloseTo(364 / 308, 15);
    expect(y.setupAmortised).toBe(3000);
    expect(y.run).toBeCloseTo(364000, 8);
    expect(y.opportunity).toBeCloseTo(728000, 8);
    expect(y.total).toBeCloseTo(1095000, 8);
    expect(y.setupAmortisationYears).toBe(3);
    // A full year counted is not scaled; a half year is doubled; 5-year amortisation.
    expect(perYear({ setup: 10000, run: 1, opportunity: 2 }, 364, 5)).toMatchObject({ scale: 1, setupAmortised: 2000, run: 1, opportunity: 2 });
    expect(perYear({ setup: 0, run: 100, opportunity: 0 }, 182, 3).run).toBeCloseTo(200, 12);
  });
});

describe('summariseVariant costs', () => {
  const c = summariseVariant(scenario, reps).costs;

  it('keeps the totals over the counted period, and states the period', () => {
    expect(c.period).toEqual({ days: 308, from: '2027-03-01T00:00', to: '2028-01-03T00:00' });
    expect([c.setup, c.run, c.opportunity, c.total]).toEqual([11500, 30800, 30800, 73100]);
    expect(c.perDeployment).toBe(30800 / 2);
    expect(c.perFeature).toBe(73100 / 2);
  });

  it('annual figures: run and opportunity 30,800 × 364/308 = 36,400 each, setup 11,500 / 3', () => {
    expect(c.perYear.setupAmortised).toBeCloseTo(11500 / 3, 9);
    expect(c.perYear.run).toBeCloseTo(36400, 8);
    expect(c.perYear.opportunity).toBeCloseTo(36400, 8);
    expect(c.perYear.total).toBeCloseTo(11500 / 3 + 72800, 8);
  });

  it('shares and bands on the annual basis: setup 5.0% Low (it would be 15.7%, Medium, over the counted period)', () => {
    const total = 11500 / 3 + 72800;
    expect(c.shares.setup).toBeCloseTo(11500 / 3 / total, 12);
    expect(c.shares.run).toBeCloseTo(36400 / total, 12);
    expect(c.shares.opportunity).toBeCloseTo(36400 / total, 12);
    expect(c.shares.setup + c.shares.run + c.shares.opportunity).toBeCloseTo(1, 12);
    expect(c.shares.setup).toBeCloseTo(0.05002, 5);
    expect(11500 / 73100).toBeGreaterThan(0.15);
    expect(c.bands).toEqual({ setup: 'Low', run: 'High', opportunity: 'High' });
  });

  it('the amortisation period comes from the scenario (costs.setupAmortisationYears)', () => {
    const longer = summariseVariant({ ...scenario, costs: { ...scenario.costs, setupAmortisationYears: 0.5 } }, reps).costs;
    expect(longer.perYear.setupAmortised).toBe(23000);
    expect(longer.perYear.setupAmortisationYears).toBe(0.5);
    expect(longer.bands.setup).toBe('Medium');
  });

  it('intervals of non-negative figures stay ≥ 0 over 2 scattered replications (deployments per week 0.1 and 9)', () => {
    const v = summariseVariant(scenario, reps);
    expect(v.deploymentsPerWeek.mean).toBeCloseTo(4.55, 12);
    expect(v.deploymentsPerWeek.ci95[0]).toBeGreaterThanOrEqual(0);
    expect(v.costs.totalCi95[0]).toBeGreaterThanOrEqual(0);
  });
});

describe('costs.csv and replications.csv state their period', () => {
  const summary: Summary = {
    scenario: { name: 'test', file: 'test.yaml', sha256: '' },
    run: { replications: 2, seed: 1, horizonDays: 364, warmupDays: 56, version: 'test' },
    variants: { normal: summariseVariant(scenario, reps) },
  };
  const rows = costRows(scenario, summary);
  const row = (type: string, item: string) => rows.find((r) => r.type === type && r.item === item)!;

  it('each row: counted days, the amount over them, the amount per year and its share of the annual total', () => {
    expect(Object.keys(rows[0]!)).toEqual([
      'variant', 'type', 'item', 'currency', 'counted_days', 'amount_counted_period', 'amount_per_year', 'share_of_annual_total',
    ]);
    expect(row('setup', 'changeManagement')).toMatchObject({ counted_days: 308, amount_counted_period: 6000, amount_per_year: 2000 });
    expect(row('setup', 'applicationSupport')).toMatchObject({ amount_counted_period: 5500, amount_per_year: 1833.33 });
    expect(row('run', 'deployment')).toMatchObject({ amount_counted_period: 30800, amount_per_year: 36400 });
    expect(row('opportunity', 'costOfDelay')).toMatchObject({ amount_counted_period: 30800, amount_per_year: 36400 });
    expect(row('total', 'setup')).toMatchObject({ amount_counted_period: 11500, amount_per_year: 3833.33, share_of_annual_total: 0.05 });
    expect(row('total', 'total')).toMatchObject({ amount_counted_period: 73100, amount_per_year: 76633.33, share_of_annual_total: 1 });
  });

  it('replications.csv carries the counted days beside each replication\'s costs', () => {
    const r = replicationRows(scenario, reps.map((d) => d.record));
    expect(r.map((x) => x.counted_days)).toEqual([308, 308]);
    expect(Object.keys(r[0]!).indexOf('counted_days')).toBe(Object.keys(r[0]!).indexOf('setup_cost') - 1);
  });
});
