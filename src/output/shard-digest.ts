// A digest read back from a shard folder (`orisim merge`) checked to have exactly the shape
// digestReplication (run/digest.ts) gives a replication of the plan's scenario, before anything
// uses it: the keys of the digest and of its record and tallies (no more, no fewer), numbers where
// numbers go, each typed array of its own type and of the length the others imply, and every index
// inside its list (class, path, delivery group). Its numbers themselves cannot be checked without
// running the replication again: a shard's digests are the shard's word (see docs, "merge").
// The key lists are typed as complete records of the model's types, so a field added to
// ReplicationRecord or a tally that is not listed here fails to compile.
import { RUN_COST_ITEMS, STAGES, type BumpTally, type CashTally, type EmergencyTally, type LaunchTally, type OnCallTally, type ReplicationRecord } from '../model/records.js';
import { deliveryGroups, type Scenario, type Variant } from '../scenario/types.js';
import { PATHS, type ReplicationDigest } from '../run/digest.js';
import { MINUTES_PER_WEEK } from '../engine/time.js';

/** The most warnings one digest may carry, and the longest (a replication says a few short sentences). */
const MAX_WARNINGS = 100;
const MAX_WARNING_CHARS = 2000;

type Check = (v: unknown) => boolean;
const num: Check = (v) => typeof v === 'number';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** An object with exactly these keys (the optional ones may be absent), each passing its check. */
function exactly(spec: Record<string, Check>, optional: readonly string[] = []): Check {
  const keys = Object.keys(spec);
  return (v) => {
    if (!isObject(v)) return false;
    for (const k of Object.keys(v)) if (!Object.hasOwn(spec, k)) return false;
    return keys.every((k) => (Object.hasOwn(v, k) ? spec[k]!(v[k]) : optional.includes(k)));
  };
}

const numbers = <T>(keys: Record<keyof T, true>): Check => exactly(Object.fromEntries(Object.keys(keys).map((k) => [k, num])));

const LAUNCH: Record<keyof LaunchTally, true> = { launches: true, completed: true, waitMinutes: true, activeMinutes: true, utilisation: true };
const BUMPS: Record<keyof BumpTally, true> = { bumps: true, changes: true, completed: true, delayMinutes: true };
const EMERGENCY: Record<keyof EmergencyTally, true> = {
  changes: true, completed: true, deploymentAttempts: true, failedDeployments: true, deploymentsInFreeze: true,
  outOfHoursDeployments: true, runCost: true, reviewCost: true, normalCompleted: true, normalDeploymentQueueWait: true,
};
const ON_CALL: Record<keyof OnCallTally, true> = { standby: true, callOuts: true, callOut: true };
const CASH: Record<keyof CashTally, true> = {
  delivery: true, changeManagement: true, applicationSupport: true, serviceIntroduction: true, outOfHours: true, overtime: true,
  contract: true, cab: true, licences: true, onCall: true,
};
const CONTRACT: Record<keyof NonNullable<ReplicationDigest['contract']>, true> = { deployments: true, aboveIncluded: true };

/** ReplicationRecord's keys: every one a number but the variant (checked by the caller) and the optional tallies. */
const RECORD: Record<keyof ReplicationRecord, Check> = {
  replication: num, variant: (v) => typeof v === 'string', seed: num, featuresCounted: num, completed: num, unfinished: num,
  deployments: num, deploymentsPerWeek: num, deploymentAttempts: num, failedDeployments: num, rejections: num,
  outOfHoursDeployments: num, overtimeDeployments: num, leadTimeMeanDays: num, validatedLeadTimeMeanDays: num, cabMeetings: num,
  changesPerCabMeeting: num, utilisationDelivery: num, utilisationChangeManagement: num, utilisationApplicationSupport: num,
  utilisationOutOfHours: num, serviceIntroduction: numbers(LAUNCH), rescheduling: numbers(BUMPS), setupCost: num, runCost: num,
  opportunityCost: num, totalCost: num, cash: numbers(CASH),
};
const checkRecord = exactly(RECORD, ['serviceIntroduction', 'rescheduling']);

