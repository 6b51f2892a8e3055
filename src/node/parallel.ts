// Replications on worker threads. Each worker receives the scenario once, then runs the tasks it
// is sent, one at a time; a worker that finishes a task is sent the next (dynamic dispatch), and
// outputs are delivered strictly in task order (early ones wait in a buffer), so a run's results
// are byte-identical to the serial executor's for the same seed. At most `window` tasks are in
// flight or buffered at any time, so memory stays bounded however many replications run.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { serialExecutorWith, type Executor, type ProductPlan, type ReplicationProduct, type ReplicationTask } from '../run/replications.js';
import type { Scenario } from '../scenario/types.js';

/** Main thread → worker: run a task, or (a pool's worker) take another scenario for the tasks that follow. */
export type ToWorker = { type: 'run'; index: number; task: ReplicationTask } | { type: 'use'; scenario: Scenario; plan: ProductPlan };
/** Worker → main thread. */
export type FromWorker =
  | { type: 'done'; index: number; product: ReplicationProduct }
  | { type: 'error'; index: number; message: string; stack: string };

export interface ParallelOptions {
  /** The worker script (default: worker.js next to this file, i.e. dist/node/worker.js). */
  workerUrl?: URL;
  /** Tasks sent to each worker ahead of the one it is running (default 1: it never waits for the next). */
  queuedPerWorker?: number;
}

/**
 * Without --workers, runs of at least this many replications × variants use every core: below it,
 * two workers were slower than this thread (`npm run bench -- workers-break-even`, the bundled bin
 * on 2 cores, the default scenario, medians of 3: 400 replications, 800 tasks, 0.92× and 0.93×;
 * 600, 1,200 tasks, 1.01×, even; 800, 1,600 tasks, 1.06× and 1.09×; 1,200, 2,400 tasks, 1.14×).
 */
export const AUTO_PARALLEL_MIN_TASKS = 1600;

/** Workers a run of `tasks` replications × variants gets without --workers: every core from AUTO_PARALLEL_MIN_TASKS, else 1 (this thread). */
export function autoWorkers(tasks: number, cores: number = defaultWorkers()): number {
  return tasks >= AUTO_PARALLEL_MIN_TASKS ? cores : 1;
}

/** The default number of workers: the number of cores available to this process. */
export function defaultWorkers(): number {
  return availableParallelism();
}

const DEFAULT_WORKER_URL = new URL('./worker.js', import.meta.url);

/** Workers of every parallel run in progress, so that Ctrl-C can end them all. */
const live = new Set<Worker>();
/** Set on Ctrl-C: runs in progress then neither resolve nor reject (the process is exiting). */
let stopping = false;

/** Terminates the workers of every run in progress (on Ctrl-C, just before the process exits). */
export async function terminateAllWorkers(): Promise<void> {
  stopping = true;
  const all = [...live];
  live.clear();
  await Promise.allSettled(all.map((w) => w.terminate()));
}

/**
 * Like serialExecutor (the same calls in the same order, so the same results) but it lets the
 * event loop turn between replications, so Ctrl-C is handled in the middle of a run.
 */
export const interruptibleSerialExecutor: Executor = serialExecutorWith(() => new Promise<void>((resolve) => setImmediate(resolve)));

/** Whether the built worker script is next to this module (false when running from the TypeScript sources). */
export function workerScriptAvailable(): boolean {
  return existsSync(fileURLToPath(DEFAULT_WORKER_URL));
}

/** The error of a task a worker reported failing, with the worker's stack. */
function workerError(task: ReplicationTask, msg: { message: string; stack: string }): Error {
  const e = new Error(`replication ${task.replication} of variant ${task.variant} failed in a worker: ${msg.message}`);
  e.stack = `${e.message}\n--- worker stack ---\n${msg.stack}`;
  return e;
}

/** Delivers one executor call's products in task order, whatever order the workers finish them in. */
class InOrder {
  #buffer = new Map<number, ReplicationProduct>();
  /** The next task to deliver. */
  next = 0;
  constructor(
    private readonly tasks: readonly ReplicationTask[],
    private readonly deliver: (task: ReplicationTask, product: ReplicationProduct) => void,
  ) {}

