// Runs one replication of one variant: builds the organisation, releases the features at their
// ready times down the normal, pre-approved or You Build It You Run It path, adds application support's other work, runs
// the clock, and turns what happened into flat records.
import { fromSpec } from '../engine/distributions.js';
import { RandomStreams, type Rng } from '../engine/random.js';
import { Simulation } from '../engine/simulation.js';
import { NumberQueue } from '../engine/number-queue.js';
import type { Waiter } from '../engine/resource.js';
import { MINUTES_PER_DAY, MINUTES_PER_WEEK } from '../engine/time.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { ChangeInFlight, normalPath, preApprovedPath } from './normal-path.js';
import { emergencyPath, emergencyTally } from './emergency-path.js';
import { ReplicationContext } from './context.js';
import { costOfDelay } from './cost-of-delay.js';
import { buildClassModels, generateFeatures, type ClassModel, type Feature } from './features.js';
import { buildOrganisation, type Organisation } from './organisation.js';
import {
  STAGES,
  type BumpTally,
  type CabMeetingRecord,
  type ChangeRecord,
  type LaunchTally,
  type OnCallTally,
  type Path,
  type ReplicationOutput,
  type WipSample,
} from './records.js';
import { setupCost } from './setup-cost.js';
import { applyContract } from './contract-cost.js';
import { ReleaseTrain, settleReleaseCosts, settleReleaseTimes } from './release-path.js';
import { deliveryGroups, hasEmergencyChanges } from '../scenario/types.js';
import { addRunCosts, newChangeRecord } from './stage-times.js';
import { NO_YOU_BUILD_IT, youBuildItYouRunItPath } from './you-build-it-path.js';

/** After the horizon, the run goes on this long at most to let counted changes finish. */
export function drainLimit(scenario: Scenario): number {
  return Math.min(scenario.horizon, 26 * MINUTES_PER_WEEK);
}

export interface ReplicationOptions {
  /** Keep the event log (process-mining rows) of this replication. */
  readonly logEvents?: boolean;
  /** Sample work in progress daily (for the cumulative flow diagram). */
  readonly sampleWip?: boolean;
  /** Class models built once per scenario (built here when absent). */
  readonly classModels?: readonly ClassModel[];
  /** Replaces the random features (hand-computed tests). */
  readonly features?: (models: readonly ClassModel[]) => Feature[];
  /** Line-by-line trace of the engine (tests). */
  readonly trace?: (time: number, message: string) => void;
}

/**
 * Application support's other operational work: Poisson arrivals of jobs (effort from the
 * scenario's jobEffort) queueing FIFO with the changes for the same people. The offered load is
 * the set share of their capacity in their working hours: `share × people / mean effort` jobs per
 * working minute, arriving in their working time (`workingHours`: the gaps are exponential in
 * working minutes, so no job arrives out of hours or on a holiday), or the same number spread
 * over every minute (`aroundTheClock`: jobs arriving out of hours wait for the next working minute).
 * Callbacks, not processes: thousands of these jobs run in a replication, and they need no state
 * of their own.
 */
function startOtherWork(ctx: ReplicationContext, rng: Rng): void {
  const sim = ctx.sim;
  const as = ctx.org.applicationSupport;
  const calendar = ctx.org.applicationSupportCalendar;
  const { share, jobEffort, arrivals } = ctx.scenario.teams.applicationSupport.otherWork;
  const job = fromSpec(jobEffort);
  const perWorkingMinute = (share * ctx.scenario.teams.applicationSupport.people) / job.mean;
  const release = (): void => as.release();
  // The job's effort is drawn when it arrives, before the next gap: the stream then gives the same
  // jobs at the same times in both variants (common random numbers), whatever the queue. The jobs
  // waiting for a person are one waiter with their efforts in arrival order (they are granted in
  // that order), not an object per job.
  const efforts = new NumberQueue();
  const jobs: Waiter = {
    name: 'other work',
    resume: () => sim.schedule(as.workTime(efforts.shift()), release),
  };
  const start = (): void => {
    efforts.push(job.sample(rng));
    as.acquireFor(jobs);
  };
  if (arrivals === 'workingHours') {
    const arrive = (): void => {
      start();
      sim.at(calendar.addWorkingTime(sim.now, -Math.log(1 - rng.next()) / perWorkingMinute), arrive);
    };
    sim.at(calendar.addWorkingTime(0, -Math.log(1 - rng.next()) / perWorkingMinute), arrive);
  } else {
    const perMinute = (perWorkingMinute * calendar.workingTimeBetween(0, ctx.scenario.horizon)) / ctx.scenario.horizon;
    // Never open within the horizon (the loader refuses that; a hand-built scenario may not): no other work.
    if (!(perMinute > 0)) return;
    const arrive = (): void => {
      start();
      sim.schedule(-Math.log(1 - rng.next()) / perMinute, arrive);
    };
    sim.schedule(-Math.log(1 - rng.next()) / perMinute, arrive);
  }
}

