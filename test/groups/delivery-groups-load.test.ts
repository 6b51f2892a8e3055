// teams.delivery as a list of groups: how it loads (defaults, class mix, regional holidays, team
// numbering) and its errors, pinned; the single-map form loads as one group named "delivery".
import { describe, expect, it } from 'vitest';
import { deliveryGroups } from '../../src/scenario/index.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { DEFAULT_TEXT, errorsOf } from '../scenario/helpers.js';

const SINGLE = / {2}delivery:\n( {4}.*\n)+?(?= {2}changeManagement:)/;

/** The default scenario with teams.delivery replaced by `yaml` (indented under `delivery:`). */
export function withDelivery(yaml: string): string {
  if (!SINGLE.test(DEFAULT_TEXT)) throw new Error('default scenario has no teams.delivery block');
  return DEFAULT_TEXT.replace(SINGLE, `  delivery:\n${yaml}`);
}

const TWO_GROUPS = `    - name: web London
      count: 8
      people: 6
      hourlyRate: 80
      featuresPerWeek: 1.2
      classShares: { small: 0.8, large: 0.2 }
    - name: data Pune
      count: 4
      hours: [mon-fri 04:00-12:30]
      hourlyRate: 35
      classShares: { large: 1 }
      holidays: [2027-01-26, { date: 2027-10-29, name: Diwali }]
`;

describe('teams.delivery as a list of groups', () => {
  it('loads each group with its own fields, defaults, class mix, holidays and first team', () => {
    const s = parseScenarioText(withDelivery(TWO_GROUPS), 'bank.yaml');
    const d = s.teams.delivery;
    expect(d.listed).toBe(true);
    expect(d.count).toBe(12);
    const [web, data] = d.groups!;
    expect(web).toMatchObject({ name: 'web London', count: 8, people: 6, hourlyRate: 80, featuresPerWeek: 1.2, firstTeam: 0, classShares: [0.8, 0.2] });
    expect(web!.hours).toEqual(['mon-fri 09:00-17:30']); // the documented default
    expect(web!.holidays).toBe(s.holidays); // no list of its own: the scenario's
    expect(data).toMatchObject({ name: 'data Pune', count: 4, people: 7, hourlyRate: 35, featuresPerWeek: 1, firstTeam: 8, classShares: [0, 1] });
    expect(data!.pipelineSetupEffort).toBe(120 * 60);
    // 2027-01-26 is day 22 after Monday 2027-01-04: [22 d, 23 d) in minutes.
    expect(data!.holidays).toEqual([
      { name: '2027-01-26', from: 22 * 1440, to: 23 * 1440 },
      { name: 'Diwali', from: 298 * 1440, to: 299 * 1440 },
    ]);
  });

  it('reads the single map as before (no groups stored) and as one group named "delivery"', () => {
    const s = parseScenarioText(DEFAULT_TEXT, 'default.yaml');
    expect(Object.keys(s.teams.delivery)).toEqual(['count', 'people', 'hours', 'hourlyRate', 'featuresPerWeek', 'pipelineSetupEffort']);
    expect(deliveryGroups(s)).toEqual([
      { name: 'delivery', count: 6, people: 7, hours: ['mon-fri 09:00-17:30'], hourlyRate: 75, featuresPerWeek: 1, pipelineSetupEffort: 7200, release: { kind: 'perFeature' }, classShares: [0.7, 0.3], holidays: s.holidays, firstTeam: 0 },
    ]);
  });

  it('names the group, the field and the problem in its errors', () => {
    expect(errorsOf(withDelivery('    - count: 3\n'), 'bank.yaml')).toContain('teams.delivery[0].name');
    expect(errorsOf(withDelivery('    - count: 3\n'), 'bank.yaml')).toContain('missing required key "name"');
    const twice = errorsOf(withDelivery('    - { name: web }\n    - { name: web }\n'), 'bank.yaml');
    expect(twice).toContain('teams.delivery[1].name');
    expect(twice).toContain('expected each group name once, got "web" twice');
    const sum = errorsOf(withDelivery('    - { name: web, classShares: { small: 0.5, large: 0.4 } }\n'), 'bank.yaml');
    expect(sum).toContain('teams.delivery[0].classShares');
    expect(sum).toContain('expected class shares that sum to 1, got small 0.5 + large 0.4 = 0.9');
    const unknown = errorsOf(withDelivery('    - { name: web, classShares: { smal: 1 } }\n'), 'bank.yaml');
    expect(unknown).toContain('teams.delivery[0].classShares.smal');
    expect(unknown).toContain('did you mean "small"?');
    expect(errorsOf(withDelivery('    - { name: web, count: 0 }\n'), 'bank.yaml')).toContain('teams.delivery[0].count');
    expect(errorsOf(withDelivery('    - { name: web, colour: red }\n'), 'bank.yaml')).toContain('teams.delivery[0].colour');
    expect(errorsOf(withDelivery('    []\n'), 'bank.yaml')).toContain('at least one group');
    expect(errorsOf(withDelivery('    - 3\n'), 'bank.yaml')).toContain('expected a group: a map with a name');
    const many = errorsOf(withDelivery('    - { name: a, count: 600 }\n    - { name: b, count: 600 }\n'), 'bank.yaml');
    expect(many).toContain('expected at most 1,000 delivery teams over all groups, got 1200 teams');
  });

  it('refuses a group whose hours never open within the horizon, naming the group', () => {
    const text = withDelivery('    - { name: web }\n    - { name: night, hours: [sun 00:00-01:00], holidays: [] }\n').replace('horizon: 52w', 'horizon: 5d').replace('warmup: 8w', 'warmup: 0d');
    const e = errorsOf(text, 'bank.yaml');
    expect(e).toContain('teams.delivery[1].hours');
    expect(e).toContain('the delivery group "night"');
  });
});

