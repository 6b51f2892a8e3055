// Per-change and per-event rows of a replication (changes.csv, events.csv) as CSV text, made
// where the replication ran. Numbers are rounded to fixed decimals so files are byte-identical run
// to run and easy to read.
import type { TimeBase } from '../engine/time.js';
import { MINUTES_PER_DAY } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type ChangeRecord, type EventRecord } from '../model/records.js';
import { changesCsvBytes } from './changes-csv.js';
import { csvByteWriter, type CsvByteWriter } from './csv-bytes.js';

export type Row = Record<string, string | number>;

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * A number rounded to `digits` decimals (at most 6); empty for NaN or infinities (a step never
 * reached). Rounds by scaling (faster than toFixed, which matters over millions of cells); an
 * integer divided by a power of ten prints as the short decimal it stands for.
 */
export function num(x: number, digits: number): string | number {
  if (!Number.isFinite(x)) return '';
  const p = POW10[digits]!;
  const r = Math.round(x * p) / p;
  return r === 0 ? 0 : r;
}

function iso(tb: TimeBase, t: number): string {
  return Number.isFinite(t) ? tb.toIso(t) : '';
}

/** One change's cells, in the order of CHANGE_COLUMNS. */
export function changeCells(c: ChangeRecord, tb: TimeBase): (string | number)[] {
  const cells: (string | number)[] = [
    c.replication,
    c.id,
    c.team,
    c.changeClass,
    c.variant,
    c.path,
    c.warmup ? 0 : 1,
    iso(tb, c.readyAt),
    iso(tb, c.raisedAt),
    iso(tb, c.approvedAt),
    iso(tb, c.scheduledAt),
    iso(tb, c.deployStartAt),
    iso(tb, c.liveAt),
    iso(tb, c.validatedAt),
    num((c.liveAt - c.readyAt) / MINUTES_PER_DAY, 4),
    num((c.validatedAt - c.readyAt) / MINUTES_PER_DAY, 4),
    c.rejections,
    c.failedDeployments,
    c.cabMeetings,
    c.outOfHours ? 1 : 0,
  ];
  for (const s of STAGES) cells.push(num(c.wait[s] / MINUTES_PER_DAY, 4));
  for (const s of STAGES) cells.push(num(c.active[s] / 60, 3));
  cells.push(num(c.costOfDelay, 2));
  let run = 0;
  for (const item of RUN_COST_ITEMS) run += c.runCost[item];
  cells.push(num(run, 2));
  for (const item of RUN_COST_ITEMS) cells.push(num(c.runCost[item], 2));
  return cells;
}

/** Changes as rows keyed by column (for callers that want objects). */
export function changeRows(changes: readonly ChangeRecord[], tb: TimeBase): Row[] {
  return changes.map((c) => {
    const cells = changeCells(c, tb);
    const row: Row = {};
    CHANGE_COLUMNS.forEach((col, i) => (row[col] = cells[i]!));
    return row;
  });
}

/**
 * changes.csv lines (no header) for these changes as UTF-8 bytes, the hot path of big runs: the
 * same bytes as changeCells through csvCell, written without per-cell strings (changes-csv.ts)
 * by the time base's byte writer (one per thread and scenario, csv-bytes.ts).
 */
export function changesCsvBytesOf(changes: readonly ChangeRecord[], tb: TimeBase): Uint8Array {
  return changesCsvBytes(changes, csvByteWriter(tb));
}

/** changes.csv lines (no header) as text: changesCsvBytesOf decoded (for callers that want a string). */
export function changesCsv(changes: readonly ChangeRecord[], tb: TimeBase): string {
  return new TextDecoder().decode(changesCsvBytesOf(changes, tb));
}

/** events.csv lines (no header) as UTF-8 bytes: the same bytes as csvRows(eventRows(events)) (csv-rows.ts), cell by cell. */
export function eventsCsvBytes(events: readonly EventRecord[], tb: TimeBase): Uint8Array {
  const w: CsvByteWriter = csvByteWriter(tb);
  for (const e of events) {
    w.textOnce(e.caseId);
    w.byte(44);
    w.text(e.activity);
    w.byte(44);
    w.timestamp(e.start);
    w.byte(44);
    w.timestamp(e.end);
    w.byte(44);
    w.text(e.resource);
    w.byte(44);
    w.text(e.variant);
    w.byte(44);
    w.int(e.replication);
    w.byte(10);
  }
  return w.take();
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