/**
 * A release train per team whose group bundles features (undefined for perFeature teams). A
 * periodic train forms a release at every period from the start; every train forms one last
 * release at the horizon with what is waiting, so no feature waits for a batch that cannot fill.
 * Nothing is scheduled when every team releases per feature (the run is then exactly as before).
 */
function releaseTrains(ctx: ReplicationContext): (ReleaseTrain | undefined)[] {
  const trains: (ReleaseTrain | undefined)[] = [];
  for (const g of deliveryGroups(ctx.scenario)) {
    for (let i = 0; i < g.count; i++) trains.push(g.release.kind === 'perFeature' ? undefined : new ReleaseTrain(ctx, g.firstTeam + i, g.release));
  }
  const active = trains.filter((t): t is ReleaseTrain => t !== undefined);
  if (active.length === 0) return trains;
  const { sim, scenario } = ctx;
  for (const t of active) {
    if (t.policy.kind !== 'every') continue;
    const period = t.policy.period;
    const tick = (k: number): void => {
      t.form();
      if ((k + 1) * period < scenario.horizon) sim.at((k + 1) * period, () => tick(k + 1));
    };
    if (period < scenario.horizon) sim.at(period, () => tick(1));
  }
  sim.at(scenario.horizon, () => active.forEach((t) => t.form()));
  return trains;
}

/** The variants in which an urgent fix takes the emergency path (in youBuildItYouRunIt the team deploys it through its own pipeline like any change). */
const EMERGENCY_PATH_VARIANTS: ReadonlySet<Variant> = new Set<Variant>(['normal', 'preApproved']);

/**
 * The path a feature takes in a variant: in youBuildItYouRunIt every change takes the team's own
 * pipeline; elsewhere an urgent fix takes the emergency path; in preApproved a standard change
 * (never a launch) the pipeline; every other change the normal path (CAB and application support).
 */
function pathOf(variant: Variant, f: Feature): Path {
  if (variant === 'youBuildItYouRunIt') return 'youBuildItYouRunIt';
  if (f.emergency !== undefined && EMERGENCY_PATH_VARIANTS.has(variant)) return 'emergency';
  // A launch is never a standard change: in the preApproved variant it takes the normal path.
  if (variant === 'preApproved' && f.standard && f.launch !== true) return 'preApproved';
  return 'normal';
}

/** Each path's process. */
const PATH_PROCESS: Readonly<Record<Path, (ch: ChangeInFlight) => ReturnType<typeof normalPath>>> = {
  normal: normalPath,
  preApproved: preApprovedPath,
  emergency: emergencyPath,
  youBuildItYouRunIt: youBuildItYouRunItPath,
};
/**
 * The on-call run costs of youBuildItYouRunIt (undefined for the other variants): standby pay of
 * one person per delivery team for every week of the counted period, and the call-outs of
 * counted changes (failures found out of the team's hours).
 */
function onCallTally(ctx: ReplicationContext): OnCallTally | undefined {
  if (ctx.variant !== 'youBuildItYouRunIt') return undefined;
  const { scenario } = ctx;
  const weeks = (scenario.horizon - scenario.warmup) / MINUTES_PER_WEEK;
  const standby = scenario.teams.delivery.count * weeks * (scenario.youBuildItYouRunIt ?? NO_YOU_BUILD_IT).onCall.standbyPayPerWeek;
  const counted = ctx.callOuts.filter((c) => !c.warmup);
  return { standby, callOuts: counted.length, callOut: counted.reduce((a, c) => a + c.cost, 0) };
}

