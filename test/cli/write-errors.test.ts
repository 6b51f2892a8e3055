// The file system failing under a run (issue 13, point 4): a read-only mount, an unwritable parent,
// a full disk, a failed rename. Each ends in one plain line on stderr, exit 2 when the output folder
// cannot be created at all (nothing has been simulated) and 1 when a write fails during the run;
// never a stack trace; no partial folder left; an earlier run's folder left as it was.
// The failures are injected into node:fs (tests run as root, whom permissions do not stop, and
// cannot mount a read-only or full file system); the errors are built as Node builds them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

interface Fault {
  code: string;
  description: string;
  /** Fail only calls whose first argument (a path, or a file descriptor) passes this. */
  when?: (target: unknown) => boolean;
}
const faults = vi.hoisted(() => new Map<string, Fault>());

/** An error as Node's fs throws it: "ENOSPC: no space left on device, write". */
function systemError(f: Fault, syscall: string, target: unknown): Error {
  const where = typeof target === 'string' ? ` '${target}'` : '';
  return Object.assign(new Error(`${f.code}: ${f.description}, ${syscall}${where}`), { code: f.code, syscall, errno: -1 });
}

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const wrap = <K extends 'mkdirSync' | 'writeSync' | 'writeFileSync' | 'renameSync'>(name: K, syscall: string) =>
    ((...args: unknown[]) => {
      const f = faults.get(name);
      if (f && (f.when?.(args[0]) ?? true)) throw systemError(f, syscall, args[0]);
      return (real[name] as (...a: unknown[]) => unknown)(...args);
    }) as (typeof real)[K];
  return {
    ...real,
    mkdirSync: wrap('mkdirSync', 'mkdir'),
    writeSync: wrap('writeSync', 'write'),
    writeFileSync: wrap('writeFileSync', 'open'),
    renameSync: wrap('renameSync', 'rename'),
  };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    writeFile: async (...args: Parameters<typeof real.writeFile>) => {
      const f = faults.get('writeFile');
      if (f && (f.when?.(args[0]) ?? true)) throw systemError(f, 'open', args[0]);
      return real.writeFile(...args);
    },
  };
});

let dir: string;
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-fs-'));
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => {
  faults.clear();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const run = (out: string): Promise<number> => main(['run', '-r', '1', '--no-charts', '-q', '--out', out]);
const ROFS: Fault = { code: 'EROFS', description: 'read-only file system' };
const ACCES: Fault = { code: 'EACCES', description: 'permission denied' };
const NOSPC: Fault = { code: 'ENOSPC', description: 'no space left on device' };

describe('the output folder cannot be created: exit 2, before anything is simulated', () => {
  it('a read-only mount (it used to end in a stack trace)', async () => {
    faults.set('mkdirSync', ROFS);
    const out = join(dir, 'out');
    expect(await run(out)).toBe(2);
    expect(err.join('')).toBe(`orisim: cannot write ${out}: read-only file system\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unwritable parent folder', async () => {
    faults.set('mkdirSync', ACCES);
    const out = join(dir, 'deeper', 'out');
    expect(await run(out)).toBe(2);
    expect(err.join('')).toBe(`orisim: cannot write ${out}: permission denied\n`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a write fails during the run: exit 1, one line, no partial folder, the earlier folder kept', () => {
  async function earlierRun(out: string): Promise<Buffer> {
    expect(await run(out)).toBe(0);
    err.length = 0;
    return readFileSync(join(out, 'summary.json'));
  }

  it('the disk fills while changes.csv is streamed', async () => {
    const out = join(dir, 'out');
    const summary = await earlierRun(out);
    faults.set('writeSync', NOSPC);
    expect(await run(out)).toBe(1);
    expect(err.join('')).toBe(`orisim: cannot write ${out}: no space left on device\n`);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(out, 'summary.json')).equals(summary)).toBe(true);
  });

  it('the disk fills at summary.json', async () => {
    faults.set('writeFileSync', { ...NOSPC, when: (p) => String(p).endsWith('summary.json') });
    const out = join(dir, 'out');
    expect(await run(out)).toBe(1);
    expect(err.join('')).toBe(`orisim: cannot write ${out}: no space left on device\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('moving the finished folder into place fails: the earlier folder is put back', async () => {
    const out = join(dir, 'out');
    const summary = await earlierRun(out);
    faults.set('renameSync', { code: 'EBUSY', description: 'resource busy or locked', when: (p) => String(p).includes('.partial-') });
    expect(await run(out)).toBe(1);
    expect(err.join('')).toBe(`orisim: cannot write ${out}: resource busy or locked\n`);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(out, 'summary.json')).equals(summary)).toBe(true);
  });

  it('compare: the disk fills at comparison.csv', async () => {
    faults.set('writeFile', { ...NOSPC, when: (p) => String(p).endsWith('comparison.csv') });
    const out = join(dir, 'cmp');
    const code = await main(['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '-r', '1', '--no-charts', '-q', '--out', out]);
    expect(code).toBe(1);
    expect(err.join('')).toBe(`orisim: cannot write ${out}: no space left on device\n`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
