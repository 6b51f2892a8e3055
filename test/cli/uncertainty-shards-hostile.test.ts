// orisim merge of uncertainty shards (issue 22) refuses, with exit 2 and one line naming the shard
// folder, and writes nothing: a study's shard mixed with a run's, a missing or doubled shard,
// shards of another seed, number of samples, --set, scenario text or orisim version, and damaged or
// edited files — a metrics.bin whose bytes are not the ones shard.json records, or (shard.json
// updated to match) of the wrong shape, holding non-numbers, or too big; a shard.json that does not
// match its plan or files; a plan.bin that is not a plan orisim makes, too big, or not the other
// shards'. Byte flips anywhere in plan.bin and cuts of metrics.bin are refused too (exit 2, never 1).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { VERSION } from '../../src/output/version.js';
import { captureCli } from './capture.js';
import { cli, study, TINY } from './study-shard-fixture.js';

let dir: string;
let err: string[];
captureCli('orisim-study-hostile-', (c) => ({ dir, err } = c));

/** Shards 1/2 and 2/2 of a 13-set study (sets 1–6 and 7–13), and shards 2/2 of other studies and of a run. */
const made = { root: '', s1: '', s2: '', seed7: '', samples3: '', set: '', text: '', run: '' };
beforeAll(async () => {
  made.root = mkdtempSync(join(tmpdir(), 'orisim-study-hostile-fixture-'));
  const file = join(made.root, 'tiny.yaml');
  writeFileSync(file, TINY);
  const make = async (name: keyof typeof made, args: string[]): Promise<void> => {
    made[name] = join(made.root, name);
    const r = await cli([...args, '-q', '--out', made[name]]);
    if (r.code !== 0) throw new Error(r.err);
  };
  await make('s1', study(file, 2, ['--shard', '1/2']));
  await make('s2', study(file, 2, ['--shard', '2/2']));
  await make('seed7', study(file, 2, ['--shard', '2/2', '--seed', '7']));
  await make('samples3', study(file, 3, ['--shard', '2/2']));
  await make('set', study(file, 2, ['--shard', '2/2', '--set', 'teams.delivery.count=3']));
  await make('run', ['run', file, '-r', '2', '--no-charts', '--shard', '2/2']);
  writeFileSync(file, `${TINY}# edited\n`);
  await make('text', study(file, 2, ['--shard', '2/2']));
}, 120_000);
afterAll(() => rmSync(made.root, { recursive: true, force: true }));

/** Copies of the two shards, to change. */
function shards(): { s1: string; s2: string } {
  const [s1, s2] = ['s1', 's2'].map((n) => join(dir, n)) as [string, string];
  cpSync(made.s1, s1, { recursive: true });
  cpSync(made.s2, s2, { recursive: true });
  return { s1, s2 };
}

/** Records the SHA-256 of `file` as it reads now in the shard's shard.json, as an editor would. */
function rehash(shard: string, file: string): void {
  const path = join(shard, 'shard.json');
  const m = JSON.parse(readFileSync(path, 'utf8')) as { sha256: Record<string, string> };
  m.sha256[file] = createHash('sha256').update(readFileSync(join(shard, file))).digest('hex');
  writeFileSync(path, JSON.stringify(m, null, 2) + '\n');
}

/** Rewrites a .bin file of a shard as `edit` makes its value, and rehashes it. */
function editBin(shard: string, file: string, edit: (value: unknown) => unknown): void {
  const path = join(shard, file);
  writeFileSync(path, serialize(edit(deserialize(readFileSync(path)))));
  rehash(shard, file);
}

/** Merges the shards; expects exit 2, exactly `message` on stderr, and no merged folder. */
async function refused(given: readonly string[], message: string | RegExp): Promise<void> {
  err.length = 0;
  const out = join(dir, 'merged');
  expect(await main(['merge', out, ...given])).toBe(2);
  if (typeof message === 'string') expect(err.join('')).toBe(message);
  else expect(err.join('')).toMatch(message);
  expect(existsSync(out)).toBe(false);
}

const not = (s: string, n = 2): string => `orisim: merge: ${s} (shard ${n}/2) is not from the same run as `;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const DAMAGED = '; the shard folder was damaged or edited\n';

