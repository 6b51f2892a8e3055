// Emergency changes in words: one line per variant for `orisim run`'s stdout and the report's
// headline section, only when a class has an emergencyShare above 0 (summary.json `emergency`).
import type { EmergencySummary } from '../stats/summary-types.js';
import { compactDuration } from './words.js';
import { groupDigits } from '../scenario/group-digits.js';

function fixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

function money(x: number): string {
  return Number.isFinite(x) ? groupDigits(Math.round(x)) : '–';
}

/**
 * The figures: "9.1 changes a replication, lead time p50 4.0 h, p95 5.1 d; 28.9% of attempts fail;
 * 0.5 deployed in a freeze, 11.3% out of hours; run cost 797 GBP a change (reviews 1,911 a
 * replication); normal changes wait 3.0 h in application support's queue".
 */
export function emergencyFigures(e: EmergencySummary, currency: string): string {
  return (
    `${fixed(e.changesPerReplication, 1)} changes a replication, lead time p50 ${compactDuration(e.leadTimeDays.p50)}, ` +
    `p95 ${compactDuration(e.leadTimeDays.p95)}; ${fixed(e.changeFailureRate * 100, 1)}% of attempts fail; ` +
    `${fixed(e.deploymentsInFreeze, 1)} deployed in a freeze, ${fixed(e.outOfHoursShare * 100, 1)}% out of hours; ` +
    `run cost ${money(e.runCostPerChange)} ${currency} a change (reviews ${money(e.reviewCost)} a replication); ` +
    `normal changes wait ${compactDuration(e.normalDeploymentQueueWaitDays)} in application support's queue`
  );
}

/** `orisim run`'s line: "emergency normal: " and the figures. */
export function emergencyLine(variant: string, e: EmergencySummary, currency: string): string {
  return `emergency ${variant}: ${emergencyFigures(e, currency)}`;
}
