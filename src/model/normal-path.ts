// The life of one change, as a process that reads like the seed's five steps: request, review
// (assessment and CAB), schedule (handover), deploy (office hours or an out-of-hours window,
// never in a freeze; rollback and fix on failure), validate. And the pre-approved path: a
// standard change deployed by its delivery team through the pipeline.
import type { MeetingRecord } from '../engine/meeting.js';
import type { Resource } from '../engine/resource.js';
import type { ProcessBody, Yieldable } from '../engine/simulation.js';
import type { Calendar } from '../engine/calendar.js';
import { STAGES, type ChangeRecord, type RunCostItem, type Stage } from './records.js';
import { firstEffort, type EffortStep, type Feature } from './features.js';
import type { ReplicationContext } from './context.js';
import { addToCost, addToStage, readStages, stageIndex, writeStages } from './stage-times.js';
import { introduceService, nextSlot } from './service-introduction.js';

/** Scratch space for settle(): a change's active minutes per stage (index as STAGES). */
const activeScratch = new Float64Array(STAGES.length);

/** One change in flight: its record, its current stage, and the bookkeeping of stage times. */
export class ChangeInFlight {
  /** The current stage's index in STAGES, -1 in none. */
  #stage = -1;
  stageStart = 0;
  /** When a deployment was to begin before it was bumped at short notice (NaN: not bumped). */
  bumpedFrom = NaN;
  /** Emergency path: deployment attempts begun inside a freeze or a weekly no-deploy period. */
  deploymentsInFreeze = 0;
  /** Emergency path: deployment attempts made by the on-call engineer out of office hours. */
  outOfHoursAttempts = 0;
  /** Emergency path: the cost of its post-implementation review (also in its run cost). */
  reviewCost = 0;
  /**
   * Calendar time spent per stage (index as STAGES), so that wait = time in stage − active effort:
   * a literal array of -0 is one block of unboxed doubles (an object would box each field).
   */
  readonly #inStage: number[] = [-0, -0, -0, -0, -0, -0, -0, -0, -0, -0, -0];
  constructor(
    readonly ctx: ReplicationContext,
    readonly feature: Feature,
    readonly rec: ChangeRecord,
  ) {}

  /** The stage the change is in now (null: none). */
  get stage(): Stage | null {
    return this.#stage < 0 ? null : STAGES[this.#stage]!;
  }

  enter(stage: Stage): void {
    this.#closeStage();
    const i = stageIndex(stage);
    this.#stage = i;
    this.stageStart = this.ctx.sim.now;
    this.ctx.wip[i]! += 1;
  }

  /** Closes the last stage and turns time in stage into waits. */
  finish(): void {
    this.#closeStage();
    this.settle();
    this.ctx.changeFinished(this);
  }

  #closeStage(): void {
    const i = this.#stage;
    if (i < 0) return;
    this.#inStage[i]! += this.ctx.sim.now - this.stageStart;
    this.ctx.wip[i]! -= 1;
    this.#stage = -1;
  }

  /** Waits so far: time in each stage less its active work (used at the end of the run too). */
  settle(): void {
    const now = this.ctx.sim.now;
    const inStage = this.#inStage;
    const waits = activeScratch; // active minutes, turned into waits
    readStages(this.rec.active, waits);
    for (let i = 0; i < waits.length; i++) {
      const open = i === this.#stage ? now - this.stageStart : 0;
      waits[i] = Math.max(0, inStage[i]! + open - waits[i]!);
    }
    writeStages(this.rec.wait, waits);
  }

  /**
   * Books `effort` minutes of work on `res` (already held, on its own calendar) from now: active
   * time in the current stage, its cost on a run-cost item, and the event-log row. The work begins
   * at the performer's next working minute (res.workStart()), even when the effort is 0. Returns
   * the calendar delay to yield. (A plain method, not a sub-generator: work on a calendar ends at a
   * time known now.)
   */
  work(res: Resource, effort: number, activity: string, ratePerMinute: number, item: RunCostItem): number {
    const now = this.ctx.sim.now;
    let end = now + res.workTime(effort);
    if (effort === 0) end = res.workStart();
    this.#book(effort, ratePerMinute, item);
    if (this.ctx.events !== null) this.ctx.logEvent(this, activity, effort === 0 ? end : res.workStart(), end, res.name);
    return end - now;
  }

  /** Like work(), but straight through from now, without pausing when the calendar closes (overtime). */
  workThrough(res: Resource, effort: number, activity: string, ratePerMinute: number, item: RunCostItem): number {
    const delay = res.workThrough(effort);
    this.#book(effort, ratePerMinute, item);
    if (this.ctx.events !== null) this.ctx.logEvent(this, activity, this.ctx.sim.now, this.ctx.sim.now + delay, res.name);
    return delay;
  }

  /**
   * Closes the current stage without finishing the change: work booked after it (the emergency
   * path's review, after validation) counts as a run cost and in the event log, in no stage.
   */
  leaveStages(): void {
    this.#closeStage();
  }

  #book(effort: number, ratePerMinute: number, item: RunCostItem): void {
    if (this.#stage >= 0) addToStage(this.rec.active, this.#stage, effort);
    addToCost(this.rec.runCost, item, effort * ratePerMinute);
  }

  /** Minutes until `calendar` opens (0 if open now). */
  untilOpen(calendar: Calendar): number {
    const now = this.ctx.sim.now;
    return calendar.nextOpen(now) - now;
  }

  /** An effort for a step: the feature's first-pass draw, or a fresh draw for a repeat. */
  effort(step: EffortStep, repeat: boolean): number {
    return repeat ? this.ctx.repeatEffort(this.feature, step) : firstEffort(this.feature, step);
  }
}

