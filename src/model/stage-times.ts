// Zeroed per-stage and per-cost-item tallies, as literal objects so that every record shares one
// hidden class (built key by key, V8 would give them several and deoptimise the code reading them).
// The zeros are -0, which V8 stores as a double (0 would start as a small integer, and the first
// fractional minute added would change every record's hidden class and deoptimise the model);
// -0 + x is x, and -0 prints and serialises as 0.
import type { ChangeRecord, RunCostItems, Stage } from './records.js';
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
