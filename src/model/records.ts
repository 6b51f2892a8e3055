// Flat, CSV-ready records the model emits: one per change, one per event, one per CAB meeting,
// and time series per replication. Summaries (stats/) are computed from these, not kept in parallel.
import type { Variant } from '../scenario/types.js';

/** Where a change's time goes, in order along the process. */
export const STAGES = [
  'request', // delivery team writes change documentation and raises the ticket
  'assessment', // change management queue and assessment
  'cab', // waiting for the CAB meeting that decides it
  'rework', // rejected: delivery team reworks and raises it again
  'serviceIntroduction', // a launch: queue for the service introduction team and its operational readiness assessment
  'handover', // delivery team writes handover documentation
  'deploymentQueue', // waiting for a person: application support's queue (office hours, or in an open window), or the team's (pipeline)
  'window', // waiting for an out-of-hours window with room for the deployment (or for a freeze to end, or for the next slot after a bump)
  'deployment', // deploying (application support, or the pipeline)
  'recovery', // rollback, fix and waiting to redeploy after a failed deployment
  'validation', // smoke test by the delivery team and acceptance by application support
] as const;
export type Stage = (typeof STAGES)[number];

export type Path = 'normal' | 'preApproved' | 'emergency' | 'youBuildItYouRunIt';

/** One change (= one feature) in one replication of one variant. Times are engine minutes; NaN when not reached. */
export interface ChangeRecord {
  replication: number;
  variant: Variant;
  id: number; // 1-based, in order of readiness within the replication (the same feature has the same id in every variant)
  team: number; // 1-based delivery team
  changeClass: string;
  path: Path;
  /** Became ready during warm-up: simulated, not counted. */
  warmup: boolean;
  outOfHours: boolean; // its (last) deployment was in an out-of-hours window
  readyAt: number;
  raisedAt: number; // ticket raised (change documentation done)
  approvedAt: number; // CAB approval (NaN on the pre-approved path)
  scheduledAt: number; // handover done and in the application support queue (or pipeline started)
  deployStartAt: number; // last deployment started
  liveAt: number; // successful deployment finished
  validatedAt: number; // validation and acceptance finished
  rejections: number;
  failedDeployments: number;
  /** Downtime deployment attempts whose work (deployment and any rollback) ran past the end of their window. */
  overtimeDeployments: number;
  cabMeetings: number; // CAB meetings that decided it
  // Optional in the type (records built elsewhere may leave them out); newChangeRecord always sets them.
  /** A launch (a service's first live launch): assessed by the service introduction team. */
  launch?: boolean;
  /** Deployment attempts bumped at short notice (rescheduling), and the calendar minutes they cost: from each bumped start to the start that followed. */
  bumps?: number;
  bumpDelay?: number;
  /** Minutes of waiting per stage (calendar time). */
  wait: Record<Stage, number>;
  /** Minutes of active work per stage (effort, working time). */
  active: Record<Stage, number>;
  costOfDelay: number;
  /** Run cost attributable to this change, by item. */
  runCost: RunCostItems;
}

export const RUN_COST_ITEMS = [
  'changeDocumentation',
  'assessment',
  'cab',
  'licences',
  'rework',
  'serviceIntroduction',
  'handover',
  'deployment',
  'rollback',
  'fix',
  'validation',
] as const;
export type RunCostItem = (typeof RUN_COST_ITEMS)[number];
export type RunCostItems = Record<RunCostItem, number>;

/**
 * Who is paid for a change's booked work (ChangeInFlight.paid, by index): the delivery teams; change
 * management, application support (acceptance and the like, then their deployments and rollbacks)
 * and the service introduction team in their hours; application support out of hours (windows and
 * the on-call engineer) up to a window's end, and past it (overtime); an outsourced contract.
 */
export const PAID_BY = [
  'delivery',
  'changeManagement',
  'applicationSupport',
  'applicationSupportDeployments',
  'serviceIntroduction',
  'outOfHours',
  'overtime',
  'contract',
] as const;
export type PaidBy = (typeof PAID_BY)[number];
/** Each payer's index in PAID_BY. */
export const PAID = Object.fromEntries(PAID_BY.map((p, i) => [p, i])) as Readonly<Record<PaidBy, number>>;

/**
 * A replication's run cost over the counted period split by who is paid for it (the sum of its
 * parts is the record's runCost): the changes' PAID_BY sums, application support's two folded into
 * one, plus the CAB (meetings and emergency approvals), licences and on-call standby and call-outs.
 * stats/cash-cost.ts turns it into the cash cost a year.
 */
export type CashTally = Record<Exclude<PaidBy, 'applicationSupportDeployments'> | 'cab' | 'licences' | 'onCall', number>;

/** Run-cost items of the youBuildItYouRunIt variant only: its teams' on-call standby pay and out-of-hours call-outs (not per change). */
export const ON_CALL_COST_ITEMS = ['onCallStandby', 'callOut'] as const;
export type OnCallCostItem = (typeof ON_CALL_COST_ITEMS)[number];

/**
 * One failed deployment attempt: the failure is found when the deployment work ends (failedAt);
 * the service is back when the rollback is complete (restoredAt). Time to restore = the
 * difference, in calendar minutes (a rollback on office hours pauses when they close; an
 * out-of-hours rollback runs straight through, into overtime if need be).
 */
