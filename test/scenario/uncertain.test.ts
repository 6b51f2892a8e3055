// The scenario section `uncertain:` (issue 22): ranges by --set path with units, converted to the
// field's unit (minutes of calendar or working time), and validated like --set with located messages.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { errorsOf } from './helpers.js';

// Classes given in the file: a path under classes that the file lacks would replace the default classes, as --set does.
const BASE = 'name: acme\nclasses:\n  small: { share: 0.7 }\n  large: { share: 0.3 }\n';

describe('uncertain:', () => {
  it('reads ranges with units, in the file order: kinds, minutes of calendar or working time, integers, default shapes', () => {
    const text = `${BASE}uncertain:
  classes.large.downtimeShare: { low: 0.3, likely: 0.5, high: 0.9 }
  teams.changeManagement.cab.cutoff: { low: 1d, high: 3d }
  classes.large.efforts.handover: { low: 4h, likely: 1d, high: 3d, distribution: triangular }
  teams.delivery.people: { low: 5, high: 9 }
`;
    expect(parseScenarioText(text, 'acme.yaml').uncertain).toEqual([
      { path: 'classes.large.downtimeShare', kind: 'number', low: 0.3, likely: 0.5, high: 0.9, distribution: 'pert', text: { low: '0.3', likely: '0.5', high: '0.9' } },
      // A day of calendar time is 1,440 minutes; a day of effort is one 8-hour working day (480).
      { path: 'teams.changeManagement.cab.cutoff', kind: 'duration', low: 1440, high: 4320, distribution: 'uniform', text: { low: '1d', high: '3d' } },
      { path: 'classes.large.efforts.handover', kind: 'effort', low: 240, likely: 480, high: 1440, distribution: 'triangular', text: { low: '4h', likely: '1d', high: '3d' } },
      { path: 'teams.delivery.people', kind: 'integer', low: 5, high: 9, distribution: 'uniform', text: { low: '5', high: '9' } },
    ]);
  });

  it('leaves the scenario as it was: a file without the section has no uncertain inputs', () => {
    const plain = parseScenarioText(BASE, 'acme.yaml');
    expect(plain.uncertain).toBeUndefined();
    const { uncertain, ...rest } = parseScenarioText(`${BASE}uncertain: { classes.small.failureRate: { low: 0.1, high: 0.2 } }\n`, 'acme.yaml');
    expect(uncertain).toHaveLength(1);
    expect(rest).toEqual(plain);
  });

  it('refuses unknown paths, values the field refuses, low above high, likely outside, located', () => {
    const text = `${BASE}uncertain:
  classes.large.downtimeShar: { low: 0.3, likely: 0.5, high: 0.9 }
  classes.large.failureRate: { low: 0.3, likely: 0.5, high: 1.2 }
  classes.small.failureRate: { low: 0.3, high: 0.1 }
  classes.small.rejectionRate: { low: 0.1, likely: 0.5, high: 0.3 }
  teams.changeManagement.cab.cutoff: { low: 1, high: 3d }
  teams.changeManagement.cab.days: { low: 1, high: 3 }
  classes.small.downtimeShare: { low: 0.1, high: 0.3, distribution: triangular }
  classes.small.launchShare: { low: 0.1, high: 0.3, distribution: normal }
  classes.small.share: { low: 0.1, hi: 0.3 }
  seed: { low: 1, high: 3 }
  teams.delivery.count: 4
  teams.delivery.people: { low: 0, high: 3 }
`;
    expect(errorsOf(text, 'acme.yaml').split('\n')).toEqual([
      'acme.yaml:6:3 uncertain.classes.large.downtimeShar: unknown key; did you mean "downtimeShare"?',
      'acme.yaml:7:61 uncertain.classes.large.failureRate.high: expected a probability ≥ 0 and < 1 (a change whose every deployment fails never goes live), got 1.2',
      'acme.yaml:8:48 uncertain.classes.small.failureRate.high: expected a high at least the low (0.3), got 0.1',
      'acme.yaml:9:52 uncertain.classes.small.rejectionRate.likely: expected a likely value from the low to the high (0.1 to 0.3), got 0.5',
      'acme.yaml:10:45 uncertain.teams.changeManagement.cab.cutoff.low: expected a duration with a unit such as 30m, 4h, 2d or 1w (the field is a time), got 1',
      'acme.yaml:11:3 uncertain.teams.changeManagement.cab.days: expected the path of a number or a time (such as classes.large.downtimeShare or teams.changeManagement.cab.cutoff), got "teams.changeManagement.cab.days"',
      'acme.yaml:12:69 uncertain.classes.small.downtimeShare.distribution: expected uniform for a range without a likely value (or give likely for triangular), got "triangular"',
      'acme.yaml:13:67 uncertain.classes.small.launchShare.distribution: expected one of pert, triangular, uniform, got "normal"',
      'acme.yaml:14:36 uncertain.classes.small.share.hi: unknown key; did you mean "high"?',
      'acme.yaml:15:3 uncertain.seed: expected the path of a number or a time (such as classes.large.downtimeShare or teams.changeManagement.cab.cutoff), got "seed"',
      'acme.yaml:16:25 uncertain.teams.delivery.count: expected a map of keys and values, got 4',
      'acme.yaml:17:33 uncertain.teams.delivery.people.low: expected a positive integer, got 0',
    ]);
  });

  it('refuses more than 50 inputs before checking any (each check resolves the scenario)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `  classes.small${i}.share: { low: 0, high: 1 }`).join('\n');
    const t0 = performance.now();
    expect(errorsOf(`${BASE}uncertain:\n${many}\n`, 'acme.yaml')).toBe('acme.yaml:5:1 uncertain: expected at most 50 uncertain inputs, got 5000');
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it("addresses a delivery group's field by the group's name, as --set does (a name with a dot included); a group the file lacks is refused", () => {
    const groups = `${BASE}teams:
  delivery:
    - { name: web London, count: 4, featuresPerWeek: 1.2 }
    - { name: data.pune, count: 2, featuresPerWeek: 0.5, pipelineSetupEffort: 40h }
`;
    expect(parseScenarioText(`${groups}uncertain:
  teams.delivery.web-london.featuresPerWeek: { low: 1, likely: 1.2, high: 1.5 }
  teams.delivery.data.pune.pipelineSetupEffort: { low: 1d, high: 10d }
  teams.delivery.data.pune.count: { low: 1, high: 3 }
`, 'acme.yaml').uncertain).toEqual([
      { path: 'teams.delivery.web-london.featuresPerWeek', kind: 'number', low: 1, likely: 1.2, high: 1.5, distribution: 'pert', text: { low: '1', likely: '1.2', high: '1.5' } },
      { path: 'teams.delivery.data.pune.pipelineSetupEffort', kind: 'effort', low: 480, high: 4800, distribution: 'uniform', text: { low: '1d', high: '10d' } },
      { path: 'teams.delivery.data.pune.count', kind: 'integer', low: 1, high: 3, distribution: 'uniform', text: { low: '1', high: '3' } },
    ]);
    expect(errorsOf(`${groups}uncertain:
  teams.delivery.web-paris.featuresPerWeek: { low: 1, high: 1.5 }
  teams.delivery.web-london.featuresPerWeek: { low: 1, high: 101 }
  teams.delivery.web-london.bogus: { low: 1, high: 2 }
`, 'acme.yaml').split('\n')).toEqual([
      'acme.yaml:10:52 uncertain.teams.delivery.web-paris.featuresPerWeek.low: no delivery group named "web-paris"; the groups are web-london, data-pune',
      'acme.yaml:10:61 uncertain.teams.delivery.web-paris.featuresPerWeek.high: no delivery group named "web-paris"; the groups are web-london, data-pune',
      'acme.yaml:11:62 uncertain.teams.delivery.web-london.featuresPerWee….high: expected a number ≥ 0 no greater than 100, got 101',
      'acme.yaml:12:3 uncertain.teams.delivery.web-london.bogus: expected the path of a number or a time (such as classes.large.downtimeShare or teams.changeManagement.cab.cutoff), got "teams.delivery.web-london.bogus"',
    ]);
  });

  it('refuses a section that is not a map', () => {
    expect(errorsOf(`${BASE}uncertain: [a, b]\n`, 'acme.yaml')).toBe('acme.yaml:5:12 uncertain: expected a map of keys and values, got a list');
  });
});
