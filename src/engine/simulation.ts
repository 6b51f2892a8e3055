// The simulation kernel: the clock, the event loop, and generator-based processes.
import { EventQueue } from './event-queue.js';

/** What a process may yield: a number holds it for that many minutes; a Waitable suspends it. */
export type Yieldable = number | Waitable;

/**
 * Something a process can wait for. When a process yields it, the kernel calls `wait(process)`;
 * the waitable later calls `process.resume(value)`, and `value` becomes the result of `yield`.
 * Calling `resume` from inside `wait` continues the process at once, in the same event.
 */
export interface Waitable {
  wait(process: Process): void;
}

/** A process body: a generator that yields holds and waitables. */
export type ProcessBody = Generator<Yieldable, void, unknown>;

export interface SimulationOptions {
  /** Receives every trace message (process, resource and meeting activity) with its time. */
  trace?: (time: number, message: string) => void;
}

export interface RunOptions {
  /** Process events with time <= until, then set the clock to until. */
  until?: number;
}

/** A callback scheduled on the event list. */
type Callback = () => void;

// Process states. Small integers keep the hot path monomorphic.
const SCHEDULED = 0; // in the event list, about to be stepped
const RUNNING = 1; // its generator is executing
const YIELDING = 2; // inside the wait() of the waitable it just yielded
const RESUMED_NOW = 3; // resumed from inside that wait(): continue without a queue round-trip
const WAITING = 4; // suspended on a waitable
const FINISHED = 5;

const STATE_NAMES = ['scheduled', 'running', 'yielding', 'resumed', 'waiting', 'finished'];

/**
 * A running generator. The event list holds the Process itself (no closure per event); stepping
 * it feeds the pending resume value into the generator and acts on what it yields next.
 * A Process is also a Waitable: yielding it waits until that process finishes.
 */
export class Process implements Waitable {
  readonly id: number;
  private readonly sim: Simulation;
  private readonly body: ProcessBody;
  private readonly givenName: string | undefined;
  private state: number = SCHEDULED;
  private value: unknown = undefined;
  private joiners: Process[] | undefined = undefined;

  /** @internal Created by Simulation.process(). */
  constructor(sim: Simulation, body: ProcessBody, id: number, name: string | undefined) {
    this.sim = sim;
    this.body = body;
    this.id = id;
    this.givenName = name;
  }

  /** The name given to Simulation.process(), or `process <id>`; built lazily so unnamed processes cost no string. */
  get name(): string {
    return this.givenName ?? `process ${this.id}`;
  }

  get finished(): boolean {
    return this.state === FINISHED;
  }

  /**
   * Continues the process with `value` as the result of its pending `yield`. From inside the
   * waitable's wait() it continues at once; otherwise it is scheduled at sim.now, after the
   * events already scheduled for now (FIFO).
   */
  resume(value?: unknown): void {
    const state = this.state;
    if (state === YIELDING) {
      this.state = RESUMED_NOW;
      this.value = value;
    } else if (state === WAITING) {
      this.state = SCHEDULED;
      this.value = value;
      this.sim.enqueue(this.sim.now, this);
    } else {
      throw new Error(`cannot resume ${this.name} at t=${this.sim.now}: it is ${STATE_NAMES[state]}, not waiting`);
    }
  }

  /** Waitable: the waiting process resumes when this one finishes (at once if it already has). */
  wait(process: Process): void {
    if (this.state === FINISHED) {
      process.resume();
      return;
    }
    if (process === this) throw new Error(`${this.name} cannot wait for itself`);
    (this.joiners ??= []).push(process);
  }

  /** @internal Runs the generator until it holds, waits or finishes. Called by the event loop. */
  step(): void {
    const sim = this.sim;
    let value = this.value;
    this.value = undefined;
    for (;;) {
      this.state = RUNNING;
      let result: IteratorResult<Yieldable, void>;
      try {
        result = this.body.next(value);
      } catch (error) {
        this.state = FINISHED;
        throw new ProcessError(this.name, sim.now, error);
      }
      if (result.done === true) {
        this.finish();
        return;
      }
      const yielded = result.value;
      if (typeof yielded === 'number') {
        // `!(x >= 0)` also rejects NaN.
        if (!(yielded >= 0) || yielded === Infinity) {
          this.state = FINISHED;
          this.body.return();
          throw new ProcessError(this.name, sim.now, new RangeError(`invalid hold ${yielded}: expected a finite number >= 0`));
        }
        this.state = SCHEDULED;
        sim.enqueue(sim.now + yielded, this);
        return;
      }
      this.state = YIELDING;
      yielded.wait(this);
      if (this.state !== RESUMED_NOW) {
        this.state = WAITING;
        return;
      }
      value = this.value;
      this.value = undefined;
    }
  }