/**
 * Queues for `res` so that the work begins outside any freeze: waits for the freeze (if any) to
 * end (stage `window`), queues for a person (stage `deploymentQueue`) and holds them. Work begins
 * at the person's next working minute (res.workStart()); if that falls in a freeze, it lets the
 * person go, waits for that freeze to end and queues again. Whatever the performers' hours, the
 * deployment never starts inside a freeze. With `officeHours` (application support's, whose
 * deployments may be bumped at short notice), a bumped deployment lets the person go and waits
 * (stage `window`) for the next slot of those hours, then queues again.
 */
export function* queueOutsideFreeze(ch: ChangeInFlight, res: Resource, officeHours?: Calendar): ProcessBody {
  const noFreeze = ch.ctx.org.noFreeze;
  let from = ch.ctx.sim.now;
  for (;;) {
    ch.enter('window');
    const resume = noFreeze.nextOpen(from);
    if (resume === Infinity) yield FOREVER;
    if (resume > ch.ctx.sim.now) yield resume - ch.ctx.sim.now;
    ch.enter('deploymentQueue');
    yield res.request();
    const start = res.workStart();
    if (!noFreeze.isOpen(start)) from = start; // in a freeze: wait for it to end
    else if (officeHours !== undefined && ch.ctx.bumped(ch, start, res)) from = nextSlot(officeHours, start);
    else return;
    res.release();
  }
}

/** Never resumes: for a wait with no end (a calendar that never opens again). */
export const FOREVER = { wait: (): void => undefined };

/**
 * The first time from `t` at which `windows` is open with at least `need` minutes left before it
 * closes (a window's own end, or a freeze); Infinity if there is none.
 */
export function nextFittingWindow(windows: Calendar, t: number, need: number): number {
  let start = windows.nextOpen(t);
  while (start !== Infinity && windows.nextClose(start) - start < need) start = windows.nextOpen(windows.nextClose(start));
  return start;
}

/**
 * Queues for a person in a window of `windows` with room for the deployment's planned effort:
 * waits (stage `window`) for the first moment a window is open with `effort` minutes left — or,
 * for a deployment longer than any window, for the start of a window of the longest length —,
 * then queues for a person (stage `deploymentQueue`). If a person comes free only when the effort
 * no longer fits, it lets them go and waits for the next window with room. Application support's
 * out-of-hours windows (and a team's downtime slot) are closed during freezes, so the deployment
 * never starts in one. With `bumpable` (application support's deployments), a deployment bumped at
 * short notice lets the person go and waits for the next window with room after this one closes.
 * Returns the end of the window it starts in.
 */
