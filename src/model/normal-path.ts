// The normal path: the life of one change as a process that reads like the seed's five steps:
// request, review (assessment and CAB), schedule (handover), deploy (office hours or an
// out-of-hours window, never in a freeze; rollback and fix on failure), validate.
import type { MeetingRecord } from '../engine/meeting.js';
import type { ProcessBody, Yieldable } from '../engine/simulation.js';
import type { ChangeInFlight } from './change.js';
import { fixFailedChange, validateAndAccept } from './common-steps.js';
import { queueForWindow, queueOutsideFreeze } from './deployment-queue.js';
import { introduceService } from './service-introduction.js';

export function* normalPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const cls = feature.cls.spec;
  const team = org.delivery[feature.team]!;
  const teamRate = rates.deliveryByTeam[feature.team]!;
  let raises = 0;
  let deployments = 0;
  let introduced = false;

  raise: for (;;) {
    // 1. Request: the delivery team writes the change documentation and raises the ticket.
    ch.enter('request');
    yield team.request();
    yield ch.work(team, ch.effort('changeDocumentation', raises > 0), 'Write change documentation', teamRate, 'changeDocumentation');
    team.release();
    if (raises === 0) rec.raisedAt = ctx.sim.now;
    raises++;
    rec.runCost.licences += scenario.costs.licencePerChange;

    // 2. Review: change management assesses it; the CAB decides it at the next meeting it made.
    let reviews = 0;
    for (;;) {
      ch.enter('assessment');
      yield org.changeManagement.request();
      yield ch.work(org.changeManagement, ch.effort('assessment', raises > 1 || reviews > 0), 'Assess change', rates.changeManagement, 'assessment');
      org.changeManagement.release();
      ch.enter('cab');
      const meeting = (yield org.cab.attend()) as MeetingRecord;
      yield scenario.teams.changeManagement.cab.duration;
      rec.cabMeetings++;
      const rejected = feature.script
        ? rec.rejections < feature.script.rejections
        : (raises === 1 && reviews === 0 ? feature.uReject : ctx.repeatUniform('outcome/cab')) < cls.rejectionRate;
      ctx.cabDecision(meeting.index, ch, rejected);
      ctx.logEvent(ch, rejected ? 'CAB rejects change' : 'CAB approves change', meeting.time, ctx.sim.now, 'cab');
      reviews++;
      if (!rejected) break;
      rec.rejections++;
      ch.enter('rework');
      yield team.request();
      yield ch.work(team, ch.effort('rework', reviews > 1 || raises > 1), 'Rework change', teamRate, 'rework');
      team.release();
    }
    rec.approvedAt = ctx.sim.now;

    // Service introduction: a launch waits for its operational readiness assessment (once).
    if (feature.launch === true && !introduced) {
      yield* introduceService(ch);
      introduced = true;
    }

    // 3. Schedule: the delivery team writes handover documentation for application support.
    ch.enter('handover');
    yield team.request();
    yield ch.work(team, ch.effort('handover', raises > 1), 'Write handover documentation', teamRate, 'handover');
    team.release();
    rec.scheduledAt = ctx.sim.now;

    // 4. Deploy: application support, in office hours or the next out-of-hours window.
    for (;;) {
      const ok = (yield* deploy(ch, deployments === 0)) as boolean;
      deployments++;
      if (ok) break raise;
      yield* fixFailedChange(ch, deployments > 1);
      if (scenario.teams.applicationSupport.onFailure === 'reraise') continue raise;
    }
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  // 5. Validate: the delivery team smoke-tests; application support accepts the live change.
  yield* validateAndAccept(ch);
  ch.finish();
}

/** One deployment attempt by application support; returns whether it succeeded. */
function* deploy(ch: ChangeInFlight, first: boolean): Generator<Yieldable, boolean, unknown> {
  const { feature, rec } = ch;
  const effort = ch.effort('deployment', !first);
  const fails = feature.script
    ? rec.failedDeployments < feature.script.failures
    : (first ? feature.uFail : ch.ctx.repeatUniform('outcome/deployment')) < feature.cls.spec.failureRate;
  if (feature.downtime) yield* deployOutOfHours(ch, effort, fails, first);
  else yield* deployInOfficeHours(ch, effort, fails, first);
  return !fails;
}

/** A deployment without downtime: application support's queue, in their office hours, outside freezes. */
function* deployInOfficeHours(ch: ChangeInFlight, effort: number, fails: boolean, first: boolean): ProcessBody {
  const { ctx, rec } = ch;
  const res = ctx.org.applicationSupport;
  const rate = ctx.rates.applicationSupport;
  yield* queueOutsideFreeze(ch, res, ctx.org.applicationSupportCalendar);
  ch.enter('deployment');
  rec.deployStartAt = res.workStart();
  ctx.deploymentStarted(ch, rec.deployStartAt);
  rec.outOfHours = false;
  yield ch.work(res, effort, 'Deploy', rate, 'deployment');
  if (fails) {
    rec.failedDeployments++;
    ch.enter('recovery');
    const rollback = ch.effort('rollback', !first);
    // Found when the deployment work ends; restored when the rollback is done (in their hours).
    const restore = ch.work(res, rollback, 'Roll back failed deployment', rate * ctx.scenario.teams.applicationSupport.rollbackPremium, 'rollback');
    ctx.restoring(ch, restore);
    yield restore;
  }
  res.release();
}

/**
 * A deployment that needs downtime: started in an out-of-hours window with room for its planned
 * effort (see queueForWindow), at the out-of-hours premium, and worked straight through: the
 * system is down until it is done. A rollback follows at once, also straight through. Work that
 * runs past the window's end is overtime, paid at the same premium, and the attempt is counted.
 */
function* deployOutOfHours(ch: ChangeInFlight, effort: number, fails: boolean, first: boolean): ProcessBody {
  const { ctx, rec } = ch;
  const support = ctx.scenario.teams.applicationSupport;
  const res = ctx.org.outOfHours;
  const rate = ctx.rates.applicationSupport * support.outOfHoursPremium;
  const windowEnd = yield* queueForWindow(ch, res, ctx.org.windowCalendar, effort, true);
  ch.enter('deployment');
  rec.deployStartAt = ctx.sim.now;
  ctx.deploymentStarted(ch, rec.deployStartAt);
  rec.outOfHours = true;
  const started = ctx.sim.now;
  yield ch.workThrough(res, effort, 'Deploy out of hours', rate, 'deployment');
  ch.overtime(started, windowEnd, rate);
  if (fails) {
    rec.failedDeployments++;
    ch.enter('recovery');
    const rollback = ch.effort('rollback', !first);
    // Rolled back at once and straight through: restored when the rollback effort is done.
    const found = ctx.sim.now;
    const restore = ch.workThrough(res, rollback, 'Roll back failed deployment', rate * support.rollbackPremium, 'rollback');
    ctx.restoring(ch, restore);
    yield restore;
    ch.overtime(found, windowEnd, rate * support.rollbackPremium);
  }
  if (ctx.sim.now > windowEnd) rec.overtimeDeployments++;
  res.release();
}