describe('shards that are not the shards of one study', () => {
  it("a study's shard with a run's, either way round", async () => {
    await refused([made.s1, made.run], `${not(made.run)}${made.s1} (shard 1/2): command run, not uncertainty\n`);
    const { s1 } = shards();
    await refused([made.run, s1], `${not(s1, 1)}${made.run} (shard 2/2): command uncertainty, not run\n`);
  });

  it('a missing shard, and a shard given twice', async () => {
    await refused([made.s2], 'orisim: merge: shard 1/2 is missing (given: 2/2)\n');
    await refused([made.s1, made.s1, made.s2], `orisim: merge: ${made.s1} and ${made.s1} are both shard 1/2 (${made.s1} is given twice)\n`);
  });

  it('another seed, number of samples, --set, scenario text or version', async () => {
    const first = `${made.s1} (shard 1/2): `;
    await refused([made.s1, made.seed7], `${not(made.seed7)}${first}seed 7, not 42\n`);
    await refused([made.s1, made.samples3], `${not(made.samples3)}${first}3 samples, not 2\n`);
    await refused([made.s1, made.set], `${not(made.set)}${first}scenario tiny resolves to other values (another --set or base file)\n`);
    await refused([made.s1, made.text], new RegExp(`^${escape(not(made.text) + first)}scenario tiny has SHA-256 [0-9a-f]{12}…, not [0-9a-f]{12}… \\(another text\\)\\n$`));
    const { s1, s2 } = shards();
    const manifest = join(s2, 'shard.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(`"version": "${VERSION}"`, '"version": "9.9.9"'));
    await refused([s1, s2], `${not(s2)}${s1} (shard 1/2): orisim version 9.9.9, not ${VERSION}\n`);
  });
});

describe('a damaged or edited metrics.bin', () => {
  it('a byte changed: its SHA-256 is not the one shard.json records', async () => {
    const { s1, s2 } = shards();
    const path = join(s1, 'metrics.bin');
    const bytes = readFileSync(path);
    bytes[bytes.length - 3] ^= 1;
    writeFileSync(path, bytes);
    await refused([s1, s2], `orisim: merge: ${s1}: metrics.bin is damaged (its SHA-256 is not the one shard.json records)\n`);
  });

  it('shard.json updated to match: a column too short, too many columns, non-numbers, not a serialised value', async () => {
    const { s1, s2 } = shards();
    const m = `orisim: merge: ${s1}: metrics.bin: `;
    editBin(s1, 'metrics.bin', (v) => (v as Float64Array[]).map((c, j) => (j === 9 ? c.subarray(1) : c)));
    await refused([s1, s2], `${m}column 10 (preApproved leadTimeP85Days) holds 5 numbers, not 6 (6 input sets × 1 replications)${DAMAGED}`);
    cpSync(join(made.s1, 'metrics.bin'), join(s1, 'metrics.bin'));
    editBin(s1, 'metrics.bin', (v) => (v as Float64Array[]).slice(1));
    await refused([s1, s2], `${m}15 columns, not 16 (2 designs × 8 metrics)${DAMAGED}`);
    cpSync(join(made.s1, 'metrics.bin'), join(s1, 'metrics.bin'));
    editBin(s1, 'metrics.bin', (v) => (v as Float64Array[]).map((c, j) => (j === 2 ? Array.from(c, String) : c)));
    await refused([s1, s2], `${m}column 3 (normal cashCostPerYear) is not a column of numbers (a Float64Array)${DAMAGED}`);
    editBin(s1, 'metrics.bin', () => ({ columns: 'none' }));
    await refused([s1, s2], `${m}not a list of columns, not 16 (2 designs × 8 metrics)${DAMAGED}`);
    writeFileSync(join(s1, 'metrics.bin'), 'not serialised');
    rehash(s1, 'metrics.bin');
    await refused([s1, s2], `${m}not a shard's metrics${DAMAGED}`);
  });

  it('a metrics.bin bigger than its block can be is refused before it is read', async () => {
    const { s1, s2 } = shards();
    const path = join(s1, 'metrics.bin');
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.alloc(4096)]));
    rehash(s1, 'metrics.bin');
    const size = readFileSync(path).length;
    await refused([s1, s2], `orisim: merge: ${s1}: metrics.bin is ${size} bytes, more than a shard's metrics can be (${64 + 16 * (64 + 8 * 6)} bytes)\n`);
  });

  it('every cut of metrics.bin (shard.json updated to match) is refused in one line, never a crash', async () => {
    const { s1, s2 } = shards();
    const whole = readFileSync(join(made.s2, 'metrics.bin'));
    for (let at = 0; at < whole.length; at += 37) {
      writeFileSync(join(s2, 'metrics.bin'), whole.subarray(0, at));
      rehash(s2, 'metrics.bin');
      await refused([s1, s2], new RegExp(`^${escape(`orisim: merge: ${s2}: metrics.bin: `)}[^\\n]*the shard folder was damaged or edited\\n$`));
    }
  });
});