export function runReplication(
  scenario: Scenario,
  variant: Variant,
  replication: number,
  options: ReplicationOptions = {},
): ReplicationOutput {
  const sim = new Simulation(options.trace ? { trace: options.trace } : {});
  const streams = new RandomStreams(scenario.seed, replication);
  const org = buildOrganisation(sim, scenario);
  const models = options.classModels ?? buildClassModels(scenario);
  const features = options.features ? options.features(models) : generateFeatures(scenario, models, streams, org.groupCalendars);
  const ctx = new ReplicationContext(sim, scenario, org, variant, replication, streams, features.length, options.logEvents ?? false);
  const { horizon, warmup } = scenario;
  const end = horizon + drainLimit(scenario);

  const inFlight: ChangeInFlight[] = [];
  const changes: ChangeRecord[] = features.map((f) => {
    const path = pathOf(variant, f);
    const rec = newChangeRecord({
      replication, variant, id: f.id, team: f.team + 1, changeClass: f.cls.spec.name, path, warmup: f.readyAt < warmup, readyAt: f.readyAt,
    });
    rec.launch = f.launch === true;
    inFlight.push(new ChangeInFlight(ctx, f, rec));
    return rec;
  });
  // Features enter one after the other (they are in readiness order): one event at a time on
  // the list rather than one closure per feature up front.
  // Teams with a release policy other than perFeature hold their normal-path features in a release train.
  const trains = releaseTrains(ctx);
  let next = 0;
  const release = (): void => {
    const ch = inFlight[next++]!;
    const train = ch.rec.path === 'normal' ? trains[ch.feature.team] : undefined;
    if (train !== undefined) train.add(ch);
    else sim.process(PATH_PROCESS[ch.rec.path](ch), `change-${ch.rec.id}`);
    if (next < inFlight.length) sim.at(inFlight[next]!.feature.readyAt, release);
  };
  if (inFlight.length > 0) sim.at(inFlight[0]!.feature.readyAt, release);

  // Application support's other operational work.
  if (scenario.teams.applicationSupport.otherWork.share > 0) startOtherWork(ctx, streams.stream('other-work'));

  // No CAB meets in You Build It You Run It: no change goes to one.
  if (variant !== 'youBuildItYouRunIt') org.cab.start();
  const resources = [...org.delivery, org.changeManagement, org.applicationSupport, org.outOfHours];
  if (org.serviceIntroduction !== null) resources.push(org.serviceIntroduction);
  if (warmup > 0) sim.at(warmup, () => resources.forEach((r) => r.resetStats()));
  const utilisation = { delivery: NaN, changeManagement: NaN, applicationSupport: NaN, outOfHours: NaN, serviceIntroduction: NaN };
  sim.at(horizon, () => measureUtilisation(org, utilisation));

  const wip: WipSample[] = [];
  if (options.sampleWip) {
    const sample = (day: number): void => {
      STAGES.forEach((stage, i) => wip.push({ replication, variant, day, stage, count: ctx.wip[i]! }));
      wip.push({ replication, variant, day, stage: 'live', count: ctx.live });
      if ((day + 1) * MINUTES_PER_DAY <= horizon) sim.at((day + 1) * MINUTES_PER_DAY, () => sample(day + 1));
    };
    sim.at(0, () => sample(0));
  }

  if (features.length === 0) sim.run({ until: horizon });
  else sim.run({ until: end });
  return collect({ scenario, variant, replication, sim, org, ctx, inFlight, changes, utilisation, wip });
}

type Utilisation = { delivery: number; changeManagement: number; applicationSupport: number; outOfHours: number; serviceIntroduction: number };

function measureUtilisation(org: Organisation, u: Utilisation): void {
  u.delivery = org.delivery.reduce((a, r) => a + r.utilisation(), 0) / org.delivery.length;
  u.changeManagement = org.changeManagement.utilisation();
  u.applicationSupport = org.applicationSupport.utilisation();
  u.outOfHours = org.outOfHours.utilisation();
  u.serviceIntroduction = org.serviceIntroduction?.utilisation() ?? NaN;
}

