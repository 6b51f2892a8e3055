// The per-change and per-event files of `orisim merge`, from shard folders read as hostile input.
// changes.csv: every row of every shard is checked against the shape orisim writes before it is
// copied (a chunk at a time, so memory does not grow with the file): 55 cells; whole numbers, 0/1
// flags, "YYYY-MM-DDTHH:MM" times and decimal numbers where those go; the class cell exactly one of
// the scenario's classes as orisim writes it (formula-neutralised and quoted: csvCell), the variant
// and replication a task of the shard's block, in task order, and the path one of the paths. So no
// cell reaches the merged file that orisim would not have written: a "=HYPERLINK(…)" cell is
// refused, never copied. The rows of replication 1, which merge simulates again, must be exactly
// that replication's rows. events.csv holds only replication 1's events: each shard's must be
// exactly them, and the merged file is written from merge's own replication 1, not copied.
// Hand-written (not csv-parse): a byte scan of the cells runs at disk speed over files of gigabytes.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Scenario, Variant } from '../scenario/types.js';
import type { ReplicationTask } from '../run/replications.js';
import { CHANGE_COLUMN_KINDS, type ChangeBatch } from '../run/change-batch.js';
import { CHANGE_COLUMNS, EVENT_COLUMNS } from '../run/rows.js';
import { csvCell } from '../run/csv.js';
import { PATHS } from '../run/digest.js';
import { CHUNK, openShardFile, readShardFile, ShardError, type ShardFile } from './shard-files.js';

/** What merge knows of replication 1 of each variant, which it simulates again. */
export interface FirstReplications {
  /** changes.csv and events.csv lines (no header) of replication 1 of each variant, and its changes as a batch (--changes parquet). */
  readonly changesCsv: Partial<Record<Variant, Uint8Array>>;
  readonly eventsCsv: Partial<Record<Variant, Uint8Array>>;
  readonly changesBatch: Partial<Record<Variant, ChangeBatch>>;
}

/** One shard's part of the run, as the checks need it. */
export interface RowShard {
  readonly dir: string;
  /** The shard's tasks of the run's scenario, in order. */
  readonly tasks: readonly ReplicationTask[];
  /** Called with the file's SHA-256 once it has been read whole (the manifest's record is checked there). */
  readonly checkSha256: (file: string, sha256: string) => void;
}

export const CHANGES_HEADER = Buffer.from(`${CHANGE_COLUMNS.join(',')}\n`);
export const EVENTS_HEADER = Buffer.from(`${EVENT_COLUMNS.join(',')}\n`);
const COMMA = 44;
const NEWLINE = 10;
const QUOTE = 34;

const taskKey = (variant: string, replication: number | string): string => `${variant} ${replication}`;

/** A cell's text for a message: at most 40 characters, quoted. */
const shown = (b: Buffer, s: number, e: number): string => JSON.stringify(b.toString('utf8', s, Math.min(e, s + 120)).slice(0, 40));

function isDigits(b: Buffer, s: number, e: number, max: number): boolean {
  if (e <= s || e - s > max) return false;
  for (let i = s; i < e; i++) if (b[i]! < 48 || b[i]! > 57) return false;
  return true;
}

/** A decimal number as orisim writes one: -?digits(.digits)?(e[+-]digits)?; empty when `empty`. */
function isNumber(b: Buffer, s: number, e: number, empty: boolean): boolean {
  if (s === e) return empty;
  if (e - s > 40) return false;
  let i = s;
  if (b[i] === 45) i++;
  const start = i;
  while (i < e && b[i]! >= 48 && b[i]! <= 57) i++;
  if (i === start) return false;
  if (i < e && b[i] === 46) {
    const f = ++i;
    while (i < e && b[i]! >= 48 && b[i]! <= 57) i++;
    if (i === f) return false;
  }
  if (i < e && b[i] === 101) {
    i++;
    if (b[i] === 43 || b[i] === 45) i++;
    const x = i;
    while (i < e && b[i]! >= 48 && b[i]! <= 57) i++;
    if (i === x) return false;
  }
  return i === e;
}

