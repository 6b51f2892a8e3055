// The emergency path: an urgent fix skips the normal CAB. The delivery team raises a short
// request; the emergency CAB's on-call approver approves it within a drawn time, at any hour;
// application support deploys it at once — the next person to come free in their office hours,
// else the on-call engineer at the out-of-hours premium — even in a freeze or a no-deploy period
// (the one exception to the freeze rule, counted); a failure is rolled back at once, fixed and
// deployed again without a new approval; then the change is validated and reviewed.
import type { Resource } from '../engine/resource.js';
import type { ProcessBody, Yieldable } from '../engine/simulation.js';
import type { ChangeInFlight } from './change-process.js';

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
    ch.enter('recovery');
    yield team.request();
    yield ch.work(team, ch.effort('fix', attempt > 0), 'Fix failed change', teamRate, 'fix');
    team.release();
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  // 4. Validate: the delivery team smoke-tests; application support accepts the live change.
  ch.enter('validation');
  yield team.request();
  yield ch.work(team, feature.efforts.validation, 'Validate live change', teamRate, 'validation');
  team.release();
  yield org.applicationSupport.request();
  yield ch.work(org.applicationSupport, feature.efforts.acceptance, 'Accept into service', rates.applicationSupport, 'validation');
  org.applicationSupport.release();
  rec.validatedAt = ctx.sim.now;

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
 * Who deploys an emergency change now: in application support's office hours the next of them to
 * come free (it queues ahead of all their other work); out of office hours — or when their hours
 * end before anyone came free — the on-call engineer. Holds that person and says whether it is
 * out of hours.
 */
function* takeDeployer(ch: ChangeInFlight): Generator<Yieldable, { res: Resource; outOfHours: boolean }, unknown> {
  const { ctx } = ch;
  const office = ctx.org.applicationSupportCalendar;
  for (;;) {
    ch.enter('deploymentQueue');
    const inHours = office.isOpen(ctx.sim.now);
    const res = inHours ? ctx.org.applicationSupport : ctx.org.applicationSupportOnCall;
    yield res.request(inHours ? EMERGENCY_PRIORITY : 0);
    if (!inHours) return { res, outOfHours: true };
    if (office.isOpen(ctx.sim.now)) return { res, outOfHours: false };
    res.release();
  }
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
