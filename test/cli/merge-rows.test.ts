// Issue 25, point 3: merge checks every row of the shards' per-change files before it copies it.
// Honest shards still merge into the one-machine bytes, hostile class names (a formula, quotes, a
// comma, a line break, emoji) included, as changes.csv and as changes.parquet; the changes.csv check
// gives back exactly the rows whatever the read chunks; and each kind of cell orisim never writes
// (a letter in a number, a month 13, a team beyond the scenario's, a path that is none, a row of a
// replication the shard did not run or out of order, a cell too many or too few) is refused, exit 2;
// so is a changes.parquet with such a row, in another codec, cut short or not Parquet.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { test as fcTest, fc } from '@fast-check/vitest';
import { main } from '../../src/cli/main.js';
import { simulateFirst } from '../../src/api/merge.js';
import type { RunPlan } from '../../src/api/plan.js';
import { ChangesCsvCheck } from '../../src/output/shard-rows.js';
import { batchFromRows, ChangesParquetWriter, changesParquetSchema, PARQUET_DECOMPRESSORS } from '../../src/output/changes-parquet.js';
import { CHANGE_COLUMN_KINDS } from '../../src/run/change-batch.js';
import { asyncBufferFromFile, parquetRead } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { shardTasks } from '../../src/run/shard.js';
import { captureCli } from './capture.js';
import { files, makeShards, type MadeShards } from './shard-fixture.js';

let dir: string;
let err: string[];
captureCli('orisim-merge-rows-', (c) => ({ dir, err } = c));

const HOSTILE_CLASS = '"=🚀 \\"launch\\", ünï\\r\\ncode"';
let csv: MadeShards;
let parquet: MadeShards;
let plain: MadeShards;
let hostileFile: string;
beforeAll(async () => {
  plain = await makeShards();
  hostileFile = join(plain.one, '..', 'hostile.yaml');
  writeFileSync(hostileFile, readFileSync('scenarios/ops-run-it.yaml', 'utf8').replace('\n  small:\n', `\n  ${HOSTILE_CLASS}:\n`));
  csv = await makeShards([hostileFile]);
  parquet = await makeShards([hostileFile, '--changes', 'parquet']);
}, 60_000);
afterAll(() => [csv, parquet, plain].forEach((m) => m?.remove()));

describe('honest shards with hostile class names merge into the one-machine folder', () => {
  it.each([['changes.csv', () => csv], ['changes.parquet', () => parquet]])('%s', async (file, made) => {
    const m = made();
    const out = join(dir, 'merged');
    expect(await main(['merge', out, m.s2, m.s1]), err.join('')).toBe(0);
    expect(files(out)).toEqual(files(m.one));
    for (const f of files(m.one)) expect(readFileSync(join(out, f)).equals(readFileSync(join(m.one, f))), f).toBe(true);
    if (file === 'changes.csv') expect(readFileSync(join(out, file), 'utf8')).toContain(`,"'=🚀 ""launch"", ünï\r\ncode",`);
  });
});

describe('the changes.csv check', () => {
  let check: () => ChangesCsvCheck;
  let bytes: Buffer;
  beforeAll(async () => {
    const plan = deserialize(readFileSync(join(csv.s1, 'plan.bin'))) as RunPlan;
    const first = await simulateFirst(plan);
    const tasks = shardTasks([plan.scenario], { index: 1, count: 2 })[0]!;
    check = () => new ChangesCsvCheck('x', plan.scenario, tasks, first);
    bytes = readFileSync(join(csv.s1, 'changes.csv'));
  });

  fcTest.prop([fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 40 })], { numRuns: 60, seed: 25 })(
    'gives back every row after the header, whatever the read chunks (rows with line breaks inside a class cell included)',
    (sizes) => {
      const c = check();
      const got: Buffer[] = [];
      let at = 0;
      for (let k = 0; at < bytes.length; k++) {
        const n = sizes[k % sizes.length]!;
        got.push(Buffer.from(c.feed(bytes.subarray(at, at + n))));
        at += n;
      }
      c.end();
      expect(Buffer.concat(got).equals(bytes.subarray(bytes.indexOf(10) + 1))).toBe(true);
      expect(Array.from(c.live).every((n) => n > 0)).toBe(true);
    },
  );
});

