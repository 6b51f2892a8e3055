// Every scenario file in scenarios/ (and its subfolders, such as designs/) loads; the variants differ
// from the default where they say; the design files that extend the default differ only there.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, validateScenarioFile } from '../../src/node/scenario-files.js';

const files = readdirSync('scenarios', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.startsWith('samples'))
  .sort()
  .map((f) => `scenarios/${f}`);

describe('scenarios/', () => {
  it.each(files)('%s is valid', (file) => {
    expect(validateScenarioFile(file)).toEqual([]);
  });

  it('the 25-team scenario is the default with 25 delivery teams', () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const grown = loadScenario('scenarios/ops-run-it-25-teams.yaml');
    expect(grown.teams.delivery.count).toBe(25);
    expect({ ...grown.teams, delivery: base.teams.delivery }).toEqual(base.teams);
    expect(grown.classes).toEqual(base.classes);
  });

  it('the twice-weekly CAB meets on Tuesday and Thursday with a 20h cutoff', () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const twice = loadScenario('scenarios/twice-weekly-cab.yaml');
    expect(twice.teams.changeManagement.cab).toEqual({ ...base.teams.changeManagement.cab, days: [1, 3], cutoff: 1200 });
    expect(twice.teams.delivery).toEqual(base.teams.delivery);
  });
});

describe('scenarios/designs/ (extends the default scenario)', () => {
  it('finds the design files', () => {
    expect(files).toEqual(expect.arrayContaining(['scenarios/designs/fortnightly-cab.yaml', 'scenarios/designs/bank-calendar.yaml']));
  });

  it('the fortnightly CAB differs from the default only in its name, description and CAB schedule', () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const design = loadScenario('scenarios/designs/fortnightly-cab.yaml');
    const { schedule, ...cab } = design.teams.changeManagement.cab;
    expect(cab).toEqual({ ...base.teams.changeManagement.cab, days: [3] });
    expect(schedule).toEqual({ kind: 'weekly', slots: [{ day: 3, minute: 600 }], everyWeeks: 2, anchor: 3 * 1440 });
    expect({ ...design, name: base.name, description: base.description, teams: base.teams }).toEqual(base);
    expect({ ...design.teams, changeManagement: base.teams.changeManagement }).toEqual(base.teams);
  });

  it('the bank calendar adds noDeploy, weeknight windows and yearly freezes and holidays', () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const design = loadScenario('scenarios/designs/bank-calendar.yaml');
    expect(design.noDeploy?.map((p) => p.text)).toEqual(['fri 12:00-mon 00:00']);
    expect(design.teams.applicationSupport.outOfHoursWindows).toEqual(['tue 22:00-04:00', 'thu 22:00-04:00']);
    // One year simulated from 2027-01-04: the 2026 freeze ended before the start; the 2027 one applies.
    expect(design.freezes).toEqual([{ name: 'Year-end change freeze', from: 345 * 1440, to: 363 * 1440, recurring: 'every year 12-15 to 01-02' }]);
    expect(design.classes).toEqual(base.classes);
  });
});

describe('scenarios/README.md', () => {
  it('its example loads', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenarioText } = await import('../../src/node/scenario-files.js');
    const readme = readFileSync('scenarios/README.md', 'utf8');
    const example = /## Example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const s = parseScenarioText(example!, 'scenarios/README.md');
    expect(s.classes.map((c) => c.name)).toEqual(['routine', 'major']);
    expect(s.teams.changeManagement.cab).toMatchObject({ days: [2], time: 840, cutoff: 1440, capacity: Number.POSITIVE_INFINITY });
  });
});
