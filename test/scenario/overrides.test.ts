// --set path=value overrides.
import { describe, expect, it } from 'vitest';
import { formatScenarioError } from '../../src/scenario/index.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { applyOverrides } from '../../src/scenario/overrides.js';
import { DEFAULT_FILE } from './helpers.js';

function errorsWith(overrides: string[]): string {
  try {
    loadScenario(DEFAULT_FILE, { overrides });
    return '';
  } catch (err) {
    return formatScenarioError(err);
  }
}

describe('--set overrides', () => {
  it('sets the number of delivery teams', () => {
    expect(loadScenario(DEFAULT_FILE, { overrides: ['teams.delivery.count=25'] }).teams.delivery.count).toBe(25);
  });

  it('reads values as YAML: durations, lists, class fields', () => {
    const s = loadScenario(DEFAULT_FILE, {
      overrides: ['teams.changeManagement.cab.days=[tue, thu]', 'horizon=26w', 'classes.small.efforts.fix=1d', 'classes.large.preApproved.share=0.5'],
    });
    expect(s.teams.changeManagement.cab.days).toEqual([1, 3]);
    expect(s.horizon).toBe(26 * 10080);
    expect(s.classes[0]!.efforts.fix).toEqual({ kind: 'fixed', value: 480 });
    expect(s.classes[1]!.preApproved.share).toBe(0.5);
  });

  it('creates sections the file does not have', () => {
    const s = loadScenario('scenarios/ops-run-it.yaml', { overrides: ['classes.small.efforts.fix.lognormal.p90=3d'] });
    expect(s.classes[0]!.efforts.fix).toEqual({ kind: 'lognormal', median: 240, p90: 1440 });
  });

  it('an unknown path suggests the nearest key', () => {
    expect(errorsWith(['teams.delivery.cout=25'])).toBe('--set teams.delivery.cout=25 teams.delivery.cout: unknown key; did you mean "count"?');
    expect(errorsWith(['team.delivery.count=25'])).toBe('--set team.delivery.count=25 team: unknown key; did you mean "teams"?');
  });

  it('a bad value is reported against the --set argument', () => {
    expect(errorsWith(['teams.delivery.count=-2'])).toBe('--set teams.delivery.count=-2 teams.delivery.count: expected a positive integer, got -2');
    expect(errorsWith(['horizon=52'])).toBe('--set horizon=52 horizon: expected a duration with a unit such as 30m, 4h, 2d or 1w, got 52');
  });

  it('an argument without "=" is malformed', () => {
    expect(errorsWith(['teams.delivery.count'])).toBe(
      '--set teams.delivery.count expected --set path=value, such as teams.delivery.count=25, got "teams.delivery.count"',
    );
  });

  it('applyOverrides writes own properties only: even a __proto__ path never reaches Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      const raw = { classes: { small: { share: 1 } } };
      const result = applyOverrides(raw, [
        { arg: '__proto__.seed=7', path: ['__proto__', 'seed'], value: 7 },
        { arg: 'classes.__proto__.failureRate=1', path: ['classes', '__proto__', 'failureRate'], value: 1 },
        { arg: 'constructor=1', path: ['constructor'], value: 1 },
      ]).raw as Record<string, Record<string, unknown>>;
      expect(proto.seed).toBeUndefined();
      expect(proto.failureRate).toBeUndefined();
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect(Object.keys(result)).toEqual(['classes', '__proto__', 'constructor']);
      expect(Object.keys(result.classes!)).toEqual(['small', '__proto__']);
      expect(raw).toEqual({ classes: { small: { share: 1 } } });
    } finally {
      delete proto.seed;
      delete proto.failureRate;
    }
  });
});
