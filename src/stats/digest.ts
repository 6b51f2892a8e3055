// A replication's digest: what the summaries need from its changes, kept in typed arrays so that
// thousands of replications fit in memory (per-change objects are written out and dropped). A
// digest's arrays are views on one ArrayBuffer (one allocation, one buffer to transfer from a
// worker), and of the stage waits only the non-zero ones are kept: about 60% smaller per digest.
import { MINUTES_PER_DAY } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type EmergencyTally, type OnCallTally, type Path, type ReplicationOutput, type ReplicationRecord } from '../model/records.js';
import { deliveryGroups, groupOfTeam, type Scenario } from '../scenario/types.js';

export interface ReplicationDigest {
  readonly record: ReplicationRecord;
  /** Counted changes that went live: lead time ready → live in days. */
  readonly leadTimeDays: Float64Array;
  /** Of those, ready → validated in days (NaN if not validated by the end). */
  readonly validatedLeadTimeDays: Float64Array;
  /** Of those, the class (index in scenario.classes; one byte each up to 256 classes) and path (index in PATHS). */
  readonly classIndex: Uint8Array | Uint16Array;
  readonly pathIndex: Uint8Array;
  /** Of those, the delivery group (index in deliveryGroups(scenario); one byte each up to 256 groups). */
  readonly groupIndex: Uint8Array | Uint16Array;
  /**
   * Of those, the waits in each stage in days (float32). Without stageWaitEnds: every change's,
   * stage s of change i at [s * n + i]. With it: only the non-zero waits, stage by stage (stage s's
   * at [stageWaitEnds[s - 1] (0 for s = 0), stageWaitEnds[s]), in change order); the others are 0.
   * Either way, use stageWaitsOf.
   */
  readonly stageWaitDays: Float32Array;
  readonly stageWaitEnds?: Uint32Array;
  /** Sum over those changes of active hours per stage. */
  readonly stageActiveHours: Float64Array;
  /** Sum of active minutes before live, and of lead-time minutes (flow efficiency). */
  readonly activeBeforeLive: number;
  readonly leadMinutes: number;
  /** Failed deployment attempts of counted changes: time to restore in hours, and the path (as pathIndex). */
  readonly restoreHours: Float64Array;
  readonly restorePathIndex: Uint8Array;
  /** Run cost per item over counted changes, plus costs not attributable to a change. */
  readonly runItems: Float64Array;
  /** CAB meetings after warm-up and before the horizon: decided and spill-over per meeting. */
  readonly cabDecided: Uint16Array;
  readonly cabSpillOver: Uint16Array;
  readonly deploymentsByWeek: Int32Array;
  /** With an outsourced application support contract: counted deployment attempts and those above the included number. */
  readonly contract?: { readonly deployments: number; readonly aboveIncluded: number };
  /** youBuildItYouRunIt: on-call standby pay, call-outs and their cost (run costs outside runItems' per-change items). */
  readonly onCall?: OnCallTally;
  /** Only when a class has an emergencyShare above 0: the replication's emergency figures. */
  readonly emergency?: EmergencyTally;
  readonly warnings: readonly string[];
}

export const PATHS = ['normal', 'preApproved', 'emergency', 'youBuildItYouRunIt'] as const satisfies readonly Path[];

/** A path's index in PATHS (0, normal, for a path not listed). */
export function pathIndexOf(path: Path): number {
  const i = (PATHS as readonly Path[]).indexOf(path);
  return i < 0 ? 0 : i;
}

export type Column = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
export type ColumnType = new (buffer: ArrayBuffer, byteOffset: number, length: number) => Column;

/**
 * Typed arrays of the given types and lengths, all views on one new (zero-filled) ArrayBuffer, one
 * after another, each at an offset aligned to its element size.
 */
export function packed<const T extends readonly (readonly [ColumnType & { BYTES_PER_ELEMENT: number }, number])[]>(
  parts: T,
): { -readonly [K in keyof T]: InstanceType<T[K][0]> } {
  const offsets: number[] = [];
  let end = 0;
  for (const [type, length] of parts) {
    const at = Math.ceil(end / type.BYTES_PER_ELEMENT) * type.BYTES_PER_ELEMENT;
    offsets.push(at);
    end = at + length * type.BYTES_PER_ELEMENT;
  }
  const buffer = new ArrayBuffer(end);
  return parts.map(([type, length], i) => new type(buffer, offsets[i]!, length)) as { -readonly [K in keyof T]: InstanceType<T[K][0]> };
}

/** Stage k's waits (days) that the digest keeps: all of them, or only the non-zero ones (the others are 0). */
export function stageWaitsOf(d: ReplicationDigest, k: number): Float32Array {
  const ends = d.stageWaitEnds;
  if (ends === undefined) {
    const n = d.leadTimeDays.length;
    return d.stageWaitDays.subarray(k * n, (k + 1) * n);
  }
  return d.stageWaitDays.subarray(k === 0 ? 0 : ends[k - 1]!, ends[k]!);
}

