/// <reference lib="dom" />
// The page's pool of Web Workers that run replications (worker.ts, started from a Blob URL of its
// bundled source, so it starts from file:// without a server). A task goes to a free worker, else
// waits in a queue; cancel() drops the queued tasks of older requests (their promises reject with
// Cancelled), so a newer request never waits behind a stale one; a task already running finishes
// (a replication takes well under a second) and its product is kept for later.
import type { Scenario } from '../../scenario/types.js';
import type { ReplicationProduct, ReplicationTask } from '../../run/replications.js';

/** Page → worker: run one replication of the scenario named by key (sent with it the first time). */
export interface ToPageWorker {
  readonly id: number;
  readonly key: string;
  readonly scenario?: Scenario;
  readonly task: ReplicationTask;
}

/** Worker → page. */
export type FromPageWorker = { readonly id: number; readonly product: ReplicationProduct } | { readonly id: number; readonly error: string };

/** A task dropped because a newer request replaced the one it belonged to. */
export class Cancelled extends Error {
  override name = 'Cancelled';
}

interface Job {
  readonly id: number;
  readonly generation: number;
  readonly key: string;
  readonly scenario: Scenario;
  readonly task: ReplicationTask;
  readonly resolve: (p: ReplicationProduct) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  /** Scenario keys this worker has (it keeps the last four). */
  readonly keys: string[];
  job: Job | undefined;
}

export class WorkerPool {
  readonly #slots: Slot[];
  readonly #queue: Job[] = [];
  #next = 1;
  /** Replications run so far (for the page's counter). */
  ran = 0;

  constructor(source: string, size: number) {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    this.#slots = Array.from({ length: Math.max(1, size) }, () => {
      const slot: Slot = { worker: new Worker(url), keys: [], job: undefined };
      slot.worker.onmessage = (e: MessageEvent<FromPageWorker>) => this.#done(slot, e.data);
      slot.worker.onerror = (e: ErrorEvent) => this.#done(slot, { id: slot.job?.id ?? 0, error: e.message });
      return slot;
    });
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Runs one replication; rejects with Cancelled when cancel(generation) came first. */
  run(generation: number, key: string, scenario: Scenario, task: ReplicationTask): Promise<ReplicationProduct> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#next++, generation, key, scenario, task, resolve, reject });
      this.#dispatch();
    });
  }

  /** Drops every queued task of a generation before `generation`. */
  cancelBefore(generation: number): void {
    for (let i = this.#queue.length - 1; i >= 0; i--) {
      const job = this.#queue[i]!;
      if (job.generation < generation) {
        this.#queue.splice(i, 1);
        job.reject(new Cancelled('replaced by a newer request'));
      }
    }
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.job !== undefined) continue;
      // The newest request first: a stale task never delays the answer being waited for.
      let best = -1;
      for (let i = 0; i < this.#queue.length; i++) if (best < 0 || this.#queue[i]!.generation > this.#queue[best]!.generation) best = i;
      if (best < 0) return;
      const job = this.#queue.splice(best, 1)[0]!;
      slot.job = job;
      const known = slot.keys.includes(job.key);
      if (!known) {
        slot.keys.push(job.key);
        if (slot.keys.length > 4) slot.keys.shift();
      }
      const msg: ToPageWorker = known ? { id: job.id, key: job.key, task: job.task } : { id: job.id, key: job.key, scenario: job.scenario, task: job.task };
      slot.worker.postMessage(msg);
    }
  }

  #done(slot: Slot, msg: FromPageWorker): void {
    const job = slot.job;
    slot.job = undefined;
    if (job !== undefined && job.id === msg.id) {
      if ('product' in msg) {
        this.ran++;
        job.resolve(msg.product);
      } else {
        job.reject(new Error(msg.error));
      }
    }
    this.#dispatch();
  }
}
