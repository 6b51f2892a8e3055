// Issue 25: a seeded fuzz of shard folders. Each case copies the shards of a run (changes.csv or
// changes.parquet) or of a compare and damages them the ways a copy, a disk or an attacker would:
// bytes flipped, files cut short or grown (shard.json past its limit), files swapped between
// shards, a file made a link (to /dev/zero, the password file, a sibling, nowhere) or a FIFO, a
// file or folder added, a formula put into a CSV cell, a manifest field changed; the hostile edits
// with the file's SHA-256 updated in shard.json, as an attacker would. Every case must exit 2 with
// one line naming a shard file or folder (never 1, never a stack trace), within a time bound, and
// leave every shard folder as it was and nothing beside the out folder; the one exception is an
// edit merge cannot see (a number in a digest of replication 2, see UNSEEN), which may merge. The merges run in one
// child process of the built CLI with a time limit: a merge that hung on a FIFO could not be timed
// out inside the test's own process. Seeded (createStream), so a failure names its case and replays.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStream, type Rng } from '../../src/engine/random.js';
import { buildCli, CLI, ROOT } from './built-cli.js';
import { makeShards, type MadeShards } from './shard-fixture.js';

const CASES = 300;
/** The whole fuzz (every merge, one after the other) must end within this; a case within CASE_MS. */
const TOTAL_MS = 240_000;
const CASE_MS = 15_000;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
const int = (rng: Rng, n: number): number => Math.floor(rng.next() * n);
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

type Kind = 'csv' | 'parquet' | 'compare';
let root: string;
const made: Partial<Record<Kind, MadeShards>> = {};

beforeAll(async () => {
  buildCli();
  root = mkdtempSync(join(tmpdir(), 'orisim-merge-fuzz-'));
  made.csv = await makeShards();
  made.parquet = await makeShards(['--changes', 'parquet']);
  made.compare = await makeShards([], ['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml']);
}, 120_000);
afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  for (const m of Object.values(made)) m?.remove();
});

/** The shard's manifest, or undefined when an earlier edit of the case left none to edit. */
function manifestOf(shard: string): Record<string, unknown> | undefined {
  const path = join(shard, 'shard.json');
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st?.isFile() || st.size > 8 << 20) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Records the file's SHA-256 in shard.json, as an attacker would (nothing to do when shard.json is gone). */
function rehash(shard: string, file: string): void {
  const m = manifestOf(shard);
  if (m === undefined || typeof m.sha256 !== 'object' || m.sha256 === null) return;
  const st = lstatSync(join(shard, file), { throwIfNoEntry: false });
  (m.sha256 as Record<string, string>)[file] = st?.isFile() ? sha(readFileSync(join(shard, file))) : '0'.repeat(64);
  writeFileSync(join(shard, 'shard.json'), JSON.stringify(m, null, 2) + '\n');
}

/**
 * Marks the one edit merge cannot always see: bytes of a digest overwritten so that it still has a
 * digest's shape and only a number changed, in a replication other than 1 (see docs: merge cannot
 * tell a shard's numbers from the ones it would have made without running the replication again).
 */
const UNSEEN = ' (merge may not see it)';

