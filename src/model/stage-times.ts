// Zeroed per-stage and per-cost-item tallies, as literal objects so that every record shares one
// hidden class (built key by key, V8 would give them several and deoptimise the code reading them).
// The zeros are -0, which V8 stores as a double (0 would start as a small integer, and the first
// fractional minute added would change every record's hidden class and deoptimise the model);
// -0 + x is x, and -0 prints and serialises as 0.
import type { ChangeRecord, RunCostItem, RunCostItems, Stage } from './records.js';
import type { Variant } from '../scenario/types.js';

export function zeroStages(): Record<Stage, number> {
  return {
    request: -0,
    assessment: -0,
    cab: -0,
    rework: -0,
    serviceIntroduction: -0,
    handover: -0,
    deploymentQueue: -0,
    window: -0,
    deployment: -0,
    recovery: -0,
    validation: -0,
  };
}

export function zeroCosts(): RunCostItems {
  return {
    changeDocumentation: -0,
    assessment: -0,
    cab: -0,
    licences: -0,
    rework: -0,
    serviceIntroduction: -0,
    handover: -0,
    deployment: -0,
    rollback: -0,
    fix: -0,
    validation: -0,
  };
}

/** Who a change is: the fields a record starts with (the rest are the same for every new change). */
export interface ChangeIdentity {
  replication: number;
  variant: Variant;
  id: number;
  team: number;
  changeClass: string;
  path: ChangeRecord['path'];
  warmup: boolean;
  readyAt: number;
}

/** A new change's record: nothing has happened yet (times NaN, counts 0, tallies -0), one literal shape. */
export function newChangeRecord(who: ChangeIdentity): ChangeRecord {
  return {
    replication: who.replication,
    variant: who.variant,
    id: who.id,
    team: who.team,
    changeClass: who.changeClass,
    path: who.path,
    warmup: who.warmup,
    outOfHours: false,
    readyAt: who.readyAt,
    raisedAt: NaN,
    approvedAt: NaN,
    scheduledAt: NaN,
    deployStartAt: NaN,
    liveAt: NaN,
    validatedAt: NaN,
    rejections: 0,
    failedDeployments: 0,
    overtimeDeployments: 0,
    cabMeetings: 0,
    launch: false,
    bumps: 0,
    bumpDelay: -0,
    wait: zeroStages(),
    active: zeroStages(),
    costOfDelay: -0, // a double from the start (see above)
    runCost: zeroCosts(),
  };
}

// Per-stage and per-item access by index or by a name known at the call site. A loop over
// STAGES reading `record[stage]` is a keyed access whose key changes every time: V8 makes it
// megamorphic (a hash lookup per access). These helpers use named properties, which stay fast.

/** The index of a stage in STAGES (a switch: constant names fold away where it is inlined). */
export function stageIndex(stage: Stage): number {
  switch (stage) {
    case 'request': return 0;
    case 'assessment': return 1;
    case 'cab': return 2;
    case 'rework': return 3;
    case 'serviceIntroduction': return 4;
    case 'handover': return 5;
    case 'deploymentQueue': return 6;
    case 'window': return 7;
    case 'deployment': return 8;
    case 'recovery': return 9;
    case 'validation': return 10;
  }
}

/** Adds x to the tally of stage i (index as STAGES). */
export function addToStage(t: Record<Stage, number>, i: number, x: number): void {
  switch (i) {
    case 0: t.request += x; break;
    case 1: t.assessment += x; break;
    case 2: t.cab += x; break;
    case 3: t.rework += x; break;
    case 4: t.serviceIntroduction += x; break;
    case 5: t.handover += x; break;
    case 6: t.deploymentQueue += x; break;
    case 7: t.window += x; break;
    case 8: t.deployment += x; break;
    case 9: t.recovery += x; break;
    case 10: t.validation += x; break;
    default: throw new RangeError(`no stage ${i}`);
  }
}

/** Copies a per-stage tally into `out` (index as STAGES). */
export function readStages(t: Readonly<Record<Stage, number>>, out: Float64Array): void {
  out[0] = t.request;
  out[1] = t.assessment;
  out[2] = t.cab;
  out[3] = t.rework;
  out[4] = t.serviceIntroduction;
  out[5] = t.handover;
  out[6] = t.deploymentQueue;
  out[7] = t.window;
  out[8] = t.deployment;
  out[9] = t.recovery;
  out[10] = t.validation;
}

/** Sets a per-stage tally from `values` (index as STAGES). */
export function writeStages(t: Record<Stage, number>, values: Float64Array): void {
  t.request = values[0]!;
  t.assessment = values[1]!;
  t.cab = values[2]!;
  t.rework = values[3]!;
  t.serviceIntroduction = values[4]!;
  t.handover = values[5]!;
  t.deploymentQueue = values[6]!;
  t.window = values[7]!;
  t.deployment = values[8]!;
  t.recovery = values[9]!;
  t.validation = values[10]!;
}

/** Adds x to one run-cost item. */
export function addToCost(c: RunCostItems, item: RunCostItem, x: number): void {
  switch (item) {
    case 'changeDocumentation': c.changeDocumentation += x; break;
    case 'assessment': c.assessment += x; break;
    case 'cab': c.cab += x; break;
    case 'licences': c.licences += x; break;
    case 'rework': c.rework += x; break;
    case 'serviceIntroduction': c.serviceIntroduction += x; break;
    case 'handover': c.handover += x; break;
    case 'deployment': c.deployment += x; break;
    case 'rollback': c.rollback += x; break;
    case 'fix': c.fix += x; break;
    case 'validation': c.validation += x; break;
  }
}

/** `total` plus every run-cost item, added one at a time in RUN_COST_ITEMS order. */
export function addRunCosts(total: number, c: Readonly<RunCostItems>): number {
  let t = total;
  t += c.changeDocumentation;
  t += c.assessment;
  t += c.cab;
  t += c.licences;
  t += c.rework;
  t += c.serviceIntroduction;
  t += c.handover;
  t += c.deployment;
  t += c.rollback;
  t += c.fix;
  t += c.validation;
  return t;
}
