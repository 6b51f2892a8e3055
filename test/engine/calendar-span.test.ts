// Calendar.longestOpenSpan (how long a deployment window can be) and Resource.workThrough (work
// that does not pause when the calendar closes), by hand.
import { describe, expect, it } from 'vitest';
import { Calendar } from '../../src/engine/calendar.js';
import { Resource } from '../../src/engine/resource.js';
import { Simulation } from '../../src/engine/simulation.js';
import { TimeBase } from '../../src/engine/time.js';

const tb = new TimeBase('2027-01-04');
const span = (open: string[]): number => new Calendar(tb, { open }).longestOpenSpan;

describe('Calendar.longestOpenSpan', () => {
  it('is the longest weekly open stretch, across midnight and across Sunday into Monday', () => {
    expect(span(['sat 22:00-04:00'])).toBe(6 * 60);
    expect(span(['sun 02:00-05:00', 'wed 20:00-23:00'])).toBe(3 * 60);
    expect(span(['sun 22:00-02:00'])).toBe(4 * 60); // wraps from Sunday into Monday
    expect(span(['sat 00:00-24:00', 'sun 00:00-06:00'])).toBe(30 * 60); // touching days merge
    expect(span(['mon-fri 09:00-17:30'])).toBe(8.5 * 60);
    expect(span(['mon-sun 00:00-24:00'])).toBe(Infinity);
  });

  it('ignores closures (a freeze shortens one window, not the weekly pattern)', () => {
    const c = new Calendar(tb, { open: ['sat 22:00-04:00'], closures: [{ from: tb.fromIso('2027-01-10T01:00'), to: tb.fromIso('2027-01-11') }] });
    expect(c.longestOpenSpan).toBe(6 * 60);
    expect(c.nextClose(tb.fromIso('2027-01-09T22:00'))).toBe(tb.fromIso('2027-01-10T01:00'));
  });
});

describe('Resource.workThrough', () => {
  it('takes exactly the effort, whatever the calendar, and counts it as work done', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { name: 'w', capacity: 1, calendar: new Calendar(tb, { open: ['sat 22:00-04:00'] }) });
    expect(res.workThrough(8 * 60)).toBe(8 * 60);
    expect(res.workDone).toBe(8 * 60);
    expect(() => res.workThrough(-1)).toThrow('resource "w": invalid effort -1: expected a finite number >= 0');
  });
});