/** "YYYY-MM-DDTHH:MM" (a time orisim writes), or empty (a step not reached). */
function isTime(b: Buffer, s: number, e: number): boolean {
  if (s === e) return true;
  if (e - s !== 16 || b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 10] !== 84 || b[s + 13] !== 58) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]) if (b[s + i]! < 48 || b[s + i]! > 57) return false;
  const month = (b[s + 5]! - 48) * 10 + b[s + 6]! - 48;
  const day = (b[s + 8]! - 48) * 10 + b[s + 9]! - 48;
  const hour = (b[s + 11]! - 48) * 10 + b[s + 12]! - 48;
  const minute = (b[s + 14]! - 48) * 10 + b[s + 15]! - 48;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59;
}

const [INT, DOUBLE, TIMESTAMP, BOOL, TEXT] = [0, 1, 2, 3, 4];
/** Each column's kind, as a small number (compared once a cell over files of gigabytes). */
const KIND = Uint8Array.from(CHANGE_COLUMN_KINDS, (c) => ({ int: INT, double: DOUBLE, timestamp: TIMESTAMP, bool: BOOL, text: TEXT })[c.kind]);

/** The end of the row that starts at `from` (its line end outside quotes), or -1 when `b` ends first. */
function rowEnd(b: Buffer, from: number): number {
  let inside = false;
  for (let i = from; i < b.length; i++) {
    const c = b[i]!;
    if (c === QUOTE) inside = !inside;
    else if (c === NEWLINE && !inside) return i;
  }
  return -1;
}
const COL = Object.fromEntries(CHANGE_COLUMN_KINDS.map((c, i) => [c.name, i])) as Record<string, number>;

/**
 * Checks one shard's changes.csv row by row as it streams through: feed() takes the file's bytes
 * in chunks and gives back the whole rows checked so far (to be written as they are).
 */
export class ChangesCsvCheck {
  readonly #where: string;
  readonly #classes: Set<string>;
  readonly #teams: number;
  readonly #paths = new Set(PATHS.map((p) => csvCell(p)));
  readonly #taskIndex = new Map<string, number>();
  readonly #tasks: readonly ReplicationTask[];
  readonly #first: FirstReplications;
  readonly #maxRow: number;
  /** Counted changes that went live, per task of the shard (the digests must hold as many). */
  readonly live: Int32Array;
  /** Bytes of replication 1's rows of each variant matched so far. */
  readonly #firstAt = new Map<Variant, number>();
  #carry: Buffer = Buffer.alloc(0);
  #header = false;
  #task = 0;
  #rows = 0;
  readonly #cells = new Int32Array(CHANGE_COLUMNS.length + 1);

