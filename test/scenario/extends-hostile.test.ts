// Issue 25 points 2, 11 and 12: hostile bases of `extends`. A base must be a scenario file (a map
// whose top-level keys are all scenario settings), or it is refused at the extends line without
// being quoted; a base's values and unknown keys are never echoed (their kind and place are);
// the main file's echoed values and keys are cut to 40 characters; `__proto__` keys survive the
// merge, so the merged and the written-out file give the same scenario.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { deepMerge } from '../../src/scenario/extends.js';
import { formatScenarioError } from '../../src/scenario/index.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { errorsOf } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'orisim-extends-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string | Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
/** The errors of a design that extends `base` (one line each, the temporary folder as DIR). */
const errorsExtending = (base: string, design = 'name: d\n'): string => {
  const file = write('d.yaml', `extends: ${base}\n${design}`);
  try {
    loadScenario(file);
    return '';
  } catch (err) {
    return formatScenarioError(err).replaceAll(dir, 'DIR');
  }
};
const NOT_SCENARIO = (base: string, got: string): string =>
  `DIR/d.yaml:1:10 extends: base of extends: "DIR/${base}" is not a scenario file: expected a map of scenario settings, got ${got}`;

const SHADOW = 'root:*:20228:0:99999:7:::\ndaemon:$6$SECRET-HASH-1$abc:20228:0:99999:7:::\nbin:*:20228:0:99999:7:::\n';

