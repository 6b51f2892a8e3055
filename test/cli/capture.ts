// What the in-process CLI tests share: a fresh temporary folder per test, and stdout and stderr
// captured into arrays (the same arrays for the whole test, so a test may clear them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

export interface Captured {
  dir: string;
  out: string[];
  err: string[];
}

/** Registers the hooks; `set` receives each test's folder and arrays (assign them to the file's variables). */
export function captureCli(prefix: string, set: (c: Captured) => void): void {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    const c: Captured = { dir, out: [], err: [] };
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (c.out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (c.err.push(String(s)), true));
    set(c);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });
}
