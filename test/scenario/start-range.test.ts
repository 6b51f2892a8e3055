// Issue 25 point 6: `start` lies from 1900-01-01 to 2200-12-31, so that start + the longest horizon
// (520w) and the yearly entries expanded around it keep four-digit years. Outside the range it is a
// located error (it crashed: "0-12-25" is malformed; TypeError reading 'to' in the calendar
// warnings); at both ends yearly holidays and freezes expand, validate, warn and run.
import { describe, expect, it } from 'vitest';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import { calendarWarnings } from '../../src/scenario/index.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { errorsOf } from './helpers.js';

const YEARLY = 'holidays: [{ date: 12-25, every: year, name: Xmas }]\nfreezes: [{ every: year, from: 12-15, to: 01-02, name: Year end }]\n';
const at = (start: string, horizon = '520w'): string => `name: x\nstart: ${start}\nhorizon: ${horizon}\nwarmup: 0d\n${YEARLY}`;
const EXPECTED = 'expected a start from 1900-01-01 to 2200-12-31';

describe('the range of start', () => {
  it('the reproducers are refused at start, with the range (they crashed with a RangeError and a TypeError)', () => {
    expect(errorsOf(at('0001-01-01'))).toBe(`scenarios/acme.yaml:2:8 start: ${EXPECTED}, got "0001-01-01"`);
    expect(errorsOf(at('9999-12-27'))).toBe(`scenarios/acme.yaml:2:8 start: ${EXPECTED}, got "9999-12-27"`);
  });

  it('the minute before 1900 and the day after 2200 are refused; --set start is checked the same way', () => {
    expect(errorsOf(at('1899-12-31T23:59'))).toBe(`scenarios/acme.yaml:2:8 start: ${EXPECTED}, got "1899-12-31T23:59"`);
    expect(errorsOf(at('2201-01-01'))).toBe(`scenarios/acme.yaml:2:8 start: ${EXPECTED}, got "2201-01-01"`);
    expect(errorsOf('name: x\n', 'x.yaml', ['start=1000-06-01'])).toBe(`--set start=1000-06-01 start: ${EXPECTED}, got "1000-06-01"`);
  });

  it('a malformed start is still reported as before', () => {
    expect(errorsOf(at('2027-13-01'))).toBe(
      'scenarios/acme.yaml:2:8 start: expected a date such as 2027-01-04 or a date-time such as 2027-01-04T08:00, got "2027-13-01": start "2027-13-01" has an impossible month 13',
    );
  });

  it('1900-01-01 (a Monday) with 520w: yearly entries from the December before the start to the last year', () => {
    const s = parseScenarioText(at('1900-01-01'), 'x.yaml');
    const tb = new TimeBase(s.start);
    const day = (t: number): string => tb.toIso(t).slice(0, 10);
    // The freeze that began on 1899-12-15 still runs at the start: -17 days to +1 day.
    expect([s.freezes[0]!.from, s.freezes[0]!.to]).toEqual([-17 * 1440, 1440]);
    expect(s.freezes.map((f) => day(f.from))).toEqual(['1899-12-15', ...Array.from({ length: 10 }, (_, i) => `${1900 + i}-12-15`)]);
    // 1909-12-25 falls after the end (520 weeks after the start is Monday 1909-12-20).
    expect(s.holidays.map((h) => day(h.from))).toEqual(Array.from({ length: 9 }, (_, i) => `${1900 + i}-12-25`));
    expect(day(s.horizon)).toBe('1909-12-20');
    expect(calendarWarnings(s)).toEqual([]);
  });

  it('2200-12-31T23:59 with 520w: the last occurrences lie in 2210, and nothing is left out', () => {
    const s = parseScenarioText(at('2200-12-31T23:59'), 'x.yaml');
    const tb = new TimeBase(s.start);
    const day = (t: number): string => tb.toIso(t).slice(0, 10);
    // 3,640 days: ten years of 365 days and the 29 Februaries of 2204 and 2208 (2200 is no leap year), less 12.
    expect(tb.toIso(s.horizon)).toBe('2210-12-19T23:59');
    // From the one still running at the start (2200-12-15) to the one of 2210, which begins before the end.
    expect(s.freezes.map((f) => `${day(f.from)} ${day(f.to)}`)).toEqual(Array.from({ length: 11 }, (_, i) => `${2200 + i}-12-15 ${2201 + i}-01-02`));
    // 2200-12-25 is before the start, 2210-12-25 after the end.
    expect(s.holidays.map((h) => day(h.from))).toEqual(Array.from({ length: 9 }, (_, i) => `${2201 + i}-12-25`));
    expect(calendarWarnings(s)).toEqual([]);
  });

  it('at both ends a yearly entry that never falls in a short period is named in a warning, and a replication runs', () => {
    const cases: [string, string[]][] = [
      ['1900-01-03', [
        'holiday "Xmas" (every year on 12-25) never falls in the simulated period 1900-01-03 to 1900-01-23, so it has no effect',
        'freeze "Year end" (every year 12-15 to 01-02) never falls in the simulated period 1900-01-03 to 1900-01-23, so it has no effect',
      ]],
      // The freeze from 2200-12-15 to 2201-01-02 overlaps this period; no Christmas does.
      ['2200-12-26', ['holiday "Xmas" (every year on 12-25) never falls in the simulated period 2200-12-26 to 2201-01-15, so it has no effect']],
    ];
    for (const [start, warnings] of cases) {
      const s = parseScenarioText(at(start, '3w'), 'x.yaml');
      expect(calendarWarnings(s)).toEqual(warnings);
      const out = runReplication(s, 'normal', 1);
      expect(out.changes.length).toBeGreaterThan(0);
    }
  });
});
