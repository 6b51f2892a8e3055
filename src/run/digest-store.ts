// A variant's replication digests folded into columns as they are delivered: every replication's
// lead times one after the other in one column, its stage waits in one column per stage, and so on,
// with each replication's end in each column. A run of 10,000 replications then holds a few dozen
// arrays per variant instead of 10,000 digest objects of 14 typed arrays each (their object and
// buffer overheads were about a third of a digest). Columns grow in chunks, never copied, and full
// chunks go to a temporary file (column.ts), so the memory a run holds for its digests stays about
// the same however many replications it runs (a ReplicationRecord each). The digest stays the unit that
// crosses threads and that shard folders store: digest(i) gives replication i's back, the same
// values in the same layout as digestReplication makes.
import { RUN_COST_ITEMS, STAGES, type EmergencyTally, type OnCallTally, type ReplicationRecord } from '../model/records.js';
import { digestArrays, digestOf, stageWaitsOf, type ReplicationDigest } from './digest.js';

import { CHUNK_MAX, Column } from './column.js';

const NO_WARNINGS: readonly string[] = Object.freeze([]);

/** Where replication i's stretch of a column ends (ends[i]; 0 before the first). */
function endOf(ends: readonly number[], i: number): number {
  return i < 0 ? 0 : ends[i]!;
}

/**
 * One variant's replications, in the order they were appended. Per change (the completed counted
 * changes): leadTimeDays, validatedLeadTimeDays, classIndex, pathIndex, groupIndex, with
 * replication i's at [changeEnds[i - 1], changeEnds[i]). Stage k's kept waits (those a digest
 * keeps: non-zero) in stageWaits[k], replication i's ending at stageWaitEnds[i * STAGES.length + k];
 * the others are 0. Failed attempts, CAB meetings and weeks likewise with their own ends.
 */
export class DigestStore {
  readonly #chunk: number;
  readonly records: ReplicationRecord[] = [];
  readonly leadTimeDays: Column<Float64Array>;
  readonly validatedLeadTimeDays: Column<Float64Array>;
  /** Uint8Array up to 256 classes (or groups), else Uint16Array, as the first digest has them. */
  classIndex: Column<Uint8Array | Uint16Array>;
  groupIndex: Column<Uint8Array | Uint16Array>;
  readonly pathIndex: Column<Uint8Array>;
  readonly changeEnds: number[] = [];
  readonly stageWaits: readonly Column<Float32Array>[];
  readonly stageWaitEnds: number[] = [];
  /** Per replication: STAGES.length sums of active hours, RUN_COST_ITEMS.length run cost items. */
  readonly stageActiveHours: number[] = [];
  readonly runItems: number[] = [];
  readonly activeBeforeLive: number[] = [];
  readonly leadMinutes: number[] = [];
  readonly restoreHours: Column<Float64Array>;
  readonly restorePathIndex: Column<Uint8Array>;
  readonly restoreEnds: number[] = [];
  readonly cabDecided: Column<Uint16Array>;
  readonly cabSpillOver: Column<Uint16Array>;
  readonly meetingEnds: number[] = [];
  readonly deploymentsByWeek: Column<Int32Array>;
  readonly weekEnds: number[] = [];
  readonly contract: ({ readonly deployments: number; readonly aboveIncluded: number } | undefined)[] = [];
  readonly onCall: (OnCallTally | undefined)[] = [];
  readonly emergency: (EmergencyTally | undefined)[] = [];
  readonly warnings: (readonly string[])[] = [];

  /** `chunk`: the values in a full chunk of a column (column.ts), spilled to disk when full. */
  constructor(chunk = CHUNK_MAX) {
    this.#chunk = chunk;
    this.leadTimeDays = new Column(Float64Array, chunk);
    this.validatedLeadTimeDays = new Column(Float64Array, chunk);
    this.classIndex = new Column(Uint8Array, chunk);
    this.groupIndex = new Column(Uint8Array, chunk);
    this.pathIndex = new Column(Uint8Array, chunk);
    this.restoreHours = new Column(Float64Array, chunk);
    this.restorePathIndex = new Column(Uint8Array, chunk);
    this.cabDecided = new Column(Uint16Array, chunk);
    this.cabSpillOver = new Column(Uint16Array, chunk);
    this.deploymentsByWeek = new Column(Int32Array, chunk);
    this.stageWaits = STAGES.map(() => new Column(Float32Array, chunk));
  }

  /** A store holding these digests, in order. */
  static of(digests: Iterable<ReplicationDigest>, chunk = CHUNK_MAX): DigestStore {
    const store = new DigestStore(chunk);
    for (const d of digests) store.append(d);
    return store;
  }

  /** Replications held. */
  get length(): number {
    return this.records.length;
  }

  /** Completed counted changes held (all replications). */
  get changes(): number {
    return this.leadTimeDays.length;
  }

