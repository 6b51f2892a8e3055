// The life of one change, as a process that reads like the seed's five steps: request, review
// (assessment and CAB), schedule (handover), deploy (office hours or an out-of-hours window,
// never in a freeze; rollback and fix on failure), validate. And the pre-approved path: a
// standard change deployed by its delivery team through the pipeline.
import type { MeetingRecord } from '../engine/meeting.js';
import type { Resource } from '../engine/resource.js';
import type { ProcessBody, Yieldable } from '../engine/simulation.js';
import type { Calendar } from '../engine/calendar.js';
import type { ChangeRecord, RunCostItem, Stage } from './records.js';
import type { EffortStep, Feature } from './features.js';
import type { ReplicationContext } from './context.js';

/** One change in flight: its record, its current stage, and the bookkeeping of stage times. */
export class ChangeInFlight {
  stage: Stage | null = null;
  stageStart = 0;
  /** Calendar time spent per stage, so that wait = time in stage − active effort. */
  readonly inStage: Record<Stage, number>;
  constructor(
    readonly ctx: ReplicationContext,
    readonly feature: Feature,
    readonly rec: ChangeRecord,
  ) {
    this.inStage = { ...rec.wait };
  }

  enter(stage: Stage): void {
    const now = this.ctx.sim.now;
    if (this.stage !== null) {
      this.inStage[this.stage] += now - this.stageStart;
      this.ctx.wipMove(this.stage, -1);
    }
    this.stage = stage;
    this.stageStart = now;
    this.ctx.wipMove(stage, 1);
  }

  /** Closes the last stage and turns time in stage into waits. */
  finish(): void {
    const now = this.ctx.sim.now;
    if (this.stage !== null) {
      this.inStage[this.stage] += now - this.stageStart;
      this.ctx.wipMove(this.stage, -1);
      this.stage = null;
    }
    this.settle();
    this.ctx.changeFinished(this);
  }

  /** Waits so far: time in each stage less its active work (used at the end of the run too). */
  settle(): void {
    const now = this.ctx.sim.now;
    for (const s in this.inStage) {
      const stage = s as Stage;
      const open = stage === this.stage ? now - this.stageStart : 0;
      this.rec.wait[stage] = Math.max(0, this.inStage[stage] + open - this.rec.active[stage]);
    }
  }

  /** An effort for a step: the feature's first-pass draw, or a fresh draw for a repeat. */
  effort(step: EffortStep, repeat: boolean): number {
    return repeat ? this.ctx.repeatEffort(this.feature, step) : this.feature.efforts[step];
  }
}

/**
 * Work `effort` minutes on `res` (already held), charging `ratePerMinute` to a run-cost item and
 * logging the activity. Active time counts toward the current stage.
 */
function* work(
  ch: ChangeInFlight,
  res: Resource,
  calendar: Calendar,
  effort: number,
  activity: string,
  ratePerMinute: number,
  item: RunCostItem,
): ProcessBody {
  const sim = ch.ctx.sim;
  const start = calendar.nextOpen(sim.now);
  yield res.workTime(effort);
  ch.rec.active[ch.stage!] += effort;
  ch.rec.runCost[item] += effort * ratePerMinute;
  ch.ctx.logEvent(ch, activity, start, sim.now, res.name);
}

/** Holds a resource for one piece of work: queue (in the current stage), work, release. */
function* task(
  ch: ChangeInFlight,
  res: Resource,
  calendar: Calendar,
  effort: number,
  activity: string,
  ratePerMinute: number,
  item: RunCostItem,
): ProcessBody {
  yield res.request();
  yield* work(ch, res, calendar, effort, activity, ratePerMinute, item);
  res.release();
}

/** Waits (in the current stage) until `calendar` is open. */
function* waitOpen(ch: ChangeInFlight, calendar: Calendar): ProcessBody {
  const now = ch.ctx.sim.now;
  const open = calendar.nextOpen(now);
  if (open > now) yield open - now;
}

export function* normalPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const cls = feature.cls.spec;
  const team = org.delivery[feature.team]!;
  const teamCal = org.deliveryCalendar;
  let raises = 0;
  let deployments = 0;

  raise: for (;;) {
    // 1. Request: the delivery team writes the change documentation and raises the ticket.
    ch.enter('request');
    yield* task(ch, team, teamCal, ch.effort('changeDocumentation', raises > 0), 'Write change documentation', rates.delivery, 'changeDocumentation');
    if (raises === 0) rec.raisedAt = ctx.sim.now;
    raises++;
    rec.runCost.licences += scenario.costs.licencePerChange;

    // 2. Review: change management assesses it; the CAB decides it at the next meeting it made.
    let reviews = 0;
    for (;;) {
      ch.enter('assessment');
      yield* task(ch, org.changeManagement, org.changeManagementCalendar, ch.effort('assessment', raises > 1 || reviews > 0), 'Assess change', rates.changeManagement, 'assessment');
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
      yield* task(ch, team, teamCal, ch.effort('rework', reviews > 1 || raises > 1), 'Rework change', rates.delivery, 'rework');
    }
    rec.approvedAt = ctx.sim.now;

    // 3. Schedule: the delivery team writes handover documentation for application support.
    ch.enter('handover');
    yield* task(ch, team, teamCal, ch.effort('handover', raises > 1), 'Write handover documentation', rates.delivery, 'handover');
    rec.scheduledAt = ctx.sim.now;

    // 4. Deploy: application support, in office hours or the next out-of-hours window.
    for (;;) {
      const ok = (yield* deploy(ch, deployments === 0)) as boolean;
      deployments++;
      if (ok) break raise;
      ch.enter('recovery');
      yield* task(ch, team, teamCal, ch.effort('fix', deployments > 1), 'Fix failed change', rates.delivery, 'fix');
      if (scenario.teams.applicationSupport.onFailure === 'reraise') continue raise;
    }
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  // 5. Validate: the delivery team smoke-tests; application support accepts the live change.
  ch.enter('validation');
  yield* task(ch, team, teamCal, feature.efforts.validation, 'Validate live change', rates.delivery, 'validation');
  yield* task(ch, org.applicationSupport, org.applicationSupportCalendar, feature.efforts.acceptance, 'Accept into service', rates.applicationSupport, 'validation');
  rec.validatedAt = ctx.sim.now;
  ch.finish();
}

