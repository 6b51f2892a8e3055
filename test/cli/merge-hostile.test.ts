// Issue 25, points 3 and 8: merge reads shard folders as hostile input. A file that is a symbolic
// link (to the password file, to /dev/zero), a FIFO or anything but a regular file is refused
// before it is read; so is a file the folder should not hold. An edited shard whose shard.json was
// updated to match is refused wherever merge can tell: a cell orisim never writes (a formula), a
// row, digest or event of replication 1 that is not the one merge simulates again, a digest of the
// wrong shape or that disagrees with the rows, another plan. Exit 2 naming the file, nothing written.
// The device and FIFO cases run the built CLI in a child process with a time limit: before the fix
// they hung (a read that never ends cannot be timed out in-process).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureCli } from './capture.js';
import { buildCli, CLI, ROOT } from './built-cli.js';
import { makeShards, type MadeShards } from './shard-fixture.js';

let dir: string;
let err: string[];
captureCli('orisim-merge-hostile-', (c) => ({ dir, err } = c));

let made: MadeShards;
beforeAll(async () => {
  made = await makeShards();
});
afterAll(() => made.remove());

const DAMAGED = '; the shard folder was damaged or edited\n';

function shards(): { s1: string; s2: string; out: string } {
  const [s1, s2] = ['s1', 's2'].map((n) => join(dir, n)) as [string, string];
  cpSync(made.s1, s1, { recursive: true });
  cpSync(made.s2, s2, { recursive: true });
  return { s1, s2, out: join(dir, 'merged') };
}

/** Records the SHA-256 of `file` (as it reads now, links followed) in the shard's shard.json, as an editor would. */
function rehash(shard: string, file: string, sha256?: string): void {
  const path = join(shard, 'shard.json');
  const m = JSON.parse(readFileSync(path, 'utf8')) as { sha256: Record<string, string> };
  m.sha256[file] = sha256 ?? createHash('sha256').update(readFileSync(join(shard, file))).digest('hex');
  writeFileSync(path, JSON.stringify(m, null, 2) + '\n');
}

/** Merges s1 and s2 into `out`; expects exit 2, `message` on stderr, and no output or partial folder. */
async function refused(out: string, s1: string, s2: string, message: string): Promise<void> {
  err.length = 0;
  expect(await main(['merge', out, s1, s2])).toBe(2);
  expect(err.join('')).toBe(message);
  expect(readdirSync(dir).filter((e) => e.includes('merged'))).toEqual([]);
}

/** The frames of a replications-K.bin: the header, then each digest. */
function frames(bytes: Buffer): unknown[] {
  const out: unknown[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = bytes.readUInt32LE(at);
    out.push(deserialize(bytes.subarray(at + 4, at + 4 + n)));
    at += 4 + n;
  }
  return out;
}
function writeFrames(path: string, values: readonly unknown[]): void {
  writeFileSync(path, Buffer.concat(values.flatMap((v) => {
    const body = serialize(v);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.length);
    return [head, body];
  })));
}

/** Changes digest `i` (0 = normal 1, 1 = normal 2 in shard 1) of s1 with `edit`, and rehashes. */
function editDigest(s1: string, i: number, edit: (d: Record<string, unknown>) => void): void {
  const path = join(s1, 'replications-1.bin');
  const f = frames(readFileSync(path));
  edit(f[1 + i] as Record<string, unknown>);
  writeFrames(path, f);
  rehash(s1, 'replications-1.bin');
}

describe('a shard folder holds only regular files, and only its own', () => {
  it("events.csv a symbolic link to the password file (its SHA-256 in shard.json): refused, never copied", async () => {
    const { s1, s2, out } = shards();
    rmSync(join(s1, 'events.csv'));
    symlinkSync('/etc/passwd', join(s1, 'events.csv'));
    rehash(s1, 'events.csv');
    await refused(out, s1, s2, `orisim: merge: ${s1}: events.csv is a symbolic link; a shard folder holds only regular files\n`);
  });

  it('a file or folder a shard folder never holds is refused', async () => {
    const { s1, s2, out } = shards();
    writeFileSync(join(s2, 'notes.txt'), 'x');
    await refused(out, s1, s2, `orisim: merge: ${s2} holds "notes.txt", which no shard folder of this plan holds (only .orisim-output, changes.csv, events.csv, plan.bin, replications-1.bin, shard.json)\n`);
    rmSync(join(s2, 'notes.txt'));
    mkdirSync(join(s2, 'replications-2.bin'));
    await refused(out, s1, s2, `orisim: merge: ${s2} holds "replications-2.bin", which no shard folder of this plan holds (only .orisim-output, changes.csv, events.csv, plan.bin, replications-1.bin, shard.json)\n`);
  });
});

