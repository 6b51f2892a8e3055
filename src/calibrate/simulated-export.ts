// A run's simulated changes in the shape of a ServiceNow change_request list export (what
// `orisim run --export servicenow` writes, and what `orisim backtest` compares an export with), so
// a run's output can be fed back to `orisim calibrate`. One row per counted change (ready after the
// warm-up, before the horizon) that was raised as a ticket by the end of the run, in order of
// readiness. Times are the scenario's local time rounded to the minute, as minutes since the epoch
// (the same clock calibrate reads exports onto). The rules are in docs/client-data.md, "An export for round trips".
import { TimeBase } from '../engine/time.js';
import type { ChangeRecord } from '../model/records.js';
import type { Scenario } from '../scenario/types.js';
import { csvRows } from '../run/csv-rows.js';
import type { Approval, ChangeRow, CloseCode, Risk } from './read-export.js';
import { formatStamp } from './synthetic-export.js';

/** The export's columns, by ServiceNow field name, in order. */
export const SERVICENOW_COLUMNS = [
  'number', 'short_description', 'type', 'state', 'approval', 'risk', 'assignment_group',
  'opened_at', 'cab_date', 'work_start', 'work_end', 'closed_at', 'close_code',
] as const;

/** A simulated change as an export row: calibrate's ChangeRow plus what only the export file shows. */
export interface ExportedChange extends ChangeRow {
  /** ServiceNow's display state: Assess, Scheduled, Review or Closed. */
  readonly stateText: 'Assess' | 'Scheduled' | 'Review' | 'Closed';
  readonly closedAt?: number | undefined;
  readonly shortDescription: string;
}

/** Class names that are ServiceNow risk levels (calibrate names its classes so): the risk column. */
const RISK_OF_CLASS: Readonly<Record<string, Risk>> = {
  'very-low': 'very low', low: 'low', moderate: 'moderate', high: 'high', 'very-high': 'very high',
};
const RISK_TEXT: Readonly<Record<Risk, string>> = { 'very high': 'Very High', high: 'High', moderate: 'Moderate', low: 'Low', 'very low': 'Very Low' };
const APPROVAL_TEXT: Readonly<Record<Approval, string>> = { approved: 'Approved', rejected: 'Rejected', requested: 'Requested', 'not requested': 'Not Yet Requested', 'not required': 'Not Required' };
const CLOSE_TEXT: Readonly<Record<CloseCode, string>> = { successful: 'Successful', 'successful with issues': 'Successful with issues', unsuccessful: 'Unsuccessful' };

/** The scenario's start in minutes since the epoch (local time, no zone). */
export function startEpochMinutes(scenario: Pick<Scenario, 'start'>): number {
  return Date.parse(`${new TimeBase(scenario.start).start}:00Z`) / 60_000;
}

/** "CHG0000042" for change 42. */
export const changeNumber = (id: number): string => `CHG${String(id).padStart(7, '0')}`;

/**
 * The rows of one replication's changes:
 * - type Standard on the pre-approved path, Emergency on the emergency path, else Normal;
 * - opened_at when the ticket was raised; cab_date the meeting that approved it (approved − the
 *   meeting's duration; normal-path changes only); work_start and work_end the last deployment's start and
 *   the moment the change went live; closed_at when validation and acceptance finished;
 * - state Closed (validated), Review (live, not yet validated), Scheduled (approved, or standard, not
 *   live) or Assess (raised, not approved);
 * - approval Not Required (standard), Approved, Rejected (rejected and not approved by the end of
 *   the run) or Requested;
 * - close_code Unsuccessful when any deployment attempt failed (it was rolled back, fixed and
 *   deployed again), else Successful; empty until live;
 * - risk the class's name when it is a risk level (very-low … very-high), else empty;
 *   assignment_group `delivery-N`.
 */
export function exportedChanges(scenario: Scenario, changes: readonly ChangeRecord[]): ExportedChange[] {
  const origin = startEpochMinutes(scenario);
  const at = (t: number): number | undefined => (Number.isFinite(t) ? Math.round(origin + t) : undefined);
  const cabDuration = scenario.teams.changeManagement.cab.duration;
  const out: ExportedChange[] = [];
  for (const c of changes) {
    if (c.warmup || !Number.isFinite(c.raisedAt)) continue;
    const standard = c.path === 'preApproved';
    // An emergency change is approved by the emergency CAB, at no CAB meeting: no cab_date.
    const emergency = c.path === 'emergency';
    const live = Number.isFinite(c.liveAt);
    const approved = !standard && Number.isFinite(c.approvedAt);
    const validated = live && Number.isFinite(c.validatedAt);
    const approval: Approval = standard ? 'not required' : approved ? 'approved' : c.rejections > 0 ? 'rejected' : 'requested';
    const closeCode: CloseCode | undefined = live ? (c.failedDeployments > 0 ? 'unsuccessful' : 'successful') : undefined;
    out.push({
      row: out.length + 2,
      number: changeNumber(c.id),
      type: standard ? 'standard' : emergency ? 'emergency' : 'normal',
      state: live ? 'implemented' : 'open',
      stateText: validated ? 'Closed' : live ? 'Review' : standard || approved ? 'Scheduled' : 'Assess',
      approval,
      risk: RISK_OF_CLASS[c.changeClass],
      openedAt: at(c.raisedAt)!,
      cabDate: approved && !emergency ? at(c.approvedAt - cabDuration) : undefined,
      cabHasTime: approved && !emergency,
      workStart: live ? at(c.deployStartAt) : undefined,
      workEnd: live ? at(c.liveAt) : undefined,
      closedAt: validated ? at(c.validatedAt) : undefined,
      closeCode,
      group: `delivery-${c.team}`,
      shortDescription: `Feature ${c.id} of delivery team ${c.team} (class ${c.changeClass})`,
    });
  }
  return out;
}

const stamp = (m: number | undefined): string => (m === undefined ? '' : formatStamp(m));

/** The export file's text: field-name header, display values, dates as yyyy-MM-dd HH:mm:ss, text cells neutralised for spreadsheets. */
export function serviceNowCsv(rows: readonly ExportedChange[]): string {
  return csvRows(
    rows.map((r) => ({
      number: r.number,
      short_description: r.shortDescription,
      type: r.type === 'standard' ? 'Standard' : r.type === 'emergency' ? 'Emergency' : 'Normal',
      state: r.stateText,
      approval: r.approval === undefined ? '' : APPROVAL_TEXT[r.approval],
      risk: r.risk === undefined ? '' : RISK_TEXT[r.risk],
      assignment_group: r.group ?? '',
      opened_at: stamp(r.openedAt),
      cab_date: stamp(r.cabDate),
      work_start: stamp(r.workStart),
      work_end: stamp(r.workEnd),
      closed_at: stamp(r.closedAt),
      close_code: r.closeCode === undefined ? '' : CLOSE_TEXT[r.closeCode],
    })),
    SERVICENOW_COLUMNS,
    true,
  );
}

/** The export's file name for the scenario's i-th variant: change_request.csv for the first, change_request-<variant>.csv for the others. */
export const exportFileName = (variant: string, index: number): string => (index === 0 ? 'change_request.csv' : `change_request-${variant}.csv`);
