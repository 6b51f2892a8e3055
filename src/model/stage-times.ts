// Zeroed per-stage and per-cost-item tallies, as literal objects so that every record shares one
// hidden class (built key by key, V8 would give them several and deoptimise the code reading them).
import type { RunCostItems, Stage } from './records.js';

export function zeroStages(): Record<Stage, number> {
  return {
    request: 0,
    assessment: 0,
    cab: 0,
    rework: 0,
    handover: 0,
    deploymentQueue: 0,
    window: 0,
    deployment: 0,
    recovery: 0,
    validation: 0,
  };
}

export function zeroCosts(): RunCostItems {
  return {
    changeDocumentation: 0,
    assessment: 0,
    cab: 0,
    licences: 0,
    rework: 0,
    handover: 0,
    deployment: 0,
    rollback: 0,
    fix: 0,
    validation: 0,
  };
}