describe('a base that is not a scenario is refused at the extends line, unquoted (points 2 and 11)', () => {
  it('a password file (a YAML map of other keys): one line, nothing of it quoted', () => {
    write('shadow', SHADOW);
    expect(errorsExtending('shadow')).toBe(NOT_SCENARIO('shadow', 'a map with 3 keys that are not scenario settings (the first at line 1, column 1)'));
  });

  it('a text, a list, a number, true, an empty file, comments only, an empty map, a private key', () => {
    const cases: [string, string, string][] = [
      ['passwd.txt', 'root:x:0:0:root:/root:/bin/bash\nSECRET-LINE\n', 'a text'],
      ['list.yaml', '- SECRET-1\n- 2\n', 'a list'],
      ['number.yaml', '42\n', 'a number'],
      ['bool.yaml', 'true\n', 'true or false'],
      ['empty.yaml', '', 'an empty file'],
      ['comments.yaml', '# SECRET only a comment\n', 'an empty file'],
      ['map.yaml', '{}\n', 'an empty map'],
      ['id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQSECRET\n-----END OPENSSH PRIVATE KEY-----\n', 'a text'],
    ];
    for (const [name, text, got] of cases) {
      write(name, text);
      expect(errorsExtending(name), name).toBe(NOT_SCENARIO(name, got));
    }
  });

  it('a base with a mistyped top-level key is refused with a suggestion, the key not shown', () => {
    write('typo.yaml', 'name: b\nhorizn: 12w\n');
    expect(errorsExtending('typo.yaml')).toBe(NOT_SCENARIO('typo.yaml', 'a map with 1 key that is not a scenario setting (line 2, column 1; did you mean "horizon"?)'));
  });

  it('a base whose top-level __proto__ or constructor key is not a setting is refused too', () => {
    write('proto.yaml', 'name: b\n__proto__: { horizon: 1w }\nconstructor: 1\n');
    expect(errorsExtending('proto.yaml')).toBe(NOT_SCENARIO('proto.yaml', 'a map with 2 keys that are not scenario settings (the first at line 2, column 1)'));
  });

  it('binary junk, /dev/zero, a FIFO, a directory and a symbolic link to a non-scenario file', () => {
    write('junk.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0x53]));
    expect(errorsExtending('junk.bin')).toBe('DIR/d.yaml:1:10 extends: base of extends: cannot read scenario "DIR/junk.bin": it is not UTF-8 text; save it as UTF-8 text');
    write('nul.yaml', 'name: b\nSECRET\0\n');
    expect(errorsExtending('nul.yaml')).toBe('DIR/nul.yaml:2:7 expected text, got a NUL character: this is not a text file');
    expect(errorsExtending('/dev/zero')).toBe('DIR/d.yaml:1:10 extends: base of extends: cannot read scenario "/dev/zero": it is a device, not a regular file');
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    expect(errorsExtending('fifo.yaml')).toBe('DIR/d.yaml:1:10 extends: base of extends: cannot read scenario "DIR/fifo.yaml": it is a named pipe (FIFO), not a regular file');
    mkdirSync(join(dir, 'folder.yaml'));
    expect(errorsExtending('folder.yaml')).toBe('DIR/d.yaml:1:10 extends: base of extends: cannot read scenario "DIR/folder.yaml": it is a directory, not a file');
    symlinkSync(join(dir, 'shadow'), join(dir, 'link.yaml'));
    expect(errorsExtending('link.yaml')).toBe(NOT_SCENARIO('link.yaml', 'a map with 3 keys that are not scenario settings (the first at line 1, column 1)'));
  });
});

describe("a base's values and keys are never echoed (point 2)", () => {
  it('a wrong value names the base, the line, the path and the kind of value, not the value', () => {
    const base = write('token.yaml', 'name: b\nseed: "TOKEN-abc123"\nteams:\n  delivery: { count: [TOKEN-in-a-list] }\n');
    expect(errorsExtending('token.yaml')).toBe([
      'DIR/token.yaml:2:7 seed: expected an integer, got a text (not shown: it is in a base of extends)',
      'DIR/token.yaml:4:22 teams.delivery.count: expected a positive integer, got a list (not shown: it is in a base of extends)',
    ].join('\n'));
    // Validating the base itself shows the value (the user points at that file).
    expect(formatScenarioError(catchError(() => loadScenario(base)))).toContain('seed: expected an integer, got "TOKEN-abc123"');
  });

  it('an unknown key below the top level is named by its parent, with the suggestion', () => {
    write('nested.yaml', 'name: b\nteams:\n  delivery: { cuont: 3, TOKEN-key: 1 }\n');
    expect(errorsExtending('nested.yaml')).toBe([
      'DIR/nested.yaml:3:15 teams.delivery: unknown key (not shown: it is in a base of extends); did you mean "count"?',
      'DIR/nested.yaml:3:25 teams.delivery: unknown key (not shown: it is in a base of extends); expected one of count, people, hours, hourlyRate, featuresPerWeek, pipelineSetupEffort, release',
    ].join('\n'));
  });

  it('order checks, shares and names from a base: the kind only', () => {
    write('order.yaml', [
      'name: "TOKEN/name"',
      'classes:',
      '  small: { share: 0.7, efforts: { deployment: { uniform: { min: 9h, max: 1h } } } }',
      '  large: { share: 0.4 }',
      '',
    ].join('\n'));
    const lines = errorsExtending('order.yaml', '').split('\n');
    expect(lines).toEqual([
      'DIR/order.yaml:1:7 name: expected a folder name of letters, digits, spaces, ".", "-" and "_", starting with a letter or digit, not ending with "." or a space, at most 100 bytes, got a text (not shown: it is in a base of extends)',
      'DIR/order.yaml:3:3 classes: expected class shares that sum to 1, got a map (not shown: it is in a base of extends)',
      'DIR/order.yaml:3:58 classes.small.efforts.deployment.uniform: expected min ≤ max, got a map (not shown: it is in a base of extends)',
    ]);
  });

  it('a YAML error in a base: located, without the parser message that would quote it', () => {
    write('syntax.yaml', 'name: b\nseed: |TOKEN-in-a-header\n  1\n');
    expect(errorsExtending('syntax.yaml')).toBe("DIR/syntax.yaml:2:8 malformed YAML (the parser's message is not shown: it is in a base of extends)");
    write('alias.yaml', 'name: b\nseed: *TOKEN-alias\n');
    expect(errorsExtending('alias.yaml')).toBe('DIR/alias.yaml:2:7 undefined alias (not shown: it is in a base of extends): no anchor is defined before it');
  });

  it("an extends in a base that is not a path: its kind; the chain's file names are shown", () => {
    write('bad-extends.yaml', 'name: b\nextends: [TOKEN]\n');
    expect(errorsExtending('bad-extends.yaml')).toBe(
      'DIR/bad-extends.yaml:2:10 extends: expected the path of a base scenario file such as base.yaml, relative to this file, got a list (not shown: it is in a base of extends)',
    );
    write('to-missing.yaml', 'name: b\nextends: missing.yaml\n');
    expect(errorsExtending('to-missing.yaml')).toBe('DIR/to-missing.yaml:2:10 extends: base of extends: cannot read scenario "DIR/missing.yaml": no such file');
  });

  it('the same values in the file itself are echoed, cut to 40 characters', () => {
    expect(errorsOf('name: acme\nseed: "TOKEN-abc123"\n')).toBe('scenarios/acme.yaml:2:7 seed: expected an integer, got "TOKEN-abc123"');
    const long = `TOKEN-${'x'.repeat(100)}`;
    expect(errorsOf(`name: acme\nseed: "${long}"\n`)).toBe(`scenarios/acme.yaml:2:7 seed: expected an integer, got "${long.slice(0, 40)}"… (106 characters)`);
    expect(errorsOf(`name: acme\n${long}: 1\n`)).toBe(
      `scenarios/acme.yaml:2:1 ${long.slice(0, 40)}…: unknown key; expected one of extends, name, description, currency, start, horizon, warmup, replications, seed, variants, holidays, freezes, noDeploy, classes, teams, costs, youBuildItYouRunIt, uncertain, levers, objective, constraints`,
    );
    expect(errorsOf('name: acme\nteams: "a\u001b[31mb"\n')).toBe('scenarios/acme.yaml:2:8 teams: expected a map of keys and values, got "a\\u001b[31mb"');
  });

  it('a file that is not a map is not quoted either', () => {
    expect(errorsOf('root:x:0:0:root:/root:/bin/bash\n')).toBe('scenarios/acme.yaml:1:1 expected a map of scenario settings (at least "name"), got a text');
    expect(errorsOf('- 1\n- 2\n')).toBe('scenarios/acme.yaml:1:1 expected a map of scenario settings (at least "name"), got a list');
  });
});

describe('__proto__ and constructor keys survive the merge (point 12)', () => {
  const CLASSES = 'classes:\n  __proto__: { share: 0.5, failureRate: 0.2 }\n  constructor: { share: 0.5 }\n';
  it('a class named __proto__ in a base is kept: merged and written-out files give the same scenario', () => {
    write('classes-base.yaml', `name: b\nhorizon: 4w\nwarmup: 0d\n${CLASSES}`);
    const merged = loadScenario(write('classes-design.yaml', 'extends: classes-base.yaml\nname: d\n'));
    const single = loadScenario(write('classes-single.yaml', `name: d\nhorizon: 4w\nwarmup: 0d\n${CLASSES}`));
    expect(merged.classes.map((c) => c.name)).toEqual(['__proto__', 'constructor']);
    expect(merged).toEqual(single);
  });

  it('a class __proto__ in the design merges into the base class of that name', () => {
    write('classes-base2.yaml', `name: b\nhorizon: 4w\nwarmup: 0d\n${CLASSES}`);
    const merged = loadScenario(write('classes-design2.yaml', 'extends: classes-base2.yaml\nname: d\nclasses:\n  __proto__: { failureRate: 0.3 }\n'));
    expect(merged.classes.find((c) => c.name === '__proto__')).toMatchObject({ share: 0.5, failureRate: 0.3 });
  });

  it('a top-level __proto__ in a file that extends a base is an unknown key, as without extends', () => {
    write('plain-base.yaml', 'name: b\n');
    const design = write('proto-design.yaml', 'extends: plain-base.yaml\nname: d\n__proto__: { horizon: 1w }\n');
    expect(formatScenarioError(catchError(() => loadScenario(design))).replaceAll(dir, 'DIR')).toBe(
      'DIR/proto-design.yaml:3:1 __proto__: unknown key; expected one of extends, name, description, currency, start, horizon, warmup, replications, seed, variants, holidays, freezes, noDeploy, classes, teams, costs, youBuildItYouRunIt, uncertain, levers, objective, constraints',
    );
    expect(errorsOf('name: d\n__proto__: { horizon: 1w }\n')).toBe(
      'scenarios/acme.yaml:2:1 __proto__: unknown key; expected one of extends, name, description, currency, start, horizon, warmup, replications, seed, variants, holidays, freezes, noDeploy, classes, teams, costs, youBuildItYouRunIt, uncertain, levers, objective, constraints',
    );
  });

  it('the merge writes own keys: no prototype is changed', () => {
    const over = JSON.parse('{"__proto__": {"polluted": 1}, "a": {"__proto__": {"x": 2}}}') as unknown;
    const out = deepMerge({ a: { y: 1 } }, over) as Record<string, Record<string, unknown>>;
    expect(Object.keys(out)).toEqual(['a', '__proto__']);
    expect(Object.keys(out.a!)).toEqual(['y', '__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('through the CLI: exit 2, one located line, nothing of the file (points 2 and 11)', () => {
  let err: string[];
  let out: string[];
  beforeEach(() => {
    err = [];
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  it('extends: a password file, and a base whose seed is a token', async () => {
    write('shadow', SHADOW);
    const a = write('cli-a.yaml', `extends: ${join(dir, 'shadow')}\nname: x\n`);
    expect(await main(['validate', a])).toBe(2);
    write('cli-token.yaml', 'name: b\nseed: "TOKEN-abc123"\n');
    const b = write('cli-b.yaml', 'extends: cli-token.yaml\nname: x\n');
    expect(await main(['validate', b])).toBe(2);
    write('cli-text.txt', 'just some text\n');
    const c = write('cli-c.yaml', 'extends: cli-text.txt\nname: x\n');
    expect(await main(['validate', c])).toBe(2);
    const all = [...out, ...err].join('');
    expect(all).not.toMatch(/SECRET|TOKEN|root|daemon|just some text/);
    expect(err.join('').split('\n').filter((l) => l !== '')).toHaveLength(3);
  });

  it('start 9999-12-27 with a yearly freeze: exit 2 from validate (it crashed in the calendar warnings)', async () => {
    const f = write('cli-9999.yaml', 'name: x\nstart: 9999-12-27\nfreezes: [{ every: year, from: 12-15, to: 01-02 }]\n');
    expect(await main(['validate', f])).toBe(2);
    expect(err.join('').replaceAll(dir, 'DIR')).toBe('DIR/cli-9999.yaml:2:8 start: expected a start from 1900-01-01 to 2200-12-31, got "9999-12-27"\n');
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