/** One deployment attempt by application support; returns whether it succeeded. */
function* deploy(ch: ChangeInFlight, first: boolean): Generator<Yieldable, boolean, unknown> {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const support = scenario.teams.applicationSupport;
  const effort = ch.effort('deployment', !first);
  const fails = feature.script
    ? rec.failedDeployments < feature.script.failures
    : (first ? feature.uFail : ctx.repeatUniform('outcome/deployment')) < feature.cls.spec.failureRate;
  let res: Resource;
  let calendar: Calendar;
  let premium = 1;
  if (feature.downtime) {
    // Needs downtime: an out-of-hours window (closed during freezes), at a premium.
    res = org.outOfHours;
    calendar = org.windowCalendar;
    premium = support.outOfHoursPremium;
    ch.enter('window');
    yield res.request();
    yield* waitOpen(ch, calendar);
  } else {
    res = org.applicationSupport;
    calendar = org.applicationSupportCalendar;
    for (;;) {
      ch.enter('window'); // a freeze: nothing is deployed until it ends
      yield* waitOpen(ch, org.noFreeze);
      ch.enter('deploymentQueue');
      yield res.request();
      if (org.noFreeze.isOpen(ctx.sim.now)) break;
      res.release(); // a freeze began while it queued
    }
  }
  ch.enter('deployment');
  rec.deployStartAt = ctx.sim.now;
  rec.outOfHours = feature.downtime;
  ctx.deploymentAttempt(ch, feature.downtime);
  yield* work(ch, res, calendar, effort, feature.downtime ? 'Deploy out of hours' : 'Deploy', rates.applicationSupport * premium, 'deployment');
  if (fails) {
    rec.failedDeployments++;
    ch.enter('recovery');
    const rollback = ch.effort('rollback', !first);
    yield* work(ch, res, calendar, rollback, 'Roll back failed deployment', rates.applicationSupport * premium * support.rollbackPremium, 'rollback');
  }
  res.release();
  return !fails;
}

export function* preApprovedPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const team = org.delivery[feature.team]!;
  const teamCal = org.deliveryCalendar;
  const pa = feature.cls.spec.preApproved;

  // Raised automatically as a standard change: no documentation, no assessment, no CAB.
  rec.raisedAt = ctx.sim.now;
  rec.runCost.licences += scenario.costs.licencePerChange;
  rec.scheduledAt = ctx.sim.now;
  for (let attempt = 0; ; attempt++) {
    for (;;) {
      ch.enter('window');
      yield* waitOpen(ch, org.noFreeze);
      ch.enter('deploymentQueue');
      yield team.request();
      if (org.noFreeze.isOpen(ctx.sim.now)) break;
      team.release();
    }
    ch.enter('deployment');
    rec.deployStartAt = ctx.sim.now;
    ctx.deploymentAttempt(ch, false);
    const effort = attempt === 0 ? feature.pipelineDeployment : ctx.repeatPipeline(feature, 'deployment');
    yield* work(ch, team, teamCal, effort, 'Deploy through pipeline', rates.delivery, 'deployment');
    const fails = feature.script
      ? rec.failedDeployments < feature.script.failures
      : (attempt === 0 ? feature.uPipelineFail : ctx.repeatUniform('outcome/pipeline')) < pa.failureRate;
    if (!fails) {
      team.release();
      break;
    }
    rec.failedDeployments++;
    ch.enter('recovery');
    yield* work(ch, team, teamCal, attempt === 0 ? feature.pipelineRollback : ctx.repeatPipeline(feature, 'rollback'), 'Automated rollback', rates.delivery, 'rollback');
    yield* work(ch, team, teamCal, ch.effort('fix', attempt > 0), 'Fix failed change', rates.delivery, 'fix');
    team.release();
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  ch.enter('validation');
  yield* task(ch, team, teamCal, feature.efforts.validation, 'Validate live change', rates.delivery, 'validation');
  rec.validatedAt = ctx.sim.now;
  ch.finish();
}
