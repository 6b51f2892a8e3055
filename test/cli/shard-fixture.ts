// Shard folders made once for the tests of hostile shard input (merge-out, merge-hostile,
// merge-rows, merge-fuzz): shards 1/2 and 2/2 of a short `run -r 2` (or compare), shard 1/2 of
// another run (seed 7), and the one-machine run, in a temporary folder of their own; tests copy
// them before changing anything.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/** Every file below `d` (relative, `/`-separated, sorted); folders are walked, not listed. */
export function files(d: string, prefix = ''): string[] {
  return readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(d, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

export interface MadeShards {
  /** Shards 1/2 and 2/2 of one run, and shard 1/2 of another (seed 7). */
  s1: string;
  s2: string;
  other1: string;
  /** The run on one machine (the merged folder must equal it). */
  one: string;
  remove: () => void;
}

/** The options of every fixture's command: 2 replications of both variants, 16 weeks. */
export const SHARD_OPTIONS = ['-r', '2', '--no-charts', '-q', '--set', 'horizon=16w', '--set', 'warmup=4w'];

/** Makes the shards of `command` (default `run`; its files, then `extra`, before the options) in a temporary folder. */
export async function makeShards(extra: readonly string[] = [], command: readonly string[] = ['run']): Promise<MadeShards> {
  const dir = mkdtempSync(join(tmpdir(), 'orisim-shard-fixture-'));
  const said: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (said.push(String(s)), true));
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const made = {
      s1: join(dir, 's1'), s2: join(dir, 's2'), other1: join(dir, 'o1'), one: join(dir, 'one'),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
    const runs: [string, string[]][] = [
      [made.s1, ['--shard', '1/2']],
      [made.s2, ['--shard', '2/2']],
      [made.other1, ['--shard', '1/2', '--seed', '7']],
      [made.one, []],
    ];
    for (const [to, more] of runs) {
      const code = await main([...command, ...extra, ...SHARD_OPTIONS, ...more, '--out', to]);
      if (code !== 0) throw new Error(`making the shard fixture failed: ${said.join('')}`);
    }
    return made;
  } finally {
    spy.mockRestore();
    out.mockRestore();
  }
}
