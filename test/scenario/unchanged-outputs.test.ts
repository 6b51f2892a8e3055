// The shipped scenarios give the same output files as before issue 10's cadence, calendar and
// `extends:` work (same seed, byte for byte). The hashes were recorded from main without those
// commits (changes.csv at 96b1c14 and again at 021d163; summary.json at 021d163, after the DORA
// merge added its keys), with `orisim run scenarios/<name>.yaml -r 2 --seed 42 --no-charts`.
// Re-record them only for a change that is meant to alter results or the output format, and say so
// in its commit.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const RECORDED: Record<string, { summary: string; changes: string }> = {
  'ops-run-it': {
    summary: 'ccc0964c4ada6833844b1671579497ce291f23fe71303bb89fe088350a446896',
    changes: '3b432040c390367a65380be71fae7583d75e74b89b5a63832da0560bf9d0eab0',
  },
  'ops-run-it-25-teams': {
    summary: 'f9e1dac4b98432f5d49a622d09a829cd50329a873f7417d2d0f2b0379cc0fab8',
    changes: '5e3ff517204d41e5d4640021bf1b96a7405c3261bc4f450ac2d9576188fca724',
  },
  'twice-weekly-cab': {
    summary: 'f5375d9449cd0776fb0a33665a0ce6b96a0b996f65d0b29894c299d73ff8248b',
    changes: '5454702762cd551afe85b6d681a14db3ec42fb949d6a0ebcb5fb53ebf25a1b18',
  },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-unchanged-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the shipped scenarios give byte-identical outputs (seed 42, 2 replications)', () => {
  for (const [name, recorded] of Object.entries(RECORDED)) {
    it(`scenarios/${name}.yaml: summary.json and changes.csv`, async () => {
      const out = join(dir, name);
      expect(await main(['run', `scenarios/${name}.yaml`, '-r', '2', '--seed', '42', '--out', out, '--no-charts', '-q'])).toBe(0);
      expect(sha256(join(out, 'summary.json'))).toBe(recorded.summary);
      expect(sha256(join(out, 'changes.csv'))).toBe(recorded.changes);
    });
  }
});