describe('an edited shard, its shard.json updated to match, is refused where merge can tell', () => {
  it('a =HYPERLINK(…) class cell in changes.csv is refused, never copied (plain or quoted)', async () => {
    const { s1, s2, out } = shards();
    const path = join(s1, 'changes.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    const row = 150; // replication 2's rows: merge cannot simulate them again
    for (const cell of ['=HYPERLINK("http://evil.example","x")', '"=HYPERLINK(""http://evil.example"",""x"")"', "'=1+2"]) {
      const cells = lines[row]!.split(',');
      cells[3] = cell;
      writeFileSync(path, [...lines.slice(0, row), cells.join(','), ...lines.slice(row + 1)].join('\n'));
      rehash(s1, 'changes.csv');
      const shown = JSON.stringify(cell.slice(0, 40));
      await refused(out, s1, s2, cell.startsWith('=HYPERLINK')
        ? `orisim: merge: ${path}: row ${row}: 56 cells, not 55${DAMAGED}` // the unquoted comma splits the cell
        : `orisim: merge: ${path}: row ${row}: class ${shown} is not a class of the scenario${DAMAGED}`);
    }
  });

  it("a number changed in replication 1's rows, its events, or its digest: merge simulates replication 1 again", async () => {
    const { s1, s2, out } = shards();
    const path = join(s1, 'changes.csv');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/^(1,1,5,small,normal,normal,0,)/m, '1,1,4,small,normal,normal,0,'));
    rehash(s1, 'changes.csv');
    await refused(out, s1, s2, `orisim: merge: ${path}: row 1: not the row normal replication 1 makes there (merge simulates replication 1 again)${DAMAGED}`);
    writeFileSync(path, text);
    rehash(s1, 'changes.csv');
    const events = join(s2, 'events.csv');
    writeFileSync(events, readFileSync(events, 'utf8').replace('Write change documentation', 'Write change documentatio'));
    rehash(s2, 'events.csv');
    await refused(out, s1, s2, `orisim: merge: ${events} is not the event log of replication 1 that merge simulates again${DAMAGED}`);
    cpSync(made.s2, s2, { recursive: true });
    editDigest(s1, 0, (d) => ((d.leadTimeDays as Float64Array)[0] = 1));
    await refused(out, s1, s2, `orisim: merge: ${s1} (shard 1/2): replications-1.bin: normal digest 1: not the digest of replication 1, which merge simulates again${DAMAGED}`);
  });

  it('a digest of the wrong shape, or holding other counts than the rows, is refused', async () => {
    const { s1, s2, out } = shards();
    const where = `orisim: merge: ${s1} (shard 1/2): replications-1.bin: normal digest 2`;
    const cases: [(d: Record<string, unknown>) => void, string][] = [
      [(d) => ((d.classIndex as Uint8Array)[0] = 200), 'its class indexes are not the classes of the scenario'],
      [(d) => ((d.record as Record<string, unknown>).evil = 1), 'its record is not a replication record'],
      [(d) => ((d.record as Record<string, unknown>).replication = 1), 'it is the digest of normal 1'],
      [(d) => (d.deploymentsByWeek = new Int32Array(1e6)), 'its deploymentsByWeek is not the array a digest holds there'],
      [(d) => (d.warnings = new Array(1e6).fill('x')), 'its warnings are not a short list of text'],
      [(d) => (d.leadTimeDays = 'x'), 'its leadTimeDays is not the array a digest holds there'],
      [(d) => {
        for (const k of ['leadTimeDays', 'validatedLeadTimeDays', 'classIndex', 'pathIndex', 'groupIndex']) d[k] = (d[k] as Uint8Array).subarray(1);
      }, `${'x'}`],
    ];
    for (const [edit, why] of cases) {
      const original = readFileSync(join(made.s1, 'replications-1.bin'));
      writeFileSync(join(s1, 'replications-1.bin'), original);
      editDigest(s1, 1, edit);
      const n = (frames(original)[2] as { leadTimeDays: Float64Array }).leadTimeDays.length;
      const expected = why === 'x' ? `${n - 1} counted changes went live, but the shard's rows show ${n}` : why;
      await refused(out, s1, s2, `${where}: ${expected}${DAMAGED}`);
    }
  });

  it('a plan.bin other than the first shard\'s is refused', async () => {
    const { s1, s2, out } = shards();
    const path = join(s2, 'plan.bin');
    const plan = deserialize(readFileSync(path)) as { text: string; sha256: string };
    plan.text += '\n# edited\n';
    plan.sha256 = createHash('sha256').update(plan.text).digest('hex');
    writeFileSync(path, serialize(plan));
    rehash(s2, 'plan.bin');
    await refused(out, s1, s2, `orisim: merge: ${s2} (shard 2/2): its plan.bin is not the one in ${s1} (a damaged or edited shard folder)\n`);
    // the same edit in every shard: the text no longer hashes to the SHA-256 every manifest records
    plan.sha256 = JSON.parse(readFileSync(join(s1, 'shard.json'), 'utf8')).scenarios[0].sha256;
    for (const s of [s1, s2]) {
      writeFileSync(join(s, 'plan.bin'), serialize(plan));
      rehash(s, 'plan.bin');
    }
    await refused(out, s1, s2, `orisim: merge: ${s1}: plan.bin does not hold a plan this orisim made (its scenario text is not the one its SHA-256 names)\n`);
  });
});

