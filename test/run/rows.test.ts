// changes.csv rows: the direct writer produces exactly what csv-stringify makes of the same rows,
// quoting included; numbers are rounded to their stated decimals.
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import { CHANGE_COLUMNS, changeRows, changesCsv, num } from '../../src/run/rows.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import type { Scenario } from '../../src/scenario/types.js';

describe('changes.csv rows', () => {
  it('the direct writer matches csv-stringify byte for byte, awkward class names included', () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const s: Scenario = {
      ...base,
      horizon: 20 * 10080,
      classes: base.classes.map((c, i) => ({ ...c, name: i === 0 ? 'small, "quick"' : 'large\nslow' })),
    };
    const out = runReplication(s, 'normal', 1);
    const tb = new TimeBase(s.start);
    expect(out.changes.length).toBeGreaterThan(50);
    const reference = stringify(changeRows(out.changes, tb), { header: false, columns: CHANGE_COLUMNS as string[] });
    expect(changesCsv(out.changes, tb)).toBe(reference);
    expect(reference).toContain('"small, ""quick"""');
  });

  it('rounds to the stated decimals and leaves unreached steps empty', () => {
    expect(num(1.23456789, 4)).toBe(1.2346);
    expect(num(0.1 + 0.2, 2)).toBe(0.3);
    expect(num(-0, 2)).toBe(0);
    expect(Object.is(num(-0.0001, 2), 0)).toBe(true);
    expect(num(NaN, 2)).toBe('');
    expect(num(Infinity, 2)).toBe('');
  });
});