describe('a shard.json or plan.bin that does not match', () => {
  it('a block edited in shard.json, a file it does not list, a missing file, a file it should not hold', async () => {
    const { s1, s2 } = shards();
    const manifest = join(s1, 'shard.json');
    const text = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, text.replace('"to": 6', '"to": 5'));
    await refused([s1, s2], `orisim: merge: ${s1} (shard 1/2): its shard.json does not match the plan in ${s1}/plan.bin (a damaged or edited shard folder)\n`);
    writeFileSync(manifest, text.replace(/\n {4}"metrics\.bin": "[0-9a-f]+",/, ''));
    await refused([s1, s2], `orisim: merge: ${s1}: shard.json does not list the SHA-256 of exactly the files of its plan (metrics.bin, plan.bin)\n`);
    writeFileSync(manifest, text);
    rmSync(join(s2, 'metrics.bin'));
    await refused([s1, s2], `orisim: merge: ${s2}: metrics.bin is missing\n`);
    cpSync(join(made.s2, 'metrics.bin'), join(s2, 'metrics.bin'));
    writeFileSync(join(s2, 'replications-1.bin'), '');
    await refused([s1, s2], `orisim: merge: ${s2} holds "replications-1.bin", which no shard folder of this plan holds (only .orisim-output, metrics.bin, plan.bin, shard.json)\n`);
  });

  it('a plan.bin that is not a plan orisim makes, not the other shards\', or too big', async () => {
    const { s1, s2 } = shards();
    const notPlan = (why: string) => `orisim: merge: ${s1}: plan.bin does not hold a plan this orisim made (${why})\n`;
    const plan = readFileSync(join(s1, 'plan.bin'));
    const edit = (f: (p: Record<string, unknown>) => void) => {
      writeFileSync(join(s1, 'plan.bin'), plan);
      editBin(s1, 'plan.bin', (p) => (f(p as Record<string, unknown>), p));
    };
    edit((p) => (p.samples = 1e9));
    await refused([s1, s2], notPlan('its samples, replications or seed are outside their limits'));
    edit((p) => ((p.inputs as { low: number }[])[1]!.low = 1000));
    await refused([s1, s2], notPlan('its uncertain inputs are not ranges'));
    // (a copy: plan.bin holds each input once, shared by the plan's inputs and its scenario's uncertain: section)
    edit((p) => (p.inputs = (p.inputs as object[]).map((x, i) => ({ ...x, ...(i === 1 ? { high: 95 } : {}) }))));
    await refused([s1, s2], notPlan("its uncertain inputs are not its scenarios'"));
    edit((p) => ((p.scenarios as Record<string, unknown>[])[0]!.self = p.scenarios));
    await refused([s1, s2], notPlan('its scenarios are not scenarios'));
    edit((p) => (p.command = 'run'));
    await refused([s1, s2], notPlan('not a study'));
    // Rank correlations (uncertain.correlations) the plan's scenarios do not give, or that are not correlations.
    const paths = (p: Record<string, unknown>) => (p.inputs as { path: string }[]).map((i) => i.path);
    edit((p) => (p.correlations = [{ between: paths(p), rank: 0.5 }]));
    await refused([s1, s2], notPlan("its rank correlations are not its scenarios'"));
    edit((p) => ((p.scenarios as Record<string, unknown>[])[0]!.uncertainCorrelations = [{ between: paths(p), rank: 5 }]));
    await refused([s1, s2], notPlan('its rank correlations are not correlations'));
    edit((p) => ((p.scenarios as Record<string, unknown>[])[0]!.uncertainCorrelations = [{ between: [paths(p)[0], 'seed'], rank: 0.5 }]));
    await refused([s1, s2], notPlan('its rank correlations are not correlations'));
    writeFileSync(join(s1, 'plan.bin'), plan);
    rehash(s1, 'plan.bin');
    editBin(s2, 'plan.bin', (p) => ({ ...(p as object), note: 'added' }));
    await refused([s1, s2], `orisim: merge: ${s2} (shard 2/2): its plan.bin is not the one in ${s1} (a damaged or edited shard folder)\n`);
    truncateSync(join(s1, 'plan.bin'), 600 << 20); // sparse: nothing is written to the disk
    await refused([s1, s2], `orisim: merge: ${s1}: plan.bin is ${600 << 20} bytes, more than a plan can be (${512 << 20} bytes)\n`);
  });

  it('a byte changed anywhere in plan.bin (shard.json updated to match; every 13th byte) is refused in one line naming the shard', async () => {
    const { s1, s2 } = shards();
    const plan = readFileSync(join(made.s1, 'plan.bin'));
    for (let at = 0; at < plan.length; at += 13) {
      const bytes = Buffer.from(plan);
      bytes[at] ^= 0x5a;
      writeFileSync(join(s1, 'plan.bin'), bytes);
      rehash(s1, 'plan.bin');
      err.length = 0;
      const code = await main(['merge', join(dir, `flip-${at}`), s1, s2]);
      expect(code, `byte ${at}: ${err.join('')}`).toBe(2);
      expect(err.join(''), `byte ${at}`).toMatch(new RegExp(`^${escape(`orisim: merge: ${s1}`)}[^\\n]*\\n$`));
    }
  });
});
