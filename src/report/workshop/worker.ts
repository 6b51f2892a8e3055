// The workshop page's replication worker (a Web Worker started from a Blob URL, so it starts from
// file:// too): bundled by esbuild into its own script (src/bench/bundle-workshop.ts). It receives a
// scenario once per key, then runs each replication it is sent and posts back its product (the
// digest, its buffers transferred), as src/node/worker.ts does for worker threads.
import { TimeBase } from '../../engine/time.js';
import { buildClassModels, type ClassModel } from '../../model/features.js';
import type { Scenario } from '../../scenario/types.js';
import { produceReplication, type ProductPlan, type ReplicationTask } from '../../run/replications.js';
import type { FromPageWorker, ToPageWorker } from './pool.js';

/** What each replication hands back in the workshop: its digest only (no rows, no full output). */
const WORKSHOP_PLAN: ProductPlan = { rows: false, changes: 'none', keep: 0 };

interface Prepared {
  readonly scenario: Scenario;
  readonly classModels: readonly ClassModel[];
  readonly timeBase: TimeBase;
}

/** The scenarios this worker has been sent, by key (the last few). */
const prepared = new Map<string, Prepared>();
const scope = globalThis as unknown as {
  onmessage: ((e: { data: ToPageWorker }) => void) | null;
  postMessage(message: FromPageWorker, transfer?: ArrayBuffer[]): void;
};

scope.onmessage = (e) => {
  const msg = e.data;
  try {
    if (msg.scenario !== undefined) {
      if (prepared.size >= 4) prepared.delete(prepared.keys().next().value!);
      prepared.set(msg.key, { scenario: msg.scenario, classModels: buildClassModels(msg.scenario), timeBase: new TimeBase(msg.scenario.start) });
    }
    const p = prepared.get(msg.key);
    if (p === undefined) throw new Error(`no scenario for ${msg.key}`);
    const task: ReplicationTask = msg.task;
    const product = produceReplication(p.scenario, task, p.classModels, WORKSHOP_PLAN, p.timeBase);
    const d = product.digest;
    const transfer = [
      ...new Set([
        d.leadTimeDays, d.validatedLeadTimeDays, d.classIndex, d.pathIndex, d.groupIndex, d.stageWaitDays, d.stageActiveHours,
        d.runItems, d.cabDecided, d.cabSpillOver, d.deploymentsByWeek, d.restoreHours, d.restorePathIndex,
      ].map((a) => a.buffer as ArrayBuffer)),
    ];
    scope.postMessage({ id: msg.id, product }, transfer);
  } catch (err) {
    scope.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
};
