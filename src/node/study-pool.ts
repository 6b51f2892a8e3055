// A pool of study workers (study-worker.ts) kept for a whole study: an Executor that several input
// sets may call at once. Tasks queue first come, first served; each goes to a free worker with its
// scenario (sent in full only when the worker's last task was of another scenario); each call's
// outputs are delivered in its task order, so results are the same as the serial executor's.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Executor, ProductPlan, ReplicationProduct, ReplicationTask } from '../run/replications.js';
import type { Scenario } from '../scenario/types.js';
import type { FromWorker } from './parallel.js';
import type { ToStudyWorker } from './study-worker.js';

const WORKER_URL = new URL('./study-worker.js', import.meta.url);

interface Job {
  readonly key: number;
  readonly scenario: Scenario;
  readonly plan: ProductPlan;
  readonly task: ReplicationTask;
  readonly done: (product: ReplicationProduct) => void;
  readonly fail: (err: Error) => void;
}

export interface StudyPool {
  readonly executor: Executor;
  close(): Promise<void>;
}

/** Whether the built study worker is there (false when running from the TypeScript sources). */
export function studyWorkerAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

export function studyPool(workers: number): StudyPool {
  const queue: Job[] = [];
  const pool: { worker: Worker; key: number; job: Job | undefined }[] = [];
  const scenarioKeys = new WeakMap<Scenario, number>();
  let nextKey = 0;
  let closed = false;
  let broken: Error | undefined;

  const pump = (): void => {
    for (const slot of pool) {
      if (slot.job !== undefined || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.job = job;
      const msg: ToStudyWorker = { type: 'run', index: 0, key: job.key, plan: job.plan, task: job.task, ...(slot.key === job.key ? {} : { scenario: job.scenario }) };
      slot.key = job.key;
      slot.worker.postMessage(msg);
    }
  };
  const failAll = (err: Error): void => {
    broken = err;
    for (const slot of pool) slot.job?.fail(err);
    for (const job of queue.splice(0)) job.fail(err);
  };

  for (let i = 0; i < workers; i++) {
    const worker = new Worker(WORKER_URL);
    const slot = { worker, key: -1, job: undefined as Job | undefined };
    worker.on('message', (msg: FromWorker) => {
      const job = slot.job;
      slot.job = undefined;
      if (job === undefined) return;
      if (msg.type === 'error') job.fail(new Error(`replication ${job.task.replication} of variant ${job.task.variant} failed in a worker: ${msg.message}`));
      else job.done(msg.product);
      pump();
    });
    worker.on('error', (err) => failAll(new Error(`worker failed: ${err instanceof Error ? err.message : String(err)}`)));
    worker.on('exit', (code) => {
      if (!closed) failAll(new Error(`worker exited unexpectedly (exit code ${code})`));
    });
    pool.push(slot);
  }

  const executor: Executor = async (scenario, tasks, plan, deliver) => {
    if (broken !== undefined) throw broken;
    let key = scenarioKeys.get(scenario);
    if (key === undefined) scenarioKeys.set(scenario, (key = nextKey++));
    const products = await Promise.all(tasks.map((task) => new Promise<ReplicationProduct>((done, fail) => {
      queue.push({ key: key, scenario, plan, task, done, fail });
    })));
    // Delivered in task order once all are in: a study's calls are a few tasks each.
    tasks.forEach((task, i) => deliver(task, products[i]!));
  };
  // Start the queue after the promises above are made (pump runs in their finally, and here).
  const queued: Executor = async (...args) => {
    const run = executor(...args);
    pump();
    return run;
  };
  return {
    executor: queued,
    async close() {
      closed = true;
      await Promise.allSettled(pool.map((s) => s.worker.terminate()));
    },
  };
}
