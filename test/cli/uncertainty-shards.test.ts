// orisim uncertainty --shard I/N and orisim merge (issue 22: "the same seed gives byte-identical
// outputs with any number of workers and shards"): a small study split into 1, 2 and 3 shards, and
// into 10 shards of its 9 input sets (one shard runs none), merged in any order, gives every file
// of the one-machine folder byte for byte (the marker included) and the same stdout; shards run
// with 2 worker threads and with 1 (the built CLI) merge to the same bytes. Also what a shard folder
// holds and says on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI } from './built-cli.js';
import { files } from './shard-fixture.js';
import { cli, sameFolder, study as studyOf, TINY } from './study-shard-fixture.js';

let dir: string;
let file: string;

const study = (samples: number, more: readonly string[] = []) => studyOf(file, samples, more);

const one: Record<number, { dir: string; out: string }> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-uncertainty-shards-'));
  file = join(dir, 'tiny.yaml');
  writeFileSync(file, TINY);
  for (const samples of [1, 2]) {
    const r = await cli([...study(samples), '-q', '--out', join(dir, `one-${samples}`)]);
    if (r.code !== 0) throw new Error(r.err);
    one[samples] = { dir: join(dir, `one-${samples}`), out: r.out };
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('orisim uncertainty --shard I/N, then orisim merge', () => {
  it.each([1, 2, 3])('%i shards merge into the one-machine folder, byte for byte, and print the same page one', async (n) => {
    const shards: string[] = [];
    for (let i = 1; i <= n; i++) {
      const to = join(dir, `s${n}-${i}`);
      const r = await cli([...study(2, ['--shard', `${i}/${n}`]), '-q', '--out', to]);
      expect(r.code, r.err).toBe(0);
      shards.push(to);
    }
    expect(files(shards[0]!)).toEqual(['.orisim-output', 'metrics.bin', 'plan.bin', 'shard.json']);
    const merged = join(dir, `merged-${n}`);
    const r = await cli(['merge', merged, ...shards.reverse()]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(one[2]!.out);
    expect(r.err).toMatch(new RegExp(`^wrote ${merged}/ \\(\\d+\\.\\d s\\)\\n$`));
    sameFolder(merged, one[2]!.dir);
  });

  it('says which input sets a shard ran and how to merge; its manifest names the block, the samples and --set', async () => {
    const to = join(dir, 'said');
    const r = await cli([...study(2, ['--shard', '2/3', '--set', 'teams.delivery.count=3']), '--out', to]);
    expect(r.code).toBe(0);
    const lines = r.err.split('\n').filter((l) => !l.includes('\r') && l !== '');
    expect(lines[0]).toBe('note: 2 uncertain inputs, 13 input sets × 1 replications × 2 designs = 26 simulations');
    expect(lines.at(-1)).toMatch(new RegExp(`^wrote ${to}/ \\(shard 2/3: input sets 5–8 of 13, \\d+\\.\\d s\\); combine the 3 shard folders with: orisim merge OUT SHARD_DIR…$`));
    const m = JSON.parse(readFileSync(join(to, 'shard.json'), 'utf8'));
    expect(m).toMatchObject({ command: 'uncertainty', shard: { index: 2, count: 3 }, tasks: { from: 4, to: 8, total: 13 }, seed: 42, replications: 1, options: { samples: 2, set: ['teams.delivery.count=3'] }, rows: 'none' });
    expect(m.scenarios).toEqual([expect.objectContaining({ name: 'tiny', file, variants: ['normal', 'preApproved'] })]);
    expect(Object.keys(m.sha256)).toEqual(['metrics.bin', 'plan.bin']);
  });

  it('10 shards of 9 input sets: shard 1/10 runs none (a note says so) and merge still needs it', async () => {
    const shards: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const to = join(dir, `ten-${i}`);
      const r = await cli([...study(1, ['--shard', `${i}/10`]), '--out', to]);
      expect(r.code, r.err).toBe(0);
      if (i === 1) {
        expect(r.err).toContain('note: shard 1/10 runs no input sets (10 shards for 9 input sets); merge still needs its folder\n');
        expect(r.err).toContain(`wrote ${to}/ (shard 1/10: input sets none of 9, `);
      }
      shards.push(to);
    }
    const without = await cli(['merge', join(dir, 'ten-merged'), ...shards.slice(1)]);
    expect(without.code).toBe(2);
    expect(without.err).toBe('orisim: merge: shard 1/10 is missing (given: 2/10, 3/10, 4/10, 5/10, 6/10, 7/10, 8/10, 9/10, 10/10)\n');
    const r = await cli(['merge', join(dir, 'ten-merged'), ...shards]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(one[1]!.out);
    sameFolder(join(dir, 'ten-merged'), one[1]!.dir);
  });
});

describe('orisim uncertainty --shard, built', () => {
  it('shards run with 2 worker threads and with 1 merge to the one-machine bytes', () => {
    buildCli();
    const run = (args: readonly string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
    const base = study(2).filter((a, i, all) => a !== '--workers' && all[i - 1] !== '--workers');
    const s1 = run([...base, '--workers', '2', '--shard', '1/2', '-q', '--out', join(dir, 'w-1')]);
    const s2 = run([...base, '--workers', '1', '--shard', '2/2', '-q', '--out', join(dir, 'w-2')]);
    expect([s1.status, s2.status], s1.stderr + s2.stderr).toEqual([0, 0]);
    const merged = run(['merge', join(dir, 'w-merged'), join(dir, 'w-1'), join(dir, 'w-2')]);
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(one[2]!.out);
    sameFolder(join(dir, 'w-merged'), one[2]!.dir);
  }, 180_000);
});
