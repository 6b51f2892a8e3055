// Issue 13: a seeded fuzz test. Thousands of mutated scenario texts and values go through the
// loader and validator; a few dozen of the valid ones through a short run; a few hundred through
// the in-process CLI. Every outcome must be a scenario or a located ScenarioError (exit 0 or 2),
// never another exception (exit 1) or a stack trace. Seeded, so a failure names its case and
// replays. A small generator written here instead of fast-check: no new dependency.
// Issue 25: chains of `extends` through hostile bases (non-maps, binary junk, huge files, FIFOs,
// /dev/zero, cycles, __proto__ keys), none of whose values may be echoed; and scenarios split into
// a base and a design, which must give what the whole file gives.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { createStream, type Rng } from '../../src/engine/random.js';
import { main, main as main_ } from '../../src/cli/main.js';
import { runReplication } from '../../src/model/replication.js';
import { ScenarioError, type Scenario } from '../../src/scenario/index.js';
import { loadScenario, parseScenarioText } from '../../src/node/scenario-files.js';
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

// --- Issue 25: chains of `extends` ---------------------------------------------------------------

/** Sets an own key, `__proto__` included (a plain assignment would set the prototype). */
function setOwn(map: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Keys whose text a valid scenario may show (names, the currency, the path of the next base). */
const SHOWN_KEYS = ['name', 'description', 'currency', 'extends'];

/** The default scenario, value-mutated, with the marker as one value where text is never valid, or as a key. */
function markedScenario(rng: Rng, marker: string): Record<string, unknown> {
  const doc = parse(mutateValues(rng, BASE)) as Record<string, unknown> | null;
  const map = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? doc : {};
  const maps = paths(map).filter((p) => {
    let node: unknown = map;
    for (const key of p) node = (node as Record<string | number, unknown>)[key];
    return typeof node === 'object' && node !== null && !Array.isArray(node) && p[p.length - 1] !== 'classes';
  });
  const at = pick(rng, maps.length > 0 ? maps : [[]]);
  let parent: Record<string, unknown> = map;
  for (const key of at) parent = parent[key as string] as Record<string, unknown>;
  const keys = Object.keys(parent).filter((k) => !SHOWN_KEYS.includes(k) && !(at.length === 0 && k === 'classes'));
  if (int(rng, 3) === 0 || keys.length === 0) setOwn(parent, `${marker}-key`, 1); // an unknown key
  else setOwn(parent, pick(rng, keys), pick(rng, [marker, [marker], { [marker]: marker }, `${marker}\u001b[2J`]));
  if (int(rng, 4) === 0) setOwn(pick(rng, [map, parent]), pick(rng, ['__proto__', 'constructor', 'prototype']), pick(rng, NASTY_VALUES));
  return map;
}

/** A scenario's text with one `key: value` line's value replaced by the marker (not a name, currency or path). */
function markedText(rng: Rng, marker: string): string {
  const lines = mutateText(rng, DEFAULT_TEXT).split('\n');
  const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[A-Za-z]+: \S/.test(l) && !SHOWN_KEYS.includes(l.trim().split(':')[0]!));
  if (candidates.length > 0) {
    const [line, i] = pick(rng, candidates);
    lines[i] = `${line.slice(0, line.indexOf(':'))}: ${marker}`;
  }
  return lines.join('\n');
}

const CHAIN_CASES = 200;
const REASONS = ['is not a scenario file', 'not shown: it is in a base of extends', 'cannot read scenario', 'a cycle of extends', 'not UTF-8', 'NUL character', '1,048,576 bytes', 'not a regular file', 'is a directory', "parser's message is not shown"];
const SPLIT_CASES = 300;

