// The emergency path: an urgent fix skips the normal CAB. The delivery team raises a short
// request; the emergency CAB's on-call approver approves it within a drawn time, at any hour;
// application support deploys it at once — the next person to come free in their office hours,
// else the on-call engineer at the out-of-hours premium — even in a freeze or a no-deploy period
// (the one exception to the freeze rule, counted); a failure is rolled back at once, fixed and
// deployed again without a new approval; then the change is validated and reviewed.
import type { Resource } from '../engine/resource.js';
import type { Process, ProcessBody, Waitable, Yieldable } from '../engine/simulation.js';
import type { ChangeInFlight } from './change.js';
import { fixFailedChange, validateAndAccept } from './common-steps.js';
import type { EmergencyTally } from './records.js';
import { addRunCosts } from './stage-times.js';

/** Queue priority of an emergency deployment at application support: ahead of every other job (they wait at 0). */
export const EMERGENCY_PRIORITY = -1;

export function* emergencyPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const draws = feature.emergency!;
  const team = org.delivery[feature.team]!;
  const teamRate = rates.deliveryByTeam[feature.team]!;

  // 1. Raise: the delivery team writes a short emergency request (no change documentation, no assessment).
  ch.enter('request');
  yield team.request();
  yield ch.work(team, draws.raise, 'Raise emergency change', teamRate, 'changeDocumentation');
  team.release();
  rec.raisedAt = ctx.sim.now;
  rec.runCost.licences += scenario.costs.licencePerChange;

  // 2. Emergency CAB: the on-call approver approves within the drawn (calendar) time, at any hour;
  //    no meeting, no cutoff. Their effort is a cost, not time on the change's path.
  ch.enter('cab');
  yield draws.approval;
  rec.runCost.cab += scenario.teams.changeManagement.emergencyCab.approvalEffort * rates.changeManagement;
  ctx.logEvent(ch, 'Emergency CAB approves change', rec.raisedAt, ctx.sim.now, 'emergency-cab');
  rec.approvedAt = ctx.sim.now;
  rec.scheduledAt = ctx.sim.now;

  // 3. Deploy at once; a failure is rolled back at once, the delivery team fixes it, and it is
  //    deployed again at once (the emergency approval covers the fix).
  for (let attempt = 0; ; attempt++) {
    const ok = (yield* deployAtOnce(ch, attempt === 0)) as boolean;
    if (ok) break;
    yield* fixFailedChange(ch, attempt > 0);
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  // 4. Validate: the delivery team smoke-tests; application support accepts the live change.
  yield* validateAndAccept(ch);

  // 5. Post-implementation review: the delivery team, then change management, each on its own
  //    hours. After validation and in no stage: a cost and events, not part of any lead time.
  ch.leaveStages();
  yield team.request();
  yield ch.work(team, draws.reviewDelivery, 'Post-implementation review', teamRate, 'validation');
  team.release();
  yield org.changeManagement.request();
  yield ch.work(org.changeManagement, draws.reviewChangeManagement, 'Post-implementation review', rates.changeManagement, 'assessment');
  org.changeManagement.release();
  ch.reviewCost += draws.reviewDelivery * teamRate + draws.reviewChangeManagement * rates.changeManagement;
  ch.finish();
}

/**
 * Waits for a person of application support, ahead of everything in their queue, until their
 * office hours end at `closeAt`; resumes with true when one is free first (and held), false when
 * their hours end first. A person handed over after that (or at the very end of their hours) is
 * passed straight on to the next in the queue, so giving up leaves no one held.
 */
function personBeforeClose(ch: ChangeInFlight, closeAt: number): Waitable {
  const { sim, org } = ch.ctx;
  const res = org.applicationSupport;
  return {
    wait(process: Process): void {
      let decided = false;
      res.acquire(`change-${ch.rec.id} (emergency)`, () => {
        if (decided || !org.applicationSupportCalendar.isOpen(sim.now)) {
          if (!decided) {
            decided = true;
            process.resume(false);
          }
          res.release();
          return;
        }
        decided = true;
        process.resume(true);
      }, EMERGENCY_PRIORITY);
      // Hours that never close (open around the clock): wait for a person as long as it takes.
      if (decided || closeAt === Infinity) return;
      sim.at(closeAt, () => {
        if (decided) return;
        decided = true;
        process.resume(false);
      });
    },
  };
}