  /** Takes task `index`'s product and delivers every product now in order (deliver's error is thrown); true once all are delivered. */
  put(index: number, product: ReplicationProduct): boolean {
    this.#buffer.set(index, product);
    while (this.#buffer.has(this.next)) {
      const out = this.#buffer.get(this.next)!;
      this.#buffer.delete(this.next);
      this.deliver(this.tasks[this.next]!, out);
      this.next++;
    }
    return this.next === this.tasks.length;
  }

  clear(): void {
    this.#buffer.clear();
  }
}

/**
 * `--workers N`: N = 1 runs on this thread (no worker threads); N > 1 runs on N worker threads.
 * From the TypeScript sources (tests, tsx) there is no built worker script, so replications run on
 * this thread: the results are the same either way.
 */
export function executorFor(workers: number | undefined, options: ParallelOptions = {}): Executor {
  if (workers === undefined) {
    // Not asked: every core for big runs; this thread for small ones, where starting threads
    // (each loads and compiles the model) costs more than it saves.
    const cores = defaultWorkers();
    if (cores === 1) return interruptibleSerialExecutor;
    const parallel = executorFor(cores, options);
    return (scenario, tasks, plan, deliver) =>
      (autoWorkers(tasks.length, cores) > 1 ? parallel : interruptibleSerialExecutor)(scenario, tasks, plan, deliver);
  }
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: expected a positive integer, got ${workers}`);
  if (workers === 1 || (options.workerUrl === undefined && !workerScriptAvailable())) return interruptibleSerialExecutor;
  return parallelExecutor(workers, options);
}


export function parallelExecutor(workers: number, options: ParallelOptions = {}): Executor {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: expected a positive integer, got ${workers}`);
  const url = options.workerUrl ?? DEFAULT_WORKER_URL;
  const ahead = Math.max(0, options.queuedPerWorker ?? 1);
  return (scenario, tasks, plan, deliver) =>
    new Promise<void>((resolve, reject) => {
      if (tasks.length === 0) {
        resolve();
        return;
      }
      if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
        reject(new Error(`worker script not found: ${fileURLToPath(url)} (worker threads need the built code: npm run build)`));
        return;
      }
      const n = Math.min(workers, tasks.length);
      const perWorker = 1 + ahead;
      /** Tasks dispatched but not yet delivered (running, queued in a worker, or buffered here). */
      const window = Math.max(n * perWorker * 2, 4);
      const pool: Worker[] = [];
      const inFlight = new Map<Worker, number>();
      const order = new InOrder(tasks, deliver);
      let next = 0; // next task to dispatch
      let finished = false;

      const finish = (err?: Error): void => {
        if (finished || stopping) return;
        finished = true;
        order.clear();
        for (const w of pool) {
          live.delete(w);
          void w.terminate();
        }
        if (err) reject(err);
        else resolve();
      };

      const dispatch = (w: Worker): void => {
        while (!finished && next < tasks.length && next < order.next + window && (inFlight.get(w) ?? 0) < perWorker) {
          const msg: ToWorker = { type: 'run', index: next, task: tasks[next]! };
          next++;
          inFlight.set(w, (inFlight.get(w) ?? 0) + 1);
          w.postMessage(msg);
        }
      };

      const onMessage = (w: Worker, msg: FromWorker): void => {
        if (finished) return;
        inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
        if (msg.type === 'error') {
          finish(workerError(tasks[msg.index]!, msg));
          return;
        }
        let all: boolean;
        try {
          all = order.put(msg.index, msg.product);
        } catch (err) {
          finish(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (all) {
          finish();
          return;
        }
        // The window may have moved: every worker may take more.
        for (const other of pool) dispatch(other);
      };

      try {
        for (let i = 0; i < n; i++) {
          const w = new Worker(url, { workerData: { scenario, plan } });
          pool.push(w);
          live.add(w);
          inFlight.set(w, 0);
          w.on('message', (msg: FromWorker) => onMessage(w, msg));
          w.on('error', (err) => finish(new Error(`worker failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err })));
          w.on('exit', (code) => {
            live.delete(w);
            if (!finished) finish(new Error(`worker exited unexpectedly (exit code ${code})`));
          });
        }
        for (const w of pool) dispatch(w);
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      }
    });
}

/** An executor whose worker threads stay up between calls (close() ends them), for commands that run many small scenarios. */
export interface PooledExecutor {
  readonly executor: Executor;
  close(): Promise<void>;
}

interface PoolJob {
  readonly scenario: Scenario;
  readonly plan: ProductPlan;
  readonly task: ReplicationTask;
  readonly done: (product: ReplicationProduct) => void;
  readonly fail: (err: Error) => void;
}

/**
 * `workers` threads shared by every call of the executor, each call's tasks queued first come,
 * first served and delivered in task order, as parallelExecutor does. A worker given a task of
 * another scenario than its last is sent that scenario first. Calls may run at the same time (an
 * optimisation's candidates of one stage): that is how the threads are kept busy.
 */
export function pooledExecutor(workers: number, options: ParallelOptions = {}): PooledExecutor {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: expected a positive integer, got ${workers}`);
  const url = options.workerUrl ?? DEFAULT_WORKER_URL;
  const queue: PoolJob[] = [];
  const idle: Worker[] = [];
  const pool: Worker[] = [];
  const current = new Map<Worker, Scenario>();
  const running = new Map<Worker, PoolJob>();
  let broken: Error | undefined;
  const failAll = (err: Error): void => {
    if (stopping) return;
    broken ??= err;
    for (const job of [...running.values(), ...queue.splice(0)]) job.fail(broken);
    running.clear();
  };
  const next = (w: Worker): void => {
    const job = queue.shift();
    if (job === undefined) {
      idle.push(w);
      return;
    }
    running.set(w, job);
    if (current.get(w) !== job.scenario) {
      current.set(w, job.scenario);
      w.postMessage({ type: 'use', scenario: job.scenario, plan: job.plan } satisfies ToWorker);
    }
    w.postMessage({ type: 'run', index: 0, task: job.task } satisfies ToWorker);
  };
  const start = (scenario: Scenario, plan: ProductPlan): void => {
    for (let i = 0; i < workers; i++) {
      const w = new Worker(url, { workerData: { scenario, plan } });
      pool.push(w);
      live.add(w);
      current.set(w, scenario);
      w.on('message', (msg: FromWorker) => {
        const job = running.get(w);
        running.delete(w);
        if (job === undefined) return;
        if (msg.type === 'error') {
          failAll(workerError(job.task, msg));
          return;
        }
        job.done(msg.product);
        next(w);
      });
      w.on('error', (err) => failAll(new Error(`worker failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err })));
      w.on('exit', (code) => {
        live.delete(w);
        if (pool.includes(w)) failAll(new Error(`worker exited unexpectedly (exit code ${code})`));
      });
      idle.push(w);
    }
  };
  const executor: Executor = (scenario, tasks, plan, deliver) =>
    new Promise<void>((resolve, reject) => {
      if (tasks.length === 0) return resolve();
      if (broken) return reject(broken);
      if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
        return reject(new Error(`worker script not found: ${fileURLToPath(url)} (worker threads need the built code: npm run build)`));
      }
      if (pool.length === 0) start(scenario, plan);
      const order = new InOrder(tasks, deliver);
      let failed = false;
      tasks.forEach((task, index) => {
        queue.push({
          scenario, plan, task,
          done: (product) => {
            if (failed) return;
            let all: boolean;
            try {
              all = order.put(index, product);
            } catch (err) {
              failed = true;
              reject(err instanceof Error ? err : new Error(String(err)));
              return;
            }
            if (all) resolve();
          },
          fail: (err) => {
            if (failed) return;
            failed = true;
            reject(err);
          },
        });
      });
      while (idle.length > 0 && queue.length > 0) next(idle.shift()!);
    });
  return {
    executor,
    async close() {
      const all = pool.splice(0);
      for (const w of all) live.delete(w);
      await Promise.allSettled(all.map((w) => w.terminate()));
    },
  };
}
