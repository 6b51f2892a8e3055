// An outsourced application support contract: deployments paid per deployment (included a month,
// then extra), rollbacks at their own rate; the share above the included number is reported.
import { describe, expect, it } from 'vitest';
import { TimeBase } from '../../src/engine/time.js';
import { EFFORT_STEPS, type ClassModel, type Feature } from '../../src/model/features.js';
import { runReplication } from '../../src/model/replication.js';
import { digestReplication } from '../../src/run/digest.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, smallClass, W } from '../model/helpers.js';
import { DEFAULT_TEXT, errorsOf } from '../scenario/helpers.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';

const tb = new TimeBase('2027-01-04');

function feature(models: readonly ClassModel[], id: number, readyAt: string, failures = 0): Feature {
  const cls = models[0]!;
  const efforts = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return {
    id, team: 0, readyAt: tb.fromIso(readyAt), cls, standard: false, downtime: false, efforts,
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script: { rejections: 0, failures },
  };
}

const CONTRACT = { includedDeploymentsPerMonth: 1, ratePerDeployment: 100, extraDeploymentRate: 500, rollbackRate: 300 };

function tiny(): Scenario {
  const b = baseScenario({ classes: [smallClass()], horizon: 6 * W, variants: ['normal'] });
  return {
    ...b,
    teams: {
      ...b.teams,
      delivery: { ...b.teams.delivery, count: 1, people: 3 },
      applicationSupport: { ...b.teams.applicationSupport, people: 1, contract: CONTRACT },
    },
  };
}

describe('teams.applicationSupport.contract', () => {
  const scenario = tiny();
  // Three features in the first week; the third fails once: four deployment attempts, all in January.
  const out = runReplication(scenario, 'normal', 1, {
    features: (m) => [feature(m, 1, '2027-01-04T09:00'), feature(m, 2, '2027-01-04T10:00'), feature(m, 3, '2027-01-04T11:00', 1)],
  });

  it('costs the first attempt of the month at the included rate, the rest at the extra rate, a rollback at its rate', () => {
    const deployment = out.changes.map((c) => c.runCost.deployment);
    const first = out.changes.reduce((a, c) => (c.deployStartAt < a.deployStartAt ? c : a));
    expect(first.runCost.deployment).toBe(100);
    expect(deployment.reduce((a, b) => a + b, 0)).toBe(100 + 3 * 500);
    expect(out.changes.map((c) => c.runCost.rollback)).toEqual([0, 0, 300]);
    expect(out.contract).toEqual({ deployments: 4, aboveIncluded: 3 });
  });

  it('reports the share of deployments above the included number, with a warning', () => {
    const v = summariseVariant(scenario, [digestReplication(scenario, out)]);
    expect(v.applicationSupportContract).toMatchObject({ includedDeploymentsPerMonth: 1, aboveIncludedShare: 0.75, aboveIncluded: 3 });
    expect(v.warnings).toContain("75% of application support's deployments (3.0 a replication) were above the contract's 1 included a month, paid at the extra deployment rate");
  });

  it('loads from a file and names a missing field', () => {
    const text = DEFAULT_TEXT.replace('    onFailure: redeploy\n', '    onFailure: redeploy\n    contract: { includedDeploymentsPerMonth: 3, ratePerDeployment: 800, extraDeploymentRate: 2500, rollbackRate: 1500 }\n');
    expect(parseScenarioText(text, 'c.yaml').teams.applicationSupport.contract).toEqual({ includedDeploymentsPerMonth: 3, ratePerDeployment: 800, extraDeploymentRate: 2500, rollbackRate: 1500 });
    const missing = DEFAULT_TEXT.replace('    onFailure: redeploy\n', '    onFailure: redeploy\n    contract: { includedDeploymentsPerMonth: 3, ratePerDeployment: 800, rollbackRate: 1500 }\n');
    expect(errorsOf(missing)).toContain('teams.applicationSupport.contract.extraDeploymentRate: missing required key "extraDeploymentRate"');
    expect('contract' in parseScenarioText(DEFAULT_TEXT, 'd.yaml').teams.applicationSupport).toBe(false);
  });
});
