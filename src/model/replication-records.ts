// A finished replication turned into records: the waits of unfinished changes, every change's
// cost of delay, the CAB meetings and their costs, contract and release costs, and the
// replication's record (counts, lead-time means, utilisation, costs, the tallies of the
// service introduction team, rescheduling, the emergency path and on call) with its warnings.
import type { Simulation } from '../engine/simulation.js';
import { MINUTES_PER_DAY, MINUTES_PER_WEEK } from '../engine/time.js';
import { hasEmergencyChanges, type Scenario, type Variant } from '../scenario/types.js';
import type { ChangeInFlight } from './change.js';
import type { ReplicationContext } from './context.js';
import { applyContract } from './contract-cost.js';
import { costOfDelay } from './cost-of-delay.js';
import { emergencyTally } from './emergency-path.js';
import type { Organisation } from './organisation.js';
import { PAID, PAID_BY, type BumpTally, type CabMeetingRecord, type ChangeRecord, type LaunchTally, type OnCallTally, type ReplicationOutput, type WipSample } from './records.js';
import { settleReleaseCosts, settleReleaseTimes, type Release } from './release-path.js';
import { setupCost } from './setup-cost.js';
import { addRunCosts } from './stage-times.js';
import { NO_YOU_BUILD_IT } from './you-build-it-path.js';

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

export type Utilisation = { delivery: number; changeManagement: number; applicationSupport: number; outOfHours: number; serviceIntroduction: number };

export function measureUtilisation(org: Organisation, u: Utilisation): void {
  u.delivery = org.delivery.reduce((a, r) => a + r.utilisation(), 0) / org.delivery.length;
  u.changeManagement = org.changeManagement.utilisation();
  u.applicationSupport = org.applicationSupport.utilisation();
  u.outOfHours = org.outOfHours.utilisation();
  u.serviceIntroduction = org.serviceIntroduction?.utilisation() ?? NaN;
}

export interface Finished {
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
  releases: readonly Release[];
  /** How long after the horizon the run could go on to let counted changes finish (drainLimit). */
  drain: number;
}

/**
 * Turns a finished simulation into records. A function of its own, apart from the long-running
 * part: V8 compiles that part while it runs (on-stack replacement), and code it has not yet seen
 * run would otherwise be compiled without type feedback and thrown away every replication.
 */
export function collect(f: Finished): ReplicationOutput {
  const { scenario, variant, replication, sim, org, ctx, inFlight, changes, utilisation, wip, releases, drain } = f;
  const { horizon, warmup } = scenario;
  const ownPipelines = variant === 'youBuildItYouRunIt';
  const finishedAt = Math.max(sim.now, horizon);
  // The run stopped before the horizon (every change done early): measure now.
  if (Number.isNaN(utilisation.delivery)) measureUtilisation(org, utilisation);

  // Waits of unfinished changes up to the end, and every change's cost of delay.
  settleReleaseTimes(releases);
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
  settleReleaseCosts(releases);

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
  const paid = PAID_BY.map(() => 0);
  let cab = unallocatedCab;
  let perChangeLicences = 0;
  for (const ch of inFlight) {
    if (ch.rec.warmup) continue;
    for (let k = 0; k < paid.length; k++) paid[k]! += ch.paid[k]!;
    cab += ch.rec.runCost.cab;
    perChangeLicences += ch.rec.runCost.licences;
  }
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
        `(day ${(finishedAt / MINUTES_PER_DAY).toFixed(0)}, the horizon plus ${(drain / MINUTES_PER_WEEK).toFixed(0)} weeks to drain)`,
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
      cash: {
        delivery: paid[PAID.delivery]!,
        changeManagement: paid[PAID.changeManagement]!,
        applicationSupport: paid[PAID.applicationSupport]! + paid[PAID.applicationSupportDeployments]!,
        serviceIntroduction: paid[PAID.serviceIntroduction]!,
        outOfHours: paid[PAID.outOfHours]!,
        overtime: paid[PAID.overtime]!,
        contract: paid[PAID.contract]!,
        cab,
        licences: perChangeLicences + licences,
        onCall: onCall === undefined ? 0 : onCall.standby + onCall.callOut,
      },
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
