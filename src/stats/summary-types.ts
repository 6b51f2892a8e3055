// The shape of summary.json (DESIGN.md "Contracts"): headline results per variant.
import type { Variant } from '../scenario/types.js';
import type { OnCallCostItem, RunCostItem, Stage } from '../model/records.js';
import type { CashCost } from './cash-cost.js';
import type { DoraBenchmark } from './dora.js';

export interface Interval {
  mean: number;
  ci95: [number, number];
}

export interface LeadTimeSummary extends Interval {
  p50: number;
  p85: number;
  p95: number;
  max: number;
}

/** Lead time of the completed counted changes of one class or path (all replications). */
export interface GroupLeadTime extends LeadTimeSummary {
  completed: number;
}

export interface StageSummary {
  meanWaitDays: number;
  p85WaitDays: number;
  meanActiveHours: number;
}

export type Band = 'Low' | 'Medium' | 'High';

/** The counted period: from the end of the warm-up (inclusive) to the horizon (exclusive), local time. */
export interface CostPeriod {
  /** Its length in days (horizon − warm-up). */
  days: number;
  /** "YYYY-MM-DDTHH:MM". */
  from: string;
  to: string;
}

export interface CostSummary {
  currency: string;
  /** The period over which setup, run, opportunity, total, perDeployment, perFeature, runItems and totalCi95 are counted. */
  period: CostPeriod;
  /** Mean per replication over the counted period: setup is the whole one-off cost, run and opportunity accrue to the changes ready in the period. */
  setup: number;
  run: number;
  opportunity: number;
  total: number;
  /** Run cost per successful deployment (deployments live in the counted period). */
  perDeployment: number;
  /** Total cost (over the counted period) per completed feature. */
  perFeature: number;
  /**
   * Annual figures: run and opportunity × scale (= 364 / period.days), setup ÷ setupAmortisationYears;
   * `cash`: the cash cost a year (money paid: staff capacity, hours, licences, contract, on-call,
   * out-of-hours work, overtime, setup amortised; stats/cash-cost.ts), mean over replications, with
   * the 95% interval of its total. `total` is setup + run + opportunity (the cost of delay included).
   */
  perYear: {
    setupAmortised: number; run: number; opportunity: number; total: number; scale: number; setupAmortisationYears: number;
    cash: CashCost & { ci95: [number, number] };
  };
  /** Each type's share of the annual total cost of ownership (perYear.total), and its band. */
  shares: { setup: number; run: number; opportunity: number };
  bands: { setup: Band; run: Band; opportunity: Band };
  /** Run cost by item (mean per replication over the counted period); youBuildItYouRunIt adds onCallStandby and callOut. */
  runItems: Record<RunCostItem, number> & Partial<Record<OnCallCostItem, number>>;
  /** 95% interval of total (over the counted period). */
  totalCi95: [number, number];
}

/** Time to restore service in hours over failed deployment attempts (NaN and count 0 with none). */
export interface RestoreSummary extends Interval {
  p50: number;
  p85: number;
  p95: number;
  /** Failed deployment attempts over all replications. */
  count: number;
}

export interface TimeToRestoreSummary extends RestoreSummary {
  /** Per path (normal, preApproved): only paths with a failed attempt. */
  byPath: Record<string, RestoreSummary>;
}

export interface VariantSummary {
  changes: { completed: number; unfinished: number; counted: number };
  leadTimeDays: LeadTimeSummary;
  validatedLeadTimeDays: LeadTimeSummary;
  /** Per class and per path: lead time of completed changes. */
  byClass: Record<string, GroupLeadTime>;
  byPath: Record<string, GroupLeadTime>;
  /** Per delivery group (only when `teams.delivery` is a list of groups): lead time of completed changes. */
  byGroup?: Record<string, GroupLeadTime>;
  stages: Record<Stage, StageSummary>;
  flowEfficiency: number;
  deploymentsPerWeek: Interval;
  changesPerCabMeeting: number;
  cabSpillOver: number;
  changeFailureRate: number;
  rollbacks: number;
  /** Failed deployment → rollback complete, per failed attempt, in hours. */
  timeToRestoreHours: TimeToRestoreSummary;
  /** The DORA benchmark (State of DevOps 2019 clusters): see stats/dora.ts. */
  dora: DoraBenchmark;
  rejections: number;
  /** Share of deployment attempts (successful or failed) made in an out-of-hours window. */
  outOfHoursShare: number;
  /** Out-of-hours deployment attempts per replication (mean) that ran past their window's end. */
  overtimeDeployments: number;
  utilisation: { delivery: number; changeManagement: number; applicationSupport: number; outOfHoursWindows: number };
  costs: CostSummary;
  /** With an outsourced application support contract (teams.applicationSupport.contract). */
  applicationSupportContract?: ContractSummary;
  /** With a service introduction team (teams.serviceIntroduction): its launches. */
  serviceIntroduction?: ServiceIntroductionSummary;
  /** With rescheduling switched on (teams.applicationSupport.rescheduling.probability > 0): the bumps. */
  rescheduling?: ReschedulingSummary;
  /** youBuildItYouRunIt: out-of-hours call-outs of the teams' on-call rotas, per replication (mean) and per team per week. */
  onCall?: { callOuts: number; callOutsPerTeamPerWeek: number };
  /** Only when a class has an emergencyShare above 0: the emergency path's figures. */
  emergency?: EmergencySummary;
  warnings: string[];
}

