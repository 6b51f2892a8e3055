// The DORA benchmark: four delivery metrics placed in the performance clusters of the State of
// DevOps report 2019 (DORA / Google Cloud; thresholds in shared/SOURCES.md). Each cluster is
// given there as a range; values that fall between two ranges (a 30% change failure rate, a
// restore of two days) go to the worse of the two, so a result is never flattered by a gap.

export type DoraCluster = 'elite' | 'high' | 'medium' | 'low';

export interface DoraMeasure {
  readonly value: number;
  readonly unit: string;
  readonly cluster: DoraCluster;
}

export interface DoraBenchmark {
  readonly deploymentFrequency: DoraMeasure;
  readonly leadTime: DoraMeasure;
  readonly changeFailureRate: DoraMeasure;
  readonly timeToRestore: DoraMeasure;
}

export const DORA_SOURCE = 'DORA, Accelerate State of DevOps 2019';

/** Days in a month, for "1 month" and "6 months" (a Gregorian year over 12). */
export const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Deployments per week per delivery team. Elite: on demand, several a day (more than 7 a week);
 * high: once a day to once a week (1 to 7 a week); medium: once a week to once a month; low: less
 * often than once a month.
 */
export function deploymentFrequencyCluster(perWeekPerTeam: number): DoraCluster {
  if (perWeekPerTeam > 7) return 'elite';
  if (perWeekPerTeam >= 1) return 'high';
  if (perWeekPerTeam >= 7 / DAYS_PER_MONTH) return 'medium';
  return 'low';
}

/** Lead time for changes in days: elite under a day; high up to a week; medium up to a month; low beyond. */
export function leadTimeCluster(days: number): DoraCluster {
  if (days < 1) return 'elite';
  if (days <= 7) return 'high';
  if (days <= DAYS_PER_MONTH) return 'medium';
  return 'low';
}

/**
 * Change failure rate as a share: elite, high and medium all report 0–15%, so 15% or less is
 * elite (the metric does not separate them); above 15% (the 16–45% gap and the 46–60% range) is low.
 */
export function changeFailureRateCluster(share: number): DoraCluster {
  return share <= 0.15 ? 'elite' : 'low';
}

/**
 * Time to restore service in hours: elite under an hour; high and medium both under a day, so
 * under a day is high; a day or more (the gap up to a week, and the 1 week – 1 month range) is low.
 */
export function timeToRestoreCluster(hours: number): DoraCluster {
  if (hours < 1) return 'elite';
  if (hours < 24) return 'high';
  return 'low';
}

export interface DoraInputs {
  /** Successful production deployments per week (the counted period) per delivery team. */
  readonly deploymentsPerWeekPerTeam: number;
  /** Median lead time for changes, ready → live, in days. */
  readonly leadTimeDays: number;
  /** Failed deployments / deployments. */
  readonly changeFailureRate: number;
  /** Median time to restore, failed deployment → rollback complete, in hours (NaN with no failure). */
  readonly timeToRestoreHours: number;
}

export function doraBenchmark(x: DoraInputs): DoraBenchmark {
  return {
    deploymentFrequency: { value: x.deploymentsPerWeekPerTeam, unit: 'deployments per week per delivery team', cluster: deploymentFrequencyCluster(x.deploymentsPerWeekPerTeam) },
    leadTime: { value: x.leadTimeDays, unit: 'days (median, ready to live)', cluster: leadTimeCluster(x.leadTimeDays) },
    changeFailureRate: { value: x.changeFailureRate, unit: 'share of deployments', cluster: changeFailureRateCluster(x.changeFailureRate) },
    timeToRestore: {
      value: x.timeToRestoreHours,
      unit: 'hours (median, failed deployment to rollback complete)',
      // No failure at all: nothing to restore, the best cluster.
      cluster: Number.isNaN(x.timeToRestoreHours) ? 'elite' : timeToRestoreCluster(x.timeToRestoreHours),
    },
  };
}
