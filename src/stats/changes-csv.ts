// changes.csv rows as bytes, the hot path of big runs: each replication's rows are written cell by
// cell into the thread's byte writer (csv-bytes.ts: no string per cell, row or replication) and
// handed back as one buffer, which a worker transfers to the main thread. The bytes are exactly
// those of changeCells (rows.ts) passed through csvCell (csv.ts) and joined with commas (tests).
import { MINUTES_PER_DAY } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type ChangeRecord } from '../model/records.js';
import type { CsvByteWriter } from './csv-bytes.js';

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
const ONE = 49;

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
    for (const s of STAGES) {
      w.byte(COMMA);
      w.num(c.wait[s] / MINUTES_PER_DAY, 4);
    }
    for (const s of STAGES) {
      w.byte(COMMA);
      w.num(c.active[s] / 60, 3);
    }
    w.byte(COMMA);
    w.num(c.costOfDelay, 2);
    let run = 0;
    for (const item of RUN_COST_ITEMS) run += c.runCost[item];
    w.byte(COMMA);
    w.num(run, 2);
    for (const item of RUN_COST_ITEMS) {
      w.byte(COMMA);
      w.num(c.runCost[item], 2);
    }
    w.byte(NEWLINE);
  }
  return w.take();
}