export function digestReplication(scenario: Scenario, out: ReplicationOutput): ReplicationDigest {
  const classIdx = new Map(scenario.classes.map((c, i) => [c.name, i]));
  const counted = out.changes.filter((c) => !c.warmup);
  const done = counted.filter((c) => Number.isFinite(c.liveAt));
  const n = done.length;
  const teamGroup = groupOfTeam(deliveryGroups(scenario));
  const groupCount = deliveryGroups(scenario).length;
  const restores = out.restores.filter((r) => !r.warmup);
  const meetings = out.cabMeetings.filter((m) => m.time >= scenario.warmup && m.time < scenario.horizon);
  // Stage waits are kept as float32; those that are 0 there (most stages of most changes) are not kept.
  const waitOf = (c: (typeof done)[number], s: (typeof STAGES)[number]): number => Math.fround(c.wait[s] / MINUTES_PER_DAY);
  const stageWaitEndsList: number[] = [];
  let kept = 0;
  for (const s of STAGES) {
    for (const c of done) if (waitOf(c, s) !== 0) kept++;
    stageWaitEndsList.push(kept);
  }
  const [leadTimeDays, validatedLeadTimeDays, restoreHours, stageActiveHours, runItems, stageWaitDays, stageWaitEnds, deploymentsByWeek, cabDecided, cabSpillOver, classIndex, groupIndex, pathIndex, restorePathIndex] = packed([
    [Float64Array, n],
    [Float64Array, n],
    [Float64Array, restores.length],
    [Float64Array, STAGES.length],
    [Float64Array, RUN_COST_ITEMS.length],
    [Float32Array, kept],
    [Uint32Array, STAGES.length],
    [Int32Array, out.deploymentsByWeek.length],
    [Uint16Array, meetings.length],
    [Uint16Array, meetings.length],
    [scenario.classes.length <= 256 ? Uint8Array : Uint16Array, n],
    [groupCount <= 256 ? Uint8Array : Uint16Array, n],
    [Uint8Array, n],
    [Uint8Array, restores.length],
  ] as const);
  stageWaitEnds.set(stageWaitEndsList);
  let activeBeforeLive = 0;
  let leadMinutes = 0;
  done.forEach((c, i) => {
    leadTimeDays[i] = (c.liveAt - c.readyAt) / MINUTES_PER_DAY;
    validatedLeadTimeDays[i] = (c.validatedAt - c.readyAt) / MINUTES_PER_DAY;
    classIndex[i] = classIdx.get(c.changeClass) ?? 0;
    pathIndex[i] = pathIndexOf(c.path);
    groupIndex[i] = teamGroup[c.team - 1] ?? 0;
    STAGES.forEach((s, k) => {
      stageActiveHours[k] += c.active[s] / 60;
      if (s !== 'validation') activeBeforeLive += c.active[s];
    });
    leadMinutes += c.liveAt - c.readyAt;
  });
  let w = 0;
  for (const s of STAGES) {
    for (const c of done) {
      const wait = waitOf(c, s);
      if (wait !== 0) stageWaitDays[w++] = wait;
    }
  }
  for (const c of counted) RUN_COST_ITEMS.forEach((item, k) => (runItems[k] += c.runCost[item]));
  runItems[RUN_COST_ITEMS.indexOf('licences')] += out.unallocatedRunCost.licences;
  runItems[RUN_COST_ITEMS.indexOf('cab')] += out.unallocatedRunCost.cab;
  restores.forEach((r, i) => {
    restoreHours[i] = (r.restoredAt - r.failedAt) / 60;
    restorePathIndex[i] = pathIndexOf(r.path);
  });
  meetings.forEach((m, i) => {
    cabDecided[i] = m.decided;
    cabSpillOver[i] = m.spillOver;
  });
  deploymentsByWeek.set(out.deploymentsByWeek);
  return {
    record: out.replicationRecord,
    leadTimeDays,
    validatedLeadTimeDays,
    classIndex,
    pathIndex,
    groupIndex,
    stageWaitDays,
    stageWaitEnds,
    stageActiveHours,
    activeBeforeLive,
    leadMinutes,
    restoreHours,
    restorePathIndex,
    runItems,
    cabDecided,
    cabSpillOver,
    deploymentsByWeek,
    ...(out.contract === undefined ? {} : { contract: out.contract }),
    ...(out.onCall === undefined ? {} : { onCall: out.onCall }),
    ...(out.emergency === undefined ? {} : { emergency: out.emergency }),
    warnings: out.warnings,
  };
}
