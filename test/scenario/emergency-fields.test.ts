// Emergency changes in scenario files: defaults, units, pinned errors, the JSON Schema, --set.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';
import { hasEmergencyChanges } from '../../src/scenario/types.js';
import { errorsOf } from './helpers.js';

const at = (line: number, col: number, rest: string): string => `scenarios/acme.yaml:${line}:${col} ${rest}`;

describe('emergency fields: defaults and units', () => {
  it('default: no emergency changes; the documented failure rates and emergency CAB', () => {
    const s = parseScenarioText('name: acme\n', 'acme.yaml');
    expect(s.classes.map((c) => [c.name, c.emergencyShare, c.emergencyFailureRate])).toEqual([['small', 0, 0.3], ['large', 0, 0.5]]);
    expect(hasEmergencyChanges(s)).toBe(false);
    expect(s.teams.changeManagement.emergencyCab).toEqual({
      raiseEffort: { kind: 'lognormal', median: 30, p90: 90 },
      approval: { kind: 'lognormal', median: 30, p90: 120 },
      approvalEffort: 30,
      review: { delivery: { kind: 'fixed', value: 120 }, changeManagement: { kind: 'fixed', value: 60 } },
    });
  });

  it('approval is calendar time (1d = 24 hours); the efforts are working time (1d = 8 hours)', () => {
    const s = parseScenarioText(
      'name: acme\nclasses:\n  small: { share: 1, emergencyShare: 0.05 }\nteams:\n  changeManagement:\n    emergencyCab: { approval: 1d, raiseEffort: 1d, review: { delivery: 1d } }\n',
      'acme.yaml',
    );
    const e = s.teams.changeManagement.emergencyCab;
    expect(e.approval).toEqual({ kind: 'fixed', value: 1440 });
    expect(e.raiseEffort).toEqual({ kind: 'fixed', value: 480 });
    expect(e.review.delivery).toEqual({ kind: 'fixed', value: 480 });
    expect(e.review.changeManagement).toEqual({ kind: 'fixed', value: 60 });
    expect(hasEmergencyChanges(s)).toBe(true);
  });

  it('--set classes.small.emergencyShare=0.05 switches them on', () => {
    const s = parseScenarioText('name: acme\nclasses:\n  small: { share: 0.7 }\n  large: { share: 0.3 }\n', 'acme.yaml', ['classes.small.emergencyShare=0.05']);
    expect(s.classes.map((c) => c.emergencyShare)).toEqual([0.05, 0]);
  });
});

describe('emergency fields: pinned errors', () => {
  const share = (v: string): string => `name: acme\nclasses:\n  small: { share: 1, emergencyShare: ${v} }\n`;
  const cab = (body: string): string => `name: acme\nteams:\n  changeManagement:\n    emergencyCab:\n      ${body}\n`;

  it('a share outside 0..1, or not a number', () => {
    expect(errorsOf(share('1.5'))).toBe(at(3, 38, 'classes.small.emergencyShare: expected a probability between 0 and 1, got 1.5'));
    expect(errorsOf(share('-0.1'))).toBe(at(3, 38, 'classes.small.emergencyShare: expected a probability between 0 and 1, got -0.1'));
    expect(errorsOf(share('"a lot"'))).toBe(at(3, 38, 'classes.small.emergencyShare: expected a probability between 0 and 1, got "a lot"'));
  });

  it('a failure rate above 1, and a misspelt key', () => {
    expect(errorsOf('name: acme\nclasses:\n  small: { share: 1, emergencyFailureRate: 2 }\n')).toBe(
      at(3, 44, 'classes.small.emergencyFailureRate: expected a probability ≥ 0 and < 1 (an emergency change that always fails never goes live), got 2'),
    );
    expect(errorsOf('name: acme\nclasses:\n  small: { share: 1, emergencyFailureRate: 1 }\n')).toBe(
      at(3, 44, 'classes.small.emergencyFailureRate: expected a probability ≥ 0 and < 1 (an emergency change that always fails never goes live), got 1'),
    );
    expect(errorsOf('name: acme\nclasses:\n  small: { share: 1, emergencyshare: 0.1 }\n')).toBe(
      at(3, 22, 'classes.small.emergencyshare: unknown key; did you mean "emergencyShare"?'),
    );
  });

  it('the emergency CAB: a bare number, disordered percentiles, unknown keys, bad units, not a map', () => {
    expect(errorsOf(cab('approval: 5'))).toBe(
      at(5, 17, 'teams.changeManagement.emergencyCab.approval: expected a duration such as 1h, or a distribution of durations such as { lognormal: { median: 30m, p90: 2h } }, got 5'),
    );
    expect(errorsOf(cab('approval: { lognormal: { median: 2h, p90: 1h } }'))).toBe(
      at(5, 30, 'teams.changeManagement.emergencyCab.approval.lognormal: expected a p90 greater than the median (0 < median < p90), got median 2h and p90 1h'),
    );
    expect(errorsOf(cab('aproval: 1h'))).toBe(at(5, 7, 'teams.changeManagement.emergencyCab.aproval: unknown key; did you mean "approval"?'));
    expect(errorsOf(cab('review: { qa: 2h }'))).toBe(at(5, 17, 'teams.changeManagement.emergencyCab.review.qa: unknown key; expected one of delivery, changeManagement'));
    expect(errorsOf(cab('review: { delivery: 2x }'))).toBe(
      at(5, 27, 'teams.changeManagement.emergencyCab.review.delivery: expected an effort such as 4h, or a distribution such as { lognormal: { median: 2h, p90: 6h } }, got "2x"'),
    );
    expect(errorsOf(cab('approvalEffort: 30'))).toBe(
      at(5, 23, 'teams.changeManagement.emergencyCab.approvalEffort: expected an effort with a unit such as 30m, 4h, 2d (8-hour working days) or 1w (40 hours), got 30'),
    );
    expect(errorsOf('name: acme\nteams:\n  changeManagement:\n    emergencyCab: []\n')).toBe(
      at(4, 19, 'teams.changeManagement.emergencyCab: expected a map of keys and values, got an empty list'),
    );
  });
});

describe('emergency fields in the JSON Schema', () => {
  it('describes each field with its default and source', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown> };
    const cls = (schema.properties.classes as { additionalProperties: { properties: Record<string, { type: string; minimum: number; maximum: number; description: string }> } }).additionalProperties.properties;
    expect([cls.emergencyShare!.minimum, cls.emergencyShare!.maximum, cls.emergencyFailureRate!.minimum]).toEqual([0, 1, 0]);
    expect((cls.emergencyFailureRate as unknown as { exclusiveMaximum: number }).exclusiveMaximum).toBe(1);
    expect(cls.emergencyShare!.description).toContain('Default: small 0, large 0');
    expect(cls.emergencyFailureRate!.description).toContain('Default: small 0.3, large 0.5');
    const teams = schema.properties.teams as { properties: { changeManagement: { properties: Record<string, { description: string; properties: Record<string, { description: string }> }> } } };
    const e = teams.properties.changeManagement.properties.emergencyCab!;
    expect(Object.keys(e.properties)).toEqual(['raiseEffort', 'approval', 'approvalEffort', 'review']);
    expect(e.properties.approval!.description).toContain('Default: {"lognormal":{"median":"30m","p90":"2h"}}. Source: CAB practice: emergency changes are approved by an emergency CAB');
    expect(e.properties.approvalEffort!.description).toContain('Default: 30m. Source: assumption.');
  });
});