  private finish(): void {
    this.state = FINISHED;
    const sim = this.sim;
    if (sim.tracing) sim.log(`${this.name} finished`);
    const joiners = this.joiners;
    if (joiners !== undefined) {
      this.joiners = undefined;
      for (const joiner of joiners) joiner.resume();
    }
  }
}

/** A process body threw: carries the process name and the simulation time; `cause` is the original error. */
export class ProcessError extends Error {
  readonly processName: string;
  readonly time: number;
  constructor(processName: string, time: number, cause: unknown) {
    super(`${processName} failed at t=${time}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ProcessError';
    this.processName = processName;
    this.time = time;
  }
}

/**
 * The clock and the event list. Events at equal times run in the order they were scheduled,
 * so the same model and seed always give the same trace.
 */
export class Simulation {
  private clock = 0;
  private events = 0;
  private readonly queue = new EventQueue<Process | Callback>(256);
  private nextProcessId = 1;
  private running = false;
  private stopRequested = false;
  private readonly traceSink: ((time: number, message: string) => void) | undefined;

  constructor(options: SimulationOptions = {}) {
    this.traceSink = options.trace;
  }

  get now(): number {
    return this.clock;
  }

  /** Events (callbacks and process steps) processed so far. */
  get eventsProcessed(): number {
    return this.events;
  }

  /** Number of events waiting in the event list. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** True when a trace sink was given; check it before building a trace message. */
  get tracing(): boolean {
    return this.traceSink !== undefined;
  }

  /** Sends a message to the trace sink, stamped with the current time. */
  log(message: string): void {
    if (this.traceSink !== undefined) this.traceSink(this.clock, message);
  }

  schedule(delay: number, callback: () => void): void {
    if (!(delay >= 0) || delay === Infinity) {
      throw new RangeError(`invalid delay ${delay}: expected a finite number >= 0`);
    }
    this.queue.push(this.clock + delay, callback);
  }

  at(time: number, callback: () => void): void {
    if (!(time >= this.clock) || time === Infinity) {
      throw new RangeError(`invalid time ${time}: expected a finite time >= now (${this.clock})`);
    }
    this.queue.push(time, callback);
  }

  /** Starts a process at the current time; its first step is an event, not run synchronously. */
  process(body: ProcessBody, name?: string): Process {
    const process = new Process(this, body, this.nextProcessId++, name);
    this.queue.push(this.clock, process);
    return process;
  }

  /** @internal Puts a process step on the event list (used by Process). */
  enqueue(time: number, process: Process): void {
    this.queue.push(time, process);
  }

  /**
   * Processes events in (time, sequence) order until the list is empty, `until` is passed, or
   * stop() is called. An error thrown by a callback or a process stops the run and propagates.
   */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    if (Number.isNaN(until) || until < this.clock) {
      throw new RangeError(`invalid until ${until}: expected a time >= now (${this.clock})`);
    }
    if (this.running) throw new Error(`run() called at t=${this.clock} while the simulation is already running`);
    this.running = true;
    this.stopRequested = false;
    const queue = this.queue;
    try {
      while (!this.stopRequested) {
        // peekTime() is Infinity when empty, which `> until` misses when until is Infinity.
        if (queue.size === 0) break;
        const time = queue.peekTime();
        if (time > until) break;
        const item = queue.pop()!;
        this.clock = time;
        this.events++;
        if (typeof item === 'function') {
          try {
            item();
          } catch (error) {
            throw new Error(`event at t=${time} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
        } else {
          item.step();
        }
      }
      if (!this.stopRequested && until !== Infinity) this.clock = until;
    } finally {
      this.running = false;
    }
  }

  /** Makes run() return after the current event; the remaining events stay scheduled. */
  stop(): void {
    this.stopRequested = true;
  }
}
