// Costs of one variant over its replications, each with its period: totals over the counted
// period (warm-up to horizon), and annual figures — run and opportunity costs scaled from the
// counted period to 52 weeks, setup amortised over `costs.setupAmortisationYears` — on which the
// shares of the total cost of ownership and their Low/Medium/High bands are computed.
import { MINUTES_PER_DAY, TimeBase } from '../engine/time.js';
import { RUN_COST_ITEMS, type ReplicationRecord } from '../model/records.js';
import type { Scenario, Variant } from '../scenario/types.js';
import type { DigestStore } from '../run/digest-store.js';
import { cashCostPerYear, notCounted, staffBasis, type CashCost } from './cash-cost.js';
import { mean, positiveMeanCi95 } from './estimates.js';
import type { Band, CostPeriod, CostSummary } from './summary-types.js';

/** A year in the annual figures: 52 weeks. */
export const DAYS_PER_YEAR = 364;

/**
 * Share of total cost of ownership → band, to hold results against the seed's table (setup
 * Medium, opportunity High, run Medium to high). The thresholds are an assumption: with three
 * cost types, under 15% is Low, under 40% Medium, 40% or more High.
 */
export function band(share: number): Band {
  if (share < 0.15) return 'Low';
  if (share < 0.4) return 'Medium';
  return 'High';
}

/** The counted period of a scenario: from the end of the warm-up (inclusive) to the horizon (exclusive). */
export function countedPeriod(scenario: Scenario): CostPeriod {
  const time = new TimeBase(scenario.start);
  return {
    days: (scenario.horizon - scenario.warmup) / MINUTES_PER_DAY,
    from: time.toIso(scenario.warmup),
    to: time.toIso(scenario.horizon),
  };
}

/** Annual figures from means over the counted period: run and opportunity × 364 / counted days, setup ÷ amortisation years. */
export function perYear(
  counted: { setup: number; run: number; opportunity: number },
  countedDays: number,
  setupAmortisationYears: number,
): Omit<CostSummary['perYear'], 'cash'> {
  const scale = DAYS_PER_YEAR / countedDays;
  const setupAmortised = counted.setup / setupAmortisationYears;
  const run = counted.run * scale;
  const opportunity = counted.opportunity * scale;
  return { setupAmortised, run, opportunity, total: setupAmortised + run + opportunity, scale, setupAmortisationYears };
}

/** How the annual figures were made, e.g. "per year: the 308 counted days scaled to 52 weeks (× 1.182), setup amortised over 3 years". */
export function perYearBasis(c: CostSummary): string {
  const years = c.perYear.setupAmortisationYears;
  const days = Number.isInteger(c.period.days) ? String(c.period.days) : c.period.days.toFixed(2);
  return `per year: the ${days} counted days scaled to 52 weeks (× ${c.perYear.scale.toFixed(3)}), setup amortised over ${years} year${years === 1 ? '' : 's'}`;
}

/** The mean of each part of the replications' cash costs a year, and the 95% interval of the total. */
function meanCash(scenario: Scenario, variant: Variant, list: readonly CashCost[]): CostSummary['perYear']['cash'] {
  const m = (f: (c: CashCost) => number): number => mean(list.map(f));
  return {
    total: m((c) => c.total),
    ci95: positiveMeanCi95(list.map((c) => c.total)).ci95,
    staff: {
      changeManagement: m((c) => c.staff.changeManagement),
      applicationSupport: m((c) => c.staff.applicationSupport),
      serviceIntroduction: m((c) => c.staff.serviceIntroduction),
      deliveryTeams: m((c) => c.staff.deliveryTeams),
    },
    staffBasis: staffBasis(scenario, variant),
    outOfHours: m((c) => c.outOfHours),
    overtime: m((c) => c.overtime),
    cab: m((c) => c.cab),
    licences: m((c) => c.licences),
    supportContract: m((c) => c.supportContract),
    onCall: m((c) => c.onCall),
    setupAmortised: m((c) => c.setupAmortised),
    notCounted: notCounted(scenario),
  };
}

export function costSummary(
  scenario: Scenario,
  reps: readonly ReplicationRecord[],
  digests: DigestStore,
  completed: number,
): CostSummary {
  const setup = mean(reps.map((r) => r.setupCost));
  const run = mean(reps.map((r) => r.runCost));
  const opportunity = mean(reps.map((r) => r.opportunityCost));
  const total = setup + run + opportunity;
  const runItems = {} as CostSummary['runItems'];
  const R = RUN_COST_ITEMS.length;
  RUN_COST_ITEMS.forEach((item, k) => (runItems[item] = mean(Array.from({ length: digests.length }, (_x, i) => digests.runItems[i * R + k]!))));
  if (digests.onCall.some((t) => t !== undefined)) {
    runItems.onCallStandby = mean(digests.onCall.map((t) => t?.standby ?? 0));
    runItems.callOut = mean(digests.onCall.map((t) => t?.callOut ?? 0));
  }
  const deployments = reps.reduce((a, r) => a + r.deployments, 0);
  const period = countedPeriod(scenario);
  const yearTotals = perYear({ setup, run, opportunity }, period.days, scenario.costs.setupAmortisationYears);
  const year = { ...yearTotals, cash: meanCash(scenario, reps[0]?.variant ?? scenario.variants[0]!, reps.map((r) => cashCostPerYear(scenario, r.variant, r, yearTotals.scale))) };
  const shares = { setup: year.setupAmortised / year.total, run: year.run / year.total, opportunity: year.opportunity / year.total };
  return {
    currency: scenario.currency,
    period,
    setup,
    run,
    opportunity,
    total,
    perDeployment: deployments > 0 ? (run * reps.length) / deployments : NaN,
    perFeature: completed > 0 ? (total * reps.length) / completed : NaN,
    perYear: year,
    shares,
    bands: { setup: band(shares.setup), run: band(shares.run), opportunity: band(shares.opportunity) },
    runItems,
    totalCi95: positiveMeanCi95(reps.map((r) => r.totalCost)).ci95,
  };
}
