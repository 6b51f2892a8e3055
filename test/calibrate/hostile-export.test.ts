// Issue 25 on `orisim calibrate`: export text escaped wherever it is shown (terminal, YAML comments,
// calibration.md), every output checked before any is written, fitted values beyond a scenario
// limit clamped with a warning or refused with exit 2 naming the fit and the limit, the line cap
// counting CR-only line ends, and the reasons when no row is usable. In-process (main()).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { countLineEnds } from '../../src/calibrate/read-export.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { captureCli } from '../cli/capture.js';

let dir: string;
let out: string[];
let err: string[];
captureCli('orisim-hostile-export-', (c) => ({ dir, out, err } = c));

const HEADER = 'number,type,state,opened_at,cab_date,work_start,work_end,close_code,assignment_group';
/** A closed, successful normal change opened and deployed at `at` (ISO date and time), one hour long. */
const change = (n: number, at: string, group: string, end?: string): string =>
  `CHG${n},normal,closed,${at},,${at},${end ?? at.replace(/ (\d\d)/, (_m, h: string) => ` ${String(Number(h) + 1).padStart(2, '0')}`)},successful,${group}`;
const write = (name: string, lines: string[]): string => {
  const file = join(dir, name);
  writeFileSync(file, [HEADER, ...lines].join('\n') + '\n');
  return file;
};
// Control, bidi and line-separator characters: none may reach a terminal, a YAML comment or calibration.md raw.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('point 4: export text is escaped on the terminal, in YAML comments and in calibration.md', () => {
  it('an assignment group with U+202E, a line break, HTML and Markdown', async () => {
    const file = write('hostile.csv', [
      change(1, '2026-01-05 10:00:00', '"Pay\u202e</script><script>alert(1)|x"'),
      change(2, '2026-01-06 10:00:00', '"Ops\r\n\u001b[31mteam *b* [l](h) `c`"'),
    ]);
    const report = join(dir, 'r');
    expect(await main(['calibrate', file, '--report', report])).toBe(0);
    const yaml = out.join('');
    expect(yaml).not.toMatch(RAW);
    expect(err.join('')).not.toMatch(RAW);
    expect(yaml).toContain(
      '    count: 2  # fitted: 2 assignment groups (Ops\\x0d\\x0a\\x1b[31mteam *b* [l](h) `c` 1, Pay\\u202e</script><script>alert(1)|x 1); approximation: one group is one delivery team\n',
    );
    const md = readFileSync(join(report, 'calibration.md'), 'utf8');
    expect(md).not.toMatch(RAW);
    expect(md).toContain(
      '| delivery teams (assignment groups) | 2 | Ops\\\\x0d\\\\x0a\\\\x1b\\[31mteam \\*b\\* \\[l\\](h) \\`c\\` 1, Pay\\\\u202e&lt;/script&gt;&lt;script&gt;alert(1)\\|x 1 |\n',
    );
    expect(md).not.toContain('<script>');
  });

  it('a file name with HTML, Markdown and bidi characters, in the YAML header and calibration.md', async () => {
    const file = write('a_b <i>\u202e.csv', [change(1, '2026-01-05 10:00:00', 'Payments')]);
    const report = join(dir, 'r');
    const yamlFile = join(dir, 'out [1].yaml');
    expect(await main(['calibrate', file, '--report', report, '--out', yamlFile])).toBe(0);
    const yaml = readFileSync(yamlFile, 'utf8');
    expect(yaml).not.toMatch(RAW);
    expect(yaml.split('\n')[0]).toBe(`# Calibrated by "orisim calibrate" from "${dir}/a_b <i>\\u202e.csv": 1 rows, 1 used, 0 bad (see the report),`);
    expect(loadScenario(yamlFile).description).toBe('Calibrated from a_b <i>\\u202e.csv (1 changes, 2026-01-05 to 2026-01-05)');
    const md = readFileSync(join(report, 'calibration.md'), 'utf8');
    expect(md).not.toMatch(RAW);
    const mdDir = dir.replace(/_/g, '\\_');
    expect(md.split('\n')[0]).toBe(`# Calibration of ${mdDir}/a\\_b &lt;i&gt;\\\\u202e.csv`);
    expect(md).toContain(`\nScenario written to ${mdDir}/out \\[1\\].yaml.\n`);
  });
});

