// --shard I/N and orisim merge, in-process through the CLI entry: for run, compare and sweep, with
// N = 1, 3 and 4, the merged folder holds exactly the files of the same command run on one machine,
// byte for byte (marker, summary, every CSV, charts and report where made), and merge prints the
// same stdout. Missing, duplicate and mismatched shards are refused with exit 2 naming the shard.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { VERSION } from '../../src/output/version.js';
import { captureCli } from './capture.js';

let dir: string;
let out: string[];
let err: string[];

captureCli('orisim-shard-', (c) => ({ dir, out, err } = c));

/** A short horizon keeps each replication quick; every replication still has changes in both variants. */
const SHORT = ['--set', 'horizon=16w', '--set', 'warmup=4w'];

export function files(d: string, prefix = ''): string[] {
  return readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(d, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

function expectSameFolders(expected: string, actual: string): void {
  const fe = files(expected);
  expect(files(actual)).toEqual(fe);
  for (const f of fe) expect(readFileSync(join(actual, f)).equals(readFileSync(join(expected, f))), f).toBe(true);
}

/** Runs `args` on one machine and as N shards merged; checks the folders and stdout are the same. */
async function expectMergeSameAsOneMachine(args: string[], n: number, order: (i: number[]) => number[] = (i) => i): Promise<string[]> {
  const one = join(dir, 'one');
  expect(await main([...args, '--out', one]), err.join('')).toBe(0);
  const oneStdout = out.join('');
  const shards = Array.from({ length: n }, (_x, i) => join(dir, `shard-${i + 1}`));
  for (const [i, s] of shards.entries()) expect(await main([...args, '--shard', `${i + 1}/${n}`, '--out', s]), err.join('')).toBe(0);
  out.length = 0;
  const merged = join(dir, 'merged');
  const given = order(shards.map((_s, i) => i)).map((i) => shards[i]!);
  expect(await main(['merge', merged, ...given]), err.join('')).toBe(0);
  expect(out.join('')).toBe(oneStdout);
  expectSameFolders(one, merged);
  return files(merged);
}

describe('merge gives the folder one machine writes', () => {
  it.each([1, 3, 4])('run, %i shard(s)', async (n) => {
    const written = await expectMergeSameAsOneMachine(['run', '-r', '3', '--no-charts', '-q', ...SHORT], n, (i) => i.reverse());
    expect(written).toEqual(expect.arrayContaining(['.orisim-output', 'summary.json', 'changes.csv', 'events.csv', 'replications.csv', 'wip.csv']));
  });

  it.each([
    ['parquet', 'changes.parquet'],
    ['none', 'events.csv'],
  ])('run --changes %s, 3 shards: the merged per-change files are one machine\'s', async (format, file) => {
    const written = await expectMergeSameAsOneMachine(['run', '-r', '3', '--no-charts', '-q', '--changes', format, ...SHORT], 3);
    expect(written).toContain(file);
    expect(written).not.toContain('changes.csv');
  });

  it('run with charts, report and --export servicenow, 3 shards', async () => {
    const written = await expectMergeSameAsOneMachine(['run', '-r', '2', '-q', '--export', 'servicenow', ...SHORT], 3);
    expect(written).toEqual(expect.arrayContaining(['report.html', 'change_request.csv', 'charts/cumulative-flow.png', 'charts/lead-time-distribution.svg']));
  });

  it.each([1, 3, 4])('compare, %i shard(s) (blocks cross from one scenario to the next)', async (n) => {
    await expectMergeSameAsOneMachine(['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '-r', '2', '--no-charts', '-q', ...SHORT], n);
  });

  it('compare with charts and a baseline, 3 shards', async () => {
    const args = ['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '-r', '2', '-q', '--baseline', 'scenarios/twice-weekly-cab.yaml:preApproved', ...SHORT];
    expect(await expectMergeSameAsOneMachine(args, 3)).toContain('report.html');
  });

  it.each([1, 3, 4])('sweep, %i shard(s)', async (n) => {
    await expectMergeSameAsOneMachine(['sweep', '--param', 'teams.delivery.count', '--values', '2,4', '-r', '2', '--no-charts', '-q', ...SHORT], n);
  });

  it('more shards than replications × variants: the empty shards still merge', async () => {
    await expectMergeSameAsOneMachine(['run', '-r', '1', '--no-charts', '-q', ...SHORT], 3);
    expect(err.join('')).toContain('note: shard 1/3 runs no replications (3 shards for 2 replications × variants); merge still needs its folder');
  });
});

describe('merge refuses shards that do not make one run (exit 2, naming the shard)', () => {
  const RUN = ['run', '-r', '2', '--no-charts', '-q', ...SHORT];
  async function shard(i: number, n: number, extra: string[] = [], args = RUN): Promise<string> {
    const s = join(dir, `s${i}of${n}${extra.join('').replace(/[^a-z0-9]/gi, '')}`);
    expect(await main([...args, ...extra, '--shard', `${i}/${n}`, '--out', s]), err.join('')).toBe(0);
    return s;
  }
  async function mergeFails(...shards: string[]): Promise<string> {
    err.length = 0;
    expect(await main(['merge', join(dir, 'merged'), ...shards])).toBe(2);
    expect(files(dir)).not.toContain('merged/summary.json');
    return err.join('');
  }

  it('a missing shard', async () => {
    const [a, c] = [await shard(1, 3), await shard(3, 3)];
    expect(await mergeFails(c, a)).toBe('orisim: merge: shard 2/3 is missing (given: 1/3, 3/3)\n');
  });

  it('the same shard twice', async () => {
    const a = await shard(1, 2);
    const b = await shard(2, 2);
    const copy = join(dir, 'copy-of-1');
    cpSync(a, copy, { recursive: true });
    expect(await mergeFails(a, b, copy)).toBe(`orisim: merge: ${a} and ${copy} are both shard 1/2\n`);
    expect(await mergeFails(a, b, a)).toBe(`orisim: merge: ${a} and ${a} are both shard 1/2 (${a} is given twice)\n`);
  });

  it('another seed, N, command, scenario text, --set value or version', async () => {
    const a = await shard(1, 2);
    const seed = await shard(2, 2, ['--seed', '7']);
    expect(await mergeFails(a, seed)).toBe(`orisim: merge: ${seed} (shard 2/2) is not from the same run as ${a} (shard 1/2): seed 7, not 42\n`);
    const three = await shard(2, 3);
    expect(await mergeFails(a, three)).toBe(`orisim: merge: ${three} (shard 2/3) is not from the same run as ${a} (shard 1/2): 3 shards, not 2\n`);
    const set = await shard(2, 2, ['--set', 'teams.delivery.count=5']);
    expect(await mergeFails(a, set)).toBe(`orisim: merge: ${set} (shard 2/2) is not from the same run as ${a} (shard 1/2): scenario ops-run-it resolves to other values (another --set or base file)\n`);
    const reps = await shard(2, 2, ['-r', '3'], ['run', '--no-charts', '-q', ...SHORT]);
    expect(await mergeFails(a, reps)).toBe(`orisim: merge: ${reps} (shard 2/2) is not from the same run as ${a} (shard 1/2): 3 replications, not 2\n`);
    const sweep = await shard(2, 2, [], ['sweep', '--param', 'teams.delivery.count', '--values', '2,4', '-r', '2', '--no-charts', '-q', ...SHORT]);
    expect(await mergeFails(a, sweep)).toBe(`orisim: merge: ${sweep} (shard 2/2) is not from the same run as ${a} (shard 1/2): command sweep, not run\n`);
    const text = readFileSync('scenarios/ops-run-it.yaml', 'utf8');
    const edited = join(dir, 'ops-run-it.yaml');
    writeFileSync(edited, text.replace(/^description: .*$/m, 'description: edited'));
    const other = await shard(2, 2, [], ['run', edited, ...RUN.slice(1)]);
    expect(await mergeFails(a, other)).toMatch(/: scenario 1 was read from .*ops-run-it\.yaml, not scenarios\/ops-run-it\.yaml\n$/);
    const b = await shard(2, 2);
    const manifest = join(b, 'shard.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(`"version": "${VERSION}"`, '"version": "9.9.9"'));
    expect(await mergeFails(a, b)).toBe(`orisim: merge: ${b} (shard 2/2) is not from the same run as ${a} (shard 1/2): orisim version 9.9.9, not ${VERSION}\n`);
  });

  it('a scenario with the same path but another text', async () => {
    const file = join(dir, 'x.yaml');
    const text = readFileSync('scenarios/ops-run-it.yaml', 'utf8');
    writeFileSync(file, text);
    const args = ['run', file, ...RUN.slice(1)];
    const a = await shard(1, 2, [], args);
    writeFileSync(file, text.replace(/^description: .*$/m, 'description: edited'));
    const b = await shard(2, 2, [], args);
    expect(await mergeFails(a, b)).toMatch(new RegExp(`^orisim: merge: ${b} \\(shard 2/2\\) is not from the same run as ${a} \\(shard 1/2\\): scenario ops-run-it has SHA-256 [0-9a-f]{12}…, not [0-9a-f]{12}… \\(another text\\)\\n$`));
  });

  it('a folder that is not a shard, a damaged file or manifest, and an OUT that is a shard', async () => {
    const a = await shard(1, 2);
    const b = await shard(2, 2);
    const plain = join(dir, 'plain');
    expect(await main([...RUN, '--out', plain])).toBe(0);
    expect(await mergeFails(a, plain)).toBe(
      `orisim: merge: ${plain} is not a shard folder (no readable shard.json); shard folders are written by run, compare, sweep or uncertainty with --shard I/N\n`,
    );
    expect(await mergeFails(a, join(dir, 'nowhere'))).toContain(`merge: ${join(dir, 'nowhere')} is not a shard folder (no such folder)`);
    err.length = 0;
    expect(await main(['merge', a, a, b])).toBe(2);
    expect(err.join('')).toContain(`orisim: merge: OUT ${a} is the shard folder ${a}; write the merged output into another folder\n`);
    expect(await main(['merge', dir, a, b])).toBe(2);
    expect(err.join('')).toContain(`orisim: merge: OUT ${dir} holds the shard folder ${a}; write the merged output into another folder\n`);
    const changes = join(b, 'changes.csv');
    const rows = readFileSync(changes);
    writeFileSync(changes, rows.subarray(0, rows.length - 100));
    expect(await mergeFails(a, b)).toBe(`orisim: merge: ${b}/changes.csv: row 191: no line end (the file ends inside a row); the shard folder was damaged or edited\n`);
    // a digit changed in the last cell of the last row (replication 2): a row orisim could write, so only the SHA-256 tells
    const edited = Buffer.from(rows);
    edited[edited.length - 2] = 48 + ((edited[edited.length - 2]! - 48 + 1) % 10);
    writeFileSync(changes, edited);
    expect(await mergeFails(a, b)).toBe(`orisim: merge: ${b}: changes.csv is damaged (its SHA-256 is not the one shard.json records)\n`);
    writeFileSync(changes, rows);
    const manifest = join(b, 'shard.json');
    const original = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, original.replace('"count": 2', '"count": 99999'));
    expect(await mergeFails(a, b)).toBe(
      `orisim: merge: ${b} is not a shard folder (shard.json names shard 2/99999); shard folders are written by run, compare, sweep or uncertainty with --shard I/N\n`,
    );
    writeFileSync(manifest, original.replace('"from": 2', '"from": 1'));
    expect(await mergeFails(a, b)).toBe(
      `orisim: merge: ${b} (shard 2/2): its shard.json does not match the plan in ${a}/plan.bin (a damaged or edited shard folder)\n`,
    );
  });
});

describe('--shard', () => {
  it.each(['0/3', '4/3', '1/0', 'x', '2', '1/3/4', '1/10001'])('refuses %s', async (bad) => {
    expect(await main(['run', '-q', '--no-charts', '--shard', bad, '--out', join(dir, 'x')])).toBe(2);
    expect(err.join('')).toContain(`orisim: --shard: expected I/N, shard I of N shards with 1 ≤ I ≤ N ≤ 10000 (e.g. --shard 2/4), got '${bad}'\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [['--shard', '-1/2'], '-1/2'],
    [['--shard=-1/2'], '-1/2'],
    [['--shard', '-1'], '-1'],
    [['--shard', '2/-3'], '2/-3'],
    [['--shard', 'a/b'], 'a/b'],
    [['--shard', ''], ''],
    [['--shard='], ''],
    [['--shard', '1/2/3'], '1/2/3'],
    [['--shard', '1 /2'], '1 /2'],
  ])('refuses %j naming what a shard is, never "unexpected argument"', async (flag, shown) => {
    expect(await main(['run', '-q', '--no-charts', ...flag, '--out', join(dir, 'x')])).toBe(2);
    expect(err.join('')).toBe(
      `orisim: --shard: expected I/N, shard I of N shards with 1 ≤ I ≤ N ≤ 10000 (e.g. --shard 2/4), got '${shown}'\nRun "orisim --help" for usage.\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes a value that starts with a dash for other options too (sweep --values -1..3, --workers -2)', async () => {
    expect(await main(['sweep', '-q', '--param', 'teams.delivery.count', '--values', '-1..3', '--out', join(dir, 'x')])).toBe(2);
    expect(err.join('')).not.toContain('unexpected argument');
    err.length = 0;
    expect(await main(['run', '-q', '--workers', '-2', '--out', join(dir, 'x')])).toBe(2);
    expect(err.join('')).toBe(`orisim: --workers: expected a positive integer, got '-2'\nRun "orisim --help" for usage.\n`);
  });

  it('the default --out is the command\'s own with -shard-I-of-N, and the folder is an orisim output folder', async () => {
    const cwd = process.cwd();
    const scenario = join(cwd, 'scenarios/ops-run-it.yaml');
    process.chdir(dir);
    try {
      expect(await main(['run', scenario, '-r', '1', '--no-charts', '-q', ...SHORT, '--shard', '2/2'])).toBe(0);
      const folder = join(dir, 'output', 'ops-run-it-shard-2-of-2');
      const marker = JSON.parse(readFileSync(join(folder, '.orisim-output'), 'utf8')) as { command: string; shard: string; files: string[] };
      expect(marker.command).toBe('run');
      expect(marker.shard).toBe('2/2');
      expect(marker.files).toEqual(['changes.csv', 'events.csv', 'plan.bin', 'replications-1.bin', 'shard.json']);
      // and a second shard run replaces it (it is orisim's own folder)
      expect(await main(['run', scenario, '-r', '1', '--no-charts', '-q', ...SHORT, '--shard', '2/2'])).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });

  it('is suggested for a typo, and merge is a command', async () => {
    expect(await main(['run', '--shrad', '1/2'])).toBe(2);
    expect(err.join('')).toContain("unknown option '--shrad'; did you mean '--shard'?");
    err.length = 0;
    expect(await main(['merj'])).toBe(2);
    expect(err.join('')).toContain("unknown command 'merj'; did you mean 'merge'?");
  });
});
