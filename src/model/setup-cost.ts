// One-off setup costs (capex): change management and application support setup time, the service
// introduction team's setup time (when there is one), and for the pre-approved variant the
// delivery teams' pipeline work and the automation itself. For You Build It You Run It, only each
// delivery team's own setup: its pipeline to production, its telemetry and its readiness to be on
// call (no change management, application support or service introduction setup).
import { deliveryGroups, type Scenario, type Variant } from '../scenario/types.js';
import { NO_YOU_BUILD_IT } from './you-build-it-path.js';

export interface SetupCostItems {
  changeManagement: number;
  applicationSupport: number;
  pipeline: number;
  serviceIntroduction: number;
  /** youBuildItYouRunIt only: each team's telemetry and on-call readiness. */
  telemetry?: number;
  onCallReadiness?: number;
}

/** Σ over teams of `effort` minutes at the team's group's rate. */
function perTeam(scenario: Scenario, effort: (g: ReturnType<typeof deliveryGroups>[number]) => number): number {
  return deliveryGroups(scenario).reduce((a, g) => a + (g.count * effort(g) * g.hourlyRate) / 60, 0);
}

export function setupCostItems(scenario: Scenario, variant: Variant): SetupCostItems {
  if (variant === 'youBuildItYouRunIt') {
    const { setup } = scenario.youBuildItYouRunIt ?? NO_YOU_BUILD_IT;
    return {
      changeManagement: 0,
      applicationSupport: 0,
      pipeline: perTeam(scenario, () => setup.pipeline),
      serviceIntroduction: 0,
      telemetry: perTeam(scenario, () => setup.telemetry),
      onCallReadiness: perTeam(scenario, () => setup.onCallReadiness),
    };
  }
  const { changeManagement, applicationSupport, serviceIntroduction } = scenario.teams;
  const pipeline = variant === 'preApproved' ? perTeam(scenario, (g) => g.pipelineSetupEffort) + scenario.costs.pipelineSetup : 0;
  return {
    changeManagement: (changeManagement.setupEffort * changeManagement.hourlyRate) / 60,
    applicationSupport: (applicationSupport.setupEffort * applicationSupport.hourlyRate) / 60,
    pipeline,
    serviceIntroduction: serviceIntroduction === undefined ? 0 : (serviceIntroduction.setupEffort * serviceIntroduction.hourlyRate) / 60,
  };
}

export function setupCost(scenario: Scenario, variant: Variant): number {
  const s = setupCostItems(scenario, variant);
  return s.changeManagement + s.applicationSupport + s.pipeline + s.serviceIntroduction + (s.telemetry ?? 0) + (s.onCallReadiness ?? 0);
}