describe('point 5: every output is checked before any is written', () => {
  it('--out naming a file calibrate did not write: exit 2, and the --report folder is not written', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'mine\n');
    const report = join(dir, 'r');
    expect(await main(['calibrate', 'test/fixtures/change_request_labels.csv', '--report', report, '--out', notes])).toBe(2);
    expect(err.join('')).toBe(`orisim: --out ${notes} exists and was not written by orisim calibrate; choose another --out\n`);
    expect(existsSync(report)).toBe(false);
    expect(readFileSync(notes, 'utf8')).toBe('mine\n');
  });

  it('--out inside the --report folder, or in a folder that does not exist: exit 2, nothing written', async () => {
    const report = join(dir, 'r');
    expect(await main(['calibrate', 'test/fixtures/change_request_labels.csv', '--report', report, '--out', join(report, 's.yaml')])).toBe(2);
    expect(err.join('')).toBe(`orisim: --out ${join(report, 's.yaml')} is inside the --report folder ${report}, which calibrate replaces whole; choose an --out outside it\n`);
    err.length = 0;
    const missing = join(dir, 'missing', 's.yaml');
    expect(await main(['calibrate', 'test/fixtures/change_request_labels.csv', '--report', report, '--out', missing])).toBe(2);
    expect(err.join('')).toBe(`orisim: cannot write ${missing}: no such file or directory\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('with both, the scenario is written first, then the report that names it', async () => {
    const report = join(dir, 'r');
    const yaml = join(dir, 's.yaml');
    expect(await main(['calibrate', 'test/fixtures/change_request_labels.csv', '--report', report, '--out', yaml])).toBe(0);
    expect(err.join('').split('\n').slice(-3)).toEqual([`wrote ${yaml}`, `wrote ${report}/ (calibration.json, calibration.md)`, '']);
  });
});

describe('point 7: fitted values beyond a scenario limit', () => {
  it('1,500 assignment groups: written as 1,000 teams sharing the changes, with a warning', async () => {
    const start = Date.UTC(2026, 0, 5);
    const rows = Array.from({ length: 1500 }, (_x, i) => change(i, new Date(start + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' '), `G${i}`, new Date(start + i * 3_600_000 + 1_800_000).toISOString().slice(0, 19).replace('T', ' ')));
    const file = write('groups.csv', rows);
    const yaml = join(dir, 'g.yaml');
    expect(await main(['calibrate', file, '--out', yaml])).toBe(0);
    // 1,500 changes over 1,499 hours = 8.92 weeks: 168.11 a week.
    expect(err.join('')).toContain(`warning: ${file}: 1500 assignment groups, more than the 1000 delivery teams a scenario may have: written as 1000 teams sharing the 168.11 changes a week\n`);
    const s = loadScenario(yaml);
    expect(s.teams.delivery.count).toBe(1000);
    expect(s.teams.delivery.featuresPerWeek).toBe(0.168);
    expect(readFileSync(yaml, 'utf8')).toContain(
      '    count: 1000  # fitted: 1500 assignment groups (G0 1, G1 1, G10 1, G100 1, G1000 1, …), more than the 1000 teams a scenario may have: written as 1000 teams sharing their changes; approximation: one group is one delivery team\n',
    );
  });

  it('changes from 1970 to 2100: the horizon is refused with exit 2 naming the fit, nothing written', async () => {
    const file = write('dates.csv', [change(1, '1970-01-05 10:00:00', 'A'), change(2, '2100-01-05 10:00:00', 'A')]);
    const yaml = join(dir, 'd.yaml');
    const report = join(dir, 'r');
    expect(await main(['calibrate', file, '--out', yaml, '--report', report])).toBe(2);
    expect(err.join('')).toBe(`orisim: ${file}: cannot write the calibrated scenario: horizon: expected a duration no longer than 520w (10 years), got "6792w" (the warm-up plus the export's 6784 weeks)\n`);
    expect(readdirSync(dir)).toEqual(['dates.csv']);
  });

  it('1,000 changes in one minute: featuresPerWeek is refused with exit 2 naming the fit', async () => {
    const file = write('minute.csv', Array.from({ length: 1000 }, (_x, i) => change(i, '2026-01-05 10:00:00', 'A')));
    expect(await main(['calibrate', file])).toBe(2);
    expect(err.join('')).toBe(
      `orisim: ${file}: cannot write the calibrated scenario: teams.delivery.featuresPerWeek: expected a number ≥ 0 no greater than 100, got 1000 (fitted: 1000.00 changes a week in all (1000 rows, 2026-01-05 to 2026-01-05; 1 calendar weeks; variance/mean of weekly counts 1.00 (1 for Poisson arrivals)) / 1 teams; approximation: one feature is one change)\n`,
    );
    expect(out.join('')).toBe('');
  });

  it('deployments 124 years long: each refused value on its own line, with its fit', async () => {
    const file = write('long.csv', Array.from({ length: 6 }, (_x, i) => change(i, `2026-01-0${i + 1} 10:00:00`, 'A', `2150-01-0${i + 1} 11:00:00`)));
    expect(await main(['calibrate', file])).toBe(2);
    const lines = err.join('').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^orisim: ${file}: cannot write the calibrated scenario: classes\\.all\\.efforts\\.deployment\\.lognormal\\.median: expected an effort no longer than 5200w \\(100 years of 40-hour weeks\\), got "\\d+h(\\d+m)?" \\(fitted from work_end - work_start of 6 rows, 2026-01-01 to 2026-01-06; `));
    expect(lines[1]).toMatch(new RegExp(`^orisim: ${file}: cannot write the calibrated scenario: classes\\.all\\.efforts\\.deployment\\.lognormal\\.p90: `));
  });
});

describe('point 9: the line cap counts CR, LF and CRLF line ends', () => {
  it('counts each kind once and stops as soon as the cap is passed', () => {
    expect(countLineEnds(Buffer.from('a\r\nb\rc\n\r\r\nd'), 100)).toBe(5);
    expect(countLineEnds(Buffer.from('\r'.repeat(10)), 3)).toBe(4);
    expect(countLineEnds(Buffer.from('x'), 3)).toBe(0);
  });

  it('a CR-only export of more than a million lines is refused at once, as an LF one is', async () => {
    const file = join(dir, 'cr.csv');
    writeFileSync(file, 'number,type,opened_at,work_start,work_end\r' + '\r'.repeat(1_000_000));
    const t0 = Date.now();
    expect(await main(['calibrate', file])).toBe(2);
    expect(Date.now() - t0).toBeLessThan(5000); // before the fix: about a minute and 1.45 GB for 4 MB
    expect(err.join('')).toBe(`orisim: ${file}:1000001:1 expected at most 1000000 lines, got more\n`);
  });
});

describe('point 13: when no row is usable, the top reasons with their counts', () => {
  it('names the three most common reasons, each with its first row and what was found', async () => {
    const file = write('bad.csv', [
      ...Array.from({ length: 5 }, (_x, i) => `CHG${i},normal,closed,yesterday,,,,,A`),
      ...Array.from({ length: 3 }, (_x, i) => `CHG${10 + i},minor,closed,2026-01-05 10:00:00,,,,,A`),
      ...Array.from({ length: 2 }, (_x, i) => `CHG${20 + i},normal,closed,2026-01-05 10:00:00,,,2026-01-05 11:00:00,,A`),
      'CHG30,normal',
    ]);
    mkdirSync(join(dir, 'r'));
    expect(await main(['calibrate', file, '--report', join(dir, 'r')])).toBe(2);
    expect(err.join('')).toBe(
      `orisim: ${file}:2:1 expected at least one change that is not canceled, got 0 canceled and 11 bad rows: unparseable opened_at 5 rows (row 2: expected yyyy-MM-dd HH:mm:ss, got "yesterday"); unknown type 3 rows (row 7: expected Standard, Normal or Emergency, got "minor"); missing work_start 2 rows (row 10: empty); and 1 more reason\n`,
    );
    expect(readdirSync(join(dir, 'r'))).toEqual([]);
  });
});

describe('point 14: the cutoff comment says what was seen', () => {
  const cab = (n: number, at: string, cabAt: string): string => `CHG${n},normal,closed,${at},${cabAt},2026-01-20 10:00:00,2026-01-20 11:00:00,successful,A`;

  it('cab_date equal to opened_at', async () => {
    const file = write('same.csv', Array.from({ length: 6 }, (_x, i) => cab(i, `2026-01-0${i + 1} 10:00:00`, `2026-01-0${i + 1} 10:00:00`)));
    expect(await main(['calibrate', file])).toBe(0);
    expect(out.join('')).toContain('      cutoff: 20h  # assumption: not in the export (no normal change has its cab_date after opened_at: of the 6 with a time of day, 6 are at opened_at and 0 before it)\n');
  });

  it('cab_date without a time of day, and no cab_date at all', async () => {
    const file = write('days.csv', Array.from({ length: 6 }, (_x, i) => cab(i, `2026-01-0${i + 1} 10:00:00`, `2026-01-0${i + 2}`)));
    expect(await main(['calibrate', file])).toBe(0);
    expect(out.join('')).toContain("      cutoff: 20h  # assumption: not in the export (no normal change's cab_date has a time of day)\n");
    out.length = 0;
    const none = write('none.csv', [change(1, '2026-01-05 10:00:00', 'A')]);
    expect(await main(['calibrate', none])).toBe(0);
    expect(out.join('')).toContain('      cutoff: 20h  # assumption: not in the export (no normal change has a cab_date)\n');
  });
});
