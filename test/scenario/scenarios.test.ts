// Every scenario file in scenarios/ loads; the variants differ from the default where they say.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, validateScenarioFile } from '../../src/scenario/index.js';

const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `scenarios/${f}`);

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

describe('scenarios/README.md', () => {
  it('its example loads', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenarioText } = await import('../../src/scenario/index.js');
    const readme = readFileSync('scenarios/README.md', 'utf8');
    const example = /## Example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const s = parseScenarioText(example!, 'scenarios/README.md');
    expect(s.classes.map((c) => c.name)).toEqual(['routine', 'major']);
    expect(s.teams.changeManagement.cab).toMatchObject({ days: [2], time: 840, cutoff: 1440, capacity: Number.POSITIVE_INFINITY });
  });
});
