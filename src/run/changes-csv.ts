// changes.csv rows as bytes, the hot path of big runs: each replication's rows are written cell by
// cell into the thread's byte writer (csv-bytes.ts: no string per cell, row or replication) and
// handed back as one buffer, which a worker transfers to the main thread. The bytes are exactly
// those of changeCells (rows.ts) passed through csvCell (csv.ts) and joined with commas (tests).
import { MINUTES_PER_DAY } from '../engine/time.js';
import type { ChangeRecord, RunCostItems, Stage } from '../model/records.js';
import type { CsvByteWriter } from './csv-bytes.js';

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
const ONE = 49;

// The per-stage and per-cost-item cells read each tally by name, in the order of STAGES and
// RUN_COST_ITEMS (model/records.ts): a named read of an object of one hidden class is a plain field
// load, where a read by a key from the list is a keyed lookup, 55 a row. The tests hold the order
// to changeCells, which walks the lists.

/** A stage tally's cells (each value / divisor, rounded to `digits` decimals), in the order of STAGES. */
function stageCells(w: CsvByteWriter, t: Readonly<Record<Stage, number>>, divisor: number, digits: number): void {
  w.byte(COMMA);
  w.num(t.request / divisor, digits);
  w.byte(COMMA);
  w.num(t.assessment / divisor, digits);
  w.byte(COMMA);
  w.num(t.cab / divisor, digits);
  w.byte(COMMA);
  w.num(t.rework / divisor, digits);
  w.byte(COMMA);
  w.num(t.serviceIntroduction / divisor, digits);
  w.byte(COMMA);
  w.num(t.handover / divisor, digits);
  w.byte(COMMA);
  w.num(t.deploymentQueue / divisor, digits);
  w.byte(COMMA);
  w.num(t.window / divisor, digits);
  w.byte(COMMA);
  w.num(t.deployment / divisor, digits);
  w.byte(COMMA);
  w.num(t.recovery / divisor, digits);
  w.byte(COMMA);
  w.num(t.validation / divisor, digits);
}

/** run_cost (the items summed in the order of RUN_COST_ITEMS, as changeCells sums them) and each item's cell, in that order. */
function runCostCells(w: CsvByteWriter, r: Readonly<RunCostItems>): void {
  let run = 0;
  run += r.changeDocumentation;
  run += r.assessment;
  run += r.cab;
  run += r.licences;
  run += r.rework;
  run += r.serviceIntroduction;
  run += r.handover;
  run += r.deployment;
  run += r.rollback;
  run += r.fix;
  run += r.validation;
  w.byte(COMMA);
  w.num(run, 2);
  w.byte(COMMA);
  w.num(r.changeDocumentation, 2);
  w.byte(COMMA);
  w.num(r.assessment, 2);
  w.byte(COMMA);
  w.num(r.cab, 2);
  w.byte(COMMA);
  w.num(r.licences, 2);
  w.byte(COMMA);
  w.num(r.rework, 2);
  w.byte(COMMA);
  w.num(r.serviceIntroduction, 2);
  w.byte(COMMA);
  w.num(r.handover, 2);
  w.byte(COMMA);
  w.num(r.deployment, 2);
  w.byte(COMMA);
  w.num(r.rollback, 2);
  w.byte(COMMA);
  w.num(r.fix, 2);
  w.byte(COMMA);
  w.num(r.validation, 2);
}

/** changes.csv lines (no header) for these changes, as UTF-8 bytes in a buffer of their own. */
export function changesCsvBytes(changes: readonly ChangeRecord[], w: CsvByteWriter): Uint8Array {
  for (const c of changes) {
    w.int(c.replication);
    w.byte(COMMA);
    w.int(c.id);
    w.byte(COMMA);
    w.int(c.team);
    w.byte(COMMA);
    w.text(c.changeClass);
    w.byte(COMMA);
    w.text(c.variant);
    w.byte(COMMA);
    w.text(c.path);
    w.byte(COMMA);
    w.byte(c.warmup ? ZERO : ONE);
    w.byte(COMMA);
    w.timestamp(c.readyAt);
    w.byte(COMMA);
    w.timestamp(c.raisedAt);
    w.byte(COMMA);
    w.timestamp(c.approvedAt);
    w.byte(COMMA);
    w.timestamp(c.scheduledAt);
    w.byte(COMMA);
    w.timestamp(c.deployStartAt);
    w.byte(COMMA);
    w.timestamp(c.liveAt);
    w.byte(COMMA);
    w.timestamp(c.validatedAt);
    w.byte(COMMA);
    w.num((c.liveAt - c.readyAt) / MINUTES_PER_DAY, 4);
    w.byte(COMMA);
    w.num((c.validatedAt - c.readyAt) / MINUTES_PER_DAY, 4);
    w.byte(COMMA);
    w.int(c.rejections);
    w.byte(COMMA);
    w.int(c.failedDeployments);
    w.byte(COMMA);
    w.int(c.cabMeetings);
    w.byte(COMMA);
    w.byte(c.outOfHours ? ONE : ZERO);
    stageCells(w, c.wait, MINUTES_PER_DAY, 4);
    stageCells(w, c.active, 60, 3);
    w.byte(COMMA);
    w.num(c.costOfDelay, 2);
    runCostCells(w, c.runCost);
    w.byte(NEWLINE);
  }
  return w.take();
}
