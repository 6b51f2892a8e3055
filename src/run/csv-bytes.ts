// CSV text as bytes, for the per-change and per-event rows (changes.csv, events.csv): the cells
// are written as UTF-8 straight into one growing buffer, reused between replications, and each
// replication's rows are copied out into a buffer of their own that a worker thread can transfer
// to the main thread (no JS string is made per cell, per row or per replication, and none crosses
// threads). The bytes are exactly those of the cell as csvCell (csv.ts) writes it:
// - a timestamp is the day's "YYYY-MM-DDT" part, encoded once per day and cached, followed by
//   "HH:MM" from a table of the 1,440 minutes of a day;
// - a number rounded to some decimals is written digit by digit from its whole part and its
//   decimals (as num() rounds it and String prints it, see num below);
// - a text cell goes through csvCell once per distinct value and its UTF-8 bytes are cached.
// Hand-written: no CSV library writes into a caller's byte buffer.
import { MINUTES_PER_DAY, type TimeBase } from '../engine/time.js';
import { csvCell } from './csv.js';

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** Bytes enough for any one cell this writer makes itself (a number's or a timestamp's longest text, with room to spare). */
export const MAX_CELL_BYTES = 40;

/** "00:00" … "23:59" as ASCII, 5 bytes a minute of the day. */
const CLOCK = ((): Uint8Array => {
  const out = new Uint8Array(MINUTES_PER_DAY * 5);
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    const h = Math.floor(m / 60);
    const mm = m % 60;
    out.set([48 + Math.floor(h / 10), 48 + (h % 10), 58, 48 + Math.floor(mm / 10), 48 + (mm % 10)], m * 5);
  }
  return out;
})();

const encoder = new TextEncoder();

/** The digits of 0 ≤ w < 2^31 written at buf[pos…] (room made); returns the position after them. */
function smallDigits(buf: Uint8Array, pos: number, w: number): number {
  const len = w < 10 ? 1 : w < 100 ? 2 : w < 1000 ? 3 : w < 10000 ? 4 : w < 100000 ? 5 : w < 1000000 ? 6 : w < 10000000 ? 7 : w < 100000000 ? 8 : w < 1000000000 ? 9 : 10;
  let i = pos + len - 1;
  while (w >= 10) {
    const q = (w / 10) | 0;
    buf[i--] = 48 + (w - q * 10);
    w = q;
  }
  buf[i] = 48 + w;
  return pos + len;
}

/**
 * A byte buffer of CSV cells for one scenario start (its time base). Keeps its caches (days, text
 * cells) and its buffer between replications, so one writer serves every replication a thread runs.
 * Cells are appended; `take` hands back the bytes written since the last `take`.
 */
export class CsvByteWriter {
  readonly #timeBase: TimeBase;
  /** Minutes since the Unix epoch of the scenario start. */
  readonly #startEpoch: number;
  /** Day index (days since the Unix epoch) of the first cached day. */
  readonly #firstDay: number;
  /** "YYYY-MM-DDT" cells (UTF-8) by day since #firstDay, as csvCell writes the whole timestamp less "HH:MM". */
  readonly #days: (Uint8Array | undefined)[] = [];
  readonly #text = new Map<string, Uint8Array>();
  #buf = new Uint8Array(1 << 16);
  #pos = 0;

  constructor(timeBase: TimeBase) {
    this.#timeBase = timeBase;
    this.#startEpoch = -timeBase.fromIso('1970-01-01T00:00');
    this.#firstDay = Math.floor(this.#startEpoch / MINUTES_PER_DAY);
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.#pos + n > this.#buf.length) this.#grow(n);
  }

  #grow(n: number): void {
    let size = this.#buf.length * 2;
    while (size < this.#pos + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.#buf.subarray(0, this.#pos));
    this.#buf = grown;
  }

  /** The bytes written since the last take, in a buffer of their own (transferable); the writer starts again empty. */
  take(): Uint8Array {
    const out = this.#buf.slice(0, this.#pos);
    this.#pos = 0;
    return out;
  }

