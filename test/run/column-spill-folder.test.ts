// A big run's digest columns spill into the output folder being written (its partial folder), not
// the system's temporary folder: nothing is written outside the output folder, and the spill file
// is removed at once, so the finished folder holds only orisim's outputs.
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Column } from '../../src/run/column.js';
import { writeFolderAtomically } from '../../src/output/output-folder.js';

/** The paths of this process's open files that have been deleted (Linux: /proc/self/fd). */
function deletedOpenFiles(): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(join('/proc/self/fd', fd));
      if (target.endsWith(' (deleted)')) out.push(target.slice(0, -' (deleted)'.length));
    } catch {
      // closed meanwhile
    }
  }
  return out;
}

describe.runIf(process.platform === 'linux')('spilled digest columns', () => {
  const root = mkdtempSync(join(tmpdir(), 'orisim-spill-folder-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('go into the folder being written, are gone from it when it is finished, and read back the same values', async () => {
    const out = join(root, 'run');
    const values = Float64Array.from({ length: 40 }, (_x, i) => i / 7);
    let spilledTo: string[] = [];
    let read: number[] = [];
    await writeFolderAtomically(out, { command: 'run', scenarios: [], seed: 1, replications: 1 }, async (tmp) => {
      const column = new Column(Float64Array, 4);
      column.push(values);
      read = Array.from(column.slice());
      spilledTo = deletedOpenFiles().filter((p) => p.endsWith('columns.bin'));
      expect(spilledTo.length).toBe(1);
      expect(spilledTo[0]!.startsWith(tmp + '/')).toBe(true);
      writeFileSync(join(tmp, 'summary.json'), '{}');
    });
    expect(read).toEqual(Array.from(values));
    expect(readdirSync(out).filter((f) => f.includes('spill'))).toEqual([]);
  });
});
