// Issue 13: a seeded fuzz test. Thousands of mutated scenario texts and values go through the
// loader and validator; a few dozen of the valid ones through a short run; a few hundred through
// the in-process CLI. Every outcome must be a scenario or a located ScenarioError (exit 0 or 2),
// never another exception (exit 1) or a stack trace. Seeded, so a failure names its case and
// replays. A small generator written here instead of fast-check: no new dependency.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { createStream, type Rng } from '../../src/engine/random.js';
import { main } from '../../src/cli/main.js';
import { runReplication } from '../../src/model/replication.js';
import { ScenarioError, type Scenario } from '../../src/scenario/index.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { DEFAULT_TEXT } from './helpers.js';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
const int = (rng: Rng, n: number): number => Math.floor(rng.next() * n);

const NASTY_TEXT = [':', '-', ' ', '\t', '\n', '{', '}', '[', ']', '*', '&', '!', '?', '"', "'", '#', '|', '>', '%', '@', '`', ',',
  '0', '9', '.', 'e', 'w', 'h', '---', '...', '*a', '&a', '<<: *a', '\u0000', '\u001b[31m', '€', '🙂', '\ufeff', '\r', '\\'];

/** One text mutation of the default scenario: characters or lines inserted, deleted, moved. */
function mutateText(rng: Rng, text: string): string {
  let t = text;
  for (let k = 1 + int(rng, 3); k > 0; k--) {
    const at = int(rng, t.length + 1);
    const lines = t.split('\n');
    const line = int(rng, lines.length);
    switch (int(rng, 7)) {
      case 0: t = t.slice(0, at) + pick(rng, NASTY_TEXT) + t.slice(at); break;
      case 1: t = t.slice(0, at) + t.slice(at + 1 + int(rng, 8)); break;
      case 2: lines.splice(line, 1); t = lines.join('\n'); break;
      case 3: lines.splice(line, 0, lines[int(rng, lines.length)]!); t = lines.join('\n'); break;
      case 4: lines.splice(line, 0, ' '.repeat(int(rng, 8)) + pick(rng, ['x: 1', 'a: &a [1]', 'b: *a', '- 1', '? [k]', 'name:', 'y: { z']) ); t = lines.join('\n'); break;
      case 5: t = t.slice(0, at); break;
      default: lines[line] = ' '.repeat(int(rng, 3)) + lines[line]!.trimStart(); t = lines.join('\n');
    }
  }
  return t;
}

const NASTY_VALUES: unknown[] = [
  0, -1, 1, 2.5, 1e-9, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 100000, true, null, [], {}, [1, 2], { a: 1 },
  '', ' ', '0m', '1m', '1e400w', `1${'0'.repeat(300)}h`, '0.0000001m', '999999999w', '5201w', '521w', '9h', '52x', '1h30m', '.5d',
  'mon-fri 09:00-09:01', ['mon 09:00-09:01'], ['sun 23:59-00:00'], '24:00', '10:00', 600, '2027-02-30', '2027-01-04', '0000-01-01',
  'normal', ['preApproved'], ['normal', 'normal'], 'unlimited', '__proto__', 'constructor', 'toString', '=HYPERLINK("x")', '\u001b]0;x\u0007',
  { gamma: { mean: '1h', sd: '1000h' } }, { weibull: { shape: 0.001, scale: '1h' } }, { weibull: { shape: 0.01, scale: '5200w' } }, { lognormal: { median: '1m', p90: '5200w' } },
  { empirical: [] }, { empirical: ['1m', '5200w'] }, { uniform: { min: '0m', max: '0m' } }, { triangular: { min: '1h', mode: '1h', max: '1h' } },
];

/** The paths to every value of a plain object (leaves and maps alike). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

/** The default scenario with one to three values replaced by hostile ones (or keys added). */
function mutateValues(rng: Rng, base: Record<string, unknown>): string {
  const doc = structuredClone(base);
  for (let k = 1 + int(rng, 3); k > 0; k--) {
    const all = paths(doc).filter((p) => p.length > 0);
    const path = pick(rng, all);
    let parent: Record<string | number, unknown> = doc;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (int(rng, 6) === 0 && !Array.isArray(parent)) parent[pick(rng, ['__proto__', 'constructor', 'extra', 'counts', ''])] = pick(rng, NASTY_VALUES);
    else parent[last] = structuredClone(pick(rng, NASTY_VALUES));
  }
  return stringify(doc);
}

