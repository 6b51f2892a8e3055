// changes.csv text, the hot path of big runs: one string per replication, built by appending
// each cell in place (no array of cells per row, no per-cell CSV escaping of values that cannot
// need it). The bytes are exactly those of changeCells (rows.ts) passed through csvCell (csv.ts):
// - a timestamp is the day's "YYYY-MM-DDT" part, formatted once per day and cached, followed by
//   "HH:MM" from a table of the 1,440 minutes of a day;
// - a number is rounded as num() rounds it and formatted once (String), with a table for the
//   small whole numbers (counts, ids) and "0" for zero;
// - text cells (the class name) go through csvCell once per distinct value and are cached;
//   variant and path are orisim's own identifiers, cached the same way.
import { MINUTES_PER_DAY, TimeBase } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type ChangeRecord } from '../model/records.js';
import { csvCell } from './csv.js';

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** "00:00" … "23:59": the minute part of a timestamp, by minute of the day. */
const MINUTES_OF_DAY: readonly string[] = Array.from(
  { length: MINUTES_PER_DAY },
  (_x, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);

/** "0" … "1023": small whole numbers, formatted once. */
const SMALL_INTS: readonly string[] = Array.from({ length: 1024 }, (_x, i) => String(i));

function intCell(n: number): string {
  return n >= 0 && n < 1024 && Number.isInteger(n) ? SMALL_INTS[n]! : String(n);
}

/** ".01" … ".99", ".001" … ".999", ".0001" … ".9999" (trailing zeros dropped): the decimals of a rounded number, by digits. */
const FRACTIONS: readonly (readonly string[])[] = [0, 1, 2, 3, 4].map((digits) =>
  Array.from({ length: POW10[digits]! }, (_x, f) => (f === 0 ? '' : `.${String(f).padStart(digits, '0').replace(/0+$/, '')}`)),
);

/**
 * num(x, digits) as csvCell writes it: empty when not finite, "0" for zero (and -0), else the
 * rounded number. Below 10^15 units of the last decimal, String(n / 10^digits) is the decimal n
 * with its point moved and trailing zeros dropped (a decimal of 15 or fewer significant digits is
 * the shortest text of its double), so it is assembled from a whole part and a table of decimals
 * instead of running the double-to-text algorithm; beyond that, String.
 */
export function numCell(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '';
  const p = POW10[digits]!;
  const n = Math.round(x * p);
  if (n === 0) return '0';
  const a = n < 0 ? -n : n;
  if (a >= 1e15) return String(n / p);
  const whole = Math.floor(a / p);
  const text = intCell(whole) + FRACTIONS[digits]![a - whole * p]!;
  return n < 0 ? '-' + text : text;
}

/**
 * Formats changes as changes.csv lines for one scenario start. Keeps its caches (days, text
 * cells) between calls, so one formatter serves every replication a thread runs.
 */
export class ChangesCsvFormatter {
  readonly #timeBase: TimeBase;
  /** Minutes since the Unix epoch of the scenario start. */
  readonly #startEpoch: number;
  /** Day index (days since the Unix epoch) of the first cached day. */
  readonly #firstDay: number;
  /** "YYYY-MM-DDT" cells by day since #firstDay (as csvCell writes the whole timestamp, less "HH:MM"). */
  readonly #days: string[] = [];
  readonly #text = new Map<string, string>();

  constructor(timeBase: TimeBase) {
    this.#timeBase = timeBase;
    this.#startEpoch = -timeBase.fromIso('1970-01-01T00:00');
    this.#firstDay = Math.floor(this.#startEpoch / MINUTES_PER_DAY);
  }

  /** A text cell (neutralised and quoted as csvCell does), cached per value. */
  #textCell(v: string): string {
    let cell = this.#text.get(v);
    if (cell === undefined) {
      cell = csvCell(v);
      this.#text.set(v, cell);
    }
    return cell;
  }

  /** The cell of engine time t: "YYYY-MM-DDTHH:MM" (as TimeBase.toIso and csvCell write it), empty when not finite. */
  timestamp(t: number): string {
    if (!Number.isFinite(t)) return '';
    const m = this.#startEpoch + Math.round(t);
    const day = Math.floor(m / MINUTES_PER_DAY);
    const minute = MINUTES_OF_DAY[m - day * MINUTES_PER_DAY]!;
    const k = day - this.#firstDay;
    if (k < 0 || k > 1_000_000) return csvCell(this.#timeBase.toIso(t));
    let prefix = this.#days[k];
    if (prefix === undefined) {
      // The cell of the day's midnight without its "00:00": the same neutralisation as the whole timestamp.
      const midnight = csvCell(this.#timeBase.toIso(day * MINUTES_PER_DAY - this.#startEpoch));
      prefix = midnight.slice(0, midnight.length - 5);
      this.#days[k] = prefix;
    }
    return prefix + minute;
  }

  /** changes.csv lines (no header) for these changes. */
  format(changes: readonly ChangeRecord[]): string {
    let out = '';
    for (const c of changes) {
      let line =
        intCell(c.replication) + ',' + intCell(c.id) + ',' + intCell(c.team) + ',' +
        this.#textCell(c.changeClass) + ',' + this.#textCell(c.variant) + ',' + this.#textCell(c.path) + ',' +
        (c.warmup ? '0' : '1') + ',' +
        this.timestamp(c.readyAt) + ',' + this.timestamp(c.raisedAt) + ',' + this.timestamp(c.approvedAt) + ',' +
        this.timestamp(c.scheduledAt) + ',' + this.timestamp(c.deployStartAt) + ',' + this.timestamp(c.liveAt) + ',' +
        this.timestamp(c.validatedAt) + ',' +
        numCell((c.liveAt - c.readyAt) / MINUTES_PER_DAY, 4) + ',' +
        numCell((c.validatedAt - c.readyAt) / MINUTES_PER_DAY, 4) + ',' +
        intCell(c.rejections) + ',' + intCell(c.failedDeployments) + ',' + intCell(c.cabMeetings) + ',' +
        (c.outOfHours ? '1' : '0');
      for (const s of STAGES) line += ',' + numCell(c.wait[s] / MINUTES_PER_DAY, 4);
      for (const s of STAGES) line += ',' + numCell(c.active[s] / 60, 3);
      line += ',' + numCell(c.costOfDelay, 2);
      let run = 0;
      for (const item of RUN_COST_ITEMS) run += c.runCost[item];
      line += ',' + numCell(run, 2);
      for (const item of RUN_COST_ITEMS) line += ',' + numCell(c.runCost[item], 2);
      out += line + '\n';
    }
    return out;
  }
}