  /** One ASCII byte (a comma, a newline, a "0" or "1" flag). */
  byte(code: number): void {
    if (this.#pos === this.#buf.length) this.ensure(1);
    this.#buf[this.#pos++] = code;
  }

  /** Bytes as they are. */
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = 0; i < b.length; i++) buf[pos++] = b[i]!;
    this.#pos = pos;
  }

  /** Text as UTF-8, as it is (no CSV escaping). */
  string(s: string): void {
    this.ensure(s.length * 3);
    this.#pos += encoder.encodeInto(s, this.#buf.subarray(this.#pos)).written;
  }

  /** A text cell (neutralised and quoted as csvCell does), encoded once per distinct value. */
  text(v: string): void {
    let cell = this.#text.get(v);
    if (cell === undefined) {
      cell = encoder.encode(csvCell(v));
      this.#text.set(v, cell);
    }
    this.bytes(cell);
  }

  /** A text cell not worth caching (a value seen once, such as a case id): neutralised and quoted as csvCell does. */
  textOnce(v: string): void {
    this.string(csvCell(v));
  }

  /** The digits of a whole number 0 ≤ w < 2^53. Room must have been made. */
  #digits(w: number): void {
    if (w <= 0x7fffffff) {
      this.#pos = smallDigits(this.#buf, this.#pos, w);
      return;
    }
    let len = 1;
    for (let x = w; x >= 10; x = Math.floor(x / 10)) len++;
    const buf = this.#buf;
    let i = this.#pos + len - 1;
    this.#pos += len;
    while (w >= 10) {
      const q = Math.floor(w / 10);
      buf[i--] = 48 + (w - q * 10);
      w = q;
    }
    buf[i] = 48 + w;
  }

  /** A number cell as csvCell writes it (String): whole numbers below 10^15 digit by digit, anything else through String. */
  int(n: number): void {
    this.ensure(MAX_CELL_BYTES);
    if (n >= 0 && n < 1e15 && Number.isInteger(n)) this.#digits(n);
    else this.string(String(n));
  }

  /**
   * num(x, digits) as csvCell writes it: empty when not finite, "0" for zero (and -0), else the
   * rounded number. Below 10^15 units of the last decimal, String(n / 10^digits) is the decimal n
   * with its point moved and trailing zeros dropped (a decimal of 15 or fewer significant digits
   * is the shortest text of its double), so it is written from its whole part and its decimals;
   * beyond that, through String.
   */
  num(x: number, digits: number): void {
    if (!Number.isFinite(x)) return;
    this.ensure(MAX_CELL_BYTES);
    const p = POW10[digits]!;
    const n = Math.round(x * p);
    if (n === 0) {
      this.#buf[this.#pos++] = 48;
      return;
    }
    const a = n < 0 ? -n : n;
    if (a <= 0x7fffffff) {
      // The common case, in 32-bit integer arithmetic.
      const buf = this.#buf;
      let pos = this.#pos;
      if (n < 0) buf[pos++] = 45; // '-'
      const whole = (a / p) | 0;
      pos = smallDigits(buf, pos, whole);
      let f = a - whole * p;
      if (f !== 0) {
        let d = digits;
        while (f % 10 === 0) {
          f = (f / 10) | 0;
          d--;
        }
        buf[pos] = 46; // '.'
        for (let i = pos + d; i > pos; i--) {
          const q = (f / 10) | 0;
          buf[i] = 48 + (f - q * 10);
          f = q;
        }
        pos += d + 1;
      }
      this.#pos = pos;
      return;
    }
    if (a >= 1e15) {
      this.string(String(n / p));
      return;
    }
    if (n < 0) this.#buf[this.#pos++] = 45; // '-'
    const whole = Math.floor(a / p);
    this.#digits(whole);
    let f = a - whole * p;
    if (f === 0) return;
    let d = digits;
    while (f % 10 === 0) {
      f /= 10;
      d--;
    }
    const buf = this.#buf;
    buf[this.#pos] = 46; // '.'
    for (let i = this.#pos + d; i > this.#pos; i--) {
      const q = Math.floor(f / 10);
      buf[i] = 48 + (f - q * 10);
      f = q;
    }
    this.#pos += d + 1;
  }

  /** The cell of engine time t: "YYYY-MM-DDTHH:MM" (as TimeBase.toIso and csvCell write it), empty when not finite. */
  timestamp(t: number): void {
    if (!Number.isFinite(t)) return;
    const m = this.#startEpoch + Math.round(t);
    const day = Math.floor(m / MINUTES_PER_DAY);
    const k = day - this.#firstDay;
    if (k < 0 || k > 1_000_000) {
      this.string(csvCell(this.#timeBase.toIso(t)));
      return;
    }
    let prefix = this.#days[k];
    if (prefix === undefined) {
      // The cell of the day's midnight without its "00:00": the same neutralisation as the whole timestamp.
      const midnight = csvCell(this.#timeBase.toIso(day * MINUTES_PER_DAY - this.#startEpoch));
      prefix = encoder.encode(midnight.slice(0, midnight.length - 5));
      this.#days[k] = prefix;
    }
    this.ensure(prefix.length + 5);
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = 0; i < prefix.length; i++) buf[pos++] = prefix[i]!;
    const c = (m - day * MINUTES_PER_DAY) * 5;
    buf[pos] = CLOCK[c]!;
    buf[pos + 1] = CLOCK[c + 1]!;
    buf[pos + 2] = CLOCK[c + 2]!;
    buf[pos + 3] = CLOCK[c + 3]!;
    buf[pos + 4] = CLOCK[c + 4]!;
    this.#pos = pos + 5;
  }
}

const writers = new WeakMap<TimeBase, CsvByteWriter>();

/** The byte writer of a time base: one per thread and scenario start, so its caches and buffer are reused. */
export function csvByteWriter(tb: TimeBase): CsvByteWriter {
  let w = writers.get(tb);
  if (w === undefined) {
    w = new CsvByteWriter(tb);
    writers.set(tb, w);
  }
  return w;
}