  /** Folds a digest in; the digest itself is not kept. */
  append(d: ReplicationDigest): void {
    if (this.records.length === 0) {
      if (d.classIndex instanceof Uint16Array) this.classIndex = new Column(Uint16Array, this.#chunk);
      if (d.groupIndex instanceof Uint16Array) this.groupIndex = new Column(Uint16Array, this.#chunk);
    }
    this.records.push(d.record);
    this.leadTimeDays.push(d.leadTimeDays);
    this.validatedLeadTimeDays.push(d.validatedLeadTimeDays);
    this.classIndex.push(d.classIndex);
    this.groupIndex.push(d.groupIndex);
    this.pathIndex.push(d.pathIndex);
    this.changeEnds.push(this.leadTimeDays.length);
    STAGES.forEach((_s, k) => {
      this.stageWaits[k]!.push(stageWaitsOf(d, k));
      this.stageWaitEnds.push(this.stageWaits[k]!.length);
    });
    for (let k = 0; k < STAGES.length; k++) this.stageActiveHours.push(d.stageActiveHours[k]!);
    for (let k = 0; k < RUN_COST_ITEMS.length; k++) this.runItems.push(d.runItems[k]!);
    this.activeBeforeLive.push(d.activeBeforeLive);
    this.leadMinutes.push(d.leadMinutes);
    this.restoreHours.push(d.restoreHours);
    this.restorePathIndex.push(d.restorePathIndex);
    this.restoreEnds.push(this.restoreHours.length);
    this.cabDecided.push(d.cabDecided);
    this.cabSpillOver.push(d.cabSpillOver);
    this.meetingEnds.push(this.cabDecided.length);
    this.deploymentsByWeek.push(d.deploymentsByWeek);
    this.weekEnds.push(this.deploymentsByWeek.length);
    this.contract.push(d.contract);
    this.onCall.push(d.onCall);
    this.emergency.push(d.emergency);
    this.warnings.push(d.warnings.length === 0 ? NO_WARNINGS : d.warnings);
  }

  /** Replication i's (0-based) completed changes: [from, to) in the per-change columns. */
  changesOf(i: number): [number, number] {
    return [endOf(this.changeEnds, i - 1), this.changeEnds[i]!];
  }

  /** Replication i's digest, as digestReplication made it: its arrays on one new buffer, the non-zero stage waits kept. */
  digest(i: number): ReplicationDigest {
    const S = STAGES.length;
    const [c0, c1] = this.changesOf(i);
    const [r0, r1] = [endOf(this.restoreEnds, i - 1), this.restoreEnds[i]!];
    const [m0, m1] = [endOf(this.meetingEnds, i - 1), this.meetingEnds[i]!];
    const [w0, w1] = [endOf(this.weekEnds, i - 1), this.weekEnds[i]!];
    const waitsFrom = (k: number): number => (i === 0 ? 0 : this.stageWaitEnds[(i - 1) * S + k]!);
    let kept = 0;
    for (let k = 0; k < S; k++) kept += this.stageWaitEnds[i * S + k]! - waitsFrom(k);
    const n = c1 - c0;
    const arrays = digestArrays({
      changes: n,
      restores: r1 - r0,
      keptWaits: kept,
      weeks: w1 - w0,
      meetings: m1 - m0,
      classIndex: this.classIndex.type,
      groupIndex: this.groupIndex.type,
    });
    const { leadTimeDays, validatedLeadTimeDays, classIndex, pathIndex, groupIndex, stageWaitDays, stageWaitEnds, stageActiveHours, restoreHours, restorePathIndex, runItems, cabDecided, cabSpillOver, deploymentsByWeek } = arrays;
    this.leadTimeDays.copyTo(leadTimeDays, 0, c0, c1);
    this.validatedLeadTimeDays.copyTo(validatedLeadTimeDays, 0, c0, c1);
    this.classIndex.copyTo(classIndex, 0, c0, c1);
    this.groupIndex.copyTo(groupIndex, 0, c0, c1);
    this.pathIndex.copyTo(pathIndex, 0, c0, c1);
    let w = 0;
    for (let k = 0; k < S; k++) {
      const from = waitsFrom(k);
      const to = this.stageWaitEnds[i * S + k]!;
      this.stageWaits[k]!.copyTo(stageWaitDays, w, from, to);
      w += to - from;
      stageWaitEnds[k] = w;
      stageActiveHours[k] = this.stageActiveHours[i * S + k]!;
    }
    for (let k = 0; k < RUN_COST_ITEMS.length; k++) runItems[k] = this.runItems[i * RUN_COST_ITEMS.length + k]!;
    this.restoreHours.copyTo(restoreHours, 0, r0, r1);
    this.restorePathIndex.copyTo(restorePathIndex, 0, r0, r1);
    this.cabDecided.copyTo(cabDecided, 0, m0, m1);
    this.cabSpillOver.copyTo(cabSpillOver, 0, m0, m1);
    this.deploymentsByWeek.copyTo(deploymentsByWeek, 0, w0, w1);
    return digestOf(arrays, {
      record: this.records[i]!,
      activeBeforeLive: this.activeBeforeLive[i]!,
      leadMinutes: this.leadMinutes[i]!,
      contract: this.contract[i],
      onCall: this.onCall[i],
      emergency: this.emergency[i],
      warnings: this.warnings[i]!,
    });
  }

  /** f of each replication's digest (made afresh, one at a time), in order. */
  mapDigests<U>(f: (d: ReplicationDigest, i: number) => U): U[] {
    const out: U[] = [];
    for (let i = 0; i < this.length; i++) out.push(f(this.digest(i), i));
    return out;
  }
}
