// Zeroed per-stage and per-cost-item tallies, as literal objects so that every record shares one
// hidden class (built key by key, V8 would give them several and deoptimise the code reading them).
// The zeros are -0, which V8 stores as a double (0 would start as a small integer, and the first
// fractional minute added would change every record's hidden class and deoptimise the model);
// -0 + x is x, and -0 prints and serialises as 0.
import type { RunCostItems, Stage } from './records.js';

export function zeroStages(): Record<Stage, number> {
  return {
    request: -0,
    assessment: -0,
    cab: -0,
    rework: -0,
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
    handover: -0,
    deployment: -0,
    rollback: -0,
    fix: -0,
    validation: -0,
  };
}