type ArrayKey = Exclude<keyof ReplicationDigest, 'record' | 'activeBeforeLive' | 'leadMinutes' | 'contract' | 'onCall' | 'emergency' | 'warnings'>;
/** Each typed array of a digest: its type (or types) and which length it has. */
const ARRAYS: Record<ArrayKey, [readonly (abstract new (...a: never[]) => unknown)[], 'changes' | 'restores' | 'waits' | 'meetings' | 'weeks' | 'stages' | 'items']> = {
  leadTimeDays: [[Float64Array], 'changes'],
  validatedLeadTimeDays: [[Float64Array], 'changes'],
  classIndex: [[Uint8Array, Uint16Array], 'changes'],
  pathIndex: [[Uint8Array], 'changes'],
  groupIndex: [[Uint8Array, Uint16Array], 'changes'],
  stageWaitDays: [[Float32Array], 'waits'],
  stageWaitEnds: [[Uint32Array], 'stages'],
  stageActiveHours: [[Float64Array], 'stages'],
  restoreHours: [[Float64Array], 'restores'],
  restorePathIndex: [[Uint8Array], 'restores'],
  runItems: [[Float64Array], 'items'],
  cabDecided: [[Uint16Array], 'meetings'],
  cabSpillOver: [[Uint16Array], 'meetings'],
  deploymentsByWeek: [[Int32Array], 'weeks'],
};
const OTHER: Record<Exclude<keyof ReplicationDigest, ArrayKey>, true> = {
  record: true, activeBeforeLive: true, leadMinutes: true, contract: true, onCall: true, emergency: true, warnings: true,
};

/** Whether every value of an index array is below `limit`. */
function below(a: Uint8Array | Uint16Array, limit: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! >= limit) return false;
  return true;
}

/**
 * Why `d` is not a digest of replication `replication` of `variant` of `scenario`, or undefined when
 * it has a digest's shape (see the file comment for what that covers).
 */
export function digestProblem(d: unknown, scenario: Scenario, variant: Variant, replication: number): string | undefined {
  if (!isObject(d)) return 'not a digest';
  for (const k of Object.keys(d)) if (!Object.hasOwn(ARRAYS, k) && !Object.hasOwn(OTHER, k)) return `a digest has no ${JSON.stringify(String(k).slice(0, 40))}`;
  if (!checkRecord(d.record)) return 'its record is not a replication record';
  const record = d.record as unknown as ReplicationRecord;
  if (record.variant !== variant || record.replication !== replication) return `it is the digest of ${String(record.variant).slice(0, 40)} ${record.replication}`;
  if (!num(d.activeBeforeLive) || !num(d.leadMinutes)) return 'its flow-efficiency sums are not numbers';
  const tallies: [string, Check][] = [['contract', numbers(CONTRACT)], ['onCall', numbers(ON_CALL)], ['emergency', numbers(EMERGENCY)]];
  for (const [key, check] of tallies) if (Object.hasOwn(d, key) && !check(d[key])) return `its ${key} tally is not one`;
  const w = d.warnings;
  if (!Array.isArray(w) || w.length > MAX_WARNINGS || !w.every((x) => typeof x === 'string' && x.length <= MAX_WARNING_CHARS)) return 'its warnings are not a short list of text';
  const lengths = {
    changes: (d.leadTimeDays as { length?: unknown } | undefined)?.length,
    restores: (d.restoreHours as { length?: unknown } | undefined)?.length,
    waits: (d.stageWaitDays as { length?: unknown } | undefined)?.length,
    meetings: (d.cabDecided as { length?: unknown } | undefined)?.length,
    weeks: Math.ceil(scenario.horizon / MINUTES_PER_WEEK),
    stages: STAGES.length,
    items: RUN_COST_ITEMS.length,
  };
  for (const [key, [types, size]] of Object.entries(ARRAYS)) {
    const a = d[key];
    if (!types.some((t) => a instanceof t) || (a as { length: number }).length !== lengths[size]) return `its ${key} is not the array a digest holds there`;
  }
  const groups = deliveryGroups(scenario).length;
  if (!(d.classIndex instanceof (scenario.classes.length <= 256 ? Uint8Array : Uint16Array)) || !below(d.classIndex as Uint8Array, scenario.classes.length)) return 'its class indexes are not the classes of the scenario';
  if (!(d.groupIndex instanceof (groups <= 256 ? Uint8Array : Uint16Array)) || !below(d.groupIndex as Uint8Array, groups)) return 'its delivery group indexes are not the groups of the scenario';
  if (!below(d.pathIndex as Uint8Array, PATHS.length) || !below(d.restorePathIndex as Uint8Array, PATHS.length)) return 'its path indexes are not paths';
  const ends = d.stageWaitEnds as Uint32Array;
  for (let k = 1; k < ends.length; k++) if (ends[k]! < ends[k - 1]!) return 'its stage waits are not in stage order';
  if (ends[ends.length - 1] !== lengths.waits) return 'its stage waits are not in stage order';
  return undefined;
}
