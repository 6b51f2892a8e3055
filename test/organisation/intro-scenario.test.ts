// Issue 11, the scenario side of the service introduction team and of short-notice rescheduling:
// defaults, pinned error text, the JSON Schema, and scenarios without them resolving as before.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';
import { setupCost, setupCostItems } from '../../src/model/setup-cost.js';
import { errorsOf } from '../scenario/helpers.js';

const TEAM = 'teams:\n  serviceIntroduction:\n    people: 1\n';

describe('teams.serviceIntroduction and launchShare', () => {
  it('an empty team section takes the documented defaults', () => {
    const s = parseScenarioText('name: acme\nteams:\n  serviceIntroduction: {}\n', 'acme.yaml');
    expect(s.teams.serviceIntroduction).toEqual({
      people: 2,
      hours: ['mon-fri 09:00-17:30'],
      hourlyRate: 65,
      effort: { kind: 'lognormal', median: 480, p90: 1440 },
      setupEffort: 80 * 60,
    });
  });

  it('absent: no team, no launch share, and the scenario resolves exactly as before', () => {
    const s = parseScenarioText('name: acme\n', 'acme.yaml');
    expect(s.teams.serviceIntroduction).toBeUndefined();
    expect(s.teams.applicationSupport.rescheduling).toBeUndefined();
    expect(s.classes.every((c) => c.launchShare === undefined)).toBe(true);
    expect(Object.keys(s.teams)).toEqual(['delivery', 'changeManagement', 'applicationSupport']);
  });

  it('a class launch share is read with the team', () => {
    const s = parseScenarioText(`name: acme\nclasses:\n  small: { share: 1, launchShare: 0.25 }\n${TEAM}`, 'acme.yaml');
    expect(s.classes[0]!.launchShare).toBe(0.25);
    expect(s.teams.serviceIntroduction!.people).toBe(1);
  });

  it('a launch share above 0 without the team is refused at the class', () => {
    expect(errorsOf('name: acme\nclasses:\n  small: { share: 1, launchShare: 0.5 }\n')).toBe(
      'scenarios/acme.yaml:3:35 classes.small.launchShare: expected teams.serviceIntroduction (the team that assesses launches) when a class has a launchShare above 0, got launchShare 0.5 and no teams.serviceIntroduction',
    );
  });

  it('a launch share outside 0–1, an unknown key, a bad effort and hours never open', () => {
    expect(errorsOf(`name: acme\nclasses:\n  small: { share: 1, launchShare: 1.5 }\n${TEAM}`)).toBe(
      'scenarios/acme.yaml:3:35 classes.small.launchShare: expected a probability between 0 and 1, got 1.5',
    );
    expect(errorsOf('name: acme\nteams:\n  serviceIntroduction:\n    peple: 3\n')).toBe(
      'scenarios/acme.yaml:4:5 teams.serviceIntroduction.peple: unknown key; did you mean "people"?',
    );
    expect(errorsOf('name: acme\nteams:\n  serviceIntroduction:\n    effort: 3x\n')).toBe(
      'scenarios/acme.yaml:4:13 teams.serviceIntroduction.effort: expected an effort such as 4h, or a distribution such as { lognormal: { median: 2h, p90: 6h } }, got "3x"',
    );
    expect(errorsOf('name: acme\nhorizon: 1w\nwarmup: 0d\nstart: 2027-01-04\nholidays: [2027-01-04, 2027-01-05, 2027-01-06, 2027-01-07, 2027-01-08]\nteams:\n  serviceIntroduction:\n    hours: [mon-fri 09:00-17:30]\n  delivery: { hours: [sat 09:00-17:00] }\n  changeManagement: { hours: [sat 09:00-17:00] }\n  applicationSupport: { hours: [sat 09:00-17:00] }\n')).toBe(
      'scenarios/acme.yaml:8:12 teams.serviceIntroduction.hours: expected hours open at least once within the horizon (2027-01-04T00:00 to 2027-01-11T00:00), got none: every open hour falls on a holiday or after the horizon, so the service introduction team would never work',
    );
  });

  it('its setup is a setup item: setupEffort × hourlyRate, in every variant', () => {
    const s = parseScenarioText(`name: acme\nteams:\n  serviceIntroduction: { setupEffort: 10h, hourlyRate: 60 }\n`, 'acme.yaml');
    const without = parseScenarioText('name: acme\n', 'acme.yaml');
    for (const variant of ['normal', 'preApproved'] as const) {
      expect(setupCostItems(s, variant).serviceIntroduction).toBe(600);
      expect(setupCost(s, variant) - setupCost(without, variant)).toBe(600);
      expect(setupCostItems(without, variant).serviceIntroduction).toBe(0);
    }
  });
});

describe('teams.applicationSupport.rescheduling', () => {
  it('reads a probability; an empty section is 0 (off)', () => {
    const on = parseScenarioText('name: acme\nteams:\n  applicationSupport:\n    rescheduling: { probability: 0.1 }\n', 'acme.yaml');
    expect(on.teams.applicationSupport.rescheduling).toEqual({ probability: 0.1 });
    const off = parseScenarioText('name: acme\nteams:\n  applicationSupport:\n    rescheduling: {}\n', 'acme.yaml');
    expect(off.teams.applicationSupport.rescheduling).toEqual({ probability: 0 });
  });

  it('refuses 1 (never deployed), a negative number and unknown keys', () => {
    expect(errorsOf('name: acme\nteams:\n  applicationSupport:\n    rescheduling: { probability: 1 }\n')).toBe(
      'scenarios/acme.yaml:4:34 teams.applicationSupport.rescheduling.probability: expected a probability ≥ 0 and < 1 (a deployment bumped every time would never deploy), got 1',
    );
    expect(errorsOf('name: acme\nteams:\n  applicationSupport:\n    rescheduling: { probability: -0.1 }\n')).toBe(
      'scenarios/acme.yaml:4:34 teams.applicationSupport.rescheduling.probability: expected a probability between 0 and 1, got -0.1',
    );
    expect(errorsOf('name: acme\nteams:\n  applicationSupport:\n    rescheduling: { probabilty: 0.1 }\n')).toBe(
      'scenarios/acme.yaml:4:21 teams.applicationSupport.rescheduling.probabilty: unknown key; did you mean "probability"?',
    );
  });

  it('--set reaches the new fields', () => {
    const s = parseScenarioText('name: acme\n', 'acme.yaml', ['teams.applicationSupport.rescheduling.probability=0.2', 'teams.serviceIntroduction.people=4']);
    expect(s.teams.applicationSupport.rescheduling).toEqual({ probability: 0.2 });
    expect(s.teams.serviceIntroduction?.people).toBe(4);
  });
});

describe('the JSON Schema lists every new field, described', () => {
  const schema = JSON.stringify(scenarioJsonSchema());
  it.each(['serviceIntroduction', 'launchShare', 'rescheduling', 'setupEffort', 'Assess', 'bumped'])('%s', (word) => {
    if (word === 'Assess') expect(schema).toMatch(/assess(es)? .*operational readiness/i);
    else expect(schema).toContain(word);
  });
});
