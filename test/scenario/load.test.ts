// The default scenario resolves to the expected minutes and values; defaults fill a minimal file;
// JSON loads like YAML; the result is immutable.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenarioText } from '../../src/node/scenario-files.js';
import { DEFAULT_FILE } from './helpers.js';

describe('the default scenario', () => {
  const s = loadScenario(DEFAULT_FILE);

  it('resolves the top level', () => {
    expect(s).toMatchObject({
      name: 'ops-run-it',
      currency: 'GBP',
      start: '2027-01-04T00:00',
      horizon: 524160, // 52w
      warmup: 80640, // 8w
      replications: 20,
      seed: 42,
      variants: ['normal', 'preApproved'],
    });
  });

  it('resolves holidays and freezes to whole days in engine minutes', () => {
    expect(s.holidays[0]).toEqual({ name: 'Good Friday', from: 88 * 1440, to: 89 * 1440 });
    expect(s.holidays).toHaveLength(7);
    // 2027-12-17 is 347 days after 2027-01-04; 2028-01-04 is 365 days after.
    expect(s.freezes).toEqual([{ name: 'Year-end change freeze', from: 347 * 1440, to: 365 * 1440 }]);
  });

  it('resolves the CAB: Tuesday 10:00, 2h, cutoff 20h', () => {
    expect(s.teams.changeManagement.cab).toEqual({
      days: [1], time: 600, duration: 120, cutoff: 1200, capacity: 15, attendees: 8, hourlyRate: 80,
    });
  });

  it('reads efforts in working time: a day of effort is 8 hours', () => {
    const large = s.classes.find((c) => c.name === 'large')!;
    expect(large.efforts.handover).toEqual({ kind: 'lognormal', median: 480, p90: 1440 }); // 1d, 3d
    expect(large.efforts.fix).toEqual({ kind: 'lognormal', median: 480, p90: 1920 }); // 1d, 4d
    expect(large.efforts.acceptance).toEqual({ kind: 'fixed', value: 60 });
    const small = s.classes.find((c) => c.name === 'small')!;
    expect(small.efforts.fix).toEqual({ kind: 'lognormal', median: 240, p90: 960 }); // 4h, 2d = 960
    expect(small.preApproved.deployment).toEqual({ kind: 'triangular', min: 10, mode: 20, max: 60 });
    expect(s.teams.delivery.pipelineSetupEffort).toBe(7200); // 120h
  });

  it('resolves classes and teams', () => {
    expect(s.classes.map((c) => [c.name, c.share])).toEqual([['small', 0.7], ['large', 0.3]]);
    const large = s.classes[1]!;
    expect(large.preApproved.share).toBe(0);
    expect(large.preApproved.failureRate).toBe(0.1); // not in the file: the documented default
    expect(large.costOfDelay).toEqual({ profile: 'standard', perWeek: 4000, deadline: 40320, penalty: 0, risesAfter: 120960, perWeekAfter: 4000 });
    expect(s.teams.delivery).toEqual({
      count: 6, people: 7, hours: ['mon-fri 09:00-17:30'], hourlyRate: 75, featuresPerWeek: 1, pipelineSetupEffort: 7200,
    });
    expect(s.teams.applicationSupport).toMatchObject({
      otherWork: { share: 0.5, jobEffort: { kind: 'exponential', mean: 120 }, arrivals: 'workingHours' },
      outOfHoursWindows: ['sat 22:00-04:00'], onFailure: 'redeploy',
    });
    expect(s.costs).toEqual({ licencesPerMonth: 1200, licencePerChange: 10, pipelineSetup: 20000, setupAmortisationYears: 3 });
  });

  it('is immutable', () => {
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.teams.changeManagement.cab.days)).toBe(true);
    expect(() => {
      (s.teams.delivery as { count: number }).count = 1;
    }).toThrow(TypeError);
  });
});

describe('defaults', () => {
  it('a file with only a name equals the default scenario, less its dates and description', () => {
    const minimal = parseScenarioText('name: ops-run-it\n', 'minimal.yaml');
    const full = loadScenario(DEFAULT_FILE);
    expect({ ...minimal, description: '', holidays: [], freezes: [] }).toEqual({ ...full, description: '', holidays: [], freezes: [] });
  });

  it('an unknown class name takes the small defaults; capacity may be unlimited', () => {
    const s = parseScenarioText(
      'name: x\nclasses:\n  tiny: { share: 1 }\nteams:\n  changeManagement:\n    cab: { capacity: unlimited }\n',
      'x.yaml',
    );
    expect(s.classes[0]!.efforts.acceptance).toEqual({ kind: 'fixed', value: 30 });
    expect(s.classes[0]!.preApproved.share).toBe(1);
    expect(s.teams.changeManagement.cab.capacity).toBe(Number.POSITIVE_INFINITY);
  });

  it('reads every distribution syntax', () => {
    const s = parseScenarioText(
      [
        'name: x',
        'classes:',
        '  only:',
        '    share: 1',
        '    efforts:',
        '      changeDocumentation: { lognormal: { mean: 2h, sd: 1h } }',
        '      assessment: { uniform: { min: 30m, max: 1h } }',
        '      rework: { exponential: { mean: 1d } }',
        '      handover: { gamma: { mean: 2h, sd: 30m } }',
        '      deployment: { weibull: { shape: 1.5, scale: 1h30m } }',
        '      rollback: { empirical: [1h, 2h, 1d] }',
      ].join('\n'),
      'x.yaml',
    );
    expect(s.classes[0]!.efforts).toMatchObject({
      changeDocumentation: { kind: 'lognormalMeanSd', mean: 120, sd: 60 },
      assessment: { kind: 'uniform', min: 30, max: 60 },
      rework: { kind: 'exponential', mean: 480 },
      handover: { kind: 'gamma', mean: 120, sd: 30 },
      deployment: { kind: 'weibull', shape: 1.5, scale: 90 },
      rollback: { kind: 'empirical', values: [60, 120, 480] },
    });
  });

  it('accepts a start date-time and YAML 1.1 timestamps', () => {
    expect(parseScenarioText('name: x\nstart: 2027-01-04T08:30\n', 'x.yaml').start).toBe('2027-01-04T08:30');
    const s = parseScenarioText('%YAML 1.1\n---\nname: x\nstart: 2027-01-04\nholidays: [2027-01-05]\n', 'x.yaml');
    expect(s.start).toBe('2027-01-04T00:00');
    expect(s.holidays).toEqual([{ name: '2027-01-05', from: 1440, to: 2880 }]);
  });
});

describe('JSON scenario files', () => {
  it('load the same way as YAML', () => {
    const asJson = JSON.stringify(parseYaml(readFileSync(DEFAULT_FILE, 'utf8')), null, 2);
    expect(parseScenarioText(asJson, 'ops-run-it.json')).toEqual(loadScenario(DEFAULT_FILE));
  });

  it('errors in JSON point at the line and column', () => {
    expect(() => parseScenarioText('{\n  "name": "x",\n  "seed": "one"\n}\n', 'x.json')).toThrow(
      'x.json:3:11 seed: expected an integer, got "one"',
    );
  });
});
