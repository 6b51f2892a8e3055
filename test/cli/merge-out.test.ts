// Issue 25, point 1: no command replaces a shard folder (merge's OUT, run/compare/sweep --out), nor a
// folder that holds one, and merge compares OUT with the shard folders by what they are on disk
// (real path, device and inode), not by how they are spelled: through a symbolic link to their
// parent, OUT is still the shard folder it names. Only another --shard run replaces a shard folder.
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureCli } from './capture.js';
import { files, makeShards, type MadeShards } from './shard-fixture.js';

let dir: string;
let err: string[];
captureCli('orisim-merge-out-', (c) => ({ dir, err } = c));

let made: MadeShards;
const HELP = 'Run "orisim --help" for usage.\n';
/** stderr without the scenario's calendar warnings (a short horizon leaves holidays outside it). */
const said = (): string => err.join('').split('\n').filter((l) => !l.startsWith('warning: ')).join('\n');
beforeAll(async () => {
  made = await makeShards();
});
afterAll(() => made.remove());

/** The shard folders copied into this test's folder as s1, s2 (and the other run's o1). */
function shards(): { s1: string; s2: string; o1: string } {
  const [s1, s2, o1] = ['s1', 's2', 'o1'].map((n) => join(dir, n)) as [string, string, string];
  cpSync(made.s1, s1, { recursive: true });
  cpSync(made.s2, s2, { recursive: true });
  cpSync(made.other1, o1, { recursive: true });
  return { s1, s2, o1 };
}

/** Every file below `d` with its bytes, to show a folder was left exactly as it was. */
function snapshot(d: string): Record<string, string> {
  return Object.fromEntries(files(d).map((f) => [f, readFileSync(join(d, f)).toString('base64')]));
}

describe('merge never replaces a shard folder', () => {
  it("OUT is another run's shard folder: refused, and that folder is left as it was", async () => {
    const { s1, s2, o1 } = shards();
    const before = snapshot(o1);
    expect(await main(['merge', o1, s1, s2])).toBe(2);
    expect(err.join('')).toBe(`orisim: output folder "${o1}" is a shard folder (shard 1/2), which only another --shard run replaces; choose another --out\n`);
    expect(snapshot(o1)).toEqual(before);
  });

  it('OUT names a shard folder through a symbolic link to its parent (ln -s . here; merge here/s1 s1 s2)', async () => {
    const { s1, s2 } = shards();
    symlinkSync('.', join(dir, 'here'));
    const before = snapshot(s1);
    const out = join(dir, 'here', 's1');
    expect(await main(['merge', out, s1, s2])).toBe(2);
    expect(err.join('')).toBe(`orisim: merge: OUT ${out} is the shard folder ${s1}; write the merged output into another folder\n${HELP}`);
    expect(snapshot(s1)).toEqual(before);
  });

  it('OUT holds a shard folder through a link, or lies inside one: refused, nothing written', async () => {
    const { s1, s2 } = shards();
    symlinkSync('.', join(dir, 'here'));
    const held = join(dir, 'here');
    expect(await main(['merge', `${held}/`, s1, s2])).toBe(2);
    expect(err.join('')).toBe(`orisim: merge: OUT ${held}/ holds the shard folder ${s1}; write the merged output into another folder\n${HELP}`);
    err.length = 0;
    const inside = join(dir, 'here', 's2', 'merged');
    expect(await main(['merge', inside, s1, s2])).toBe(2);
    expect(err.join('')).toBe(`orisim: merge: OUT ${inside} is inside the shard folder ${s2}; write the merged output into another folder\n${HELP}`);
    expect(readdirSync(s2).sort()).toEqual(['.orisim-output', 'changes.csv', 'events.csv', 'plan.bin', 'replications-1.bin', 'shard.json']);
  });
});

describe('run, compare and sweep --out never replace a shard folder, nor a folder holding one', () => {
  const RUN = ['run', '-r', '1', '--no-charts', '-q', '--set', 'horizon=8w', '--set', 'warmup=2w'];

  it('a shard folder as --out of a plain run, compare or sweep is refused and kept', async () => {
    const { s1 } = shards();
    const before = snapshot(s1);
    const commands = [
      RUN,
      ['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', ...RUN.slice(1)],
      ['sweep', '--param', 'teams.delivery.count', '--values', '2,3', ...RUN.slice(1)],
    ];
    for (const args of commands) {
      err.length = 0;
      expect(await main([...args, '--out', s1]), args[0]).toBe(2);
      expect(said()).toBe(`orisim: output folder "${s1}" is a shard folder (shard 1/2), which only another --shard run replaces; choose another --out\n`);
    }
    expect(snapshot(s1)).toEqual(before);
  });

  it('a folder whose marker lists a shard folder inside it is refused (a marker can be edited)', async () => {
    const { s1 } = shards();
    const outer = join(dir, 'outer');
    mkdirSync(outer);
    cpSync(s1, join(outer, 'part'), { recursive: true });
    const listed = files(outer).filter((f) => f !== '.orisim-output');
    writeFileSync(join(outer, '.orisim-output'), JSON.stringify({ orisim: 'output folder', version: '0', command: 'run', scenarios: [], seed: 1, replications: 1, files: listed }));
    const before = snapshot(outer);
    expect(await main([...RUN, '--out', outer])).toBe(2);
    expect(said()).toBe(
      `orisim: output folder "${outer}" is not empty and orisim replaces only its own output folders: it holds the shard folder "part"; choose another --out\n`,
    );
    expect(snapshot(outer)).toEqual(before);
    // the same with a shard folder whose marker was deleted (its shard.json still says what it is)
    const bare = join(dir, 'bare');
    mkdirSync(bare);
    cpSync(s1, join(bare, 'x'), { recursive: true });
    writeFileSync(join(bare, 'x', '.orisim-output'), 'not a marker');
    writeFileSync(join(bare, '.orisim-output'), JSON.stringify({ orisim: 'output folder', version: '0', command: 'run', scenarios: [], seed: 1, replications: 1, files: files(bare).filter((f) => f !== '.orisim-output') }));
    err.length = 0;
    expect(await main([...RUN, '--out', bare])).toBe(2);
    expect(err.join('')).toContain('it holds the shard folder "x"; choose another --out\n');
    // and a plain output folder inside one that lists it
    const old = join(dir, 'old');
    mkdirSync(old);
    cpSync(made.one, join(old, 'nested'), { recursive: true });
    writeFileSync(join(old, '.orisim-output'), JSON.stringify({ orisim: 'output folder', version: '0', command: 'run', scenarios: [], seed: 1, replications: 1, files: files(old).filter((f) => f !== '.orisim-output') }));
    err.length = 0;
    expect(await main([...RUN, '--out', old])).toBe(2);
    expect(said()).toBe(`orisim: output folder "${old}" is not empty and orisim replaces only its own output folders: it holds another orisim output folder "nested"; choose another --out\n`);
  });

  it('another --shard run still replaces a shard folder', async () => {
    const { s1 } = shards();
    expect(await main([...RUN, '--shard', '1/2', '--out', s1]), err.join('')).toBe(0);
    expect(JSON.parse(readFileSync(join(s1, '.orisim-output'), 'utf8')).shard).toBe('1/2');
  });
});
