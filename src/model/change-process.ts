// The life of one change, as a process that reads like the seed's five steps: request, review
// (assessment and CAB), schedule (handover), deploy (office hours or an out-of-hours window,
// never in a freeze; rollback and fix on failure), validate. And the pre-approved path: a
// standard change deployed by its delivery team through the pipeline.
import type { MeetingRecord } from '../engine/meeting.js';
import type { Resource } from '../engine/resource.js';
import type { ProcessBody, Yieldable } from '../engine/simulation.js';
import type { Calendar } from '../engine/calendar.js';
import { STAGES, type ChangeRecord, type RunCostItem, type Stage } from './records.js';
import type { EffortStep, Feature } from './features.js';
import type { ReplicationContext } from './context.js';
import { zeroStages } from './stage-times.js';

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
    this.inStage = zeroStages();
  }

  enter(stage: Stage): void {
    this.#closeStage();
    this.stage = stage;
    this.stageStart = this.ctx.sim.now;
    this.ctx.wipMove(stage, 1);
  }

  /** Closes the last stage and turns time in stage into waits. */
  finish(): void {
    this.#closeStage();
    this.settle();
    this.ctx.changeFinished(this);
  }

  #closeStage(): void {
    if (this.stage === null) return;
    this.inStage[this.stage] += this.ctx.sim.now - this.stageStart;
    this.ctx.wipMove(this.stage, -1);
    this.stage = null;
  }

  /** Waits so far: time in each stage less its active work (used at the end of the run too). */
  settle(): void {
    const now = this.ctx.sim.now;
    for (const stage of STAGES) {
      const open = stage === this.stage ? now - this.stageStart : 0;
      this.rec.wait[stage] = Math.max(0, this.inStage[stage] + open - this.rec.active[stage]);
    }
  }

  /**
   * Books `effort` minutes of work on `res` (already held, on its own calendar) from now: active
   * time in the current stage, its cost on a run-cost item, and the event-log row. Returns the
   * calendar delay to yield. (A plain method, not a sub-generator: work on a calendar ends at a time known now.)
   */
  work(res: Resource, effort: number, activity: string, ratePerMinute: number, item: RunCostItem): number {
    const delay = res.workTime(effort);
    this.rec.active[this.stage!] += effort;
    this.rec.runCost[item] += effort * ratePerMinute;
    if (this.ctx.events !== null) this.ctx.logEvent(this, activity, res.workStart(), this.ctx.sim.now + delay, res.name);
    return delay;
  }

  /** Minutes until `calendar` opens (0 if open now). */
  untilOpen(calendar: Calendar): number {
    const now = this.ctx.sim.now;
    return calendar.nextOpen(now) - now;
  }

  /** An effort for a step: the feature's first-pass draw, or a fresh draw for a repeat. */
  effort(step: EffortStep, repeat: boolean): number {
    return repeat ? this.ctx.repeatEffort(this.feature, step) : this.feature.efforts[step];
  }
}

/**
 * Waits for any freeze to end (stage `window`), then queues for `res` (stage `deploymentQueue`)
 * and holds it; if a freeze began while it queued, it lets go and waits again.
 */
function* queueOutsideFreeze(ch: ChangeInFlight, res: Resource): ProcessBody {
  const noFreeze = ch.ctx.org.noFreeze;
  for (;;) {
    ch.enter('window');
    const wait = ch.untilOpen(noFreeze);
    if (wait > 0) yield wait;
    ch.enter('deploymentQueue');
    yield res.request();
    if (noFreeze.isOpen(ch.ctx.sim.now)) return;
    res.release();
  }
}