interface Finished {
  scenario: Scenario;
  variant: Variant;
  replication: number;
  sim: Simulation;
  org: Organisation;
  ctx: ReplicationContext;
  inFlight: ChangeInFlight[];
  changes: ChangeRecord[];
  utilisation: Utilisation;
  wip: WipSample[];
}

/**
 * Turns a finished simulation into records. A function of its own, apart from the long-running
 * part: V8 compiles that part while it runs (on-stack replacement), and code it has not yet seen
 * run would otherwise be compiled without type feedback and thrown away every replication.
 */
function collect(f: Finished): ReplicationOutput {
  const { scenario, variant, replication, sim, org, ctx, inFlight, changes, utilisation, wip } = f;
  const { horizon, warmup } = scenario;
  const ownPipelines = variant === 'youBuildItYouRunIt';
  const finishedAt = Math.max(sim.now, horizon);
  // The run stopped before the horizon (every change done early): measure now.
  if (Number.isNaN(utilisation.delivery)) measureUtilisation(org, utilisation);

  // Waits of unfinished changes up to the end, and every change's cost of delay.
  settleReleaseTimes(ctx);
  for (const ch of inFlight) {
    if (Number.isNaN(ch.rec.validatedAt) && ch.stage !== null) ch.settle();
    const rec = ch.rec;
    const delay = (Number.isFinite(rec.liveAt) ? rec.liveAt : finishedAt) - rec.readyAt;
    rec.costOfDelay = costOfDelay(ch.feature.cls.spec.costOfDelay, delay);
  }

  // CAB meetings: each meeting's cost is shared by the changes it decided.
  const cabSpec = scenario.teams.changeManagement.cab;
  const meetingCost = (cabSpec.attendees * cabSpec.duration * cabSpec.hourlyRate) / 60;
  const cabMeetings: CabMeetingRecord[] = [];
  let unallocatedCab = 0;
  for (const m of org.cab.records) {
    const tally = ctx.cab.get(m.index);
    if (tally !== undefined) {
      for (const ch of tally.changes) ch.rec.runCost.cab += meetingCost / tally.changes.length;
    } else if (m.time >= warmup && m.time < horizon) {
      unallocatedCab += meetingCost;
    }
    if (m.time < horizon) {
      cabMeetings.push({
        replication,
        variant,
        index: m.index,
        time: m.time,
        decided: m.decided,
        approved: tally?.approved ?? 0,
        rejected: tally?.rejected ?? 0,
        spillOver: m.spillOver,
        cost: meetingCost,
      });
    }
  }

  const contract = applyContract(ctx, org.timeBase);
  settleReleaseCosts(ctx);

  const counted = changes.filter((c) => !c.warmup);
  const completed = counted.filter((c) => Number.isFinite(c.liveAt));
  const weeks = (horizon - warmup) / MINUTES_PER_WEEK;
  const deployments = ctx.liveTimes.filter((t) => t >= warmup && t < horizon).length;
  let attempts = 0;
  let failed = 0;
  let ooh = 0;
  let overtime = 0;
  let rejections = 0;
  let run = 0;
  let opportunity = 0;
  for (const c of counted) {
    const n = c.failedDeployments + (Number.isFinite(c.liveAt) ? 1 : 0);
    attempts += n;
    failed += c.failedDeployments;
    if (c.outOfHours) ooh += n;
    overtime += c.overtimeDeployments;
    rejections += c.rejections;
    run = addRunCosts(run, c.runCost);
    opportunity += c.costOfDelay;
  }
  // No change management, no change-reporting licences in You Build It You Run It.
  const licences = variant === 'youBuildItYouRunIt' ? 0 : (scenario.costs.licencesPerMonth * 12 * (horizon - warmup)) / (365.25 * MINUTES_PER_DAY);
  run += licences + unallocatedCab;
  const onCall = onCallTally(ctx);
  if (onCall !== undefined) run += onCall.standby + onCall.callOut;
  const setup = setupCost(scenario, variant);
  const mean = (xs: number[]): number => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  const countedMeetings = cabMeetings.filter((m) => m.time >= warmup);

  const deploymentsByWeek = new Array<number>(Math.ceil(horizon / MINUTES_PER_WEEK)).fill(0);
  for (const t of ctx.liveTimes) {
    const w = Math.floor(t / MINUTES_PER_WEEK);
    if (w < deploymentsByWeek.length) deploymentsByWeek[w]!++;
  }

  const warnings: string[] = [];
  const unfinished = counted.length - completed.length;
  if (unfinished > 0) {
    warnings.push(
      `replication ${replication}: ${unfinished} of ${counted.length} counted changes were not live when the run ended ` +
        `(day ${(finishedAt / MINUTES_PER_DAY).toFixed(0)}, the horizon plus ${(drainLimit(scenario) / MINUTES_PER_WEEK).toFixed(0)} weeks to drain)`,
    );
  }

  return {
    replicationRecord: {
      replication,
      variant,
      seed: scenario.seed,
      featuresCounted: counted.length,
      completed: completed.length,
      unfinished,
      deployments,
      deploymentsPerWeek: weeks > 0 ? deployments / weeks : NaN,
      deploymentAttempts: attempts,
      failedDeployments: failed,
      rejections,
      outOfHoursDeployments: ooh,
      overtimeDeployments: overtime,
      leadTimeMeanDays: mean(completed.map((c) => (c.liveAt - c.readyAt) / MINUTES_PER_DAY)),
      validatedLeadTimeMeanDays: mean(
        completed.filter((c) => Number.isFinite(c.validatedAt)).map((c) => (c.validatedAt - c.readyAt) / MINUTES_PER_DAY),
      ),
      cabMeetings: countedMeetings.length,
      changesPerCabMeeting: mean(countedMeetings.map((m) => m.decided)),
      utilisationDelivery: utilisation.delivery,
      utilisationChangeManagement: utilisation.changeManagement,
      utilisationApplicationSupport: utilisation.applicationSupport,
      utilisationOutOfHours: utilisation.outOfHours,
      setupCost: setup,
      runCost: run,
      opportunityCost: opportunity,
      totalCost: setup + run + opportunity,
      // The service introduction team, bumps and the emergency path are steps of the other designs:
      // in youBuildItYouRunIt no change meets them, so its records carry none of their tallies.
      ...(org.serviceIntroduction === null || ownPipelines ? {} : { serviceIntroduction: launchTally(counted, utilisation.serviceIntroduction) }),
      ...((scenario.teams.applicationSupport.rescheduling?.probability ?? 0) > 0 && !ownPipelines ? { rescheduling: bumpTally(counted) } : {}),
    },
    changes,
    events: ctx.events ?? [],
    cabMeetings,
    deploymentsByWeek,
    wip,
    restores: ctx.restores,
    unallocatedRunCost: { licences, cab: unallocatedCab },
    ...(hasEmergencyChanges(scenario) && !ownPipelines ? { emergency: emergencyTally(inFlight) } : {}),
    ...(contract === undefined ? {} : { contract }),
    ...(onCall === undefined ? {} : { onCall }),
    warnings,
  };
}

/** The counted launches: how many, and of those live, their time in the serviceIntroduction stage. */
function launchTally(counted: readonly ChangeRecord[], utilisation: number): LaunchTally {
  const t: LaunchTally = { launches: 0, completed: 0, waitMinutes: 0, activeMinutes: 0, utilisation };
  for (const c of counted) {
    if (c.launch !== true) continue;
    t.launches++;
    if (!Number.isFinite(c.liveAt)) continue;
    t.completed++;
    t.waitMinutes += c.wait.serviceIntroduction;
    t.activeMinutes += c.active.serviceIntroduction;
  }
  return t;
}

/** The counted changes' bumps: attempts bumped, changes bumped, and the delay of those live. */
function bumpTally(counted: readonly ChangeRecord[]): BumpTally {
  const t: BumpTally = { bumps: 0, changes: 0, completed: 0, delayMinutes: 0 };
  for (const c of counted) {
    const bumps = c.bumps ?? 0;
    if (bumps === 0) continue;
    t.bumps += bumps;
    t.changes++;
    if (!Number.isFinite(c.liveAt)) continue;
    t.completed++;
    t.delayMinutes += c.bumpDelay ?? 0;
  }
  return t;
}
