// A replication's digest: what the summaries need from its changes, kept in typed arrays so that
// thousands of replications fit in memory (per-change objects are written out and dropped). A
// digest's arrays are views on one ArrayBuffer (one allocation, one buffer to transfer from a
// worker), and of the stage waits only the non-zero ones are kept: about 60% smaller per digest.
import { MINUTES_PER_DAY } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type EmergencyTally, type OnCallTally, type Path, type ReplicationOutput, type ReplicationRecord, type RunCostItems } from '../model/records.js';
import { readStages } from '../model/stage-times.js';
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

/** How many of each a digest holds, and the element types of its class and group indexes. */
export interface DigestShape {
  readonly changes: number;
  readonly restores: number;
  /** Stage waits kept (the non-zero ones). */
  readonly keptWaits: number;
  readonly weeks: number;
  readonly meetings: number;
  readonly classIndex: IndexType;
  readonly groupIndex: IndexType;
}

/** The element type of a class or group index: one byte each up to 256, else two. */
type IndexType = (new (buffer: ArrayBuffer, byteOffset: number, length: number) => Uint8Array | Uint16Array) & { readonly BYTES_PER_ELEMENT: number };

/** A digest's arrays (zero-filled), before they are filled. */
export type DigestArrays = Pick<
  ReplicationDigest,
  | 'leadTimeDays' | 'validatedLeadTimeDays' | 'classIndex' | 'pathIndex' | 'groupIndex' | 'stageWaitDays' | 'stageActiveHours'
  | 'restoreHours' | 'restorePathIndex' | 'runItems' | 'cabDecided' | 'cabSpillOver' | 'deploymentsByWeek'
> & { readonly stageWaitEnds: Uint32Array };

/**
 * A digest's arrays as views on one new buffer, in the one layout that every digest has
 * (digestReplication makes a digest's here, and DigestStore.digest makes one back here).
 */
export function digestArrays(shape: DigestShape): DigestArrays {
  const S = STAGES.length;
  const [leadTimeDays, validatedLeadTimeDays, restoreHours, stageActiveHours, runItems, stageWaitDays, stageWaitEnds, deploymentsByWeek, cabDecided, cabSpillOver, classIndex, groupIndex, pathIndex, restorePathIndex] = packed([
    [Float64Array, shape.changes],
    [Float64Array, shape.changes],
    [Float64Array, shape.restores],
    [Float64Array, S],
    [Float64Array, RUN_COST_ITEMS.length],
    [Float32Array, shape.keptWaits],
    [Uint32Array, S],
    [Int32Array, shape.weeks],
    [Uint16Array, shape.meetings],
    [Uint16Array, shape.meetings],
    [shape.classIndex, shape.changes],
    [shape.groupIndex, shape.changes],
    [Uint8Array, shape.changes],
    [Uint8Array, shape.restores],
  ] as const);
  return { leadTimeDays, validatedLeadTimeDays, classIndex, pathIndex, groupIndex, stageWaitDays, stageWaitEnds, stageActiveHours, restoreHours, restorePathIndex, runItems, cabDecided, cabSpillOver, deploymentsByWeek };
}

/** What a digest holds besides its arrays. */
export type DigestFigures = Pick<ReplicationDigest, 'record' | 'activeBeforeLive' | 'leadMinutes' | 'warnings'> & {
  readonly contract: ReplicationDigest['contract'] | undefined;
  readonly onCall: ReplicationDigest['onCall'] | undefined;
  readonly emergency: ReplicationDigest['emergency'] | undefined;
};

