// A study's replication worker (worker_threads): unlike worker.ts, which gets one scenario when it
// starts, it is sent a scenario with each task, because a study runs hundreds of input sets, each
// its own scenario; starting a pool per input set (each worker loads and compiles the model) would
// cost more than the replications. The class models are rebuilt only when the scenario changes.
import { parentPort } from 'node:worker_threads';
import { TimeBase } from '../engine/time.js';
import { buildClassModels, type ClassModel } from '../model/features.js';
import type { Scenario } from '../scenario/types.js';
import { produceReplication, type ProductPlan, type ReplicationTask } from '../run/replications.js';
import type { FromWorker } from './parallel.js';

/** Main thread → study worker: a task with its scenario (by key: sent in full the first time in a row). */
export type ToStudyWorker = { type: 'run'; index: number; key: number; scenario?: Scenario; plan: ProductPlan; task: ReplicationTask };

const port = parentPort;
if (port === null) throw new Error('orisim study worker: must be started as a worker thread');
let current: { key: number; scenario: Scenario; classModels: readonly ClassModel[]; timeBase: TimeBase } | undefined;

port.on('message', (msg: ToStudyWorker) => {
  let reply: FromWorker;
  try {
    if (msg.scenario !== undefined) current = { key: msg.key, scenario: msg.scenario, classModels: buildClassModels(msg.scenario), timeBase: new TimeBase(msg.scenario.start) };
    if (current === undefined || current.key !== msg.key) throw new Error('study worker: a task came without its scenario');
    const product = produceReplication(current.scenario, msg.task, current.classModels, msg.plan, current.timeBase);
    reply = { type: 'done', index: msg.index, product };
  } catch (err) {
    reply = { type: 'error', index: msg.index, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? (err.stack ?? '') : '' };
  }
  port.postMessage(reply);
});
