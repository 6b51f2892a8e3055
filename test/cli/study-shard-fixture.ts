// What the tests of uncertainty shards share (uncertainty-shards, uncertainty-shards-hostile): a
// tiny study scenario, the CLI run in this process with its output captured, and a check that two
// folders hold the same files, byte for byte.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { files } from './shard-fixture.js';

/** Two uncertain inputs: with --samples 2, 2·(2 + 2) + 2·2 + 1 = 13 input sets; with --samples 1, 9. */
export const TINY = `extends: ${resolve('scenarios/ops-run-it.yaml')}
name: tiny
horizon: 10w
warmup: 2w
replications: 1
teams: { delivery: { count: 2 } }
uncertain:
  classes.small.efforts.changeDocumentation: { low: 1h, likely: 2h, high: 5d }
  teams.delivery.hourlyRate: { low: 60, high: 90 }
`;

/** The study's arguments: `file`, `samples` samples, 1 replication, this thread. */
export const study = (file: string, samples: number, more: readonly string[] = []): string[] =>
  ['uncertainty', file, '--samples', String(samples), '--replications', '1', '--workers', '1', ...more];

/** Runs the CLI in this process: its exit code, stdout and stderr. */
export async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    return { code: await main([...args]), out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Expects every file of `got` to be the bytes of the same file of `want`, and no other file. */
export function sameFolder(got: string, want: string): void {
  expect(files(got)).toEqual(files(want));
  for (const f of files(want)) expect(readFileSync(join(got, f)).equals(readFileSync(join(want, f))), f).toBe(true);
}
