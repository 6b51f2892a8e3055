// calibrate refuses an --out or --report it could not write before writing anything, so that exit 2
// means nothing was written (issue 25, point 5). A folder root may still not write (another user's,
// a read-only mount) is simulated: node:fs's accessSync refuses write access to folders named "locked".
import { expect, it, vi } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const accessSync = (path: import('node:fs').PathLike, mode?: number): void => {
    if (String(path).endsWith('locked') && mode !== undefined && (mode & fs.constants.W_OK) !== 0) {
      throw Object.assign(new Error(`EACCES: permission denied, access '${String(path)}'`), { code: 'EACCES', syscall: 'access' });
    }
    fs.accessSync(path, mode);
  };
  return { ...fs, accessSync, default: { ...fs, accessSync } };
});
const { main } = await import('../../src/cli/main.js');
import { captureCli } from '../cli/capture.js';

let dir: string;
let err: string[];
captureCli('orisim-unwritable-', (c) => ({ dir, err } = c));
const FIXTURE = 'test/fixtures/change_request_labels.csv';

it('a --report whose nearest existing folder cannot be written: exit 2 before the scenario is written', async () => {
  mkdirSync(join(dir, 'locked'));
  const report = join(dir, 'locked', 'sub', 'r');
  expect(await main(['calibrate', FIXTURE, '--report', report, '--out', join(dir, 's.yaml')])).toBe(2);
  expect(err.join('')).toBe(`orisim: cannot write ${report}: permission denied\n`);
  expect(readdirSync(dir)).toEqual(['locked']);
  expect(readdirSync(join(dir, 'locked'))).toEqual([]);
});

it('an --out in a folder that cannot be written: exit 2 before the report is written', async () => {
  mkdirSync(join(dir, 'locked'));
  const out = join(dir, 'locked', 's.yaml');
  expect(await main(['calibrate', FIXTURE, '--report', join(dir, 'r'), '--out', out])).toBe(2);
  expect(err.join('')).toBe(`orisim: cannot write ${out}: permission denied\n`);
  expect(readdirSync(dir)).toEqual(['locked']);
});
