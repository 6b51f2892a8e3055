// One-off setup costs (capex): change management and application support setup time, and for
// the pre-approved variant the delivery teams' pipeline work and the automation itself.
import type { Scenario, Variant } from '../scenario/types.js';

export interface SetupCostItems {
  changeManagement: number;
  applicationSupport: number;
  pipeline: number;
}

export function setupCostItems(scenario: Scenario, variant: Variant): SetupCostItems {
  const { delivery, changeManagement, applicationSupport } = scenario.teams;
  const pipeline =
    variant === 'preApproved'
      ? (delivery.count * delivery.pipelineSetupEffort * delivery.hourlyRate) / 60 + scenario.costs.pipelineSetup
      : 0;
  return {
    changeManagement: (changeManagement.setupEffort * changeManagement.hourlyRate) / 60,
    applicationSupport: (applicationSupport.setupEffort * applicationSupport.hourlyRate) / 60,
    pipeline,
  };
}

export function setupCost(scenario: Scenario, variant: Variant): number {
  const s = setupCostItems(scenario, variant);
  return s.changeManagement + s.applicationSupport + s.pipeline;
}
