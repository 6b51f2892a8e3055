// `--changes csv|parquet|none` and the run estimate (issue 14): the output size follows the format,
// and a run whose changes.csv would pass a million rows (more than a spreadsheet opens) gets a
// note suggesting parquet, unless --changes was given.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { CSV_ROWS_SUGGEST_PARQUET, changesFormatNote, estimateRun } from '../../src/cli/estimate.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { captureCli } from './capture.js';

let dir: string;
let err: string[];
captureCli('orisim-changes-format-', (c) => ({ dir, err } = c));

// 6 teams × 1 feature a week × 52 weeks = 312 changes a replication, 2 variants.
const s = parseScenarioText('name: x\n', 'x.yaml');

describe('--changes and the run estimate', () => {
  it('the estimated output follows the format: 300 bytes a row as CSV, 75 as Parquet, none without', () => {
    const rows = 312 * 2 * 2000;
    const big = { ...s, replications: 2000 };
    expect(estimateRun([big], { writesChanges: true, workers: 1 }).outputBytes).toBe(312 * 2 * (2000 * 300 + 650));
    expect(estimateRun([big], { writesChanges: true, workers: 1, changes: 'parquet' }).outputBytes).toBe(312 * 2 * (2000 * 75 + 650));
    const none = estimateRun([big], { writesChanges: true, workers: 1, changes: 'none' });
    expect(none.outputBytes).toBe(312 * 2 * 650);
    expect(none.changeRows).toBe(0);
    expect(estimateRun([big], { writesChanges: true, workers: 1, changes: 'parquet' }).changeRows).toBe(rows);
  });

  it('suggests parquet above a million rows of changes.csv, only when --changes was not given', () => {
    const at = (replications: number, given?: 'csv' | 'parquet') =>
      changesFormatNote(estimateRun([{ ...s, replications }], { writesChanges: true, workers: 1, changes: given }), given);
    expect(CSV_ROWS_SUGGEST_PARQUET).toBe(1_000_000);
    expect(at(1600)).toBeUndefined(); // 998,400 rows
    expect(at(1700)).toBe(
      'note: changes.csv will have about 1,060,800 rows (about 318 MB); --changes parquet writes the same rows typed and compressed (about 80 MB), --changes none writes none (docs/big-runs.md)',
    );
    expect(at(1700, 'csv')).toBeUndefined();
    expect(at(1700, 'parquet')).toBeUndefined();
  });

  it('run prints the note on stderr before it runs (here the run stops at once: --out is not an orisim folder)', async () => {
    const out = join(dir, 'foreign');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect(await main(['run', '-r', '1700', '--no-charts', '-q', '--out', out])).toBe(2);
    expect(err.join('')).toContain('note: changes.csv will have about 1,060,800 rows (about 318 MB); --changes parquet writes the same rows');
    err.length = 0;
    expect(await main(['run', '-r', '1700', '--no-charts', '-q', '--out', out, '--changes', 'csv'])).toBe(2);
    expect(err.join('')).not.toContain('--changes parquet');
    expect(err.join('')).toContain('orisim: ');
  });
});
