// A holiday or freeze wholly outside the simulated period has no effect: it is named in a warning.
import { describe, expect, it } from 'vitest';
import { calendarWarnings } from '../../src/scenario/index.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { DEFAULT_TEXT, edit } from './helpers.js';

describe('calendar warnings', () => {
  it('the shipped default scenario has none (its freeze runs past the horizon but starts inside it)', () => {
    expect(calendarWarnings(parseScenarioText(DEFAULT_TEXT, 'x.yaml'))).toEqual([]);
  });

  it('names each holiday and freeze that lies wholly before the start or after the horizon', () => {
    const text = edit('2027-04-02', '2026-04-03').replace('from: 2027-12-17, to: 2028-01-04', 'from: 2029-12-17, to: 2030-01-04');
    expect(calendarWarnings(parseScenarioText(text, 'x.yaml'))).toEqual([
      'holiday "Good Friday" (2026-04-03) is outside the simulated period 2027-01-04 to 2028-01-02, so it has no effect',
      'freeze "Year-end change freeze" (2029-12-17 to 2030-01-03) is outside the simulated period 2027-01-04 to 2028-01-02, so it has no effect',
    ]);
  });

  it('a holiday on the last simulated day is inside; the day after is outside', () => {
    const on = parseScenarioText('name: x\nstart: 2027-01-04\nhorizon: 1w\nwarmup: 0d\nholidays: [2027-01-10]\n', 'x.yaml');
    expect(calendarWarnings(on)).toEqual([]);
    const after = parseScenarioText('name: x\nstart: 2027-01-04\nhorizon: 1w\nwarmup: 0d\nholidays: [2027-01-11]\n', 'x.yaml');
    expect(calendarWarnings(after)).toEqual([
      'holiday "2027-01-11" (2027-01-11) is outside the simulated period 2027-01-04 to 2027-01-10, so it has no effect',
    ]);
  });
});

describe('calendar warnings for yearly entries', () => {
  const head = 'name: x\nstart: 2027-03-01\nhorizon: 8w\nwarmup: 0d\n';
  it('a yearly freeze or holiday that never falls in the period names its rule; one that does gives none', () => {
    const text = `${head}freezes: [{ every: year, from: 12-15, to: 01-02, name: Year end }]\nholidays: [{ every: year, date: 12-25, name: Christmas }, { every: year, date: 03-17, name: St Patrick }]\n`;
    expect(calendarWarnings(parseScenarioText(text, 'x.yaml'))).toEqual([
      'holiday "Christmas" (every year on 12-25) never falls in the simulated period 2027-03-01 to 2027-04-25, so it has no effect',
      'freeze "Year end" (every year 12-15 to 01-02) never falls in the simulated period 2027-03-01 to 2027-04-25, so it has no effect',
    ]);
  });
});
