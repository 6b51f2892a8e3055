// One change in flight: its record, the stage it is in, and the bookkeeping that turns time in
// each stage into waits and active work, with the cost of that work (each path's steps call work()
// and enter()). The processes of the paths (normal-path.ts and the other *-path.ts) drive it.
import type { Calendar } from '../engine/calendar.js';
import type { Resource } from '../engine/resource.js';
import type { ReplicationContext } from './context.js';
import { firstEffort, type EffortStep, type Feature } from './features.js';
import { PAID, STAGES, type ChangeRecord, type RunCostItem, type Stage } from './records.js';
import { addToCost, addToStage, readStages, stageIndex, writeStages } from './stage-times.js';

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
  /** Its booked run cost by who is paid for it (index as PAID_BY): the split of the cash cost. */
  readonly paid: number[] = [-0, -0, -0, -0, -0, -0, -0, -0];
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
    this.#book(res, effort, ratePerMinute, item);
    if (this.ctx.events !== null) this.ctx.logEvent(this, activity, effort === 0 ? end : res.workStart(), end, res.name);
    return end - now;
  }

  /** Like work(), but straight through from now, without pausing when the calendar closes (overtime). */
  workThrough(res: Resource, effort: number, activity: string, ratePerMinute: number, item: RunCostItem): number {
    const delay = res.workThrough(effort);
    this.#book(res, effort, ratePerMinute, item);
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

  #book(res: Resource, effort: number, ratePerMinute: number, item: RunCostItem): void {
    if (this.#stage >= 0) addToStage(this.rec.active, this.#stage, effort);
    const cost = effort * ratePerMinute;
    addToCost(this.rec.runCost, item, cost);
    this.paid[this.#paidBy(res, item)]! += cost;
  }

  /** Who is paid for work on `res` (index as PAID_BY): a resource that is none of the organisation's shared ones is a delivery team. */
  #paidBy(res: Resource, item: RunCostItem): number {
    const org = this.ctx.org;
    if (res === org.changeManagement) return PAID.changeManagement;
    if (res === org.applicationSupport) return item === 'deployment' || item === 'rollback' ? PAID.applicationSupportDeployments : PAID.applicationSupport;
    if (res === org.outOfHours || res === org.applicationSupportOnCall) return PAID.outOfHours;
    if (res === org.serviceIntroduction) return PAID.serviceIntroduction;
    return PAID.delivery;
  }

  /**
   * Moves the part of out-of-hours work done from `from` to now, at `ratePerMinute`, that fell
   * after `windowEnd` from outOfHours to overtime (work straight through: calendar minutes are work minutes).
   */
  overtime(from: number, windowEnd: number, ratePerMinute: number): void {
    const past = Math.max(0, this.ctx.sim.now - Math.max(windowEnd, from));
    if (!(past > 0)) return;
    this.paid[PAID.outOfHours]! -= past * ratePerMinute;
    this.paid[PAID.overtime]! += past * ratePerMinute;
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
