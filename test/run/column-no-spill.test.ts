// Where no temporary file can be made (TMPDIR is not a folder), a column keeps its full chunks in
// memory and reads back the same values: a big run then needs more memory, but does not fail.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Column } from '../../src/run/column.js';
import { spillColumnsInto } from '../../src/node/spill-file.js';

describe('column without a temporary folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orisim-nospill-'));
  const saved = process.env.TMPDIR;
  afterAll(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every chunk in memory and reads back the same values', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    process.env.TMPDIR = join(file, 'below');
    spillColumnsInto(undefined); // the system's temporary folder, which cannot hold a folder
    const values = Float32Array.from({ length: 40 }, (_x, i) => i / 3);
    const column = new Column(Float32Array, 4);
    column.push(values);
    expect(Array.from(column.slice())).toEqual(Array.from(values));
    expect(Array.from(column.slice(5, 23))).toEqual(Array.from(values.subarray(5, 23)));
  });
});