describe('fuzz: chains of extends (issue 25)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orisim-fuzz-extends-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  it(`${CHAIN_CASES} designs extending chains of hostile bases: exit 0 or 2, no stack trace, no marker of a base echoed`, async () => {
    const shared = join(dir, 'shared');
    mkdirSync(join(shared, 'folder.yaml'), { recursive: true });
    writeFileSync(join(shared, 'huge.yaml'), `name: huge\nseed: SECRET-huge\n#${'x'.repeat(1024 * 1024)}\n`);
    writeFileSync(join(shared, 'shadow'), 'root:*:20228:0:99999:7:::\nSECRET-shadow:$6$SECRET-hash:20228:0:99999:7:::\n');
    execFileSync('mkfifo', [join(shared, 'fifo.yaml')]);
    const rng = createStream(25, 1, 'fuzz-extends');
    const codes = new Set<number>();
    const reasons = new Set<string>();
    for (let i = 0; i < CHAIN_CASES; i++) {
      const caseDir = join(dir, `case-${i}`);
      mkdirSync(caseDir);
      const marker = `SECRET${i}q`;
      const length = 1 + int(rng, 4);
      for (let k = 0; k < length; k++) {
        const next = k + 1 < length ? `b${k + 1}.yaml` : int(rng, 8) === 0 ? pick(rng, ['b0.yaml', '../case-0/main.yaml']) : undefined;
        const head = next === undefined ? '' : `extends: ${next}\n`;
        const file = join(caseDir, `b${k}.yaml`);
        switch (int(rng, 12)) {
          case 0: writeFileSync(file, pick(rng, [`${marker} is some text\n`, `- ${marker}\n- 2\n`, '42\n', '', '# only a comment\n', `name: b\nseed: ${marker}\0\n`, `-----BEGIN PRIVATE KEY-----\nMII${marker}AQ==\n-----END PRIVATE KEY-----\n`])); break;
          case 1: writeFileSync(file, Buffer.concat([Buffer.from(Array.from({ length: int(rng, 64) }, () => int(rng, 256))), Buffer.from(marker), Buffer.from([int(rng, 256)])])); break;
          case 2: symlinkSync(pick(rng, [join(shared, 'huge.yaml'), join(shared, 'shadow'), join(shared, 'fifo.yaml'), join(shared, 'folder.yaml'), '/dev/zero']), file); break;
          case 3: case 4: writeFileSync(file, head + markedText(rng, marker)); break;
          case 5: writeFileSync(file, head + DEFAULT_TEXT.replace(/^name: .*$/m, `name: clean-${i}`)); break; // a valid base, no marker
          default: writeFileSync(file, head + stringify(markedScenario(rng, marker)));
        }
      }
      // The design's own hostile value may be echoed, but only its first 40 characters.
      const own = `MAIN${i}${'m'.repeat(60)}`;
      const main = join(caseDir, 'main.yaml');
      writeFileSync(main, `extends: b0.yaml\nname: fuzz-${i}\n${int(rng, 2) === 0 ? `seed: "${own}"\n` : ''}`);
      out.length = 0;
      err.length = 0;
      const code = await main_(['validate', main]);
      codes.add(code);
      const printed = [...out, ...err].join('');
      for (const reason of REASONS) if (printed.includes(reason)) reasons.add(reason);
      expect([0, 2], `chain case ${i}: ${printed}`).toContain(code);
      expect(printed, `chain case ${i}`).not.toMatch(/internal error|\n\s+at /);
      expect(printed.includes(marker), `chain case ${i}: a base's marker was echoed: ${printed}`).toBe(false);
      expect(printed.includes(own.slice(0, 41)), `chain case ${i}: more than 40 characters of a value: ${printed}`).toBe(false);
    }
    expect([...codes].sort()).toEqual([0, 2]);
    expect([...reasons].sort()).toEqual([...REASONS].sort()); // the generator reaches every kind of refusal
  });

  it(`${SPLIT_CASES} scenarios split into a base and a design give what the whole file gives (__proto__ and constructor keys included)`, () => {
    const rng = createStream(25, 1, 'fuzz-split');
    let compared = 0;
    for (let i = 0; i < SPLIT_CASES; i++) {
      // A third unchanged (so that many are valid), the rest with one to three hostile values.
      const whole = (int(rng, 3) === 0 ? structuredClone(BASE) : parse(mutateValues(rng, BASE))) as Record<string, unknown>;
      const classes = whole.classes;
      if (typeof classes === 'object' && classes !== null && !Array.isArray(classes) && int(rng, 2) === 0) {
        setOwn(classes as Record<string, unknown>, pick(rng, ['__proto__', 'constructor']), { share: 0, failureRate: 0.2 });
      }
      const text = stringify(whole);
      if (/\bnull\b/.test(text)) continue; // null removes a base's key: the two files would differ
      const base: Record<string, unknown> = {};
      const design: Record<string, unknown> = {};
      for (const key of Object.keys(whole)) {
        const value = whole[key];
        if (typeof value === 'object' && value !== null && !Array.isArray(value) && int(rng, 2) === 0) {
          // The base takes the first keys and the design the rest: merged, they keep their order (class order counts).
          const [b, d] = [{}, {}] as Record<string, unknown>[];
          const inner = Object.keys(value);
          const cut = int(rng, inner.length + 1);
          inner.forEach((k, j) => setOwn(j < cut ? b! : d!, k, (value as Record<string, unknown>)[k]));
          setOwn(base, key, b);
          setOwn(design, key, d);
        } else {
          setOwn(int(rng, 2) === 0 ? base : design, key, value);
        }
      }
      if (Object.keys(base).length === 0) setOwn(base, 'seed', whole.seed ?? 42);
      const caseDir = join(dir, `split-${i}`);
      mkdirSync(caseDir);
      writeFileSync(join(caseDir, 'base.yaml'), stringify(base));
      writeFileSync(join(caseDir, 'design.yaml'), `extends: base.yaml\n${Object.keys(design).length > 0 ? stringify(design) : ''}`);
      const merged = loadOrError(join(caseDir, 'design.yaml'));
      const single = loadOrError(text);
      expect(merged === undefined, `split case ${i}`).toBe(single === undefined);
      if (merged !== undefined) {
        expect(merged, `split case ${i}`).toEqual(single);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(SPLIT_CASES / 10);
  });
});

/** A scenario from a file (a path) or a text; undefined for a ScenarioError; anything else throws. */
function loadOrError(source: string): Scenario | undefined {
  try {
    return source.endsWith('.yaml') ? loadScenario(source) : parseScenarioText(source, 'whole.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return undefined;
    throw err;
  }
}