describe('teams.delivery.release', () => {
  it('reads perFeature, { batch: N } and { every: 2w }, in the single map and per group', () => {
    const single = parseScenarioText(DEFAULT_TEXT.replace('    featuresPerWeek: 1\n', '    featuresPerWeek: 1\n    release: { batch: 3 }\n'), 'b.yaml');
    expect(single.teams.delivery.release).toEqual({ kind: 'batch', size: 3 });
    expect(deliveryGroups(single)[0]!.release).toEqual({ kind: 'batch', size: 3 });
    const groups = parseScenarioText(withDelivery('    - { name: a, release: { every: 2w } }\n    - { name: b, release: perFeature }\n    - { name: c }\n'), 'g.yaml');
    expect(groups.teams.delivery.groups!.map((g) => g.release)).toEqual([{ kind: 'every', period: 14 * 1440 }, { kind: 'perFeature' }, { kind: 'perFeature' }]);
    expect('release' in parseScenarioText(DEFAULT_TEXT, 'd.yaml').teams.delivery).toBe(false);
  });

  it('refuses other forms with the path and what was expected', () => {
    const err = (release: string) => errorsOf(DEFAULT_TEXT.replace('    featuresPerWeek: 1\n', `    featuresPerWeek: 1\n    release: ${release}\n`), 'b.yaml');
    expect(err('weekly')).toContain('teams.delivery.release: expected perFeature, { batch: N } or { every: 2w }, got "weekly"');
    expect(err('{ batch: 0 }')).toContain('teams.delivery.release.batch');
    expect(err('{ batch: 2, every: 2w }')).toContain('expected one of perFeature, { batch: N } or { every: 2w }, got batch and every');
    expect(err('{ every: 4h }')).toContain('teams.delivery.release.every: expected a release period of at least 1d, got "4h"');
    expect(err('{ evry: 2w }')).toContain('did you mean "every"?');
  });
});
