// A resource: a team of N people with a priority/FIFO queue, an optional work calendar, and time-weighted statistics.
import type { Process, Simulation, Waitable } from './simulation.js';
import { WaitQueue, type Waiter } from './wait-queue.js';

/** The part of a calendar a resource needs: when work can start, where work started at t ends, and open time in [a, b]. */
export interface WorkCalendar {
  nextOpen(t: number): number;
  addWorkingTime(t: number, effort: number): number;
  workingTimeBetween(a: number, b: number): number;
}

export interface ResourceOptions {
  name: string;
  /** Number of units (people); a positive integer, or Infinity for an unlimited pool. */
  capacity: number;
  calendar?: WorkCalendar;
}

class PriorityRequest implements Waitable {
  constructor(private readonly resource: Resource, private readonly priority: number) {}
  wait(process: Process): void {
    this.resource.enter(process, this.priority);
  }
}

/** A waiter that runs a callback when granted (Resource.acquire). */
class CallbackWaiter implements Waiter {
  constructor(
    readonly name: string,
    private readonly onGranted: () => void,
  ) {}
  resume(): void {
    this.onGranted();
  }
}

/**
 * A team of `capacity` people. A process takes one unit with `yield team.request()`, works with
 * `yield team.workTime(effort)`, and gives it back with `team.release()`.
 *
 * A free unit is granted at once, in the same event as the request (no queue round-trip), which is
 * deterministic. Otherwise the process waits; lower priority numbers go first, FIFO among equal
 * priorities, and release() hands the unit straight to the next waiter, resumed at the same time.
 *
 * Statistics are time-weighted from construction (or the last resetStats()) to sim.now. Means over
 * an empty interval, and meanWait() with nothing served, are 0.
 */
export class Resource {
  readonly name: string;
  readonly capacity: number;
  private readonly sim: Simulation;
  private readonly calendar: WorkCalendar | undefined;
  private readonly waiting = new WaitQueue();
  private readonly defaultRequest: Waitable;
  private inUse = 0;
  // Statistics since statsStart; areas are integrals of busy and queue length over time.
  private statsStart: number;
  private lastChange: number;
  private busyArea = 0;
  private queueArea = 0;
  private work = 0;
  /** Pieces of calendar work that may end after now: their open-time spans [start, end). */
  private pieceStarts: number[] = [];
  private pieceEnds: number[] = [];
  private grants = 0;
  private waitSum = 0;

  constructor(sim: Simulation, options: ResourceOptions) {
    const { name, capacity } = options;
    if (!(Number.isInteger(capacity) && capacity >= 1) && capacity !== Infinity) {
      throw new RangeError(`resource "${name}": capacity must be a positive integer or Infinity, got ${capacity}`);
    }
    this.sim = sim;
    this.name = name;
    this.capacity = capacity;
    this.calendar = options.calendar;
    this.statsStart = sim.now;
    this.lastChange = sim.now;
    this.defaultRequest = new PriorityRequest(this, 0);
  }

  /** Units held now. */
  get busy(): number {
    return this.inUse;
  }

  /** Processes waiting for a unit now. */
  get queueLength(): number {
    return this.waiting.size;
  }

  /** Yield the result to wait for one unit; lower priority numbers are served first (default 0). */
  request(priority?: number): Waitable {
    if (priority === undefined || priority === 0) return this.defaultRequest;
    if (Number.isNaN(priority)) throw new RangeError(`resource "${this.name}": priority is NaN`);
    return new PriorityRequest(this, priority);
  }

  /**
   * Takes a unit for a callback instead of a process: `onGranted` runs as soon as a unit is free
   * (at once if one is, else when a release hands it over, in queue order). For light background
   * work that needs no process of its own; the caller must release() the unit.
   */
  acquire(name: string, onGranted: () => void, priority = 0): void {
    this.enter(new CallbackWaiter(name, onGranted), priority);
  }

  /**
   * Takes a unit for `waiter`: its resume() runs as soon as a unit is free, like acquire()'s
   * callback. One waiter may be queued several times: it is resumed once per call, and calls at
   * the same priority are granted in the order they were made (first come, first served with
   * every other waiter), so a single object can stand for many light requests without one object
   * each. The caller must release() the unit.
   */
  acquireFor(waiter: Waiter, priority = 0): void {
    this.enter(waiter, priority);
  }

  /** @internal A process (or callback) asks for a unit (called from a request's wait()). */
  enter(process: Waiter, priority: number): void {
    const sim = this.sim;
    this.accumulate(sim.now);
    if (this.inUse < this.capacity) {
      this.inUse++;
      this.grants++;
      if (sim.tracing) sim.log(`${this.name}: granted to ${process.name} (busy ${this.inUse}/${this.capacity})`);
      process.resume();
    } else {
      this.waiting.push(priority, sim.now, process);
      if (sim.tracing) sim.log(`${this.name}: ${process.name} queued (queue ${this.waiting.size})`);
    }
  }

  /** Gives a unit back; the next waiter, if any, gets it at the same time. */
  release(): void {
    if (this.inUse === 0) {
      throw new Error(`resource "${this.name}": release at t=${this.sim.now} with no unit held`);
    }
    const sim = this.sim;
    const now = sim.now;
    this.accumulate(now);
    const waiting = this.waiting;
    if (waiting.size > 0) {
      // The unit passes straight to the next waiter: busy stays the same.
      const next = waiting.pop();
      this.grants++;
      this.waitSum += now - waiting.poppedSince;
      if (sim.tracing) sim.log(`${this.name}: released, granted to ${next.name} (queue ${waiting.size})`);
      next.resume();
    } else {
      this.inUse--;
      if (sim.tracing) sim.log(`${this.name}: released (busy ${this.inUse}/${this.capacity})`);
    }
  }

