// A recurring gate (a CAB): items attend, and each meeting decides those that made its cutoff, FIFO, up to its capacity.
import type { Process, Simulation, Waitable } from './simulation.js';

/** What happened at one meeting. */
export interface MeetingRecord {
  /** 0 for the first meeting held after start(). */
  readonly index: number;
  /** The meeting's start time. */
  readonly time: number;
  /** Items decided at this meeting. */
  readonly decided: number;
  /** Items still waiting after it, whether they made its cutoff or not. */
  readonly waitingAfter: number;
  /** Items that made its cutoff but were not decided (the capacity was reached): the spill-over. */
  readonly spillOver: number;
}

export interface MeetingOptions {
  name: string;
  /** The first meeting start strictly after `after`; Infinity when there is none. */
  nextTime: (after: number) => number;
  /** Minutes before a meeting's start by which an item must have attended to be decided there. */
  cutoff: number;
  /** Most items decided per meeting: a positive integer, or Infinity. */
  capacity: number;
  /** Called after each meeting, once its decided items are scheduled to resume. */
  onMeeting?: (record: MeetingRecord) => void;
}

/**
 * An item that attends at time a is eligible for the first meeting at T with a <= T - cutoff.
 * Eligible items are decided FIFO, up to capacity; the rest stay in line for later meetings, ahead
 * of later arrivals. Decided items resume at T, in attendance order, with the MeetingRecord as the
 * value of their `yield`. With cutoff 0, an item attending at exactly T is decided at T only if it
 * attended before the meeting's event ran (event order, which is deterministic).
 */
export class Meeting {
  readonly name: string;
  readonly cutoff: number;
  readonly capacity: number;
  private readonly sim: Simulation;
  private readonly nextTime: (after: number) => number;
  private readonly onMeeting: ((record: MeetingRecord) => void) | undefined;
  private readonly attendance: Waitable;
  // Attendees in arrival order: a queue as two arrays and a head index, compacted now and then.
  private queue: Process[] = [];
  private since: number[] = [];
  private head = 0;
  private started = false;
  private readonly held: MeetingRecord[] = [];

  constructor(sim: Simulation, options: MeetingOptions) {
    const { name, cutoff, capacity } = options;
    if (!(cutoff >= 0) || cutoff === Infinity) {
      throw new RangeError(`meeting "${name}": cutoff must be a finite number >= 0, got ${cutoff}`);
    }
    if (!(Number.isInteger(capacity) && capacity >= 1) && capacity !== Infinity) {
      throw new RangeError(`meeting "${name}": capacity must be a positive integer or Infinity, got ${capacity}`);
    }
    this.sim = sim;
    this.name = name;
    this.cutoff = cutoff;
    this.capacity = capacity;
    this.nextTime = options.nextTime;
    this.onMeeting = options.onMeeting;
    this.attendance = { wait: (process: Process): void => this.enter(process) };
  }

  /** Every meeting held so far, in order. */
  get records(): readonly MeetingRecord[] {
    return this.held;
  }

  /** Items waiting for a decision now. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  /** Schedules the meetings from now on: the first at nextTime(now), each next one when one is held. */
  start(): void {
    if (this.started) throw new Error(`meeting "${this.name}" already started`);
    this.started = true;
    this.scheduleAfter(this.sim.now);
  }

  /** Yield the result to wait for the meeting that decides this item; resumes with its MeetingRecord. */
  attend(): Waitable {
    return this.attendance;
  }

  private enter(process: Process): void {
    this.queue.push(process);
    this.since.push(this.sim.now);
    if (this.sim.tracing) this.sim.log(`${this.name}: ${process.name} attends (waiting ${this.waiting})`);
  }

  private scheduleAfter(after: number): void {
    const next = this.nextTime(after);
    if (next === Infinity) return;
    if (!(next > after)) {
      throw new RangeError(`meeting "${this.name}": nextTime(${after}) returned ${next}, expected a time strictly after ${after}`);
    }
    this.sim.at(next, this.hold);
  }

  // An arrow property, so scheduling a meeting allocates no closure.
  private readonly hold = (): void => {
    const sim = this.sim;
    const time = sim.now;
    const deadline = time - this.cutoff;
    const { queue, since } = this;
    let head = this.head;
    let decided = 0;
    const decidedProcesses: Process[] = [];
    while (head < queue.length && decided < this.capacity && since[head]! <= deadline) {
      decidedProcesses.push(queue[head]!);
      head++;
      decided++;
    }
    // Attendance times are in order, so the items that made the cutoff but were left lead the line.
    let spillOver = 0;
    while (head + spillOver < queue.length && since[head + spillOver]! <= deadline) spillOver++;
    this.head = head;
    if (head > 1024 && head * 2 > queue.length) {
      this.queue = queue.slice(head);
      this.since = since.slice(head);
      this.head = 0;
    }
    const record: MeetingRecord = Object.freeze({ index: this.held.length, time, decided, waitingAfter: this.waiting, spillOver });
    this.held.push(record);
    if (sim.tracing) sim.log(`${this.name}: meeting ${record.index} decided ${decided}, ${record.waitingAfter} still waiting`);
    for (const process of decidedProcesses) process.resume(record);
    this.onMeeting?.(record);
    this.scheduleAfter(time);
  };
}
