// Per-change and per-event rows of a replication (changes.csv, events.csv) as CSV text, made
// where the replication ran. Numbers are rounded to fixed decimals so files are byte-identical run
// to run and easy to read.
import { stringify } from 'csv-stringify/sync';
import type { TimeBase } from '../engine/time.js';
import { MINUTES_PER_DAY } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type ChangeRecord, type EventRecord } from '../model/records.js';

export type Row = Record<string, string | number>;

/** A number with `digits` decimals; empty for NaN or infinities (a step never reached). */
export function num(x: number, digits: number): string | number {
  if (!Number.isFinite(x)) return '';
  const r = Number(x.toFixed(digits));
  return Object.is(r, -0) ? 0 : r;
}

function iso(tb: TimeBase, t: number): string {
  return Number.isFinite(t) ? tb.toIso(t) : '';
}

export function changeRows(changes: readonly ChangeRecord[], tb: TimeBase): Row[] {
  return changes.map((c) => {
    const row: Row = {
      replication: c.replication,
      id: c.id,
      team: c.team,
      class: c.changeClass,
      variant: c.variant,
      path: c.path,
      counted: c.warmup ? 0 : 1,
      ready: iso(tb, c.readyAt),
      raised: iso(tb, c.raisedAt),
      approved: iso(tb, c.approvedAt),
      scheduled: iso(tb, c.scheduledAt),
      deploy_start: iso(tb, c.deployStartAt),
      live: iso(tb, c.liveAt),
      validated: iso(tb, c.validatedAt),
      lead_time_days: num((c.liveAt - c.readyAt) / MINUTES_PER_DAY, 4),
      validated_lead_time_days: num((c.validatedAt - c.readyAt) / MINUTES_PER_DAY, 4),
      rejections: c.rejections,
      failed_deployments: c.failedDeployments,
      cab_meetings: c.cabMeetings,
      out_of_hours: c.outOfHours ? 1 : 0,
    };
    for (const s of STAGES) row[`wait_${s}_days`] = num(c.wait[s] / MINUTES_PER_DAY, 4);
    for (const s of STAGES) row[`active_${s}_hours`] = num(c.active[s] / 60, 3);
    row.cost_of_delay = num(c.costOfDelay, 2);
    let run = 0;
    for (const item of RUN_COST_ITEMS) run += c.runCost[item];
    row.run_cost = num(run, 2);
    for (const item of RUN_COST_ITEMS) row[`run_cost_${item}`] = num(c.runCost[item], 2);
    return row;
  });
}

export function eventRows(events: readonly EventRecord[], tb: TimeBase): Row[] {
  return events.map((e) => ({
    case_id: e.caseId,
    activity: e.activity,
    start: iso(tb, e.start),
    end: iso(tb, e.end),
    resource: e.resource,
    variant: e.variant,
    replication: e.replication,
  }));
}

/** The columns of changes.csv, in order. */
export const CHANGE_COLUMNS: readonly string[] = [
  'replication', 'id', 'team', 'class', 'variant', 'path', 'counted', 'ready', 'raised', 'approved', 'scheduled',
  'deploy_start', 'live', 'validated', 'lead_time_days', 'validated_lead_time_days', 'rejections', 'failed_deployments',
  'cab_meetings', 'out_of_hours',
  ...STAGES.map((s) => `wait_${s}_days`),
  ...STAGES.map((s) => `active_${s}_hours`),
  'cost_of_delay', 'run_cost',
  ...RUN_COST_ITEMS.map((i) => `run_cost_${i}`),
];

/** The columns of events.csv, in order. */
export const EVENT_COLUMNS: readonly string[] = ['case_id', 'activity', 'start', 'end', 'resource', 'variant', 'replication'];

/** Rows as CSV text with the given columns; `header` adds the header line. */
export function csvRows(rows: readonly Row[], columns: readonly string[], header = false): string {
  if (rows.length === 0 && !header) return '';
  return stringify(rows as Row[], { header, columns: columns as string[] });
}
