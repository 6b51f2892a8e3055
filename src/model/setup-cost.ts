// One-off setup costs (capex): change management and application support setup time, the service
// introduction team's setup time (when there is one), and for the pre-approved variant the
// delivery teams' pipeline work and the automation itself.
import { deliveryGroups, type Scenario, type Variant } from '../scenario/types.js';

export interface SetupCostItems {
  changeManagement: number;
  applicationSupport: number;
  pipeline: number;
  serviceIntroduction: number;
}

export function setupCostItems(scenario: Scenario, variant: Variant): SetupCostItems {
  const { changeManagement, applicationSupport, serviceIntroduction } = scenario.teams;
  const pipeline =
    variant === 'preApproved'
      ? deliveryGroups(scenario).reduce((a, g) => a + (g.count * g.pipelineSetupEffort * g.hourlyRate) / 60, 0) + scenario.costs.pipelineSetup
      : 0;
  return {
    changeManagement: (changeManagement.setupEffort * changeManagement.hourlyRate) / 60,
    applicationSupport: (applicationSupport.setupEffort * applicationSupport.hourlyRate) / 60,
    pipeline,
    serviceIntroduction: serviceIntroduction === undefined ? 0 : (serviceIntroduction.setupEffort * serviceIntroduction.hourlyRate) / 60,
  };
}

export function setupCost(scenario: Scenario, variant: Variant): number {
  const s = setupCostItems(scenario, variant);
  return s.changeManagement + s.applicationSupport + s.pipeline + s.serviceIntroduction;
}
