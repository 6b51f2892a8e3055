// Packs a replication's per-change records into one Float64Array (transferred between threads
// without copying) and unpacks them into the same records, field for field and in the same key
// order, so a parallel run's output is byte-identical to a serial run's.
import { RUN_COST_ITEMS, STAGES, type ChangeRecord, type Path, type ReplicationOutput } from '../model/records.js';
import type { Variant } from '../scenario/types.js';

/** The scalar number fields of a change record, in key order. */
const TIMES = ['readyAt', 'raisedAt', 'approvedAt', 'scheduledAt', 'deployStartAt', 'liveAt', 'validatedAt'] as const;
const COUNTS = ['rejections', 'failedDeployments', 'cabMeetings'] as const;
/** replication, id, team, class, variant, path, warmup, outOfHours, times, counts, wait, active, costOfDelay, runCost. */
const WIDTH = 8 + TIMES.length + COUNTS.length + 2 * STAGES.length + 1 + RUN_COST_ITEMS.length;

export interface PackedOutput {
  /** The output without its changes (cloned as it is). */
  readonly rest: Omit<ReplicationOutput, 'changes'>;
  readonly count: number;
  readonly numbers: Float64Array;
  /** Strings referred to by index from `numbers` (classes, variants, paths). */
  readonly strings: string[];
  /** What postMessage should transfer. */
  readonly transfer: ArrayBuffer[];
}

export function packOutput(output: ReplicationOutput): PackedOutput {
  const { changes, ...rest } = output;
  const n = changes.length;
  const numbers = new Float64Array(n * WIDTH);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  let o = 0;
  for (const c of changes) {
    numbers[o++] = c.replication;
    numbers[o++] = c.id;
    numbers[o++] = c.team;
    numbers[o++] = str(c.changeClass);
    numbers[o++] = str(c.variant);
    numbers[o++] = str(c.path);
    numbers[o++] = c.warmup ? 1 : 0;
    numbers[o++] = c.outOfHours ? 1 : 0;
    for (const k of TIMES) numbers[o++] = c[k];
    for (const k of COUNTS) numbers[o++] = c[k];
    for (const s of STAGES) numbers[o++] = c.wait[s];
    for (const s of STAGES) numbers[o++] = c.active[s];
    numbers[o++] = c.costOfDelay;
    for (const k of RUN_COST_ITEMS) numbers[o++] = c.runCost[k];
  }
  return { rest, count: n, numbers, strings, transfer: [numbers.buffer as ArrayBuffer] };
}

export function unpackOutput(packed: Omit<PackedOutput, 'transfer'>): ReplicationOutput {
  const { numbers, strings, count } = packed;
  const changes: ChangeRecord[] = new Array<ChangeRecord>(count);
  let o = 0;
  for (let i = 0; i < count; i++) {
    const replication = numbers[o++]!;
    const id = numbers[o++]!;
    const team = numbers[o++]!;
    const changeClass = strings[numbers[o++]!]!;
    const variant = strings[numbers[o++]!]! as Variant;
    const path = strings[numbers[o++]!]! as Path;
    const warmup = numbers[o++] === 1;
    const outOfHours = numbers[o++] === 1;
    const times = {} as Record<(typeof TIMES)[number], number>;
    for (const k of TIMES) times[k] = numbers[o++]!;
    const counts = {} as Record<(typeof COUNTS)[number], number>;
    for (const k of COUNTS) counts[k] = numbers[o++]!;
    const wait = {} as ChangeRecord['wait'];
    for (const s of STAGES) wait[s] = numbers[o++]!;
    const active = {} as ChangeRecord['active'];
    for (const s of STAGES) active[s] = numbers[o++]!;
    const costOfDelay = numbers[o++]!;
    const runCost = {} as ChangeRecord['runCost'];
    for (const k of RUN_COST_ITEMS) runCost[k] = numbers[o++]!;
    changes[i] = {
      replication,
      variant,
      id,
      team,
      changeClass,
      path,
      warmup,
      outOfHours,
      ...times,
      ...counts,
      wait,
      active,
      costOfDelay,
      runCost,
    };
  }
  const { rest } = packed;
  return {
    replicationRecord: rest.replicationRecord,
    changes,
    events: rest.events,
    cabMeetings: rest.cabMeetings,
    deploymentsByWeek: rest.deploymentsByWeek,
    wip: rest.wip,
    unallocatedRunCost: rest.unallocatedRunCost,
    warnings: rest.warnings,
  };
}