/**
 * Who deploys an emergency change now: in application support's office hours the next of them to
 * come free (it queues ahead of all their other work); out of office hours — or when their hours
 * end before anyone came free — the on-call engineer. Holds that person and says whether it is
 * out of hours.
 */
function* takeDeployer(ch: ChangeInFlight): Generator<Yieldable, { res: Resource; outOfHours: boolean }, unknown> {
  const { ctx } = ch;
  const office = ctx.org.applicationSupportCalendar;
  ch.enter('deploymentQueue');
  const now = ctx.sim.now;
  if (office.isOpen(now) && ((yield personBeforeClose(ch, office.nextClose(now))) as boolean)) {
    return { res: ctx.org.applicationSupport, outOfHours: false };
  }
  yield ctx.org.applicationSupportOnCall.request();
  return { res: ctx.org.applicationSupportOnCall, outOfHours: true };
}

/**
 * One emergency deployment attempt, straight through from the moment a person is free (no window,
 * no freeze check); returns whether it succeeded. Out of hours it is paid at the out-of-hours
 * premium; a rollback follows at once at the rollback premium on top.
 */
function* deployAtOnce(ch: ChangeInFlight, first: boolean): Generator<Yieldable, boolean, unknown> {
  const { ctx, feature, rec } = ch;
  const support = ctx.scenario.teams.applicationSupport;
  const effort = ch.effort('deployment', !first);
  const fails = feature.script
    ? rec.failedDeployments < feature.script.failures
    : (first ? feature.emergency!.uFail : ctx.repeatUniform('outcome/emergency')) < feature.cls.spec.emergencyFailureRate;
  const { res, outOfHours } = yield* takeDeployer(ch);
  const rate = ctx.rates.applicationSupport * (outOfHours ? support.outOfHoursPremium : 1);
  ch.enter('deployment');
  rec.deployStartAt = ctx.sim.now;
  rec.outOfHours = outOfHours;
  if (outOfHours) ch.outOfHoursAttempts++;
  ctx.deploymentStarted(ch, rec.deployStartAt);
  // The one exception to the freeze rule: counted when it begins in a freeze or a no-deploy period.
  if (!ctx.org.noFreeze.isOpen(rec.deployStartAt)) ch.deploymentsInFreeze++;
  yield ch.workThrough(res, effort, outOfHours ? 'Deploy emergency change out of hours' : 'Deploy emergency change', rate, 'deployment');
  if (fails) {
    rec.failedDeployments++;
    ch.enter('recovery');
    const restore = ch.workThrough(res, ch.effort('rollback', !first), 'Roll back failed deployment', rate * support.rollbackPremium, 'rollback');
    ctx.restoring(ch, restore);
    yield restore;
  }
  res.release();
  return !fails;
}

/**
 * The emergency figures of a replication (counted changes only): its emergency changes, their
 * deployment attempts, failures, attempts begun in a freeze or no-deploy period, out-of-hours
 * attempts, run cost and review cost; and, to see how they delay the rest, the application-support
 * queue wait (stage deploymentQueue) of the counted normal-path changes that went live.
 */
export function emergencyTally(inFlight: readonly ChangeInFlight[]): EmergencyTally {
  const t: EmergencyTally = {
    changes: 0, completed: 0, deploymentAttempts: 0, failedDeployments: 0, deploymentsInFreeze: 0,
    outOfHoursDeployments: 0, runCost: 0, reviewCost: 0, normalCompleted: 0, normalDeploymentQueueWait: 0,
  };
  for (const ch of inFlight) {
    const c = ch.rec;
    if (c.warmup) continue;
    const live = Number.isFinite(c.liveAt);
    if (c.path === 'normal' && live) {
      t.normalCompleted++;
      t.normalDeploymentQueueWait += c.wait.deploymentQueue;
    }
    if (c.path !== 'emergency') continue;
    const attempts = c.failedDeployments + (live ? 1 : 0);
    t.changes++;
    if (live) t.completed++;
    t.deploymentAttempts += attempts;
    t.failedDeployments += c.failedDeployments;
    t.deploymentsInFreeze += ch.deploymentsInFreeze;
    t.outOfHoursDeployments += ch.outOfHoursAttempts;
    t.runCost = addRunCosts(t.runCost, c.runCost);
    t.reviewCost += ch.reviewCost;
  }
  return t;
}