  /** When work started now actually begins: now, or the next opening of the calendar. */
  workStart(): number {
    const now = this.sim.now;
    return this.calendar === undefined ? now : this.calendar.nextOpen(now);
  }

  /**
   * The delay, from now, to do `effort` minutes of work on this resource's calendar (equal to
   * `effort` without a calendar). Counts the effort in workDone.
   */
  workTime(effort: number): number {
    if (!(effort >= 0) || effort === Infinity) {
      throw new RangeError(`resource "${this.name}": invalid effort ${effort}: expected a finite number >= 0`);
    }
    this.work += effort;
    const calendar = this.calendar;
    if (calendar === undefined) return effort;
    const now = this.sim.now;
    const end = calendar.addWorkingTime(now, effort);
    if (effort > 0) this.trackPiece(now, end);
    return end - now;
  }

  /** Remembers a piece of work until it has ended, dropping ended ones now and then (amortised O(1)). */
  private trackPiece(start: number, end: number): void {
    const starts = this.pieceStarts;
    if (starts.length >= 64 && starts.length >= 2 * this.capacityHint()) this.dropEndedPieces(this.sim.now);
    starts.push(start);
    this.pieceEnds.push(end);
  }

  private capacityHint(): number {
    return this.capacity === Infinity ? 64 : Math.min(this.capacity, 1 << 20);
  }

  private dropEndedPieces(now: number): void {
    let k = 0;
    for (let i = 0; i < this.pieceEnds.length; i++) {
      if (this.pieceEnds[i]! > now) {
        this.pieceStarts[k] = this.pieceStarts[i]!;
        this.pieceEnds[k++] = this.pieceEnds[i]!;
      }
    }
    this.pieceStarts.length = k;
    this.pieceEnds.length = k;
  }

  /**
   * Open time of the tracked pieces that lies after `from` (work booked but not yet done at `from`).
   * workTime() counts a piece's whole effort when it starts; utilisation() takes off what is still
   * to come, and resetStats() carries over what is left of pieces under way.
   */
  private workAfter(from: number): number {
    const calendar = this.calendar;
    if (calendar === undefined) return 0;
    let rest = 0;
    for (let i = 0; i < this.pieceEnds.length; i++) {
      const end = this.pieceEnds[i]!;
      if (end > from) rest += calendar.workingTimeBetween(Math.max(from, this.pieceStarts[i]!), end);
    }
    return rest;
  }

  /**
   * Work done straight through, without pausing when the calendar closes (overtime): the delay is
   * `effort` itself. Counts the effort in workDone like workTime().
   */
  workThrough(effort: number): number {
    if (!(effort >= 0) || effort === Infinity) {
      throw new RangeError(`resource "${this.name}": invalid effort ${effort}: expected a finite number >= 0`);
    }
    this.work += effort;
    return effort;
  }

  /** Starts the statistics afresh at sim.now (e.g. at the end of a warm-up). */
  resetStats(): void {
    const now = this.sim.now;
    this.statsStart = now;
    this.lastChange = now;
    this.busyArea = 0;
    this.queueArea = 0;
    this.dropEndedPieces(now);
    this.work = this.workAfter(now); // the part of pieces under way that is done after now
    this.grants = 0;
    this.waitSum = 0;
  }

  /** Time-weighted mean number of units held. */
  meanBusy(): number {
    const now = this.sim.now;
    const elapsed = now - this.statsStart;
    if (elapsed <= 0) return 0;
    return (this.busyArea + this.inUse * (now - this.lastChange)) / elapsed;
  }

  /** Time-weighted mean number of processes waiting. */
  meanQueueLength(): number {
    const now = this.sim.now;
    const elapsed = now - this.statsStart;
    if (elapsed <= 0) return 0;
    return (this.queueArea + this.waiting.size * (now - this.lastChange)) / elapsed;
  }

  /** Mean fraction of the units held (meanBusy / capacity), calendar or not. */
  utilisationOfHeld(): number {
    return this.capacity === Infinity ? 0 : this.meanBusy() / this.capacity;
  }

  /** Sum of the efforts passed to workTime() since the statistics started. */
  get workDone(): number {
    return this.work;
  }

  /**
   * Work done between the start of the statistics and now, over the working time available on the
   * calendar in that period; utilisationOfHeld() without a calendar. Only the part of each piece of
   * work that falls in the period counts, so a 4-hour job started on a calendar open one minute a
   * week counts one minute, not 240: utilisation never exceeds 1.
   */
  utilisation(): number {
    const calendar = this.calendar;
    if (calendar === undefined) return this.utilisationOfHeld();
    const now = this.sim.now;
    const available = this.capacity * calendar.workingTimeBetween(this.statsStart, now);
    return available > 0 ? (this.work - this.workAfter(now)) / available : 0;
  }

  /** Units granted since the statistics started (immediate grants included). */
  get served(): number {
    return this.grants;
  }

  /** Mean time in the queue of the grants since the statistics started (0 for immediate grants). */
  meanWait(): number {
    return this.grants === 0 ? 0 : this.waitSum / this.grants;
  }

  private accumulate(now: number): void {
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.busyArea += this.inUse * dt;
      this.queueArea += this.waiting.size * dt;
      this.lastChange = now;
    }
  }
}