/** The scenario, or undefined for a ScenarioError; any other exception fails the test with its case. */
function load(text: string, label: string): Scenario | undefined {
  try {
    return parseScenarioText(text, 'fuzz.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) {
      for (const issue of err.issues) expect(issue.message, label).not.toMatch(/\n\s+at /);
      return undefined;
    }
    throw new Error(`${label}: ${err instanceof Error ? err.stack : String(err)}\n--- text ---\n${text}`);
  }
}

const BASE = parse(DEFAULT_TEXT) as Record<string, unknown>;

const TEXT_CASES = 1500;
const VALUE_CASES = 1500;
const RUN_CASES = 30;
const CLI_CASES = 100;

describe('fuzz: mutated scenarios are loaded or refused, never crash', () => {
  const valid: [string, Scenario][] = [];

  it(`${TEXT_CASES} text mutations and ${VALUE_CASES} value mutations: a scenario or a ScenarioError`, () => {
    const rng = createStream(13, 1, 'fuzz-text');
    for (let i = 0; i < TEXT_CASES; i++) {
      const text = mutateText(rng, DEFAULT_TEXT);
      const s = load(text, `text case ${i}`);
      if (s !== undefined) valid.push([`text case ${i}`, s]);
    }
    const vrng = createStream(13, 1, 'fuzz-values');
    let refused = 0;
    for (let i = 0; i < VALUE_CASES; i++) {
      const s = load(mutateValues(vrng, BASE), `value case ${i}`);
      if (s !== undefined) valid.push([`value case ${i}`, s]);
      else refused++;
    }
    // The generator is meant to hit both outcomes often.
    expect(refused).toBeGreaterThan(VALUE_CASES / 4);
    expect(valid.length).toBeGreaterThan(RUN_CASES);
  });

  it(`${RUN_CASES} of the valid ones run (3 weeks, 1 replication, each variant) without an exception`, () => {
    const rng = createStream(13, 1, 'fuzz-runs');
    for (let i = 0; i < RUN_CASES; i++) {
      const [label, s] = valid[int(rng, valid.length)]!;
      const d = s.teams.delivery;
      // Short and small: at most 3 weeks and a few features a week (the values themselves stay hostile).
      const small: Scenario = {
        ...s, horizon: Math.min(s.horizon, 3 * 10080), warmup: 0, replications: 1,
        teams: { ...s.teams, delivery: { ...d, count: Math.min(d.count, 3), featuresPerWeek: Math.min(d.featuresPerWeek, 3) } },
      };
      for (const v of small.variants) {
        try {
          const out = runReplication(small, v, 1);
          expect(out.replicationRecord.utilisationApplicationSupport, label).toBeLessThanOrEqual(1 + 1e-9);
        } catch (err) {
          throw new Error(`${label} (${v}): ${err instanceof Error ? err.stack : String(err)}`);
        }
      }
    }
  });
});

describe('fuzz through the CLI: validate exits 0 or 2, never 1, never a stack trace', () => {
  let dir: string;
  let err: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orisim-fuzz-'));
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${CLI_CASES} mutated files`, async () => {
    const rng = createStream(13, 1, 'fuzz-cli');
    for (let i = 0; i < CLI_CASES; i++) {
      const text = i % 2 === 0 ? mutateText(rng, DEFAULT_TEXT) : mutateValues(rng, BASE);
      const file = join(dir, `case-${i}.yaml`);
      writeFileSync(file, text);
      err.length = 0;
      const code = await main(['validate', file]);
      const stderr = err.join('');
      expect([0, 2], `cli case ${i}: ${stderr}`).toContain(code);
      expect(stderr, `cli case ${i}`).not.toMatch(/internal error|\n\s+at /);
    }
  });
});