/** A digest from its filled arrays and its figures (the optional tallies only where there are some). */
export function digestOf(a: DigestArrays, f: DigestFigures): ReplicationDigest {
  return {
    record: f.record,
    leadTimeDays: a.leadTimeDays,
    validatedLeadTimeDays: a.validatedLeadTimeDays,
    classIndex: a.classIndex,
    pathIndex: a.pathIndex,
    groupIndex: a.groupIndex,
    stageWaitDays: a.stageWaitDays,
    stageWaitEnds: a.stageWaitEnds,
    stageActiveHours: a.stageActiveHours,
    activeBeforeLive: f.activeBeforeLive,
    leadMinutes: f.leadMinutes,
    restoreHours: a.restoreHours,
    restorePathIndex: a.restorePathIndex,
    runItems: a.runItems,
    cabDecided: a.cabDecided,
    cabSpillOver: a.cabSpillOver,
    deploymentsByWeek: a.deploymentsByWeek,
    ...(f.contract === undefined ? {} : { contract: f.contract }),
    ...(f.onCall === undefined ? {} : { onCall: f.onCall }),
    ...(f.emergency === undefined ? {} : { emergency: f.emergency }),
    warnings: f.warnings,
  };
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

/** What digests need of a scenario, made once per scenario: class index by name, delivery group by team. */
interface DigestIndexes {
  readonly classIdx: ReadonlyMap<string, number>;
  readonly teamGroup: Uint16Array;
  readonly groupCount: number;
}
const indexesOf = new WeakMap<Scenario, DigestIndexes>();
function digestIndexes(scenario: Scenario): DigestIndexes {
  let x = indexesOf.get(scenario);
  if (x === undefined) {
    const groups = deliveryGroups(scenario);
    x = { classIdx: new Map(scenario.classes.map((c, i) => [c.name, i])), teamGroup: groupOfTeam(groups), groupCount: groups.length };
    indexesOf.set(scenario, x);
  }
  return x;
}

const S = STAGES.length;
const VALIDATION = STAGES.indexOf('validation');
/** One change's stage tally (readStages), and the waits of a replication's completed counted changes stage by stage (float32), reused. */
const stageValues = new Float64Array(S);
let waitScratch = new Float32Array(S * 512);

/** Adds a change's run cost items (by name, in the order of RUN_COST_ITEMS) to `to`. */
function addRunItems(to: Float64Array, c: Readonly<RunCostItems>): void {
  to[0] += c.changeDocumentation;
  to[1] += c.assessment;
  to[2] += c.cab;
  to[3] += c.licences;
  to[4] += c.rework;
  to[5] += c.serviceIntroduction;
  to[6] += c.handover;
  to[7] += c.deployment;
  to[8] += c.rollback;
  to[9] += c.fix;
  to[10] += c.validation;
}

/**
 * A replication's digest. Plain loops over the changes that read each tally by name (readStages,
 * addRunItems: a read by a key from a list is a keyed lookup), summing in the same order as ever:
 * change by change, stage by stage within a change.
 */
export function digestReplication(scenario: Scenario, out: ReplicationOutput): ReplicationDigest {
  const { classIdx, teamGroup, groupCount } = digestIndexes(scenario);
  const changes = out.changes;
  let n = 0;
  for (let j = 0; j < changes.length; j++) {
    const c = changes[j]!;
    if (!c.warmup && Number.isFinite(c.liveAt)) n++;
  }
  // Stage waits as float32, stage s of the i-th completed counted change at [s * n + i]; those that
  // are 0 there (most stages of most changes) are not kept.
  if (waitScratch.length < S * n) waitScratch = new Float32Array(S * n * 2);
  const waits = waitScratch;
  const keptIn = new Array<number>(S).fill(0);
  let i = 0;
  for (let j = 0; j < changes.length; j++) {
    const c = changes[j]!;
    if (c.warmup || !Number.isFinite(c.liveAt)) continue;
    readStages(c.wait, stageValues);
    for (let k = 0; k < S; k++) {
      const wait = Math.fround(stageValues[k]! / MINUTES_PER_DAY);
      waits[k * n + i] = wait;
      if (wait !== 0) keptIn[k]!++;
    }
    i++;
  }
  let kept = 0;
  const stageWaitEndsList: number[] = [];
  for (let k = 0; k < S; k++) {
    kept += keptIn[k]!;
    stageWaitEndsList.push(kept);
  }
  let nRestores = 0;
  for (const r of out.restores) if (!r.warmup) nRestores++;
  let nMeetings = 0;
  for (const m of out.cabMeetings) if (m.time >= scenario.warmup && m.time < scenario.horizon) nMeetings++;
  const arrays = digestArrays({
    changes: n,
    restores: nRestores,
    keptWaits: kept,
    weeks: out.deploymentsByWeek.length,
    meetings: nMeetings,
    classIndex: scenario.classes.length <= 256 ? Uint8Array : Uint16Array,
    groupIndex: groupCount <= 256 ? Uint8Array : Uint16Array,
  });
  const { leadTimeDays, validatedLeadTimeDays, classIndex, pathIndex, groupIndex, stageWaitDays, stageWaitEnds, stageActiveHours, restoreHours, restorePathIndex, runItems, cabDecided, cabSpillOver, deploymentsByWeek } = arrays;
  stageWaitEnds.set(stageWaitEndsList);
  let activeBeforeLive = 0;
  let leadMinutes = 0;
  i = 0;
  for (let j = 0; j < changes.length; j++) {
    const c = changes[j]!;
    if (c.warmup) continue;
    addRunItems(runItems, c.runCost);
    if (!Number.isFinite(c.liveAt)) continue;
    leadTimeDays[i] = (c.liveAt - c.readyAt) / MINUTES_PER_DAY;
    validatedLeadTimeDays[i] = (c.validatedAt - c.readyAt) / MINUTES_PER_DAY;
    classIndex[i] = classIdx.get(c.changeClass) ?? 0;
    pathIndex[i] = pathIndexOf(c.path);
    groupIndex[i] = teamGroup[c.team - 1] ?? 0;
    readStages(c.active, stageValues);
    for (let k = 0; k < S; k++) {
      stageActiveHours[k] += stageValues[k]! / 60;
      if (k !== VALIDATION) activeBeforeLive += stageValues[k]!;
    }
    leadMinutes += c.liveAt - c.readyAt;
    i++;
  }
  let w = 0;
  for (let k = 0; k < S; k++) {
    for (let x = k * n, end = x + n; x < end; x++) {
      const wait = waits[x]!;
      if (wait !== 0) stageWaitDays[w++] = wait;
    }
  }
  runItems[RUN_COST_ITEMS.indexOf('licences')] += out.unallocatedRunCost.licences;
  runItems[RUN_COST_ITEMS.indexOf('cab')] += out.unallocatedRunCost.cab;
  let r = 0;
  for (const x of out.restores) {
    if (x.warmup) continue;
    restoreHours[r] = (x.restoredAt - x.failedAt) / 60;
    restorePathIndex[r++] = pathIndexOf(x.path);
  }
  let m = 0;
  for (const x of out.cabMeetings) {
    if (!(x.time >= scenario.warmup && x.time < scenario.horizon)) continue;
    cabDecided[m] = x.decided;
    cabSpillOver[m++] = x.spillOver;
  }
  deploymentsByWeek.set(out.deploymentsByWeek);
  return digestOf(arrays, {
    record: out.replicationRecord,
    activeBeforeLive,
    leadMinutes,
    contract: out.contract,
    onCall: out.onCall,
    emergency: out.emergency,
    warnings: out.warnings,
  });
}
