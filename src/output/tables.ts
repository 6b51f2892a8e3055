// The flat tables of a run (changes, events, stages, replications, costs, by-<key>) as CSV-ready rows.
// Numbers are rounded to fixed decimals so that files are byte-identical run to run and easy to read.
import { setupCostItems } from '../model/setup-cost.js';
import { ON_CALL_COST_ITEMS, RUN_COST_ITEMS, STAGES, type ReplicationRecord } from '../model/records.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { countedPeriod } from '../stats/cost-summary.js';
import type { Summary } from '../stats/summary-types.js';
import { breakdownEntries, type BreakdownKey } from '../stats/breakdowns.js';

export { type Row, CHANGE_COLUMNS, EVENT_COLUMNS } from '../run/rows.js';
export { csvRows } from '../run/csv-rows.js';
import { num, type Row } from '../run/rows.js';

export function stageRows(summary: Summary): Row[] {
  const rows: Row[] = [];
  for (const [variant, v] of Object.entries(summary.variants)) {
    for (const s of STAGES) {
      const st = v!.stages[s];
      rows.push({
        variant,
        stage: s,
        mean_wait_days: num(st.meanWaitDays, 4),
        p85_wait_days: num(st.p85WaitDays, 4),
        mean_active_hours: num(st.meanActiveHours, 3),
      });
    }
  }
  return rows;
}

/** One row per replication; its costs are over the counted period of `counted_days` (warm-up to horizon). */
export function replicationRows(scenario: Scenario, records: readonly ReplicationRecord[]): Row[] {
  const countedDays = countedPeriod(scenario).days;
  return records.map((r) => ({
    replication: r.replication,
    variant: r.variant,
    seed: r.seed,
    features_counted: r.featuresCounted,
    completed: r.completed,
    unfinished: r.unfinished,
    deployments: r.deployments,
    deployments_per_week: num(r.deploymentsPerWeek, 4),
    deployment_attempts: r.deploymentAttempts,
    failed_deployments: r.failedDeployments,
    rejections: r.rejections,
    out_of_hours_deployments: r.outOfHoursDeployments,
    lead_time_mean_days: num(r.leadTimeMeanDays, 4),
    validated_lead_time_mean_days: num(r.validatedLeadTimeMeanDays, 4),
    cab_meetings: r.cabMeetings,
    changes_per_cab_meeting: num(r.changesPerCabMeeting, 3),
    utilisation_delivery: num(r.utilisationDelivery, 4),
    utilisation_change_management: num(r.utilisationChangeManagement, 4),
    utilisation_application_support: num(r.utilisationApplicationSupport, 4),
    utilisation_out_of_hours: num(r.utilisationOutOfHours, 4),
    counted_days: num(countedDays, 4),
    setup_cost: num(r.setupCost, 2),
    run_cost: num(r.runCost, 2),
    opportunity_cost: num(r.opportunityCost, 2),
    total_cost: num(r.totalCost, 2),
  }));
}

/**
 * Costs per variant by type and item, each with its period: `amount_counted_period` is the mean
 * per replication over the counted period (`counted_days`, warm-up to horizon; setup is the whole
 * one-off), `amount_per_year` the annual figure (run and opportunity scaled to 52 weeks, setup
 * amortised over `costs.setupAmortisationYears`), `share_of_annual_total` its share of the annual
 * total cost of ownership.
 */
export function costRows(scenario: Scenario, summary: Summary): Row[] {
  const rows: Row[] = [];
  for (const [variant, v] of Object.entries(summary.variants)) {
    const c = v!.costs;
    const y = c.perYear;
    const add = (type: string, item: string, amount: number): void => {
      const perYear = type === 'setup' || item === 'setup' ? amount / y.setupAmortisationYears : item === 'total' ? y.total : amount * y.scale;
      rows.push({
        variant, type, item, currency: c.currency, counted_days: num(c.period.days, 4),
        amount_counted_period: num(amount, 2), amount_per_year: num(perYear, 2), share_of_annual_total: num(perYear / y.total, 4),
      });
    };
    const setup = setupCostItems(scenario, variant as Variant);
    add('setup', 'changeManagement', setup.changeManagement);
    add('setup', 'applicationSupport', setup.applicationSupport);
    add('setup', 'pipeline', setup.pipeline);
    add('setup', 'serviceIntroduction', setup.serviceIntroduction);
    // youBuildItYouRunIt's own items (the other variants' rows stay as they were).
    if (setup.telemetry !== undefined) add('setup', 'telemetry', setup.telemetry);
    if (setup.onCallReadiness !== undefined) add('setup', 'onCallReadiness', setup.onCallReadiness);
    for (const item of RUN_COST_ITEMS) add('run', item, c.runItems[item]);
    for (const item of ON_CALL_COST_ITEMS) {
      const amount = c.runItems[item];
      if (amount !== undefined) add('run', item, amount);
    }
    add('opportunity', 'costOfDelay', c.opportunity);
    add('total', 'setup', c.setup);
    add('total', 'run', c.run);
    add('total', 'opportunity', c.opportunity);
    add('total', 'total', c.total);
  }
  return rows;
}

/** Lead time per delivery group and variant (summary.json byGroup; empty for the single-map form). */
export function groupRows(summary: Summary): Row[] {
  const rows: Row[] = [];
  for (const [variant, v] of Object.entries(summary.variants)) {
    for (const [group, g] of Object.entries(v?.byGroup ?? {})) {
      rows.push({
        variant,
        group,
        completed: g.completed,
        p50_days: g.p50,
        p85_days: g.p85,
        p95_days: g.p95,
        mean_days: g.mean,
        mean_ci95_low: g.ci95[0],
        mean_ci95_high: g.ci95[1],
      });
    }
  }
  return rows;
}

export function csvFileName(key: BreakdownKey): string {
  return `by-${key}.csv`;
}

/** The rows of by-<key>.csv: lead times in days rounded to 4 decimals, as in stages.csv. */
export function breakdownRows(summary: Summary, key: BreakdownKey): Row[] {
  return breakdownEntries(summary, key).map(({ variant, group, lead }) => ({
    variant,
    [key]: group,
    completed: lead.completed,
    p50_days: num(lead.p50, 4),
    p85_days: num(lead.p85, 4),
    p95_days: num(lead.p95, 4),
    mean_days: num(lead.mean, 4),
    mean_ci95_low_days: num(lead.ci95[0], 4),
    mean_ci95_high_days: num(lead.ci95[1], 4),
    max_days: num(lead.max, 4),
  }));
}

export function breakdownColumns(key: BreakdownKey): string[] {
  return ['variant', key, 'completed', 'p50_days', 'p85_days', 'p95_days', 'mean_days', 'mean_ci95_low_days', 'mean_ci95_high_days', 'max_days'];
}
