// One replication's changes as columns (typed arrays), made where the replication ran, for the
// Parquet file (`--changes parquet`): small to hand from a worker thread and cheap to append to a
// row group. Every value is the one changes.csv shows: numbers rounded to the same decimals,
// times to the minute, and NaN where the CSV cell is empty (a step never reached).
import { MINUTES_PER_DAY, type TimeBase } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type ChangeRecord } from '../model/records.js';

/** How a changes.csv column is typed in the Parquet file. */
export type ChangeColumnKind = 'int' | 'text' | 'bool' | 'timestamp' | 'double';

interface ColumnDef {
  readonly name: string;
  readonly kind: ChangeColumnKind;
}

/** Reads a number column's value from a change (rounded as changes.csv rounds it); context: the start in epoch minutes. */
type Reader = (c: ChangeRecord, startEpoch: number) => number;

const POW10 = [1, 10, 100, 1000, 10000];
function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return NaN;
  const p = POW10[digits]!;
  const r = Math.round(x * p) / p;
  return r === 0 ? 0 : r;
}
const at = (t: number, startEpoch: number): number => (Number.isFinite(t) ? startEpoch + Math.round(t) : NaN);
const runCost = (c: ChangeRecord): number => {
  let run = 0;
  for (const item of RUN_COST_ITEMS) run += c.runCost[item];
  return run;
};

/** The changes.csv columns in order, with their kind and (for all but text) how to read them. */
const COLUMNS: readonly (ColumnDef & { read?: Reader; text?: (c: ChangeRecord) => string })[] = [
  { name: 'replication', kind: 'int', read: (c) => c.replication },
  { name: 'id', kind: 'int', read: (c) => c.id },
  { name: 'team', kind: 'int', read: (c) => c.team },
  { name: 'class', kind: 'text', text: (c) => c.changeClass },
  { name: 'variant', kind: 'text', text: (c) => c.variant },
  { name: 'path', kind: 'text', text: (c) => c.path },
  { name: 'counted', kind: 'bool', read: (c) => (c.warmup ? 0 : 1) },
  { name: 'ready', kind: 'timestamp', read: (c, s) => at(c.readyAt, s) },
  { name: 'raised', kind: 'timestamp', read: (c, s) => at(c.raisedAt, s) },
  { name: 'approved', kind: 'timestamp', read: (c, s) => at(c.approvedAt, s) },
  { name: 'scheduled', kind: 'timestamp', read: (c, s) => at(c.scheduledAt, s) },
  { name: 'deploy_start', kind: 'timestamp', read: (c, s) => at(c.deployStartAt, s) },
  { name: 'live', kind: 'timestamp', read: (c, s) => at(c.liveAt, s) },
  { name: 'validated', kind: 'timestamp', read: (c, s) => at(c.validatedAt, s) },
  { name: 'lead_time_days', kind: 'double', read: (c) => round((c.liveAt - c.readyAt) / MINUTES_PER_DAY, 4) },
  { name: 'validated_lead_time_days', kind: 'double', read: (c) => round((c.validatedAt - c.readyAt) / MINUTES_PER_DAY, 4) },
  { name: 'rejections', kind: 'int', read: (c) => c.rejections },
  { name: 'failed_deployments', kind: 'int', read: (c) => c.failedDeployments },
  { name: 'cab_meetings', kind: 'int', read: (c) => c.cabMeetings },
  { name: 'out_of_hours', kind: 'bool', read: (c) => (c.outOfHours ? 1 : 0) },
  ...STAGES.map((s) => ({ name: `wait_${s}_days`, kind: 'double' as const, read: (c: ChangeRecord) => round(c.wait[s] / MINUTES_PER_DAY, 4) })),
  ...STAGES.map((s) => ({ name: `active_${s}_hours`, kind: 'double' as const, read: (c: ChangeRecord) => round(c.active[s] / 60, 3) })),
  { name: 'cost_of_delay', kind: 'double', read: (c) => round(c.costOfDelay, 2) },
  { name: 'run_cost', kind: 'double', read: (c) => round(runCost(c), 2) },
  ...RUN_COST_ITEMS.map((i) => ({ name: `run_cost_${i}`, kind: 'double' as const, read: (c: ChangeRecord) => round(c.runCost[i], 2) })),
];

/** The columns of changes.csv / changes.parquet with their kinds, in order. */
export const CHANGE_COLUMN_KINDS: readonly ColumnDef[] = COLUMNS.map(({ name, kind }) => ({ name, kind }));

/** Positions (in CHANGE_COLUMN_KINDS) of the number columns (all but text), in order. */
export const NUMBER_COLUMNS: readonly number[] = COLUMNS.flatMap((c, i) => (c.kind === 'text' ? [] : [i]));
/** Positions of the text columns, in order. */
export const TEXT_COLUMNS: readonly number[] = COLUMNS.flatMap((c, i) => (c.kind === 'text' ? [i] : []));

/**
 * A replication's changes column by column. Number column k (k-th of NUMBER_COLUMNS) of row i is
 * values[k * rows + i]: an int, 0/1 for a boolean, minutes since 1970-01-01T00:00 local time for
 * a timestamp, the rounded value for a double; NaN where changes.csv has an empty cell. Text
 * column k of row i is texts[textIndex[k * rows + i]].
 */
export interface ChangeBatch {
  readonly rows: number;
  readonly values: Float64Array;
  readonly textIndex: Uint16Array;
  readonly texts: readonly string[];
}

/** The batch of these changes; `timeBase` is the scenario start's. */
export function changeBatch(changes: readonly ChangeRecord[], timeBase: TimeBase): ChangeBatch {
  const n = changes.length;
  const startEpoch = -timeBase.fromIso('1970-01-01T00:00');
  const values = new Float64Array(NUMBER_COLUMNS.length * n);
  NUMBER_COLUMNS.forEach((col, k) => {
    const read = COLUMNS[col]!.read!;
    for (let i = 0; i < n; i++) values[k * n + i] = read(changes[i]!, startEpoch);
  });
  const { textIndex, texts } = internTexts(n, (k, i) => COLUMNS[TEXT_COLUMNS[k]!]!.text!(changes[i]!));
  return { rows: n, values, textIndex, texts };
}

/** Text columns as indexes into a list of their distinct values: `text(k, i)` is text column k of row i. */
export function internTexts(n: number, text: (k: number, i: number) => string): { textIndex: Uint16Array; texts: string[] } {
  const texts: string[] = [];
  const known = new Map<string, number>();
  const textIndex = new Uint16Array(TEXT_COLUMNS.length * n);
  for (let k = 0; k < TEXT_COLUMNS.length; k++) {
    for (let i = 0; i < n; i++) {
      const v = text(k, i);
      let j = known.get(v);
      if (j === undefined) {
        j = texts.length;
        texts.push(v);
        known.set(v, j);
      }
      textIndex[k * n + i] = j;
    }
  }
  return { textIndex, texts };
}
