// summary.json's serviceIntroduction and rescheduling blocks, from the replications' tallies:
// present only when the scenario has a service introduction team, or rescheduling switched on.
import { MINUTES_PER_DAY } from '../engine/time.js';
import type { ReplicationRecord } from '../model/records.js';
import type { Scenario } from '../scenario/types.js';
import type { ReschedulingSummary, ServiceIntroductionSummary } from './summary-types.js';

function total(reps: readonly ReplicationRecord[], f: (r: ReplicationRecord) => number): number {
  return reps.reduce((a, r) => a + f(r), 0);
}

export function serviceIntroductionSummary(scenario: Scenario, reps: readonly ReplicationRecord[]): ServiceIntroductionSummary | undefined {
  // No tally in any replication: a variant without the step (youBuildItYouRunIt).
  if (scenario.teams.serviceIntroduction === undefined || reps.every((r) => r.serviceIntroduction === undefined)) return undefined;
  const completed = total(reps, (r) => r.serviceIntroduction?.completed ?? 0);
  return {
    launches: total(reps, (r) => r.serviceIntroduction?.launches ?? 0) / reps.length,
    meanWaitDays: completed > 0 ? total(reps, (r) => r.serviceIntroduction?.waitMinutes ?? 0) / completed / MINUTES_PER_DAY : NaN,
    meanActiveHours: completed > 0 ? total(reps, (r) => r.serviceIntroduction?.activeMinutes ?? 0) / completed / 60 : NaN,
    utilisation: total(reps, (r) => r.serviceIntroduction?.utilisation ?? 0) / reps.length,
  };
}

export function reschedulingSummary(scenario: Scenario, reps: readonly ReplicationRecord[]): ReschedulingSummary | undefined {
  const probability = scenario.teams.applicationSupport.rescheduling?.probability ?? 0;
  if (!(probability > 0) || reps.every((r) => r.rescheduling === undefined)) return undefined;
  const completed = total(reps, (r) => r.rescheduling?.completed ?? 0);
  return {
    probability,
    bumps: total(reps, (r) => r.rescheduling?.bumps ?? 0) / reps.length,
    bumpedChanges: total(reps, (r) => r.rescheduling?.changes ?? 0) / reps.length,
    meanDelayDays: completed > 0 ? total(reps, (r) => r.rescheduling?.delayMinutes ?? 0) / completed / MINUTES_PER_DAY : NaN,
  };
}
