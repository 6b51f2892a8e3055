// changes.parquet (issue 14, "Per-change output that scales"): read back with a Parquet reader
// (hyparquet, the writer's sibling), every row equals the same run's changes.csv row; the columns
// are typed (ints, booleans, local timestamps, doubles, strings); the file streams in row groups;
// another changes.parquet can be appended row group by row group (the merge of shards); and
// `--changes parquet|none` leave every other file of the run as `--changes csv` writes it.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { main } from '../../src/cli/main.js';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { changeBatch } from '../../src/run/change-batch.js';
import { csvCell } from '../../src/run/csv.js';
import { CHANGE_COLUMNS, changesCsv } from '../../src/run/rows.js';
import { ChangesParquetWriter, PARQUET_DECOMPRESSORS, changesParquetSchema } from '../../src/output/changes-parquet.js';
import { captureCli } from '../cli/capture.js';

let dir: string;
let err: string[];
captureCli('orisim-parquet-', (c) => ({ dir, err } = c));

type Row = Record<string, unknown>;

async function readParquet(path: string): Promise<{ rows: Row[]; rowGroups: number[] }> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const rows = (await parquetReadObjects({ file, compressors: PARQUET_DECOMPRESSORS })) as Row[];
  return { rows, rowGroups: metadata.row_groups.map((g) => Number(g.num_rows)) };
}

/** A Parquet row as the changes.csv line it stands for: each value as the CSV writes it. */
function csvLine(row: Row): string {
  return CHANGE_COLUMNS.map((col) => {
    const v = row[col];
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString().slice(0, 16); // local time, stored without a zone
    if (typeof v === 'boolean') return v ? '1' : '0';
    return csvCell(v as string | number);
  }).join(',');
}

function scenarioFile(lines: string[] = []): string {
  const path = join(dir, 'small.yaml');
  writeFileSync(path, ['name: small', 'horizon: 10w', 'warmup: 1w', 'replications: 3', ...lines, ''].join('\n'));
  return path;
}

const HOSTILE_CLASSES = ['classes:', '  "=HYPERLINK(\\"x\\")": { share: 0.5 }', '  "a, \\"quoted\\" class": { share: 0.5 }'];