describe('a row orisim never writes is refused, naming the file and the row', () => {
  const ROW = 150; // a row of replication 2 of normal in shard 1/2 (replication 1's are checked against merge's own)
  const cases: [string, (cells: string[]) => void, string][] = [
    ['a letter in a count', (c) => (c[16] = '1x'), 'rejections "1x" is not a cell orisim writes there'],
    ['a flag that is not 0 or 1', (c) => (c[6] = '2'), 'counted "2" is not a cell orisim writes there'],
    ['month 13', (c) => (c[7] = '2027-13-04T09:55'), 'ready "2027-13-04T09:55" is not a cell orisim writes there'],
    ['a formula where a number goes', (c) => (c[14] = '-1+2'), 'lead_time_days "-1+2" is not a cell orisim writes there'],
    ['a team beyond the scenario', (c) => (c[2] = '99'), 'team 99 is not one of the 6 delivery teams'],
    ['a path that is none', (c) => (c[5] = 'shortcut'), 'path "shortcut" is not a path'],
    ['a replication the shard did not run', (c) => (c[0] = '3'), '"normal" replication 3 is not one this shard ran'],
    ['a row out of order', (c) => (c[0] = '1'), '"normal" replication 1 is not in replication order'],
    ['a cell too few', (c) => c.pop(), '54 cells, not 55'],
  ];
  it.each(cases)('%s', async (_what, edit, why) => {
    const s1 = join(dir, 's1');
    cpSync(plain.s1, s1, { recursive: true });
    const path = join(s1, 'changes.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    const cells = lines[ROW]!.split(',');
    edit(cells);
    lines[ROW] = cells.join(',');
    writeFileSync(path, lines.join('\n'));
    const manifest = JSON.parse(readFileSync(join(s1, 'shard.json'), 'utf8')) as { sha256: Record<string, string> };
    manifest.sha256['changes.csv'] = createHash('sha256').update(readFileSync(path)).digest('hex');
    writeFileSync(join(s1, 'shard.json'), JSON.stringify(manifest));
    expect(await main(['merge', join(dir, 'merged'), s1, plain.s2])).toBe(2);
    expect(err.join('')).toBe(`orisim: merge: ${path}: row ${ROW}: ${why}; the shard folder was damaged or edited\n`);
    expect(readdirSync(dir)).toEqual(['s1']);
  });
});

describe('a changes.parquet orisim never writes is refused', () => {
  /** Shard 1's changes.parquet rows, edited, written back (by orisim's writer, or hyparquet-writer with another codec); shard.json rehashed. */
  async function rewrite(edit: (rows: unknown[][]) => void, codec?: 'SNAPPY'): Promise<{ s1: string; path: string }> {
    const s1 = join(dir, 's1');
    cpSync(parquet.s1, s1, { recursive: true });
    const path = join(s1, 'changes.parquet');
    let rows: unknown[][] = [];
    await parquetRead({ file: await asyncBufferFromFile(path), rowFormat: 'array', compressors: PARQUET_DECOMPRESSORS, onComplete: (r) => (rows = r as unknown[][]) });
    edit(rows);
    if (codec === undefined) {
      const w = new ChangesParquetWriter(path);
      w.append(batchFromRows(rows));
      w.close();
    } else {
      const columnData = CHANGE_COLUMN_KINDS.map(({ name }, k) => ({ name, data: rows.map((r) => r[k]) }));
      writeFileSync(path, Buffer.from(parquetWriteBuffer({ columnData, schema: changesParquetSchema(), codec })));
    }
    const manifest = JSON.parse(readFileSync(join(s1, 'shard.json'), 'utf8')) as { sha256: Record<string, string> };
    manifest.sha256['changes.parquet'] = createHash('sha256').update(readFileSync(path)).digest('hex');
    writeFileSync(join(s1, 'shard.json'), JSON.stringify(manifest));
    return { s1, path };
  }
  const merge = async (s1: string): Promise<string> => {
    err.length = 0;
    expect(await main(['merge', join(dir, 'merged'), s1, parquet.s2])).toBe(2);
    expect(readdirSync(dir)).toEqual(['s1']);
    return err.join('');
  };

  it('a formula as the class of a row', async () => {
    const { s1, path } = await rewrite((rows) => (rows[150]![3] = '=HYPERLINK("http://evil.example","x")'));
    expect(await merge(s1)).toBe(`orisim: merge: ${path}: row 151: class ${JSON.stringify('=HYPERLINK("http://evil.example","x")'.slice(0, 40))} is not a class of the scenario; the shard folder was damaged or edited\n`);
  });

  it('pages in another codec (the page sizes it trusts are not checked by a bounded decompressor)', async () => {
    const { s1, path } = await rewrite(() => {}, 'SNAPPY');
    expect(await merge(s1)).toBe(`orisim: merge: ${path}: row group 1 is not Brotli-compressed pages in this file; the shard folder was damaged or edited\n`);
  });

  it('a file cut short, or not Parquet at all', async () => {
    const { s1, path } = await rewrite(() => {});
    const whole = readFileSync(path);
    for (const bytes of [whole.subarray(0, whole.length - 100), Buffer.from('not parquet')]) {
      writeFileSync(path, bytes);
      const manifest = JSON.parse(readFileSync(join(s1, 'shard.json'), 'utf8')) as { sha256: Record<string, string> };
      manifest.sha256['changes.parquet'] = createHash('sha256').update(bytes).digest('hex');
      writeFileSync(join(s1, 'shard.json'), JSON.stringify(manifest));
      expect(await merge(s1)).toMatch(new RegExp(`^orisim: merge: ${path}: cannot be read as a changes\\.parquet \\(.+\\); the shard folder was damaged or edited\\n$`));
    }
  });
});