const HOSTILE_CELLS = ['=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '-2+3', '\t=1', '"=1,2"', '1e999999', 'ΑΒΓ', '', '1,2'];
const HOSTILE_VALUES: unknown[] = [null, -1, 0, 1e308, 'x', [], {}, '__proto__', [1, 2], 2 ** 53, '../../etc', true];

/**
 * Damages the shards of one case; returns what was done (the case's label). Every edit changes what
 * merge reads: a byte-level edit keeps the old SHA-256 (so merge must see it), a hostile edit records
 * the new one (so merge must see it by its content).
 */
function damage(rng: Rng, shards: readonly string[], other: string): string {
  const s = pick(rng, shards);
  // Only regular files are edited (reading a FIFO an earlier edit made would block this process).
  const files = readdirSync(s).filter((f) => f !== '.orisim-output' && lstatSync(join(s, f)).isFile() && lstatSync(join(s, f)).size < 8 << 20).sort();
  if (files.length === 0) return `${s.slice(root.length + 1)}: nothing left to edit`;
  const file = pick(rng, files);
  const path = join(s, file);
  const bytes = readFileSync(path);
  const said = `${s.slice(root.length + 1)}/${file}`;
  switch (int(rng, 11)) {
    case 0: {
      const n = 1 + int(rng, 4);
      const b = Buffer.from(bytes);
      for (let k = 0; k < n; k++) b[int(rng, b.length)] ^= 1 + int(rng, 255);
      if (b.equals(bytes) || file === 'shard.json') return damage(rng, shards, other); // shard.json: case 8
      writeFileSync(path, b);
      return `${said}: ${n} bytes flipped`;
    }
    case 1: {
      const at = int(rng, bytes.length);
      writeFileSync(path, bytes.subarray(0, at));
      if (file !== 'shard.json' && rng.next() < 0.5) rehash(s, file);
      return `${said}: cut to ${at} bytes`;
    }
    case 2: {
      appendFileSync(path, rng.next() < 0.5 ? Buffer.alloc(1 + int(rng, 3_000_000), 0x30) : Buffer.from('\n1,2,3\n"unclosed'));
      if (file !== 'shard.json' && rng.next() < 0.5) rehash(s, file);
      return `${said}: grown`;
    }
    case 3: {
      const target = pick(rng, ['/dev/zero', '/etc/passwd', './plan.bin', 'nowhere', other, '.']);
      rmSync(path);
      symlinkSync(target, path);
      if (file !== 'shard.json') rehash(s, file);
      return `${said}: a link to ${target}`;
    }
    case 4: {
      rmSync(path);
      expect(spawnSync('mkfifo', [path]).status).toBe(0);
      if (file !== 'shard.json') rehash(s, file);
      return `${said}: a FIFO`;
    }
    case 5: {
      const extra = pick(rng, ['notes.txt', 'replications-9.bin', 'sub', '.hidden']);
      if (extra === 'sub') mkdirSync(join(s, extra));
      else writeFileSync(join(s, extra), 'x');
      return `${s.slice(root.length + 1)}: holds ${extra}`;
    }
    case 6: {
      const csv = files.filter((f) => f.endsWith('.csv'));
      if (csv.length === 0) return damage(rng, shards, other);
      const f = pick(rng, csv);
      const lines = readFileSync(join(s, f), 'utf8').split('\n');
      if (lines.length < 3) return damage(rng, shards, other);
      const row = 1 + int(rng, lines.length - 2);
      const cells = lines[row]!.split(',');
      cells[int(rng, cells.length)] = pick(rng, HOSTILE_CELLS);
      lines[row] = cells.join(',');
      writeFileSync(join(s, f), lines.join('\n'));
      rehash(s, f);
      return `${s.slice(root.length + 1)}/${f}: row ${row}: a hostile cell`;
    }
    case 7: {
      const twin = shards.find((x) => x !== s);
      const st = twin === undefined ? undefined : lstatSync(join(twin, file), { throwIfNoEntry: false });
      if (twin === undefined || !st?.isFile() || st.size > 8 << 20 || file === 'shard.json' || file === 'plan.bin') return damage(rng, shards, other);
      const theirs = readFileSync(join(twin, file));
      if (theirs.equals(bytes)) return damage(rng, shards, other);
      writeFileSync(path, theirs);
      rehash(s, file);
      return `${said}: swapped with another shard's`;
    }
    case 8: {
      const m = manifestOf(s);
      if (m === undefined) return damage(rng, shards, other);
      const key = pick(rng, [...Object.keys(m), 'extra']);
      const value = pick(rng, HOSTILE_VALUES);
      if (JSON.stringify(m[key]) === JSON.stringify(value)) return damage(rng, shards, other);
      m[key] = value;
      writeFileSync(join(s, 'shard.json'), JSON.stringify(m));
      return `${s.slice(root.length + 1)}/shard.json: ${key} = ${JSON.stringify(value)}`;
    }
    case 9: {
      truncateSync(join(s, 'shard.json'), (64 << 20) + 1); // sparse: a manifest past its limit
      return `${s.slice(root.length + 1)}/shard.json: grown past 64 MiB`;
    }
    default: {
      // a digest frame's bytes replaced by another serialised value of the same length class
      if (!file.startsWith('replications-')) return damage(rng, shards, other);
      const b = Buffer.from(bytes);
      const at = 4 + int(rng, Math.max(1, b.length - 4));
      b.fill(pick(rng, [0, 0xff, 0x22, 0x6f]), at, Math.min(b.length, at + 1 + int(rng, 64)));
      if (b.equals(bytes)) return damage(rng, shards, other);
      writeFileSync(path, b);
      rehash(s, file);
      return `${said}: bytes overwritten, SHA-256 updated${UNSEEN}`;
    }
  }
}

/** Every entry below `d`: its kind, and a regular file's SHA-256 (FIFOs are never opened). */
function snapshot(d: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    const st = lstatSync(p);
    const key = `${prefix}${e}`;
    if (st.isDirectory()) Object.assign(out, { [key]: 'folder' }, snapshot(p, `${key}/`));
    else if (st.isFile()) out[key] = st.size > 8 << 20 ? `sparse ${st.size}` : sha(readFileSync(p));
    else out[key] = st.isSymbolicLink() ? 'link' : 'special';
  }
  return out;
}