export interface RestoreRecord {
  id: number; // the change's id
  path: Path;
  /** The change became ready during warm-up (not counted). */
  warmup: boolean;
  failedAt: number;
  restoredAt: number;
}

/** One row of the process-mining event log. */
export interface EventRecord {
  replication: number;
  variant: Variant;
  caseId: string; // e.g. "r1-normal-42"
  activity: string; // e.g. "Write change documentation", "CAB decision", "Deploy"
  start: number;
  end: number;
  resource: string; // e.g. "delivery-3", "change-management", "cab", "application-support", "pipeline"
}

export interface CabMeetingRecord {
  replication: number;
  variant: Variant;
  index: number;
  time: number;
  decided: number;
  approved: number;
  rejected: number;
  spillOver: number; // made the cutoff but not decided (capacity reached): left for a later meeting
  cost: number;
}

/** One replication of one variant: the per-replication figures (replications.csv). */
export interface ReplicationRecord {
  replication: number;
  variant: Variant;
  seed: number;
  featuresCounted: number; // ready after warm-up and before the horizon
  completed: number; // of those, live by the end of the run
  unfinished: number; // of those, not live at the end of the run
  deployments: number; // successful deployments (live changes) in [warmup, horizon)
  deploymentsPerWeek: number;
  deploymentAttempts: number;
  failedDeployments: number;
  rejections: number;
  outOfHoursDeployments: number;
  /** Out-of-hours deployment attempts that ran past the end of their window (overtime). */
  overtimeDeployments: number;
  leadTimeMeanDays: number; // mean ready → live over completed counted changes
  validatedLeadTimeMeanDays: number;
  cabMeetings: number;
  changesPerCabMeeting: number;
  utilisationDelivery: number;
  utilisationChangeManagement: number;
  utilisationApplicationSupport: number;
  /** Share of the out-of-hours windows' staff time used by deployments and rollbacks. */
  utilisationOutOfHours: number;
  /** With a service introduction team: its launches among the counted changes. */
  serviceIntroduction?: LaunchTally;
  /** With rescheduling switched on: the counted changes' bumped deployment attempts. */
  rescheduling?: BumpTally;
  setupCost: number;
  runCost: number;
  opportunityCost: number;
  totalCost: number;
  /** The run cost split by who is paid for it (the cash cost's parts before capacity replaces hours). */
  cash: CashTally;
}

/** Launches of one replication: counted, and of those live, their wait for service introduction. */
export interface LaunchTally {
  launches: number;
  completed: number;
  /** Total wait (minutes) in the serviceIntroduction stage of the completed launches. */
  waitMinutes: number;
  /** Total active minutes of those launches in the stage. */
  activeMinutes: number;
  utilisation: number;
}

/** Bumped deployments of one replication's counted changes. */
export interface BumpTally {
  /** Deployment attempts bumped. */
  bumps: number;
  /** Changes bumped at least once, and of those the ones live. */
  changes: number;
  completed: number;
  /** Total delay (minutes) of the live bumped changes: each bumped start to the start that followed. */
  delayMinutes: number;
}

/** A replication's emergency figures over its counted changes (see emergencyTally in replication.ts). */
export interface EmergencyTally {
  changes: number;
  completed: number;
  deploymentAttempts: number;
  failedDeployments: number;
  /** Emergency deployment attempts begun inside a freeze or a weekly no-deploy period. */
  deploymentsInFreeze: number;
  outOfHoursDeployments: number;
  runCost: number;
  reviewCost: number;
  /** Counted normal-path changes that went live, and the sum of their deploymentQueue waits (minutes). */
  normalCompleted: number;
  normalDeploymentQueueWait: number;
}

/** Work in progress per stage, sampled daily (for the cumulative flow diagram). */
export interface WipSample {
  replication: number;
  variant: Variant;
  day: number; // days since start
  stage: Stage | 'live';
  count: number; // changes in that stage at that moment ('live': cumulative live)
}

/** On-call run costs of the youBuildItYouRunIt variant (not attributable to one change's columns in changes.csv). */
export interface OnCallTally {
  /** Standby pay: teams × weeks of the counted period × standbyPayPerWeek. */
  standby: number;
  /** Out-of-hours call-outs (failures of counted changes found out of the team's hours). */
  callOuts: number;
  /** Their cost: callOuts × callOutEffort × the team's rate × callOutPremium. */
  callOut: number;
}

/** Everything one replication of one variant produces. */
export interface ReplicationOutput {
  replicationRecord: ReplicationRecord;
  changes: ChangeRecord[];
  events: EventRecord[];
  cabMeetings: CabMeetingRecord[];
  /** Successful deployments per week index (week 0 = first week after start), whole run. */
  deploymentsByWeek: number[];
  wip: WipSample[];
  /** Every failed deployment attempt, in the order the rollbacks began. */
  restores: RestoreRecord[];
  /** Run costs not attributable to one change (licences per month, CAB meetings deciding nothing). */
  unallocatedRunCost: { licences: number; cab: number };
  /** With an outsourced application support contract: deployment attempts in the counted period, and those above the included number. */
  contract?: { deployments: number; aboveIncluded: number };
  /** The youBuildItYouRunIt variant: the teams' on-call standby pay over the counted period, and the call-outs of counted changes with their cost. */
  onCall?: OnCallTally;
  /** Only when a class has an emergencyShare above 0: the replication's emergency figures. */
  emergency?: EmergencyTally;
  warnings: string[];
}
