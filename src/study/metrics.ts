// The headline metrics a study reads from each replication: the names `uncertainty` reports and
// `optimise` minimises or constrains, their units, and how each is computed from one replication's
// digests. One value per replication, so that studies can pair designs under common random numbers
// and estimate variances (a pooled summary has no per-replication spread).
import type { Scenario } from '../scenario/types.js';
import type { DigestStore } from '../run/digest-store.js';
import { cashCostPerYear } from '../stats/cash-cost.js';
import { countedPeriod, perYear } from '../stats/cost-summary.js';
import { quantileSorted } from '../stats/estimates.js';

export const STUDY_METRICS = [
  'leadTimeP50Days',
  'leadTimeP85Days',
  'cashCostPerYear',
  'costOfDelayPerYear',
  'totalCostPerYear',
  'deploymentsPerWeek',
  'changeFailureRate',
  'unfinishedShare',
] as const;
export type StudyMetric = (typeof STUDY_METRICS)[number];

/** Each metric's unit as words print it ('days', 'money a year', 'a week', 'share'), and whether lower is better. */
export const METRIC_INFO: Readonly<Record<StudyMetric, { readonly unit: 'days' | 'money' | 'perWeek' | 'share'; readonly lowerIsBetter: boolean }>> = {
  leadTimeP50Days: { unit: 'days', lowerIsBetter: true },
  leadTimeP85Days: { unit: 'days', lowerIsBetter: true },
  cashCostPerYear: { unit: 'money', lowerIsBetter: true },
  costOfDelayPerYear: { unit: 'money', lowerIsBetter: true },
  totalCostPerYear: { unit: 'money', lowerIsBetter: true },
  deploymentsPerWeek: { unit: 'perWeek', lowerIsBetter: false },
  changeFailureRate: { unit: 'share', lowerIsBetter: true },
  unfinishedShare: { unit: 'share', lowerIsBetter: true },
};

export function isStudyMetric(name: string): name is StudyMetric {
  return (STUDY_METRICS as readonly string[]).includes(name);
}

/** Replication i's value of every metric, read from a variant's digest store (NaN where it has none, e.g. a p85 with no change live). */
export function replicationMetrics(scenario: Scenario, store: DigestStore, i: number): Record<StudyMetric, number> {
  const r = store.records[i]!;
  const sorted = store.leadTimeDays.slice(...store.changesOf(i)).sort() as unknown as number[];
  const year = perYear({ setup: r.setupCost, run: r.runCost, opportunity: r.opportunityCost }, countedPeriod(scenario).days, scenario.costs.setupAmortisationYears);
  const cash = cashCostPerYear(scenario, r.variant, r, year.scale).total;
  return {
    leadTimeP50Days: sorted.length > 0 ? quantileSorted(sorted, 0.5) : NaN,
    leadTimeP85Days: sorted.length > 0 ? quantileSorted(sorted, 0.85) : NaN,
    // Money paid a year: the shared teams' capacity, hours, licences, contract, on-call, overtime, setup amortised (stats/cash-cost.ts).
    cashCostPerYear: cash,
    costOfDelayPerYear: year.opportunity,
    // Both named: what the organisation pays and the value its waiting forgoes. (summary.json's
    // costs.perYear.total is older and different: setup + activity-based run cost + cost of delay.)
    totalCostPerYear: cash + year.opportunity,
    deploymentsPerWeek: r.deploymentsPerWeek,
    changeFailureRate: r.deploymentAttempts > 0 ? r.failedDeployments / r.deploymentAttempts : NaN,
    unfinishedShare: r.featuresCounted > 0 ? r.unfinished / r.featuresCounted : NaN,
  };
}