export interface ServiceIntroductionSummary {
  /** Counted changes that are launches, per replication (mean). */
  launches: number;
  /** Of the live launches (all replications): mean wait for the team and mean assessment effort. */
  meanWaitDays: number;
  meanActiveHours: number;
  /** The team's utilisation (mean over replications). */
  utilisation: number;
}

export interface ReschedulingSummary {
  /** teams.applicationSupport.rescheduling.probability. */
  probability: number;
  /** Counted changes' deployment attempts bumped at short notice, per replication (mean). */
  bumps: number;
  /** Counted changes bumped at least once, per replication (mean). */
  bumpedChanges: number;
  /** Of the live bumped changes (all replications): mean delay from each bumped start to the start that followed, summed per change. */
  meanDelayDays: number;
}

/** The emergency path of a variant over its counted changes; "per replication" figures are means over replications. */
export interface EmergencySummary {
  /** Counted emergency changes per replication, and of those the ones live by the end of the run. */
  changesPerReplication: number;
  completedPerReplication: number;
  /** Lead time ready → live of the completed emergency changes (the same as byPath.emergency). */
  leadTimeDays: LeadTimeSummary;
  /** Failed ÷ attempted emergency deployments (NaN with none). */
  changeFailureRate: number;
  failedDeploymentsPerReplication: number;
  /** Emergency deployment attempts begun inside a freeze or a weekly no-deploy period, per replication. */
  deploymentsInFreeze: number;
  /** Share of emergency deployment attempts made by the on-call engineer out of office hours. */
  outOfHoursShare: number;
  /** Run cost of the counted emergency changes (counted period, per replication), per emergency change, and of it the post-implementation reviews. */
  runCost: number;
  runCostPerChange: number;
  reviewCost: number;
  /**
   * Mean wait in application support's queue (stage deploymentQueue) of the counted normal-path
   * changes that went live, in days: run the same scenario with emergencyShare 0 and the same seed
   * and compare this figure to see how emergency changes delay the others.
   */
  normalDeploymentQueueWaitDays: number;
}

export interface ContractSummary {
  includedDeploymentsPerMonth: number;
  /** Application support's deployment attempts a month (mean per replication; months of 365.25 / 12 days). */
  deploymentsPerMonth: number;
  /** Share of those attempts above the included number of their calendar month (paid at extraDeploymentRate). */
  aboveIncludedShare: number;
  /** Attempts above the included number, per replication (mean). */
  aboveIncluded: number;
}

export interface Summary {
  scenario: { name: string; file: string; sha256: string };
  run: { replications: number; seed: number; horizonDays: number; warmupDays: number; version: string };
  variants: Partial<Record<Variant, VariantSummary>>;
  /**
   * With two variants or more: each other variant against the first, paired over replications
   * (median and 85th-percentile lead time per replication, total cost per year, cash cost per year, cost of delay per year).
   */
  differences?: RunDifferences;
}

/** Paired differences between the variants of one run (run-differences.ts). */
export const RUN_DIFFERENCE_FIGURES = ['leadTimeP50Days', 'leadTimeP85Days', 'totalCostPerYear', 'cashCostPerYear', 'costOfDelayPerYear'] as const;
export type RunDifferenceFigure = (typeof RUN_DIFFERENCE_FIGURES)[number];

export interface RunDifference {
  /** Mean over replications of (variant − baseline), and its 95% interval. */
  mean: number;
  ci95: [number, number];
  /** Mean of the baseline's per-replication values (the denominator of a relative change). */
  baselineMean: number;
}

export interface RunDifferences {
  baseline: Variant;
  variants: Partial<Record<Variant, Record<RunDifferenceFigure, RunDifference>>>;
}
