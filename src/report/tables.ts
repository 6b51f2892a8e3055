// The flat tables of a run (changes, events, stages, replications, costs) as CSV-ready rows.
// Numbers are rounded to fixed decimals so that files are byte-identical run to run and easy to read.
import { setupCostItems } from '../model/setup-cost.js';
import { RUN_COST_ITEMS, STAGES, type ReplicationRecord } from '../model/records.js';
import type { Scenario, Variant } from '../scenario/types.js';
import type { Summary } from '../stats/summary-types.js';

export { type Row, num, changeRows, eventRows, csvRows, CHANGE_COLUMNS, EVENT_COLUMNS } from '../stats/rows.js';
import { num, type Row } from '../stats/rows.js';

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

export function replicationRows(records: readonly ReplicationRecord[]): Row[] {
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
    setup_cost: num(r.setupCost, 2),
    run_cost: num(r.runCost, 2),
    opportunity_cost: num(r.opportunityCost, 2),
    total_cost: num(r.totalCost, 2),
  }));
}

/** Costs per variant by type and item: mean per replication over the counted period, and its share of the total. */
export function costRows(scenario: Scenario, summary: Summary): Row[] {
  const rows: Row[] = [];
  for (const [variant, v] of Object.entries(summary.variants)) {
    const c = v!.costs;
    const add = (type: string, item: string, amount: number): void => {
      rows.push({ variant, type, item, amount: num(amount, 2), share: num(amount / c.total, 4), currency: c.currency });
    };
    const setup = setupCostItems(scenario, variant as Variant);
    add('setup', 'changeManagement', setup.changeManagement);
    add('setup', 'applicationSupport', setup.applicationSupport);
    add('setup', 'pipeline', setup.pipeline);
    for (const item of RUN_COST_ITEMS) add('run', item, c.runItems[item]);
    add('opportunity', 'costOfDelay', c.opportunity);
    add('total', 'setup', c.setup);
    add('total', 'run', c.run);
    add('total', 'opportunity', c.opportunity);
    add('total', 'total', c.total);
  }
  return rows;
}
