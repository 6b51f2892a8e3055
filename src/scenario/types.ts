// The validated, fully defaulted, immutable scenario the model runs. Every duration here is in
// minutes (engine time); every effort is minutes of working time on the performer's calendar;
// money is in the scenario's currency. The loader (scenario/load.ts) turns a file into this.

export type Variant = 'normal' | 'preApproved' | 'youBuildItYouRunIt';
export const VARIANTS: readonly Variant[] = ['normal', 'preApproved', 'youBuildItYouRunIt'];

/** Day of week, 0 = Monday … 6 = Sunday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A distribution of a duration or effort, in minutes (the engine's own spec type). */
export type { DistributionSpec } from '../engine/distributions.js';
import type { DistributionSpec } from '../engine/distributions.js';
import type { MeetingSchedule } from '../engine/meeting-schedule.js';

/** Weekly opening hours as written, e.g. "mon-fri 09:00-17:30" or "sat 22:00-04:00". */
export type WeeklyHours = readonly string[];

/** A dated period [from, to) in engine minutes, with the dates as written. */
export interface Period {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** For an occurrence of a yearly entry: its rule as written, e.g. "every year 12-15 to 01-02". */
  readonly recurring?: string;
}

/** A weekly no-deploy period in minutes of the week from Monday 00:00: from in [0, 10080), to in (from, from + 10080]. */
export interface NoDeployPeriod {
  /** As written, e.g. "fri 12:00-mon 00:00". */
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

export type UrgencyProfile = 'standard' | 'fixedDate' | 'expedite' | 'intangible';

export interface CostOfDelay {
  readonly profile: UrgencyProfile;
  /** Money lost per week of delay (standard, expedite; intangible before `risesAfter`). */
  readonly perWeek: number;
  /** fixedDate: the deadline after ready; a penalty is paid once if live later. */
  readonly deadline: number;
  readonly penalty: number;
  /** intangible: after this delay the rate becomes `perWeekAfter`. */
  readonly risesAfter: number;
  readonly perWeekAfter: number;
}

/** Effort of each step of a change, per class. Minutes of working time. */
export interface ClassEfforts {
  /** Delivery team writes the change documentation and raises the ticket. */
  readonly changeDocumentation: DistributionSpec;
  /** Change management assesses the ticket before CAB. */
  readonly assessment: DistributionSpec;
  /** Delivery team reworks a rejected change before raising it again. */
  readonly rework: DistributionSpec;
  /** Delivery team writes handover documentation for application support. */
  readonly handover: DistributionSpec;
  /** Application support deploys the change. */
  readonly deployment: DistributionSpec;
  /** Application support rolls back a failed deployment. */
  readonly rollback: DistributionSpec;
  /** Delivery team fixes the cause of a failed deployment. */
  readonly fix: DistributionSpec;
  /** Delivery team smoke-tests the live change. */
  readonly validation: DistributionSpec;
  /** Application support accepts the live change into service. */
  readonly acceptance: DistributionSpec;
}

export interface PreApprovedPath {
  /** Share (0–1) of this class's changes that are standard changes in the preApproved variant. */
  readonly share: number;
  /** Delivery team's effort to deploy through the pipeline (working time). */
  readonly deployment: DistributionSpec;
  /** Automated rollback effort after a failed pipeline deployment. */
  readonly rollback: DistributionSpec;
  readonly failureRate: number;
}

export interface ChangeClass {
  readonly name: string;
  /** Share (0–1) of features of this class; shares over all classes sum to 1. */
  readonly share: number;
  readonly efforts: ClassEfforts;
  /** Probability that a normal-path deployment fails and is rolled back. */
  readonly failureRate: number;
  /** Probability that CAB rejects the change at a meeting. */
  readonly rejectionRate: number;
  /** Share (0–1) of this class's changes that need downtime, so deploy out of hours. */
  readonly downtimeShare: number;
  readonly preApproved: PreApprovedPath;
  readonly costOfDelay: CostOfDelay;
  /**
   * Share (0–1) of this class's changes that are launches (a service's first live launch), which
   * queue for the service introduction team between CAB approval and handover. Absent: 0.
   */
  readonly launchShare?: number;
  /** Share (0–1) of this class's features that are urgent fixes, taking the emergency path (0: none). */
  readonly emergencyShare: number;
  /** Probability that an emergency deployment fails and is rolled back. */
  readonly emergencyFailureRate: number;
}

/**
 * A delivery team's release policy for its normal changes: one change per feature (today's
 * behaviour), a release of every `size` features, or a release every `period` minutes bundling the
 * features ready since the last one.
 */
export type ReleasePolicy =
  | { readonly kind: 'perFeature' }
  | { readonly kind: 'batch'; readonly size: number }
  | { readonly kind: 'every'; readonly period: number };

export const PER_FEATURE: ReleasePolicy = { kind: 'perFeature' };

/**
 * One group of alike delivery teams (`teams.delivery` as a list): its own size, hours, rate,
 * demand, class mix and holidays. The single-object form is one group named "delivery".
 */
export interface DeliveryGroup {
  readonly name: string;
  readonly count: number;
  readonly people: number;
  readonly hours: WeeklyHours;
  readonly hourlyRate: number;
  readonly featuresPerWeek: number;
  readonly pipelineSetupEffort: number;
  /** Share of each class (index as Scenario.classes) among this group's features; sums to 1. */
  readonly classShares: readonly number[];
  readonly release: ReleasePolicy;
  /** This group's holidays: its own list when given, else the scenario's. */
  readonly holidays: readonly Period[];
  /** Number of the group's first team among all teams (0-based). */
  readonly firstTeam: number;
}

export interface DeliveryTeams {
  /** The groups in file order, when the file gave `teams.delivery` as a list (read them with deliveryGroups()). */
  readonly groups?: readonly DeliveryGroup[];
  /** True when the file gave `teams.delivery` as a list: results are then broken down by group. */
  readonly listed?: boolean;
  /** All delivery teams, over every group. */
  readonly count: number;
  /** People per delivery team (the first group's, when listed). */
  readonly people: number;
  readonly hours: WeeklyHours;
  readonly hourlyRate: number;
  /** Features becoming ready per team per week (Poisson). */
  readonly featuresPerWeek: number;
  /** One-off effort per team to build the automated pipeline (preApproved setup). */
  readonly pipelineSetupEffort: number;
  /** The release policy, when the file gives one (default: perFeature). */
  readonly release?: ReleasePolicy;
}

export interface Cab {
  /** The days it meets on (of `schedule`'s slots when there is one). */
  readonly days: readonly Weekday[];
  /** Minute of day the meeting starts (monthly slots without their own time use it). */
  readonly time: number;
  /**
   * When it meets, for the forms beyond weekly `days` at one `time` (several meetings a week at
   * their own times, every N weeks, monthly); absent: every week on `days` at `time`.
   */
  readonly schedule?: MeetingSchedule;
  readonly duration: number;
  /** Submissions close this long (calendar time) before the meeting starts. */
  readonly cutoff: number;
  /** Changes decided per meeting at most; the rest wait for the next meeting. */
  readonly capacity: number;
  readonly attendees: number;
  readonly hourlyRate: number;
}

/**
 * The emergency CAB: an approver on call at any hour who approves an emergency change within a
 * drawn time, and the post-implementation review that follows every emergency change.
 */
export interface EmergencyCab {
  /** Delivery team's effort to raise an emergency change (a short request; working time). */
  readonly raiseEffort: DistributionSpec;
  /** Calendar time from raising to the on-call approver's approval, at any hour. */
  readonly approval: DistributionSpec;
  /** The approver's effort per emergency change, at change management's hourly rate. */
  readonly approvalEffort: number;
  /** Post-implementation review after validation: the delivery team's and change management's effort (working time). */
  readonly review: { readonly delivery: DistributionSpec; readonly changeManagement: DistributionSpec };
}

export interface ChangeManagement {
  readonly people: number;
  readonly hours: WeeklyHours;
  readonly hourlyRate: number;
  readonly setupEffort: number;
  readonly cab: Cab;
  readonly emergencyCab: EmergencyCab;
}

export type OnFailure = 'redeploy' | 'reraise';

/** When application support's other jobs arrive: in their working hours, or at any hour. */
export type OtherWorkArrivals = 'workingHours' | 'aroundTheClock';

/** Application support's other operational work, queueing with the changes for the same people. */
export interface OtherWork {
  /** Share (0 ≤ s < 1) of their office-hours capacity it takes. */
  readonly share: number;
  /** Effort of one job (working time). */
  readonly jobEffort: DistributionSpec;
  readonly arrivals: OtherWorkArrivals;
}

/**
 * An outsourced application support contract: deployments (and rollbacks) are paid per deployment
 * instead of by the hour. The first `includedDeploymentsPerMonth` deployment attempts of each
 * calendar month cost `ratePerDeployment`, any more `extraDeploymentRate`; a rollback costs `rollbackRate`.
 */
export interface SupportContract {
  readonly includedDeploymentsPerMonth: number;
  readonly ratePerDeployment: number;
  readonly extraDeploymentRate: number;
  readonly rollbackRate: number;
}

export interface ApplicationSupport {
  readonly people: number;
  readonly hours: WeeklyHours;
  readonly hourlyRate: number;
  readonly otherWork: OtherWork;
  /** Out-of-hours deployment windows for changes that need downtime. */
  readonly outOfHoursWindows: WeeklyHours;
  /** Multiplier on the hourly rate for out-of-hours work. */
  readonly outOfHoursPremium: number;
  /** Multiplier on the hourly rate for rollbacks. */
  readonly rollbackPremium: number;
  readonly setupEffort: number;
  /** After a failed deployment and fix: deploy again, or raise a new change through CAB. */
  readonly onFailure: OnFailure;
  /** An outsourced contract, when the file gives one: deployments costed per deployment. */
  readonly contract?: SupportContract;
  /** Short-notice rescheduling of their deployments, when the file gives it (absent: never bumped). */
  readonly rescheduling?: Rescheduling;
}

/**
 * Short-notice rescheduling: each time application support is about to begin a deployment
 * attempt (office hours or an out-of-hours window), it is bumped with `probability`; a bumped
 * deployment lets its person go and returns to the queue for the next slot (office hours) or the
 * next window with room (out of hours).
 */
export interface Rescheduling {
  /** Probability (0 ≤ p < 1) that a deployment attempt is bumped when it is about to begin. */
  readonly probability: number;
}

/**
 * The service introduction team (optional): assesses the operational readiness of a launch (a
 * change that is a service's first live launch) between CAB approval and handover.
 */
export interface ServiceIntroduction {
  readonly people: number;
  readonly hours: WeeklyHours;
  readonly hourlyRate: number;
  /** Effort to assess one launch's operational readiness (working time). */
  readonly effort: DistributionSpec;
  /** One-off effort to set the team and its readiness checks up (working time). */
  readonly setupEffort: number;
}

export interface Teams {
  readonly delivery: DeliveryTeams;
  readonly changeManagement: ChangeManagement;
  readonly applicationSupport: ApplicationSupport;
  /** The service introduction team, when the file gives one (absent: no launches, no such stage work). */
  readonly serviceIntroduction?: ServiceIntroduction;
}

export interface Costs {
  /** Change-reporting licences: a fixed amount per month for the organisation. */
  readonly licencesPerMonth: number;
  /** And an amount per change raised (normal and standard). */
  readonly licencePerChange: number;
  /** One-off pipeline and automation setup for the preApproved variant, beyond team effort. */
  readonly pipelineSetup: number;
  /** Years over which the one-off setup cost is spread in the annual figures (perYear.setupAmortised). */
  readonly setupAmortisationYears: number;
}

/**
 * The You Build It You Run It variant: each delivery team deploys its own changes through its own
 * pipeline and runs them, with an on-call rota of its own (see model/you-build-it-path.ts).
 */
export interface YouBuildItYouRunIt {
  /** One-off effort per delivery team (working time at the team's rate). */
  readonly setup: {
    /** A deployment pipeline to production for every class of change. */
    readonly pipeline: number;
    /** Telemetry: logging, metrics, dashboards and alerts to run the service. */
    readonly telemetry: number;
    /** On-call readiness: runbooks, training, the rota and its tooling. */
    readonly onCallReadiness: number;
  };
  readonly onCall: {
    /** Standby pay of the one person on call per team, per week (money). */
    readonly standbyPayPerWeek: number;
    /** From a failure found out of hours until the person on call starts the rollback (minutes). */
    readonly responseTime: number;
    /** Effort paid per out-of-hours call-out (minutes), at the team's rate × callOutPremium. */
    readonly callOutEffort: number;
    readonly callOutPremium: number;
  };
  /**
   * The team's own weekly slot for changes that need downtime (as written); empty: none needed,
   * every change deploys without downtime (zero-downtime deployment, an assumption).
   */
  readonly downtimeSlot: WeeklyHours;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly currency: string;
  /** Local date-time the clock starts at, ISO "YYYY-MM-DDTHH:MM". */
  readonly start: string;
  readonly horizon: number;
  readonly warmup: number;
  readonly replications: number;
  readonly seed: number;
  readonly variants: readonly Variant[];
  /** Dated closures of every team's hours (public holidays). */
  readonly holidays: readonly Period[];
  /** Dated periods with no production deployments. */
  readonly freezes: readonly Period[];
  /** Weekly periods in which no deployment starts (absent when the file gives none). */
  readonly noDeploy?: readonly NoDeployPeriod[];
  readonly classes: readonly ChangeClass[];
  readonly teams: Teams;
  readonly costs: Costs;
  /** The youBuildItYouRunIt variant's settings (the loader always gives them; a hand-built scenario without them has no setup, on-call or slot). */
  readonly youBuildItYouRunIt?: YouBuildItYouRunIt;
  /** The file's uncertain inputs (`uncertain:`), for `orisim uncertainty`; absent when it gives none. */
  readonly uncertain?: readonly UncertainInput[];
  /** The Spearman rank correlations between them (`uncertain.correlations`); absent when it gives none. */
  readonly uncertainCorrelations?: readonly RankCorrelation[];
}

/** A Spearman rank correlation between two uncertain inputs, by their paths (as UncertainInput.path), −1 < rank < 1. */
export interface RankCorrelation {
  readonly between: readonly [string, string];
  readonly rank: number;
}

/** One uncertain input of `uncertain:` (scenario/uncertain.ts reads it). */
export type UncertainKind = 'number' | 'integer' | 'duration' | 'effort';

/** One uncertain input: its path, its kind, and its range in the field's unit (minutes for a time). */
export interface UncertainInput {
  /** The --set path, such as "classes.large.downtimeShare". */
  readonly path: string;
  readonly kind: UncertainKind;
  readonly low: number;
  readonly likely?: number;
  readonly high: number;
  readonly distribution: 'pert' | 'triangular' | 'uniform';
  /** The values as the file gives them, for reports ("1d", 0.3). */
  readonly text: { readonly low: string; readonly likely?: string; readonly high: string };
}

/** Whether any class has emergency changes (emergencyShare > 0): only then are emergency draws made. */
export function hasEmergencyChanges(scenario: Scenario): boolean {
  return scenario.classes.some((c) => c.emergencyShare > 0);
}

/**
 * The delivery groups of a scenario: the file's list of groups, or for the single-map form the one
 * group its fields describe (named "delivery", with the classes' shares and the scenario's
 * holidays), always derived afresh, so a copy with another `count` has that many teams.
 */
export function deliveryGroups(scenario: Scenario): readonly DeliveryGroup[] {
  const d = scenario.teams.delivery;
  if (d.listed === true && d.groups !== undefined && d.groups.length > 0) return d.groups;
  return [
    {
      name: 'delivery',
      count: d.count,
      people: d.people,
      hours: d.hours,
      hourlyRate: d.hourlyRate,
      featuresPerWeek: d.featuresPerWeek,
      pipelineSetupEffort: d.pipelineSetupEffort,
      release: d.release ?? PER_FEATURE,
      classShares: scenario.classes.map((c) => c.share),
      holidays: scenario.holidays,
      firstTeam: 0,
    },
  ];
}

/** The group of each delivery team (0-based team → index in deliveryGroups()). */
export function groupOfTeam(groups: readonly DeliveryGroup[]): Uint16Array {
  const out = new Uint16Array(groups.reduce((a, g) => a + g.count, 0));
  groups.forEach((g, k) => out.fill(k, g.firstTeam, g.firstTeam + g.count));
  return out;
}
