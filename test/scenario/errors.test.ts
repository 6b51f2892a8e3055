// Pinned text of every kind of scenario error: file, line, column, path, expected and found.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, formatScenarioError } from '../../src/scenario/index.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { DEFAULT_TEXT, edit, errorsOf, lineOf } from './helpers.js';

const MINIMAL = 'name: acme\n';

describe('scenario errors', () => {
  it('an unknown key suggests the nearest known key, pointing at the key', () => {
    const text = 'name: acme\nteams:\n  delivery:\n    cout: 25\n';
    expect(errorsOf(text)).toBe('scenarios/acme.yaml:4:5 teams.delivery.cout: unknown key; did you mean "count"?');
  });

  it('an unknown key far from every known key lists the known keys', () => {
    expect(errorsOf('name: acme\ncosts:\n  zzzzzzzz: 1\n')).toBe(
      'scenarios/acme.yaml:3:3 costs.zzzzzzzz: unknown key; expected one of licencesPerMonth, licencePerChange, pipelineSetup, setupAmortisationYears',
    );
  });

  it('a setup amortisation period that is not a positive number', () => {
    expect(errorsOf('name: acme\ncosts:\n  setupAmortisationYears: 0\n')).toBe(
      'scenarios/acme.yaml:3:27 costs.setupAmortisationYears: expected a positive number, got 0',
    );
  });

  it('an impossible holiday or freeze date names its own path and never "start"', () => {
    expect(errorsOf('name: acme\nholidays: [2027-13-01]\n')).toBe(
      'scenarios/acme.yaml:2:12 holidays[0]: expected a date such as 2027-01-04, got "2027-13-01": the date has an impossible month 13',
    );
    expect(errorsOf('name: acme\nfreezes: [{ from: 2027-02-30, to: 2027-03-02 }]\n')).toBe(
      'scenarios/acme.yaml:2:19 freezes[0].from: expected a date such as 2027-01-04, got "2027-02-30": the date is not a real date (day 30 does not exist in 2027-02)',
    );
  });

  it('a duration with an unknown unit', () => {
    expect(errorsOf('name: acme\nhorizon: 52x\n')).toBe(
      'scenarios/acme.yaml:2:10 horizon: expected a duration with a unit such as 30m, 4h, 2d or 1w, got "52x"',
    );
  });

  it('a bare number for a duration', () => {
    expect(errorsOf('name: acme\nwarmup: 5\n')).toBe(
      'scenarios/acme.yaml:2:9 warmup: expected a duration with a unit such as 30m, 4h, 2d or 1w, got 5',
    );
  });

  it('a bare number for an effort', () => {
    expect(errorsOf('name: acme\nteams:\n  changeManagement:\n    setupEffort: 150\n')).toBe(
      'scenarios/acme.yaml:4:18 teams.changeManagement.setupEffort: expected an effort with a unit such as 30m, 4h, 2d (8-hour working days) or 1w (40 hours), got 150',
    );
  });

  it('a negative count', () => {
    const text = edit('    count: 6', '    count: -2');
    expect(errorsOf(text)).toBe(`scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, '    count: 6')}:12 teams.delivery.count: expected a positive integer, got -2`);
  });

  it('a count that is not an integer', () => {
    const text = edit('    count: 6', '    count: 2.5');
    expect(errorsOf(text)).toBe(`scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, '    count: 6')}:12 teams.delivery.count: expected a positive integer, got 2.5`);
  });

  it('class shares that do not sum to 1 name the shares and their sum', () => {
    const text = edit('    share: 0.3\n', '    share: 0.4\n');
    expect(errorsOf(text)).toBe(
      `scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, '  small:')}:3 classes: expected class shares that sum to 1, got small 0.7 + large 0.4 = 1.1`,
    );
  });

  it('weekly hours with an unknown day', () => {
    const text = edit('    hours: [mon-fri 09:00-17:30]\n    hourlyRate: 75', '    hours: [mon-fry 09:00-17:30]\n    hourlyRate: 75');
    expect(errorsOf(text)).toBe(
      `scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, 'featuresPerWeek') - 2}:13 teams.delivery.hours[0]: expected weekly hours such as "mon-fri 09:00-17:30" or "sat 22:00-04:00", got "mon-fry 09:00-17:30": unknown day "mon-fry" (use mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri)`,
    );
  });

  it('weekly hours with malformed times', () => {
    expect(errorsOf('name: acme\nteams:\n  applicationSupport:\n    outOfHoursWindows: [sat 22:00-4]\n')).toBe(
      'scenarios/acme.yaml:4:25 teams.applicationSupport.outOfHoursWindows[0]: expected weekly hours such as "mon-fri 09:00-17:30" or "sat 22:00-04:00", got "sat 22:00-4": malformed times "22:00-4" (expected HH:MM-HH:MM, e.g. 09:00-17:30)',
    );
  });

  it('a window that starts and ends at the same time never opens', () => {
    expect(errorsOf('name: acme\nteams:\n  applicationSupport:\n    outOfHoursWindows: [sat 22:00-22:00]\n')).toBe(
      'scenarios/acme.yaml:4:25 teams.applicationSupport.outOfHoursWindows[0]: expected weekly hours such as "mon-fri 09:00-17:30" or "sat 22:00-04:00", got "sat 22:00-22:00": "22:00-22:00" starts and ends at the same time, so it never opens',
    );
  });

  it('an empty list of hours never opens', () => {
    expect(errorsOf('name: acme\nteams:\n  changeManagement:\n    hours: []\n')).toBe(
      'scenarios/acme.yaml:4:12 teams.changeManagement.hours: expected at least one weekly interval such as "mon-fri 09:00-17:30", got an empty list: these hours never open',
    );
  });

  it('a cutoff longer than the cadence', () => {
    const text = edit('      cutoff: 20h ', '      cutoff: 8d ');
    expect(errorsOf(text)).toBe(
      `scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, 'cutoff: 20h')}:15 teams.changeManagement.cab.cutoff: expected a cutoff no longer than the shortest gap between meetings (1w), got 8d: a cutoff longer than the gap means a change that missed one meeting's cutoff also missed the next one's`,
    );
  });

  it('a cutoff longer than the gap of a twice-weekly CAB; one equal to the gap is accepted', () => {
    const twice = edit('      days: [tue]', '      days: [tue, thu]');
    expect(errorsOf(twice.replace('      cutoff: 20h ', '      cutoff: 2d '))).toBe('');
    expect(errorsOf(twice.replace('      cutoff: 20h ', '      cutoff: 2d1m '))).toBe(
      `scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, 'cutoff: 20h')}:15 teams.changeManagement.cab.cutoff: expected a cutoff no longer than the shortest gap between meetings (2d), got 2d1m: a cutoff longer than the gap means a change that missed one meeting's cutoff also missed the next one's`,
    );
  });

  it('a cutoff longer than the gap of a CAB with meetings at different times, and of a monthly CAB', () => {
    const at = `scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, 'cutoff: 20h')}:15 teams.changeManagement.cab.cutoff`;
    // Tuesday 10:00 to Thursday 15:00 is 2d5h, the shorter of the two gaps.
    const meetings = edit('      days: [tue]', '      meetings: [tue 10:00, thu 15:00]').replace('      time: "10:00"', '');
    expect(errorsOf(meetings.replace('      cutoff: 20h ', '      cutoff: 2d5h '))).toBe('');
    expect(errorsOf(meetings.replace('      cutoff: 20h ', '      cutoff: 2d6h '))).toContain(`${at}: expected a cutoff no longer than the shortest gap between meetings (2d5h), got 2d6h`);
    // First and third Thursday: always 14 days apart; the third to the next first is 14 or 21 days.
    const monthly = edit('      days: [tue]', '      monthly: [first thu, third thu]');
    expect(errorsOf(monthly.replace('      cutoff: 20h ', '      cutoff: 2w '))).toBe('');
    expect(errorsOf(monthly.replace('      cutoff: 20h ', '      cutoff: 2w1h '))).toContain(`${at}: expected a cutoff no longer than the shortest gap between meetings (2w), got 2w1h`);
    // Fortnightly: 2w.
    const fortnightly = edit('      days: [tue]', '      days: [tue]\n      every: 2w\n      from: 2027-01-05');
    expect(errorsOf(fortnightly.replace('      cutoff: 20h ', '      cutoff: 2w '))).toBe('');
    const at2 = `scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, 'cutoff: 20h') + 2}:15 teams.changeManagement.cab.cutoff`; // two lines added above
    expect(errorsOf(fortnightly.replace('      cutoff: 20h ', '      cutoff: 15d '))).toContain(`${at2}: expected a cutoff no longer than the shortest gap between meetings (2w), got 15d`);
  });

  it('CAB cadence forms that do not fit together, and malformed entries', () => {
    const cab = 'name: acme\nteams:\n  changeManagement:\n    cab:\n';
    expect(errorsOf(`${cab}      days: [tue]\n      meetings: [thu 10:00]\n`)).toBe(
      'scenarios/acme.yaml:5:7 teams.changeManagement.cab.days: "days" cannot be used with "meetings": give the meetings\' days and times in "meetings"',
    );
    expect(errorsOf(`${cab}      monthly: [first thu]\n      every: 2w\n      from: 2027-01-07\n`)).toContain(
      'scenarios/acme.yaml:6:7 teams.changeManagement.cab.every: "every" cannot be used with "monthly": a monthly CAB gives its days and times in "monthly"',
    );
    expect(errorsOf(`${cab}      every: 2w\n`)).toBe(
      'scenarios/acme.yaml:4:5 teams.changeManagement.cab.from: missing required key "from": "every" counts weeks from the date of a meeting, such as from: 2027-01-07',
    );
    expect(errorsOf(`${cab}      every: 0w\n      from: 2027-01-07\n`)).toBe(
      'scenarios/acme.yaml:5:14 teams.changeManagement.cab.every: expected a whole number of weeks from 1w to 52w, such as 2w, got "0w"',
    );
    expect(errorsOf(`${cab}      monthly: [fifth thu]\n`)).toBe(
      'scenarios/acme.yaml:5:17 teams.changeManagement.cab.monthly[0]: expected a monthly meeting "<first|second|third|fourth|last> <day> [HH:MM]" such as "first thu", got "fifth thu"',
    );
    expect(errorsOf(`${cab}      meetings: [tue 25:00]\n`)).toBe(
      'scenarios/acme.yaml:5:18 teams.changeManagement.cab.meetings[0]: expected a meeting "<day> HH:MM" such as "thu 15:00", got "tue 25:00"',
    );
  });

  it('malformed YAML gives the parser\'s line and column', () => {
    expect(errorsOf('name: acme\nteams:\n  delivery: { count: 6\n')).toBe(
      'scenarios/acme.yaml:4:1 malformed YAML: Flow map in block collection must be sufficiently indented and end with a }',
    );
    expect(errorsOf('name: acme\nteams:\n  delivery:\n    count: 6\n   people: 3\n')).toBe(
      'scenarios/acme.yaml:5:1 malformed YAML: All mapping items must start at the same column',
    );
  });

  it('an empty file', () => {
    expect(errorsOf('')).toBe('scenarios/acme.yaml:1:1 expected a map of scenario settings (at least "name"), got an empty file');
  });

  it('a duplicate key is malformed YAML', () => {
    expect(errorsOf('name: acme\nseed: 1\nseed: 2\n')).toBe('scenarios/acme.yaml:3:1 malformed YAML: Map keys must be unique');
  });

  it('a missing file', () => {
    expect(() => loadScenario('x.yaml')).toThrow(ScenarioError);
    expect(formatScenarioError(catchError(() => loadScenario('x.yaml')))).toBe('cannot read scenario "x.yaml": no such file');
  });

  it('a directory instead of a file', () => {
    expect(formatScenarioError(catchError(() => loadScenario('scenarios')))).toBe(
      'cannot read scenario "scenarios": it is a directory, not a file',
    );
  });

  it('a warm-up that is not shorter than the horizon', () => {
    expect(errorsOf('name: acme\nhorizon: 8w\nwarmup: 8w\n')).toBe(
      'scenarios/acme.yaml:3:9 warmup: expected a warm-up shorter than the horizon (8w), got 8w',
    );
  });

  it('an unknown variant suggests the nearest', () => {
    expect(errorsOf('name: acme\nvariants: [normal, preapproved]\n')).toBe(
      'scenarios/acme.yaml:2:20 variants[1]: expected one of normal, preApproved, youBuildItYouRunIt, got "preapproved"; did you mean "preApproved"?',
    );
  });

  it('a lognormal whose p90 is not above its median', () => {
    const text = edit('fix: { lognormal: { median: 4h, p90: 2d } }', 'fix: { lognormal: { median: 4h, p90: 4h } }');
    expect(errorsOf(text)).toBe(
      `scenarios/acme.yaml:${lineOf(DEFAULT_TEXT, 'fix: { lognormal: { median: 4h, p90: 2d } }')}:25 classes.small.efforts.fix.lognormal: expected a p90 greater than the median (0 < median < p90), got median 4h and p90 4h`,
    );
  });

  it('a missing name points at the top of the file', () => {
    expect(errorsOf('horizon: 52w\n')).toBe('scenarios/acme.yaml:1:1 name: missing required key "name"');
  });

  it('a missing class share points at the class', () => {
    expect(errorsOf('name: acme\nclasses:\n  small:\n    failureRate: 0.1\n')).toBe(
      'scenarios/acme.yaml:3:3 classes.small.share: missing required key "share"',
    );
  });

  it('an unknown distribution suggests the nearest kind', () => {
    expect(errorsOf(MINIMAL + 'classes:\n  small:\n    share: 1\n    efforts:\n      fix: { lognormol: { median: 1h, p90: 2h } }\n')).toBe(
      'scenarios/acme.yaml:6:14 classes.small.efforts.fix.lognormol: unknown key; did you mean "lognormal"?',
    );
  });

  it('a CAB time that YAML 1.1 read as a number asks for quotes', () => {
    expect(errorsOf('%YAML 1.1\n---\nname: acme\nteams:\n  changeManagement:\n    cab:\n      time: 10:00\n')).toBe(
      'scenarios/acme.yaml:7:13 teams.changeManagement.cab.time: expected a time of day "HH:MM" such as "10:00", got 600: quote the time (YAML 1.1 reads 10:00 as the number 600)',
    );
  });

  it('reports every issue at once, sorted by line', () => {
    const text = 'name: acme\nreplications: 0\nseed: 1.5\nteams:\n  delivery:\n    count: -1\n';
    expect(errorsOf(text).split('\n')).toEqual([
      'scenarios/acme.yaml:2:15 replications: expected a positive integer, got 0',
      'scenarios/acme.yaml:3:7 seed: expected an integer, got 1.5',
      'scenarios/acme.yaml:6:12 teams.delivery.count: expected a positive integer, got -1',
    ]);
  });

  it('an issue carries file, line, column, path, expected and found', () => {
    const err = catchError(() => loadScenario(writeTemp('name: acme\nteams:\n  delivery:\n    count: -2\n')));
    expect(err).toBeInstanceOf(ScenarioError);
    const [issue] = (err as ScenarioError).issues;
    expect(issue).toMatchObject({ line: 4, column: 12, path: 'teams.delivery.count', expected: 'a positive integer', found: '-2' });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

function writeTemp(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'orisim-'));
  tempDirs.push(dir);
  const file = join(dir, 'acme.yaml');
  writeFileSync(file, text);
  return file;
}