describe('changes.parquet', () => {
  it('every row read back equals the changes.csv row of the same run; every other file is the same', async () => {
    const file = scenarioFile(HOSTILE_CLASSES);
    const csvOut = join(dir, 'csv');
    const pqOut = join(dir, 'parquet');
    const noneOut = join(dir, 'none');
    expect(await main(['run', file, '--out', csvOut, '--no-charts', '-q'])).toBe(0);
    expect(await main(['run', file, '--out', pqOut, '--no-charts', '-q', '--changes', 'parquet'])).toBe(0);
    expect(await main(['run', file, '--out', noneOut, '--no-charts', '-q', '--changes', 'none'])).toBe(0);
    const csvLines = readFileSync(join(csvOut, 'changes.csv'), 'utf8').split('\n');
    expect(csvLines[0]).toBe(CHANGE_COLUMNS.join(','));
    const body = csvLines.slice(1, -1);
    const { rows } = await readParquet(join(pqOut, 'changes.parquet'));
    expect(rows.length).toBe(body.length);
    expect(rows.length).toBeGreaterThan(300);
    rows.forEach((row, i) => expect(csvLine(row)).toBe(body[i]));
    // Text is kept as it is in Parquet (neutralised only in the CSV), and every column is there, in order.
    expect(new Set(rows.map((r) => r['class']))).toEqual(new Set(['=HYPERLINK("x")', 'a, "quoted" class']));
    expect(Object.keys(rows[0]!)).toEqual([...CHANGE_COLUMNS]);
    // Unreached steps are nulls, not zeros.
    expect(rows.some((r) => r['approved'] === null && r['path'] === 'preApproved')).toBe(true);
    // Every other file is byte for byte the csv run's; none writes no per-change file.
    const others = readdirSync(csvOut).filter((f) => f !== 'changes.csv' && f !== '.orisim-output');
    expect(others).toContain('summary.json');
    for (const out of [pqOut, noneOut]) {
      expect(readdirSync(out).filter((f) => f.startsWith('changes.')).sort()).toEqual(out === pqOut ? ['changes.parquet'] : []);
      for (const f of others) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(csvOut, f), 'utf8'));
    }
    expect(existsSync(join(noneOut, 'events.csv'))).toBe(true);
  });

  it('types its columns for DuckDB, pandas and Polars: ints, booleans, local timestamps in milliseconds, doubles, strings', () => {
    const byName = new Map(changesParquetSchema().slice(1).map((e) => [e.name, e]));
    expect(byName.size).toBe(CHANGE_COLUMNS.length);
    expect(byName.get('replication')).toEqual({ name: 'replication', type: 'INT32', repetition_type: 'REQUIRED' });
    expect(byName.get('class')).toEqual({ name: 'class', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });
    expect(byName.get('counted')).toEqual({ name: 'counted', type: 'BOOLEAN', repetition_type: 'REQUIRED' });
    expect(byName.get('deploy_start')).toEqual({
      name: 'deploy_start', type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' }, repetition_type: 'OPTIONAL',
    });
    expect(byName.get('run_cost_fix')).toEqual({ name: 'run_cost_fix', type: 'DOUBLE', repetition_type: 'OPTIONAL' });
  });

  it('streams in row groups and appends another file row group by row group (merging shards)', async () => {
    const s = { ...loadScenario('scenarios/ops-run-it.yaml'), horizon: 8 * 10080, warmup: 10080 };
    const tb = new TimeBase(s.start);
    const reps = [1, 2, 3, 4].map((r) => runReplication(s, 'normal', r).changes);
    const expected = reps.map((c) => changesCsv(c, tb)).join('').split('\n').slice(0, -1);
    // Two "shards" (replications 1-2 and 3-4) in row groups of 50 rows, then merged into one file.
    const shard = (name: string, part: typeof reps): string => {
      const path = join(dir, name);
      const w = new ChangesParquetWriter(path, { rowGroupRows: 50 });
      for (const c of part) w.append(changeBatch(c, tb));
      w.close();
      return path;
    };
    const a = shard('a.parquet', reps.slice(0, 2));
    const b = shard('b.parquet', reps.slice(2));
    const readA = await readParquet(a);
    expect(readA.rowGroups.every((n, i, all) => n === 50 || i === all.length - 1)).toBe(true);
    expect(readA.rowGroups.length).toBeGreaterThan(2);
    const merged = join(dir, 'merged.parquet');
    const w = new ChangesParquetWriter(merged, { rowGroupRows: 120 });
    await w.appendFile(a);
    await w.appendFile(b);
    w.close();
    const { rows, rowGroups } = await readParquet(merged);
    expect(rowGroups.slice(0, -1).every((n) => n === 120)).toBe(true);
    expect(rows.map(csvLine)).toEqual(expected);
    await expect(new ChangesParquetWriter(join(dir, 'x.parquet')).appendFile(join(dir, 'none.parquet'))).rejects.toThrow();
  });

  it('--changes: a bad value is refused with the choices (exit 2), and so is a repeated flag', async () => {
    expect(await main(['run', scenarioFile(), '--out', join(dir, 'x'), '--changes', 'parket'])).toBe(2);
    expect(err.join('')).toContain('orisim: --changes: expected one of csv, parquet, none, got "parket"; did you mean "parquet"?');
    err.length = 0;
    expect(await main(['run', scenarioFile(), '--out', join(dir, 'y'), '--changes', 'xml'])).toBe(2);
    expect(err.join('')).toContain('orisim: --changes: expected one of csv, parquet, none, got "xml"\n');
    err.length = 0;
    expect(await main(['run', scenarioFile(), '--out', join(dir, 'z'), '--changes', 'csv', '--changes', 'none'])).toBe(2);
    expect(err.join('')).toContain('orisim: --changes is given 2 times: give it once');
    expect(existsSync(join(dir, 'x')) || existsSync(join(dir, 'y')) || existsSync(join(dir, 'z'))).toBe(false);
  });
});