export function* queueForWindow(ch: ChangeInFlight, res: Resource, windows: Calendar, effort: number, bumpable: boolean): Generator<Yieldable, number, unknown> {
  const need = Math.min(effort, windows.longestOpenSpan);
  let from = ch.ctx.sim.now;
  for (;;) {
    ch.enter('window');
    const start = nextFittingWindow(windows, from, need);
    if (start === Infinity) yield FOREVER;
    const wait = start - ch.ctx.sim.now;
    if (wait > 0) yield wait;
    ch.enter('deploymentQueue');
    yield res.request();
    const now = ch.ctx.sim.now;
    const close = windows.nextClose(now);
    const fits = windows.isOpen(now) && close - now >= need;
    if (fits && !(bumpable && ch.ctx.bumped(ch, now, res))) return close;
    res.release();
    from = fits ? close : now; // bumped: the next window after this one
  }
}

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
  yield ch.workThrough(res, effort, 'Deploy out of hours', rate, 'deployment');
  if (fails) {
    rec.failedDeployments++;
    ch.enter('recovery');
    const rollback = ch.effort('rollback', !first);
    // Rolled back at once and straight through: restored when the rollback effort is done.
    const restore = ch.workThrough(res, rollback, 'Roll back failed deployment', rate * support.rollbackPremium, 'rollback');
    ctx.restoring(ch, restore);
    yield restore;
  }
  if (ctx.sim.now > windowEnd) rec.overtimeDeployments++;
  res.release();
}

export function* preApprovedPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const team = org.delivery[feature.team]!;
  const teamRate = rates.deliveryByTeam[feature.team]!;

  // Raised automatically as a standard change: no documentation, no assessment, no CAB.
  rec.raisedAt = ctx.sim.now;
  rec.runCost.licences += scenario.costs.licencePerChange;
  rec.scheduledAt = ctx.sim.now;
  for (let attempt = 0; ; attempt++) {
    yield* queueOutsideFreeze(ch, team);
    ch.enter('deployment');
    rec.deployStartAt = team.workStart();
    yield ch.work(team, pipelineEffort(ch, attempt, 'deployment'), 'Deploy through pipeline', teamRate, 'deployment');
    if (!pipelineFails(ch, attempt)) {
      team.release();
      break;
    }
    rec.failedDeployments++;
    ch.enter('recovery');
    // The pipeline rolls back at once (on the team's hours): restored when that is done.
    const restore = ch.work(team, pipelineEffort(ch, attempt, 'rollback'), 'Automated rollback', teamRate, 'rollback');
    ctx.restoring(ch, restore);
    yield restore;
    yield ch.work(team, ch.effort('fix', attempt > 0), 'Fix failed change', teamRate, 'fix');
    team.release();
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  yield* smokeTest(ch);
  rec.validatedAt = ctx.sim.now;
  ch.finish();
}

/** The delivery team fixes a failed change (stage `recovery`), on its hours. */
export function* fixFailedChange(ch: ChangeInFlight, repeat: boolean): ProcessBody {
  const team = ch.ctx.org.delivery[ch.feature.team]!;
  ch.enter('recovery');
  yield team.request();
  yield ch.work(team, ch.effort('fix', repeat), 'Fix failed change', ch.ctx.rates.deliveryByTeam[ch.feature.team]!, 'fix');
  team.release();
}

/** Validation (stage `validation`), part one: the delivery team smoke-tests the live change. */
export function* smokeTest(ch: ChangeInFlight): ProcessBody {
  const team = ch.ctx.org.delivery[ch.feature.team]!;
  ch.enter('validation');
  yield team.request();
  yield ch.work(team, ch.feature.efforts.validation, 'Validate live change', ch.ctx.rates.deliveryByTeam[ch.feature.team]!, 'validation');
  team.release();
}

/** Validation (stage `validation`): the smoke test, then application support accepts the live change into service. */
export function* validateAndAccept(ch: ChangeInFlight): ProcessBody {
  const { org, rates, sim } = ch.ctx;
  yield* smokeTest(ch);
  yield org.applicationSupport.request();
  yield ch.work(org.applicationSupport, ch.feature.efforts.acceptance, 'Accept into service', rates.applicationSupport, 'validation');
  org.applicationSupport.release();
  ch.rec.validatedAt = sim.now;
}

/** A pipeline deployment's or rollback's effort: the feature's first-pass draw on attempt 0, a fresh draw after. */
export function pipelineEffort(ch: ChangeInFlight, attempt: number, step: 'deployment' | 'rollback'): number {
  if (attempt > 0) return ch.ctx.repeatPipeline(ch.feature, step);
  return step === 'deployment' ? ch.feature.pipelineDeployment : ch.feature.pipelineRollback;
}

/** Whether pipeline deployment `attempt` fails: the feature's first-pass uniform, a fresh one after, against its class's pipeline failure rate. */
export function pipelineFails(ch: ChangeInFlight, attempt: number): boolean {
  const { feature, rec, ctx } = ch;
  if (feature.script) return rec.failedDeployments < feature.script.failures;
  return (attempt === 0 ? feature.uPipelineFail : ctx.repeatUniform('outcome/pipeline')) < feature.cls.spec.preApproved.failureRate;
}
