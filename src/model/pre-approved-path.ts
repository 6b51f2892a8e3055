// The pre-approved path: a standard change, raised automatically (no documentation, no assessment,
// no CAB), deployed by its delivery team through the pipeline outside freezes; a failed deployment
// is rolled back by the pipeline and fixed by the team, then deployed again; then the smoke test.
import type { ProcessBody } from '../engine/simulation.js';
import type { ChangeInFlight } from './change.js';
import { pipelineEffort, pipelineFails, smokeTest } from './common-steps.js';
import { queueOutsideFreeze } from './deployment-queue.js';

export function* preApprovedPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const team = org.delivery[feature.team]!;
  const teamRate = rates.deliveryByTeam[feature.team]!;

  // Raised automatically as a standard change: no documentation, no assessment, no CAB.
  rec.raisedAt = ctx.sim.now;
  rec.runCost.licences += scenario.costs.licencePerChange;
  rec.scheduledAt = ctx.sim.now;
  for (let attempt = 0; ; attempt++) {
    yield* queueOutsideFreeze(ch, team);
    ch.enter('deployment');
    rec.deployStartAt = team.workStart();
    yield ch.work(team, pipelineEffort(ch, attempt, 'deployment'), 'Deploy through pipeline', teamRate, 'deployment');
    if (!pipelineFails(ch, attempt)) {
      team.release();
      break;
    }
    rec.failedDeployments++;
    ch.enter('recovery');
    // The pipeline rolls back at once (on the team's hours): restored when that is done.
    const restore = ch.work(team, pipelineEffort(ch, attempt, 'rollback'), 'Automated rollback', teamRate, 'rollback');
    ctx.restoring(ch, restore);
    yield restore;
    yield ch.work(team, ch.effort('fix', attempt > 0), 'Fix failed change', teamRate, 'fix');
    team.release();
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  yield* smokeTest(ch);
  rec.validatedAt = ctx.sim.now;
  ch.finish();
}
