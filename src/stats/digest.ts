// A replication's digest: what the summaries need from its changes, kept in typed arrays so that
// thousands of replications fit in memory (per-change objects are written out and dropped).
import { MINUTES_PER_DAY } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type EmergencyTally, type OnCallTally, type Path, type ReplicationOutput, type ReplicationRecord } from '../model/records.js';
import { deliveryGroups, groupOfTeam, type Scenario } from '../scenario/types.js';

export interface ReplicationDigest {
  readonly record: ReplicationRecord;
  /** Counted changes that went live: lead time ready → live in days. */
  readonly leadTimeDays: Float64Array;
  /** Of those, ready → validated in days (NaN if not validated by the end). */
  readonly validatedLeadTimeDays: Float64Array;
  /** Of those, the class (index in scenario.classes) and path (index in PATHS). */
  readonly classIndex: Uint16Array;
  readonly pathIndex: Uint8Array;
  /** Of those, the delivery group (index in deliveryGroups(scenario)). */
  readonly groupIndex: Uint16Array;
  /** Of those, the wait in each stage in days: stage s of change i at [s * n + i]. */
  readonly stageWaitDays: Float32Array;
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

export function digestReplication(scenario: Scenario, out: ReplicationOutput): ReplicationDigest {
  const classIdx = new Map(scenario.classes.map((c, i) => [c.name, i]));
  const counted = out.changes.filter((c) => !c.warmup);
  const done = counted.filter((c) => Number.isFinite(c.liveAt));
  const n = done.length;
  const leadTimeDays = new Float64Array(n);
  const validatedLeadTimeDays = new Float64Array(n);
  const classIndex = new Uint16Array(n);
  const pathIndex = new Uint8Array(n);
  const groupIndex = new Uint16Array(n);
  const teamGroup = groupOfTeam(deliveryGroups(scenario));
  const stageWaitDays = new Float32Array(STAGES.length * n);
  const stageActiveHours = new Float64Array(STAGES.length);
  let activeBeforeLive = 0;
  let leadMinutes = 0;
  done.forEach((c, i) => {
    leadTimeDays[i] = (c.liveAt - c.readyAt) / MINUTES_PER_DAY;
    validatedLeadTimeDays[i] = (c.validatedAt - c.readyAt) / MINUTES_PER_DAY;
    classIndex[i] = classIdx.get(c.changeClass) ?? 0;
    pathIndex[i] = pathIndexOf(c.path);
    groupIndex[i] = teamGroup[c.team - 1] ?? 0;
    STAGES.forEach((s, k) => {
      stageWaitDays[k * n + i] = c.wait[s] / MINUTES_PER_DAY;
      stageActiveHours[k] += c.active[s] / 60;
      if (s !== 'validation') activeBeforeLive += c.active[s];
    });
    leadMinutes += c.liveAt - c.readyAt;
  });
  const runItems = new Float64Array(RUN_COST_ITEMS.length);
  for (const c of counted) RUN_COST_ITEMS.forEach((item, k) => (runItems[k] += c.runCost[item]));
  runItems[RUN_COST_ITEMS.indexOf('licences')] += out.unallocatedRunCost.licences;
  runItems[RUN_COST_ITEMS.indexOf('cab')] += out.unallocatedRunCost.cab;
  const restores = out.restores.filter((r) => !r.warmup);
  const restoreHours = Float64Array.from(restores, (r) => (r.restoredAt - r.failedAt) / 60);
  const restorePathIndex = Uint8Array.from(restores, (r) => pathIndexOf(r.path));
  const meetings = out.cabMeetings.filter((m) => m.time >= scenario.warmup && m.time < scenario.horizon);
  return {
    record: out.replicationRecord,
    leadTimeDays,
    validatedLeadTimeDays,
    classIndex,
    pathIndex,
    groupIndex,
    stageWaitDays,
    stageActiveHours,
    activeBeforeLive,
    leadMinutes,
    restoreHours,
    restorePathIndex,
    runItems,
    cabDecided: Uint16Array.from(meetings.map((m) => m.decided)),
    cabSpillOver: Uint16Array.from(meetings.map((m) => m.spillOver)),
    deploymentsByWeek: Int32Array.from(out.deploymentsByWeek),
    ...(out.contract === undefined ? {} : { contract: out.contract }),
    ...(out.onCall === undefined ? {} : { onCall: out.onCall }),
    ...(out.emergency === undefined ? {} : { emergency: out.emergency }),
    warnings: out.warnings,
  };
}