  constructor(part: string, scenario: Scenario, tasks: readonly ReplicationTask[], first: FirstReplications) {
    this.#where = part;
    const classCells = scenario.classes.map((c) => csvCell(c.name));
    this.#classes = new Set(classCells);
    this.#teams = scenario.teams.delivery.count;
    this.#tasks = tasks;
    this.#first = first;
    tasks.forEach((t, i) => this.#taskIndex.set(taskKey(t.variant, t.replication), i));
    this.live = new Int32Array(tasks.length);
    this.#maxRow = 4096 + Math.max(0, ...classCells.map((c) => Buffer.byteLength(c)));
  }

  #refuse(why: string): ShardError {
    return new ShardError(`merge: ${this.#where}: ${this.#rows === 0 ? 'header' : `row ${this.#rows}`}: ${why}; the shard folder was damaged or edited`);
  }

  /** The whole rows of `chunk` (with what was carried over), checked; the rest is carried to the next chunk. */
  feed(chunk: Buffer): Buffer {
    const b = this.#carry.length === 0 ? chunk : Buffer.concat([this.#carry, chunk]);
    let from = 0;
    let written = 0;
    if (!this.#header) {
      const n = Math.min(b.length, CHANGES_HEADER.length);
      if (!b.subarray(0, n).equals(CHANGES_HEADER.subarray(0, n))) throw this.#refuse('not the header of changes.csv');
      if (b.length < CHANGES_HEADER.length) {
        this.#carry = b;
        return Buffer.alloc(0);
      }
      this.#header = true;
      from = written = CHANGES_HEADER.length;
    }
    // Rows end at a line end, but not inside a quoted cell (only a class name is ever quoted): the
    // common row holds no quote, and is found with indexOf; a row with one is walked byte by byte.
    let quote = b.indexOf(QUOTE, from);
    for (;;) {
      let end = b.indexOf(NEWLINE, from);
      if (end < 0) break;
      if (quote !== -1 && quote < from) quote = b.indexOf(QUOTE, from);
      const quoted = quote !== -1 && quote < end;
      if (quoted) {
        end = rowEnd(b, from);
        if (end < 0) break;
      }
      if (end - from > this.#maxRow) throw this.#refuse(`a row longer than ${this.#maxRow} bytes`);
      this.#rows++;
      this.#row(b, from, end, quoted);
      from = end + 1;
    }
    if (b.length - from > this.#maxRow) throw this.#refuse(`a row longer than ${this.#maxRow} bytes`);
    this.#carry = Buffer.from(b.subarray(from));
    return b.subarray(written, from);
  }

  /** At the end of the file: nothing may be left over, and replication 1's rows must all have come. */
  end(): void {
    if (!this.#header) throw this.#refuse('not the header of changes.csv');
    if (this.#carry.length > 0) {
      this.#rows++;
      throw this.#refuse('no line end (the file ends inside a row)');
    }
    for (const t of this.#tasks) {
      if (t.replication !== 1) continue;
      const want = this.#first.changesCsv[t.variant]?.length ?? 0;
      if ((this.#firstAt.get(t.variant) ?? 0) !== want) throw this.#refuse(`the rows of ${t.variant} replication 1 are not those the replication makes`);
    }
  }

  /** Checks the row b[s, e) (without its line end); `quoted`: it holds a quote. */
  #row(b: Buffer, s: number, e: number, quoted: boolean): void {
    const cells = this.#cells;
    let n = 0;
    cells[n++] = s;
    if (!quoted) {
      for (let i = b.indexOf(COMMA, s); i !== -1 && i < e; i = b.indexOf(COMMA, i + 1)) {
        if (n === cells.length) throw this.#refuse(`more than ${CHANGE_COLUMNS.length} cells`);
        cells[n++] = i + 1;
      }
    } else {
      let inside = false;
      for (let i = s; i < e; i++) {
        const c = b[i]!;
        if (c === QUOTE) inside = !inside;
        else if (c === COMMA && !inside) {
          if (n === cells.length) throw this.#refuse(`more than ${CHANGE_COLUMNS.length} cells`);
          cells[n++] = i + 1;
        }
      }
    }
    if (n !== CHANGE_COLUMNS.length) throw this.#refuse(`${n} cells, not ${CHANGE_COLUMNS.length}`);
    cells[n] = e + 1;
    const start = (k: number): number => cells[k]!;
    const end = (k: number): number => cells[k + 1]! - 1;
    for (let k = 0; k < n; k++) {
      const cs = cells[k]!;
      const ce = cells[k + 1]! - 1;
      const kind = KIND[k]!;
      const ok =
        kind === INT ? isDigits(b, cs, ce, 15)
        : kind === DOUBLE ? isNumber(b, cs, ce, true)
        : kind === TIMESTAMP ? isTime(b, cs, ce)
        : kind === BOOL ? ce - cs === 1 && (b[cs] === 48 || b[cs] === 49)
        : true; // the text cells, below
      if (!ok) throw this.#refuse(`${CHANGE_COLUMNS[k]} ${shown(b, cs, ce)} is not a cell orisim writes there`);
    }
    const cls = b.toString('utf8', start(COL.class!), end(COL.class!));
    if (!this.#classes.has(cls)) throw this.#refuse(`class ${shown(b, start(COL.class!), end(COL.class!))} is not a class of the scenario`);
    const path = b.toString('latin1', start(COL.path!), end(COL.path!));
    if (!this.#paths.has(path)) throw this.#refuse(`path ${shown(b, start(COL.path!), end(COL.path!))} is not a path`);
    const team = Number(b.toString('latin1', start(COL.team!), end(COL.team!)));
    if (team < 1 || team > this.#teams) throw this.#refuse(`team ${team} is not one of the ${this.#teams} delivery teams`);
    const variant = b.toString('latin1', start(COL.variant!), end(COL.variant!));
    const replication = b.toString('latin1', start(COL.replication!), end(COL.replication!));
    const t = this.#taskIndex.get(taskKey(variant, replication));
    if (t === undefined || t < this.#task) {
      throw this.#refuse(`${shown(b, start(COL.variant!), end(COL.variant!))} replication ${replication} is not ${t === undefined ? 'one this shard ran' : 'in replication order'}`);
    }
    this.#task = t;
    if (b[start(COL.counted!)] === 49 && start(COL.live!) !== end(COL.live!)) this.live[t]!++;
    if (replication === '1') {
      const v = variant as Variant;
      const want = this.#first.changesCsv[v];
      const at = this.#firstAt.get(v) ?? 0;
      const len = e + 1 - s;
      if (want === undefined || at + len > want.length || !b.subarray(s, e + 1).equals(want.subarray(at, at + len))) {
        throw this.#refuse(`not the row ${variant} replication 1 makes there (merge simulates replication 1 again)`);
      }
      this.#firstAt.set(v, at + len);
    }
  }
}

/**
 * Writes the merged changes.csv into `target` from the shards' parts (shards in order 1…N), each row
 * checked (ChangesCsvCheck) before it is written. Returns each shard's counted live changes per task.
 */
export async function combineChangesCsv(target: string, shards: readonly RowShard[], scenario: Scenario, first: FirstReplications): Promise<Int32Array[]> {
  const out = openSync(target, 'w');
  const counts: Int32Array[] = [];
  try {
    writeSync(out, CHANGES_HEADER);
    for (const s of shards) {
      const part = join(s.dir, 'changes.csv');
      const check = new ChangesCsvCheck(part, scenario, s.tasks, first);
      const f: ShardFile = openShardFile(s.dir, 'changes.csv', Number.MAX_SAFE_INTEGER);
      try {
        const hash = createHash('sha256');
        const buffer = Buffer.allocUnsafe(CHUNK);
        for (let position = 0; position < f.size; ) {
          const n = readSync(f.fd, buffer, 0, Math.min(CHUNK, f.size - position), position);
          if (n === 0) throw new ShardError(`merge: ${part} shrank while it was read`);
          position += n;
          const chunk = buffer.subarray(0, n);
          hash.update(chunk);
          const rows = check.feed(chunk);
          if (rows.length > 0) writeSync(out, rows);
          await yieldToEvents(); // a signal can stop a merge of gigabytes
        }
        check.end();
        s.checkSha256('changes.csv', hash.digest('hex'));
      } finally {
        closeSync(f.fd);
      }
      counts.push(check.live);
    }
  } finally {
    closeSync(out);
  }
  return counts;
}

/**
 * Checks each shard's events.csv (its header, then the events of replication 1 of each variant it
 * ran, exactly as merge's own replication 1 makes them) and writes the merged events.csv from them.
 */
export function combineEventsCsv(target: string, shards: readonly RowShard[], variants: readonly Variant[], first: FirstReplications): void {
  for (const s of shards) {
    const expected = Buffer.concat([EVENTS_HEADER, ...s.tasks.filter((t) => t.replication === 1).map((t) => first.eventsCsv[t.variant] ?? new Uint8Array(0))]);
    const bytes = readShardFile(s.dir, 'events.csv', expected.length, 'the events.csv of its replications');
    s.checkSha256('events.csv', createHash('sha256').update(bytes).digest('hex'));
    if (!bytes.equals(expected)) {
      throw new ShardError(`merge: ${join(s.dir, 'events.csv')} is not the event log of replication 1 that merge simulates again; the shard folder was damaged or edited`);
    }
  }
  const out = openSync(target, 'w');
  try {
    writeSync(out, EVENTS_HEADER);
    for (const v of variants) if (first.eventsCsv[v] !== undefined) writeSync(out, first.eventsCsv[v]);
  } finally {
    closeSync(out);
  }
}