export function* normalPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const cls = feature.cls.spec;
  const team = org.delivery[feature.team]!;
  let raises = 0;
  let deployments = 0;

  raise: for (;;) {
    // 1. Request: the delivery team writes the change documentation and raises the ticket.
    ch.enter('request');
    yield team.request();
    yield ch.work(team, ch.effort('changeDocumentation', raises > 0), 'Write change documentation', rates.delivery, 'changeDocumentation');
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
      yield ch.work(team, ch.effort('rework', reviews > 1 || raises > 1), 'Rework change', rates.delivery, 'rework');
      team.release();
    }
    rec.approvedAt = ctx.sim.now;

    // 3. Schedule: the delivery team writes handover documentation for application support.
    ch.enter('handover');
    yield team.request();
    yield ch.work(team, ch.effort('handover', raises > 1), 'Write handover documentation', rates.delivery, 'handover');
    team.release();
    rec.scheduledAt = ctx.sim.now;

    // 4. Deploy: application support, in office hours or the next out-of-hours window.
    for (;;) {
      const ok = (yield* deploy(ch, deployments === 0)) as boolean;
      deployments++;
      if (ok) break raise;
      ch.enter('recovery');
      yield team.request();
      yield ch.work(team, ch.effort('fix', deployments > 1), 'Fix failed change', rates.delivery, 'fix');
      team.release();
      if (scenario.teams.applicationSupport.onFailure === 'reraise') continue raise;
    }
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  // 5. Validate: the delivery team smoke-tests; application support accepts the live change.
  ch.enter('validation');
  yield team.request();
  yield ch.work(team, feature.efforts.validation, 'Validate live change', rates.delivery, 'validation');
  team.release();
  yield org.applicationSupport.request();
  yield ch.work(org.applicationSupport, feature.efforts.acceptance, 'Accept into service', rates.applicationSupport, 'validation');
  org.applicationSupport.release();
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
  let premium = 1;
  if (feature.downtime) {
    // Needs downtime: an out-of-hours window (closed during freezes), at a premium.
    res = org.outOfHours;
    premium = support.outOfHoursPremium;
    ch.enter('window');
    yield res.request();
    const wait = ch.untilOpen(org.windowCalendar);
    if (wait > 0) yield wait;
  } else {
    res = org.applicationSupport;
    yield* queueOutsideFreeze(ch, res);
  }
  ch.enter('deployment');
  rec.deployStartAt = ctx.sim.now;
  rec.outOfHours = feature.downtime;
  yield ch.work(res, effort, feature.downtime ? 'Deploy out of hours' : 'Deploy', rates.applicationSupport * premium, 'deployment');
  if (fails) {
    rec.failedDeployments++;
    ch.enter('recovery');
    const rollback = ch.effort('rollback', !first);
    yield ch.work(res, rollback, 'Roll back failed deployment', rates.applicationSupport * premium * support.rollbackPremium, 'rollback');
  }
  res.release();
  return !fails;
}

export function* preApprovedPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const team = org.delivery[feature.team]!;
  const pa = feature.cls.spec.preApproved;

  // Raised automatically as a standard change: no documentation, no assessment, no CAB.
  rec.raisedAt = ctx.sim.now;
  rec.runCost.licences += scenario.costs.licencePerChange;
  rec.scheduledAt = ctx.sim.now;
  for (let attempt = 0; ; attempt++) {
    yield* queueOutsideFreeze(ch, team);
    ch.enter('deployment');
    rec.deployStartAt = ctx.sim.now;
    const effort = attempt === 0 ? feature.pipelineDeployment : ctx.repeatPipeline(feature, 'deployment');
    yield ch.work(team, effort, 'Deploy through pipeline', rates.delivery, 'deployment');
    const fails = feature.script
      ? rec.failedDeployments < feature.script.failures
      : (attempt === 0 ? feature.uPipelineFail : ctx.repeatUniform('outcome/pipeline')) < pa.failureRate;
    if (!fails) {
      team.release();
      break;
    }
    rec.failedDeployments++;
    ch.enter('recovery');
    yield ch.work(team, attempt === 0 ? feature.pipelineRollback : ctx.repeatPipeline(feature, 'rollback'), 'Automated rollback', rates.delivery, 'rollback');
    yield ch.work(team, ch.effort('fix', attempt > 0), 'Fix failed change', rates.delivery, 'fix');
    team.release();
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  ch.enter('validation');
  yield team.request();
  yield ch.work(team, feature.efforts.validation, 'Validate live change', rates.delivery, 'validation');
  team.release();
  rec.validatedAt = ctx.sim.now;
  ch.finish();
}
