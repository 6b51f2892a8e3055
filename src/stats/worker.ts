// A replication worker (worker_threads): receives the scenario once (workerData), then runs each
// task it is sent and posts the output back. Outputs are plain data (structured-clonable); the
// per-change records are packed into typed arrays (transferred, not copied) to keep the main
// thread's share of the work small.
import { parentPort, workerData } from 'node:worker_threads';
import { buildClassModels } from '../model/features.js';
import { runReplication } from '../model/replication.js';
import type { Scenario } from '../scenario/types.js';
import { replicationOptions, type ReplicationTask } from './replications.js';
import { packOutput } from './pack.js';
import type { FromWorker, ToWorker } from './parallel.js';

const port = parentPort;
if (port === null) throw new Error('orisim worker: must be started as a worker thread');
const { scenario } = workerData as { scenario: Scenario };
const classModels = buildClassModels(scenario);

port.on('message', (msg: ToWorker) => {
  if (msg.type !== 'run') return;
  const task: ReplicationTask = msg.task;
  let reply: FromWorker;
  try {
    const output = runReplication(scenario, task.variant, task.replication, { classModels, ...replicationOptions(task) });
    const packed = packOutput(output);
    reply = { type: 'done', index: msg.index, packed };
    port.postMessage(reply, packed.transfer);
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
