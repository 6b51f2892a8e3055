// `extends: base.yaml`: the deep merge (maps merge, lists replace, null removes), paths relative to
// the extending file, errors located in the file that holds the value (a base names the base file),
// and missing bases, cycles, over-long chains and unreadable bases reported at the extends line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatScenarioError } from '../../src/scenario/index.js';
import { loadScenario, loadScenarioSource } from '../../src/node/scenario-files.js';
import { deepMerge } from '../../src/scenario/extends.js';
import { MAX_FILE_BYTES } from '../../src/scenario/limits.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-extends-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const errorOf = (file: string): string => {
  try {
    loadScenario(file);
    return '';
  } catch (err) {
    return formatScenarioError(err);
  }
};

const BASE = [
  'name: base',
  'horizon: 12w',
  'warmup: 0d',
  'holidays: [2027-04-02, 2027-04-05]',
  'teams:',
  '  delivery: { count: 4, people: 6 }',
  '  changeManagement:',
  '    cab: { days: [tue], cutoff: 20h, capacity: 10 }',
  '',
].join('\n');

describe('the deep merge', () => {
  it('maps merge key by key, lists and scalars replace, null removes', () => {
    expect(deepMerge({ a: { x: 1, y: [1, 2] }, b: 2, c: 3 }, { a: { y: [3] }, b: null, d: 4 })).toEqual({ a: { x: 1, y: [3] }, c: 3, d: 4 });
    expect(deepMerge({ a: [1] }, { a: { x: 1 } })).toEqual({ a: { x: 1 } });
  });

  it('a design file gives only its differences; the rest comes from the base, relative to the file', () => {
    write('base.yaml', BASE);
    mkdirSync(join(dir, 'designs'));
    const design = write('designs/b.yaml', 'extends: ../base.yaml\nname: design-b\nholidays: [2027-05-03]\nteams:\n  delivery: { count: 8 }\n  changeManagement:\n    cab: { capacity: null }\n');
    const s = loadScenario(design);
    expect(s.name).toBe('design-b');
    expect(s.teams.delivery).toMatchObject({ count: 8, people: 6 });
    expect(s.holidays.map((h) => h.name)).toEqual(['2027-05-03']); // the list replaced the base's
    expect(s.teams.changeManagement.cab).toMatchObject({ days: [1], cutoff: 1200, capacity: 15 }); // capacity removed: the default 15
    expect(s.horizon).toBe(12 * 10080);
  });

  it('a chain of bases, and the hash covers every file of the chain', () => {
    write('base.yaml', BASE);
    write('middle.yaml', 'extends: base.yaml\nteams:\n  delivery: { count: 5 }\n');
    const top = write('top.yaml', 'extends: middle.yaml\nname: top\n');
    const source = loadScenarioSource(top);
    expect(source.scenario.teams.delivery.count).toBe(5);
    write('middle.yaml', 'extends: base.yaml\nteams:\n  delivery: { count: 5 }\n# changed\n');
    expect(loadScenarioSource(top).sha256).not.toBe(source.sha256);
  });
});

describe('errors with extends', () => {
  it('an error in a base names the base file and line, not its value; one in the design names the design', () => {
    const base = write('base.yaml', BASE.replace('count: 4', 'count: -4'));
    const design = write('d.yaml', 'extends: base.yaml\nname: d\nteams:\n  delivery: { people: 0 }\n');
    expect(errorOf(design)).toBe([
      `${base}:6:22 teams.delivery.count: expected a positive integer, got a number (not shown: it is in a base of extends)`,
      `${design}:4:23 teams.delivery.people: expected a positive integer, got 0`,
    ].join('\n'));
  });

  it('a missing base, a cycle, and a base that is not a text', () => {
    const missing = write('m.yaml', 'name: m\nextends: nowhere.yaml\n');
    expect(errorOf(missing)).toBe(`${missing}:2:10 extends: base of extends: cannot read scenario "${join(dir, 'nowhere.yaml')}": no such file`);
    write('a.yaml', 'extends: b.yaml\nname: a\n');
    const b = write('b.yaml', 'name: b\nextends: a.yaml\n');
    expect(errorOf(join(dir, 'a.yaml'))).toBe(
      `${b}:2:10 extends: expected a base that does not lead back to this file, got a cycle of extends: ${join(dir, 'a.yaml')} → ${b} → ${join(dir, 'a.yaml')}`,
    );
    const self = write('self.yaml', 'extends: self.yaml\n');
    expect(errorOf(self)).toContain(`${self}:1:10 extends: expected a base that does not lead back to this file, got a cycle of extends`);
    const number = write('n.yaml', 'extends: 3\n');
    expect(errorOf(number)).toBe(`${number}:1:10 extends: expected the path of a base scenario file such as base.yaml, relative to this file, got 3`);
  });

  it("the input limits apply to bases: too large, a directory, a chain longer than 16 files", () => {
    write('big.yaml', `name: big\n#${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const big = write('uses-big.yaml', 'extends: big.yaml\n');
    expect(errorOf(big)).toBe(`${big}:1:10 extends: base of extends: cannot read scenario "${join(dir, 'big.yaml')}": it is 1,048,588 bytes; scenario files are limited to 1,048,576 bytes (1 MB)`);
    mkdirSync(join(dir, 'folder.yaml'));
    const folder = write('uses-folder.yaml', 'extends: folder.yaml\n');
    expect(errorOf(folder)).toContain(`${folder}:1:10 extends: base of extends: cannot read scenario "${join(dir, 'folder.yaml')}": it is a directory`);
    for (let i = 0; i < 20; i++) write(`c${i}.yaml`, `extends: c${i + 1}.yaml\n`);
    write('c20.yaml', 'name: end\n');
    expect(errorOf(join(dir, 'c0.yaml'))).toContain('extends: expected at most 16 files in a chain of extends, got more');
  });
});

describe('extends and --set', () => {
  it('--set cannot give extends; it can give the new CAB and calendar fields', async () => {
    const { errorsOf } = await import('./helpers.js');
    expect(errorsOf('name: x\n', 'x.yaml', ['extends=base.yaml'])).toBe(
      '--set extends=base.yaml extends: expected extends only in a scenario file (it is read before --set applies), got it from --set',
    );
    expect(errorsOf('name: x\n', 'x.yaml', ['teams.changeManagement.cab.every=2w', 'teams.changeManagement.cab.from=2027-01-07', 'noDeploy=[fri 12:00-mon 00:00]', 'teams.applicationSupport.outOfHoursWindows=[tue 22:00-04:00]'])).toBe('');
  });
});
