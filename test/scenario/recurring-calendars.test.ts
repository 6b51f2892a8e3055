// Yearly freezes and holidays expand into one dated period per year of the simulated period;
// weekly no-deploy periods are read as minutes of the week; their errors are pinned.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { TimeBase } from '../../src/engine/time.js';
import { errorsOf } from './helpers.js';

const tb = new TimeBase('2027-01-04');
const day = (t: number): string => tb.toIso(t).slice(0, 10);
const head = 'name: x\nstart: 2027-01-04\nhorizon: 104w\nwarmup: 0d\n';

describe('yearly freezes and holidays', () => {
  it('a year-end freeze crossing the year applies in both years of a two-year horizon, and the one before the start', () => {
    const s = parseScenarioText(`${head}freezes: [{ every: year, from: 12-15, to: 01-02, name: Year end }]\n`, 'x.yaml');
    expect(s.freezes.map((f) => [f.name, day(f.from), day(f.to), f.recurring])).toEqual([
      ['Year end', '2026-12-15', '2027-01-02', 'every year 12-15 to 01-02'], // ends before the start: dropped below
      ['Year end', '2027-12-15', '2028-01-02', 'every year 12-15 to 01-02'],
      ['Year end', '2028-12-15', '2029-01-02', 'every year 12-15 to 01-02'],
    ].slice(1));
  });

  it('a yearly holiday closes the day every year; dated entries stay as they were (no extra keys)', () => {
    const s = parseScenarioText(`${head}holidays: [{ every: year, date: 12-25, name: Christmas }, 2027-04-02]\n`, 'x.yaml');
    expect(s.holidays.map((h) => [h.name, day(h.from), h.to - h.from])).toEqual([
      ['Christmas', '2027-12-25', 1440],
      ['Christmas', '2028-12-25', 1440],
      ['2027-04-02', '2027-04-02', 1440],
    ]);
    expect(Object.keys(s.holidays[2]!)).toEqual(['name', 'from', 'to']);
  });

  it('errors: a day of the year that does not exist or is not in every year, the same from and to, an unknown every', () => {
    expect(errorsOf(`${head}freezes: [{ every: year, from: 02-29, to: 03-02 }]\n`)).toBe(
      'scenarios/acme.yaml:5:32 freezes[0].from: expected a day of the year MM-DD such as 12-15, got "02-29": 29 February is not in every year',
    );
    expect(errorsOf(`${head}holidays: [{ every: year, date: 13-01 }]\n`)).toBe(
      'scenarios/acme.yaml:5:33 holidays[0].date: expected a day of the year MM-DD such as 12-15, got "13-01"',
    );
    expect(errorsOf(`${head}freezes: [{ every: year, from: 12-15, to: 12-15 }]\n`)).toBe(
      'scenarios/acme.yaml:5:43 freezes[0].to: expected "to" on another day than "from", got from 12-15 to 12-15',
    );
    expect(errorsOf(`${head}freezes: [{ every: month, from: 12-15, to: 12-20 }]\n`)).toBe(
      'scenarios/acme.yaml:5:20 freezes[0].every: expected "year" (a freeze on the same days every year), got "month"',
    );
  });
});

describe('weekly no-deploy periods', () => {
  it('"fri 12:00-mon 00:00" is Friday noon to the end of Sunday; a same-day period; absent when not given', () => {
    const windows = 'teams:\n  applicationSupport:\n    outOfHoursWindows: [tue 22:00-02:00]\n';
    const s = parseScenarioText(`${head}${windows}noDeploy: [fri 12:00-mon 00:00, wed 12:00-14:00]\n`, 'x.yaml');
    expect(s.noDeploy).toEqual([
      { text: 'fri 12:00-mon 00:00', from: 4 * 1440 + 720, to: 7 * 1440 },
      { text: 'wed 12:00-14:00', from: 2 * 1440 + 720, to: 2 * 1440 + 840 },
    ]);
    expect('noDeploy' in parseScenarioText(head, 'x.yaml')).toBe(false);
  });

  it('errors: a malformed period, and periods that leave no out-of-hours window', () => {
    expect(errorsOf(`${head}noDeploy: [friday noon]\n`)).toBe(
      'scenarios/acme.yaml:5:12 noDeploy[0]: expected a weekly period "<day> HH:MM-<day> HH:MM" such as "fri 12:00-mon 00:00", got "friday noon"',
    );
    // The default window is sat 22:00-04:00: inside fri 12:00-mon 00:00.
    expect(errorsOf(`${head}variants: [normal]\nnoDeploy: [fri 12:00-mon 00:00]\n`)).toBe(
      'scenarios/acme.yaml:6:11 noDeploy: expected no-deploy periods that leave the out-of-hours windows open at some time of the week, got [fri 12:00-mon 00:00], which cover all of teams.applicationSupport.outOfHoursWindows: those deployments could never start',
    );
  });
});