/** Runs node with `args`, killed (SIGKILL) after `ms`: its exit, the signal that ended it, stdout and stderr. */
function runChild(args: string[], ms: number): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      done({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The script the child process runs: every merge in turn, through the built CLI's main(), timed. */
const RUNNER = `
import { main } from ${JSON.stringify(pathToFileURL(CLI).href)};
const cases = JSON.parse((await import('node:fs')).readFileSync(process.argv[2], 'utf8'));
const results = [];
const write = process.stderr.write.bind(process.stderr);
const print = process.stdout.write.bind(process.stdout);
for (const c of cases) {
  const err = [];
  process.stderr.write = (s) => (err.push(String(s)), true);
  process.stdout.write = () => true;
  const t0 = performance.now();
  let code;
  try { code = await main(['merge', c.out, ...c.shards]); } catch (e) { code = 'threw ' + String(e); }
  process.stderr.write = write;
  results.push({ code, stderr: err.join(''), ms: performance.now() - t0 });
  write(\`case \${results.length - 1}: \${code} in \${(performance.now() - t0).toFixed(0)} ms\\n\`);
}
print(JSON.stringify(results) + '\\n');
`;

describe(`fuzz: ${CASES} damaged sets of shard folders`, () => {
  it('every one exits 2 with one line naming a shard, in time, and nothing but the out folder changes', async () => {
    const rng = createStream(25, 1, 'merge-fuzz');
    const cases: { label: string; out: string; shards: string[] }[] = [];
    for (let i = 0; i < CASES; i++) {
      const kind = pick(rng, ['csv', 'csv', 'parquet', 'compare'] as const);
      const dir = join(root, `case-${i}`);
      const m = made[kind]!;
      const shards = [join(dir, 's1'), join(dir, 's2')];
      cpSync(m.s1, shards[0]!, { recursive: true });
      cpSync(m.s2, shards[1]!, { recursive: true });
      const labels = Array.from({ length: 1 + int(rng, 2) }, () => damage(rng, shards, m.other1));
      cases.push({ label: `case ${i} (${kind}): ${labels.join('; ')}`, out: join(dir, 'merged'), shards: rng.next() < 0.5 ? shards : [...shards].reverse() });
    }
    const before = snapshot(root);
    writeFileSync(join(root, 'runner.mjs'), RUNNER);
    const t0 = performance.now();
    writeFileSync(join(root, 'cases.json'), JSON.stringify(cases));
    const r = await runChild([join(root, 'runner.mjs'), join(root, 'cases.json')], TOTAL_MS);
    expect(r.signal, `the fuzz did not end within ${TOTAL_MS / 1000} s (a hang?): ${r.stderr.slice(-2000)}`).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout) as { code: number | string; stderr: string; ms: number }[];
    expect(results).toHaveLength(CASES);
    let unseen = 0;
    for (const [i, res] of results.entries()) {
      const c = cases[i]!;
      expect(res.ms, c.label).toBeLessThan(CASE_MS);
      if (res.code === 0 && c.label.includes(UNSEEN)) {
        // A number changed in a digest of replication 2: merged, as the shard's word (a complete folder).
        expect(lstatSync(join(c.out, '.orisim-output')).isFile(), c.label).toBe(true);
        rmSync(c.out, { recursive: true });
        unseen++;
        continue;
      }
      expect(res.code, `${c.label}: ${res.stderr}`).toBe(2);
      expect(res.stderr, c.label).toMatch(/^orisim: merge: [^\n]*\n$/);
      expect(res.stderr, c.label).toContain(join(root, `case-${i}`));
    }
    // Nothing written or deleted anywhere: no merged folder, no partial folder, the shards as they were.
    expect(snapshot(root)).toEqual({ ...before, 'runner.mjs': sha(readFileSync(join(root, 'runner.mjs'))), 'cases.json': sha(readFileSync(join(root, 'cases.json'))) });
    expect(unseen).toBeLessThan(CASES / 20);
    process.stdout.write(`merge fuzz: ${CASES} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${unseen} merged (a digest's number edited)\n`);
  }, TOTAL_MS + 60_000);
});