describe('the built CLI: links to devices and FIFOs refused at once, never read (with a time limit); shards of worker threads', () => {
  beforeAll(() => buildCli(), 120_000);

  /** Runs the built CLI's merge; it must exit 2 within 20 s (before the fix these ran for minutes, gigabytes in). */
  function mergeCli(out: string, ...shardDirs: string[]): { status: number | null; stderr: string } {
    const r = spawnSync(process.execPath, [CLI, 'merge', out, ...shardDirs], { cwd: ROOT, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    return { status: r.status, stderr: r.stderr };
  }

  it('shards made with --workers 2 merge into the one-machine folder (replication 1 compared by value, not by its serialised bytes)', () => {
    const args = ['run', 'scenarios/ops-run-it-25-teams.yaml', '-r', '3', '--no-charts', '-q', '--set', 'horizon=8w', '--set', 'warmup=1w'];
    const run = (more: string[]): void => {
      const r = spawnSync(process.execPath, [CLI, ...args, ...more], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
    };
    run(['-w', '1', '--out', join(dir, 'one')]);
    run(['-w', '2', '--shard', '1/2', '--out', join(dir, 'p1')]);
    run(['-w', '2', '--shard', '2/2', '--out', join(dir, 'p2')]);
    const r = mergeCli(join(dir, 'merged'), join(dir, 'p1'), join(dir, 'p2'));
    expect(r.status, r.stderr).toBe(0);
    for (const f of readdirSync(join(dir, 'one'))) expect(readFileSync(join(dir, 'merged', f)).equals(readFileSync(join(dir, 'one', f))), f).toBe(true);
  }, 120_000);

  it.each([
    ['changes.csv', 'a link to /dev/zero', 'is a symbolic link'],
    ['shard.json', 'a link to /dev/zero', 'is a symbolic link'],
    ['replications-1.bin', 'a FIFO', 'is a FIFO'],
    ['changes.csv', 'a FIFO', 'is a FIFO'],
    ['shard.json', 'a FIFO', 'is a FIFO'],
  ])('%s as %s', (file, what, said) => {
    const { s1, s2, out } = shards();
    rmSync(join(s2, file));
    if (what === 'a FIFO') expect(spawnSync('mkfifo', [join(s2, file)]).status).toBe(0);
    else symlinkSync('/dev/zero', join(s2, file));
    if (file !== 'shard.json') rehash(s2, file, '0'.repeat(64));
    const r = mergeCli(out, s1, s2);
    expect(r.stderr).toBe(`orisim: merge: ${s2}: ${file} ${said}; a shard folder holds only regular files\n`);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});
