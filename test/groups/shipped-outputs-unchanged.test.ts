// Issue 10: a scenario that uses none of the new forms gives the same results as before, byte for
// byte. The hashes are of each shipped scenario's summary.json (with run.version blanked, so a
// version bump alone does not count) and changes.csv at 2 replications, seed 42, recorded from main
// at 96b1c14 before issue 10's commits. A commit meant to change results updates them and says why.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const EXPECTED: Record<string, { summary: string; changes: string }> = {
  'ops-run-it': {
    summary: '99cd7a8f30aba0662c982e5d9b0f7b93215e4244af6ed9a536fb53b2b5097074',
    changes: '3b432040c390367a65380be71fae7583d75e74b89b5a63832da0560bf9d0eab0',
  },
  'ops-run-it-25-teams': {
    summary: '0509b13a49dd15deab879dd4584b327e1580b6cb38b5b6ec6d523697cd8af83c',
    changes: '5e3ff517204d41e5d4640021bf1b96a7405c3261bc4f450ac2d9576188fca724',
  },
  'twice-weekly-cab': {
    summary: '8c71fa73ac6228a6027cc7f8de4c66f31361a5f3514295463c31c17d82b9eb73',
    changes: '5454702762cd551afe85b6d681a14db3ec42fb949d6a0ebcb5fb53ebf25a1b18',
  },
};

const dir = mkdtempSync(join(tmpdir(), 'orisim-unchanged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** summary.json's bytes with the version's value blanked. */
export function summaryHashWithoutVersion(text: string): string {
  return sha256(text.replace(/("version": )"[^"]*"/, '$1""'));
}

describe('the shipped scenarios give the same outputs as before issue 10', () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name}: summary.json and changes.csv unchanged (2 replications, seed 42)`, async () => {
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const out = join(dir, name);
      try {
        expect(await main(['run', `scenarios/${name}.yaml`, '-r', '2', '--seed', '42', '--out', out, '--no-charts', '-q', '--workers', '1'])).toBe(0);
      } finally {
        vi.restoreAllMocks();
      }
      expect(summaryHashWithoutVersion(readFileSync(join(out, 'summary.json'), 'utf8'))).toBe(want.summary);
      expect(sha256(readFileSync(join(out, 'changes.csv')))).toBe(want.changes);
    }, 60_000);
  }
});
