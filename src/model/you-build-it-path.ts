// The You Build It You Run It path: the delivery team that built the change deploys it through
// its own pipeline, on demand, and runs it. No change request, no CAB, no change management, no
// handover, no application support. A change that needs downtime goes in the team's own weekly
// slot (none given: zero-downtime deployment, so no change waits for one). A failed deployment
// rolls back automatically and the team restores service itself; out of its hours the person on
// call responds first. Every class takes this path in the youBuildItYouRunIt variant.
import type { Calendar } from '../engine/calendar.js';
import type { Resource } from '../engine/resource.js';
import type { ProcessBody } from '../engine/simulation.js';
import { deliveryGroups, type YouBuildItYouRunIt } from '../scenario/types.js';
import type { ChangeInFlight } from './change.js';
import { pipelineEffort, pipelineFails, smokeTest } from './common-steps.js';
import { queueForWindow, queueOutsideFreeze } from './deployment-queue.js';

/** Settings of a scenario built by hand without them: no setup, no on-call pay, no response time, no slot. */
export const NO_YOU_BUILD_IT: YouBuildItYouRunIt = {
  setup: { pipeline: 0, telemetry: 0, onCallReadiness: 0 },
  onCall: { standbyPayPerWeek: 0, responseTime: 0, callOutEffort: 0, callOutPremium: 1 },
  downtimeSlot: [],
};

/** The calendar of a team's group (its hours and holidays): out of it, the person on call answers. */
function teamCalendar(ch: ChangeInFlight): Calendar {
  const team = ch.feature.team;
  const groups = deliveryGroups(ch.ctx.scenario);
  const k = groups.findIndex((g) => team >= g.firstTeam && team < g.firstTeam + g.count);
  return ch.ctx.org.groupCalendars[Math.max(0, k)]!;
}

/**
 * Queues for a person of the team in its working hours, outside freezes and no-deploy periods,
 * and waits (still in stage `deploymentQueue`) for that working minute: the pipeline is then run
 * straight through from there.
 */
function* queueInWorkingHours(ch: ChangeInFlight, team: Resource): ProcessBody {
  yield* queueOutsideFreeze(ch, team);
  const wait = team.workStart() - ch.ctx.sim.now;
  if (wait > 0) yield wait;
}

export function* youBuildItYouRunItPath(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature, rec } = ch;
  const { org, rates, scenario } = ctx;
  const team = org.delivery[feature.team]!;
  const teamRate = rates.deliveryByTeam[feature.team]!;
  const hours = teamCalendar(ch);
  const { onCall } = scenario.youBuildItYouRunIt ?? NO_YOU_BUILD_IT;
  // Downtime only matters when the team has a slot; without one every deployment is zero-downtime.
  const slot = feature.downtime ? org.downtimeSlot : undefined;

  // Nothing to raise, approve or hand over: the change enters the team's pipeline when it is ready.
  rec.scheduledAt = ctx.sim.now;
  for (let attempt = 0; ; attempt++) {
    // 1. Deploy: the team runs its pipeline in its working hours, or in its own slot if it needs downtime.
    const effort = pipelineEffort(ch, attempt, 'deployment');
    if (slot === undefined) yield* queueInWorkingHours(ch, team);
    // In the team's own downtime slot with room for the deployment (never bumped: bumps are application support's).
    else yield* queueForWindow(ch, team, slot, effort, false);
    ch.enter('deployment');
    rec.deployStartAt = ctx.sim.now;
    rec.outOfHours = !hours.isOpen(ctx.sim.now);
    // The pipeline runs straight through once started (it does not stop when the office closes).
    yield ch.workThrough(team, effort, 'Deploy through own pipeline', teamRate, 'deployment');
    if (!pipelineFails(ch, attempt)) {
      team.release();
      break;
    }

    // 2. Restore: the pipeline rolls back at once; found out of the team's hours, the person on
    // call responds first (a call-out, paid at the premium) and sees the rollback through.
    rec.failedDeployments++;
    ch.enter('recovery');
    const rollback = pipelineEffort(ch, attempt, 'rollback');
    if (hours.isOpen(ctx.sim.now)) {
      const restore = ch.workThrough(team, rollback, 'Automated rollback', teamRate, 'rollback');
      ctx.restoring(ch, restore);
      yield restore;
    } else {
      const now = ctx.sim.now;
      ctx.restoring(ch, onCall.responseTime + rollback);
      ctx.callOuts.push({ warmup: rec.warmup, cost: (onCall.callOutEffort * teamRate * onCall.callOutPremium) });
      ctx.logEvent(ch, 'On-call response', now, now + onCall.responseTime, `${team.name}-on-call`);
      if (onCall.responseTime > 0) yield onCall.responseTime;
      yield ch.workThrough(team, rollback, 'Automated rollback', teamRate, 'rollback');
    }
    // The team fixes the cause in its working hours, then deploys again.
    yield ch.work(team, ch.effort('fix', attempt > 0), 'Fix failed change', teamRate, 'fix');
    team.release();
  }
  rec.liveAt = ctx.sim.now;
  ctx.changeLive(ch);

  // 3. Validate: the team smoke-tests the live change; there is no acceptance into service, it runs it.
  yield* smokeTest(ch);
  rec.validatedAt = ctx.sim.now;
  ch.finish();
}
