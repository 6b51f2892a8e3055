// A scenario's calendars are built once and shared by its replications, and built afresh when what
// they are built from is replaced (a scenario object given new hours, holidays or freezes).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { buildOrganisation } from '../../src/model/organisation.js';
import { baseScenario, D } from './helpers.js';

describe('organisation calendars', () => {
  it('are shared by the replications of one scenario', () => {
    const s = baseScenario();
    const a = buildOrganisation(new Simulation(), s);
    const b = buildOrganisation(new Simulation(), s);
    expect(b.applicationSupportCalendar).toBe(a.applicationSupportCalendar);
    expect(b.groupCalendars).toBe(a.groupCalendars);
    expect(b.windowCalendar).toBe(a.windowCalendar);
    // The resources are the replication's own.
    expect(b.applicationSupport).not.toBe(a.applicationSupport);
  });

  it('are rebuilt when the scenario is given new hours, holidays or freezes', () => {
    const s = baseScenario();
    const before = buildOrganisation(new Simulation(), s);
    const monday = 7 * D; // the second Monday
    expect(before.applicationSupportCalendar.isOpen(monday + 600)).toBe(true);
    (s as unknown as { holidays: { from: number; to: number }[] }).holidays = [{ from: monday, to: monday + D }];
    const after = buildOrganisation(new Simulation(), s);
    expect(after.applicationSupportCalendar).not.toBe(before.applicationSupportCalendar);
    expect(after.applicationSupportCalendar.isOpen(monday + 600)).toBe(false);
    (s as unknown as { freezes: { from: number; to: number }[] }).freezes = [{ from: 20 * D, to: Infinity }];
    const frozen = buildOrganisation(new Simulation(), s);
    expect(frozen.noFreeze.nextOpen(21 * D)).toBe(Infinity);
    expect(before.noFreeze.nextOpen(21 * D)).toBe(21 * D);
  });
});
