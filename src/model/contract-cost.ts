// An outsourced application support contract (the playbook: a lower rate for two or three
// deployments a month, a higher rate for rollbacks, a much higher rate for more frequent
// deployments): application support's deployments and rollbacks are paid per deployment instead
// of by the hour.
import type { TimeBase } from '../engine/time.js';
import type { ChangeRef, ReplicationContext } from './context.js';
import { PAID } from './records.js';

export interface ContractTally {
  /** Deployment attempts by application support that started in [warm-up, horizon). */
  readonly deployments: number;
  /** Of those, the attempts beyond the included number of their calendar month. */
  readonly aboveIncluded: number;
}

/**
 * Replaces the hourly deployment and rollback costs of every change application support deployed:
 * each attempt, in the order they started, is the n-th of its calendar month (local time, counted
 * over the whole organisation); the first `includedDeploymentsPerMonth` cost `ratePerDeployment`,
 * the rest `extraDeploymentRate`; each rollback (failed attempt) costs `rollbackRate`. Acceptance
 * and other work stay hourly. Returns the counted attempts and how many were above the included number.
 */
export function applyContract(ctx: ReplicationContext, timeBase: TimeBase): ContractTally | undefined {
  const contract = ctx.scenario.teams.applicationSupport.contract;
  const attempts = ctx.deploymentAttempts;
  if (contract === undefined || attempts === null) return undefined;
  const deployed = new Set<ChangeRef>(attempts.map((a) => a.ch));
  for (const ch of deployed) {
    ch.rec.runCost.deployment = 0;
    ch.rec.runCost.rollback = ch.rec.failedDeployments * contract.rollbackRate;
    // The contract pays for application support's deployments and rollbacks, in hours or out of them.
    ch.paid[PAID.applicationSupportDeployments] = 0;
    ch.paid[PAID.outOfHours] = 0;
    ch.paid[PAID.overtime] = 0;
    ch.paid[PAID.contract] = ch.rec.runCost.rollback;
  }
  const perMonth = new Map<string, number>();
  let deployments = 0;
  let aboveIncluded = 0;
  const { warmup, horizon } = ctx.scenario;
  for (const { ch, at } of attempts) {
    const month = timeBase.toIso(at).slice(0, 7);
    const n = (perMonth.get(month) ?? 0) + 1;
    perMonth.set(month, n);
    const extra = n > contract.includedDeploymentsPerMonth;
    const rate = extra ? contract.extraDeploymentRate : contract.ratePerDeployment;
    ch.rec.runCost.deployment += rate;
    ch.paid[PAID.contract]! += rate;
    if (at >= warmup && at < horizon) {
      deployments++;
      if (extra) aboveIncluded++;
    }
  }
  return { deployments, aboveIncluded };
}
