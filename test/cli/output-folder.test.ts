// What --out will and will not replace (issue 13, points 1, 2 and 6): only a folder holding nothing
// but the files an earlier orisim run wrote, recognised by its .orisim-output marker; never a
// user's folder, a symbolic link, or a path that cannot be a folder; stale partial folders of dead
// runs are removed. In-process through main(), on one thread.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { defaultCompareOut } from '../../src/api/compare.js';
import type { Scenario } from '../../src/scenario/index.js';
import { VERSION } from '../../src/output/version.js';
import { captureCli } from './capture.js';

let dir: string;
let err: string[];

captureCli('orisim-out-', (c) => ({ dir, err } = c));

const run = (out: string, ...more: string[]): Promise<number> => main(['run', '-r', '1', '--no-charts', '-q', '--out', out, ...more]);
const RUN_FILES = ['by-class.csv', 'by-path.csv', 'changes.csv', 'costs.csv', 'events.csv', 'replications.csv', 'stages.csv', 'summary.json', 'wip.csv'];
const sha = (file: string): string => createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex');

/** A process id that no longer runs: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

describe('--out replaces only folders orisim wrote', () => {
  it('a folder with summary.json, src/main.c and notes.md is refused and left whole (it used to lose src/ and notes.md)', async () => {
    const mine = join(dir, 'project');
    mkdirSync(join(mine, 'src'), { recursive: true });
    writeFileSync(join(mine, 'summary.json'), '{}');
    writeFileSync(join(mine, 'src', 'main.c'), 'int main(void) { return 0; }\n');
    writeFileSync(join(mine, 'notes.md'), 'keep me');
    expect(await run(mine)).toBe(2);
    expect(err.join('')).toBe(
      `orisim: output folder "${mine}" is not empty and orisim replaces only its own output folders: ` +
        'it is not an orisim output folder (no valid .orisim-output marker) and holds "notes.md", "src/main.c", "src"; choose another --out\n',
    );
    expect(readdirSync(mine).sort()).toEqual(['notes.md', 'src', 'summary.json']);
    expect(readFileSync(join(mine, 'src', 'main.c'), 'utf8')).toBe('int main(void) { return 0; }\n');
    expect(readdirSync(dir)).toEqual(['project']);
  });

  it('a run writes the marker: the run’s identity and every file it wrote, the same bytes every time', async () => {
    const a = join(dir, 'a');
    expect(await run(a)).toBe(0);
    expect(readdirSync(a).sort()).toEqual(['.orisim-output', ...RUN_FILES]);
    expect(JSON.parse(readFileSync(join(a, '.orisim-output'), 'utf8'))).toEqual({
      orisim: 'output folder',
      version: VERSION,
      command: 'run',
      scenarios: [{ name: 'ops-run-it', sha256: sha('scenarios/ops-run-it.yaml') }],
      seed: 42,
      replications: 1,
      files: RUN_FILES,
    });
    const first = readFileSync(join(a, '.orisim-output'));
    expect(await run(a)).toBe(0);
    expect(readFileSync(join(a, '.orisim-output')).equals(first)).toBe(true);
  });

  it('a marked folder to which the user added a file is refused, and the file kept', async () => {
    const a = join(dir, 'a');
    expect(await run(a)).toBe(0);
    writeFileSync(join(a, 'my-analysis.xlsx'), 'precious');
    err.length = 0;
    expect(await run(a, '--seed', '3')).toBe(2);
    expect(err.join('')).toBe(
      `orisim: output folder "${a}" is not empty and orisim replaces only its own output folders: it holds files orisim did not write: "my-analysis.xlsx"; choose another --out\n`,
    );
    expect(readFileSync(join(a, 'my-analysis.xlsx'), 'utf8')).toBe('precious');
    expect(JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')).run.seed).toBe(42);
  });

  it('a marked folder holding a symbolic link is refused', async () => {
    const a = join(dir, 'a');
    expect(await run(a)).toBe(0);
    symlinkSync('/etc', join(a, 'etc'));
    expect(await run(a)).toBe(2);
    expect(err.join('')).toContain('it holds something orisim never writes (etc is a symbolic link)');
    expect(lstatSync(join(a, 'etc')).isSymbolicLink()).toBe(true);
  });

  it('a forged marker does not make a folder replaceable: it must list every file', async () => {
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.tex'), 'x');
    writeFileSync(join(mine, '.orisim-output'), 'not json');
    expect(await run(mine)).toBe(2);
    expect(err.join('')).toContain('it is not an orisim output folder (no valid .orisim-output marker) and holds ".orisim-output", "thesis.tex"');
    expect(readdirSync(mine).sort()).toEqual(['.orisim-output', 'thesis.tex']);
  });

  it('an earlier unmarked orisim folder (only the file names orisim wrote) is still replaced', async () => {
    const old = join(dir, 'old');
    mkdirSync(join(old, 'charts'), { recursive: true });
    // by-class.csv and by-path.csv came later: an unmarked folder never held them
    for (const f of [...RUN_FILES.filter((x) => !x.startsWith('by-')), 'report.html', 'charts/lead-time-cdf.svg', 'charts/lead-time-cdf.vl.json', 'charts/costs.png']) writeFileSync(join(old, f), 'old');
    expect(await run(old)).toBe(0);
    expect(readdirSync(old).sort()).toEqual(['.orisim-output', ...RUN_FILES]);
  });
});

describe('compare and sweep folders carry the marker too', () => {
  it('compare: every scenario’s name and hash; sweep: the parameter and its values', async () => {
    const cmp = join(dir, 'cmp');
    expect(await main(['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '-r', '1', '--no-charts', '-q', '--out', cmp])).toBe(0);
    expect(JSON.parse(readFileSync(join(cmp, '.orisim-output'), 'utf8'))).toEqual({
      orisim: 'output folder',
      version: VERSION,
      command: 'compare',
      scenarios: [
        { name: 'ops-run-it', sha256: sha('scenarios/ops-run-it.yaml') },
        { name: 'twice-weekly-cab', sha256: sha('scenarios/twice-weekly-cab.yaml') },
      ],
      seed: 42,
      replications: 1,
      files: ['comparison.csv', 'comparison.json'],
    });
    const sweep = join(dir, 'sweep');
    expect(await main(['sweep', '--param', 'teams.delivery.count', '--values', '2,3', '-r', '1', '--no-charts', '-q', '--out', sweep])).toBe(0);
    const marker = JSON.parse(readFileSync(join(sweep, '.orisim-output'), 'utf8'));
    expect(marker).toMatchObject({ command: 'sweep', param: 'teams.delivery.count', values: ['2', '3'], files: ['sweep.csv', 'sweep.json'] });
    expect(marker.scenarios).toEqual([{ name: 'ops-run-it', sha256: sha('scenarios/ops-run-it.yaml') }]);
  });

  it('the default compare folder stays a short enough name however many scenarios', () => {
    const named = (name: string) => ({ name }) as Scenario;
    expect(defaultCompareOut([named('a'), named('b')])).toBe(join('output', 'compare-a-vs-b'));
    const many = ['x', 'y', 'z'].map((c) => named(c.repeat(100)));
    const out = defaultCompareOut(many);
    expect(out).toMatch(new RegExp(`^output/compare-${'x'.repeat(100)}-vs-2-more-[0-9a-f]{8}$`));
    expect(defaultCompareOut([many[0]!, many[2]!, many[1]!])).not.toBe(out);
  });
});

describe('an --out that cannot be a folder: exit 2, a plain line, nothing left behind', () => {
  it('a dangling symbolic link (it used to fail with ENOTDIR and leave a partial folder)', async () => {
    const link = join(dir, 'link');
    symlinkSync(join(dir, 'nowhere'), link);
    expect(await run(link)).toBe(2);
    expect(err.join('')).toBe(`orisim: output folder "${link}" is a symbolic link; orisim writes only real folders; choose another --out\n`);
    expect(readdirSync(dir)).toEqual(['link']);
  });

  it('a folder name of 255 characters (it used to fail with ENAMETOOLONG)', async () => {
    const long = join(dir, 'x'.repeat(255));
    expect(await run(long)).toBe(2);
    expect(err.join('')).toBe('orisim: output folder name is 255 bytes long, at most 200: choose a shorter --out\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a NUL in --out', async () => {
    expect(await run(join(dir, 'a\0b'))).toBe(2);
    expect(err.join('')).toBe(`orisim: --out ${JSON.stringify(join(dir, 'a\0b'))} contains a NUL character\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a path under a file (it used to end in a stack trace)', async () => {
    writeFileSync(join(dir, 'file.txt'), 'x');
    const out = join(dir, 'file.txt', 'sub');
    expect(await run(out)).toBe(2);
    expect(err.join('')).toBe(`orisim: cannot write ${out}: not a directory\n`);
    expect(readdirSync(dir)).toEqual(['file.txt']);
  });

  it('a scenario named "../../victim" is refused before anything is written', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: "../../victim"\n');
    expect(await run(join(dir, 'out'), bad)).toBe(2);
    expect(err.join('')).toMatch(/^.*bad\.yaml:1:7 name: expected a folder name .*, got "\.\.\/\.\.\/victim": it contains "\/"\n$/);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });
});

describe('partial folders of runs that died', () => {
  it('are removed beside the target when their process is gone; a live process’s is kept', async () => {
    const a = join(dir, 'a');
    const dead = join(dir, `.a.partial-${deadPid()}`);
    const live = join(dir, `.a.partial-${process.ppid}`);
    const other = join(dir, `.b.partial-${deadPid()}`);
    for (const f of [dead, live, other]) {
      mkdirSync(f);
      writeFileSync(join(f, 'changes.csv'), 'half');
    }
    expect(await run(a)).toBe(0);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it('a file that merely looks like one is left alone', async () => {
    const lookalike = join(dir, `.a.partial-${deadPid()}`);
    writeFileSync(lookalike, 'mine');
    expect(await run(join(dir, 'a'))).toBe(0);
    expect(readFileSync(lookalike, 'utf8')).toBe('mine');
  });
});
