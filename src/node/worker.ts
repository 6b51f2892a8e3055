// A replication worker (worker_threads): receives the scenario and what the run wants from each
// replication once (workerData; a pool's worker may be sent another with a 'use' message), then runs each task it is sent and posts back its product — the
// digest (typed arrays) and the rows as CSV bytes, transferred rather than copied, and the full output
// only for kept replications — so the main thread has little left to do.
import { parentPort, workerData } from 'node:worker_threads';
import { TimeBase } from '../engine/time.js';
import { buildClassModels } from '../model/features.js';
import type { Scenario } from '../scenario/types.js';
import { produceReplication, type ProductPlan, type ReplicationTask } from '../run/replications.js';
import type { FromWorker, ToWorker } from './parallel.js';

const port = parentPort;
if (port === null) throw new Error('orisim worker: must be started as a worker thread');
let { scenario, plan } = workerData as { scenario: Scenario; plan: ProductPlan };
let classModels = buildClassModels(scenario);
let timeBase = new TimeBase(scenario.start);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'use') {
    // A pool's worker (pooledExecutor) moves on to another scenario: the tasks that follow are its.
    ({ scenario, plan } = msg);
    classModels = buildClassModels(scenario);
    timeBase = new TimeBase(scenario.start);
    return;
  }
  const task: ReplicationTask = msg.task;
  let reply: FromWorker;
  try {
    const product = produceReplication(scenario, task, classModels, plan, timeBase);
    const d = product.digest;
    // The digest's arrays share one buffer (run/digest.ts): each buffer is listed once. Each row
    // buffer owns its ArrayBuffer (CsvByteWriter.take copies out), so transferring it is safe.
    const transfer = [
      ...new Set([
        d.leadTimeDays, d.validatedLeadTimeDays, d.classIndex, d.pathIndex, d.groupIndex, d.stageWaitDays, d.stageActiveHours,
        d.runItems, d.cabDecided, d.cabSpillOver, d.deploymentsByWeek, d.restoreHours, d.restorePathIndex,
        product.changesCsv, product.eventsCsv,
      ].map((a) => a.buffer as ArrayBuffer)),
    ];
    reply = { type: 'done', index: msg.index, product };
    port.postMessage(reply, transfer);
    return;
  } catch (err) {
    reply = {
      type: 'error',
      index: msg.index,
      message: err instanceof Error ? err.message : String(err),
      stack: err instanceof Error ? (err.stack ?? '') : '',
    };
  }
  port.postMessage(reply);
});
