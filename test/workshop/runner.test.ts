// The workshop's runner on this thread: its summaries are exactly summary.json of `orisim run` with
// the same --set changes, seed and replications (byte for byte as JSON), for the shipped scenario and
// three lever settings; the default levers read today's values from the scenario; the steps double
// to the cap; an overloaded setting carries its warning.
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/output/write-run.js';
import { defaultLevers, leversFromSection, overridesOf, todayOverrides } from '../../src/report/workshop/levers.js';
import { replicationSteps } from '../../src/report/workshop/runner.js';
import { designWarnings } from '../../src/report/workshop/view.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { parse } from 'yaml';
import { cliSummary, FILE, runNode, SETTINGS, shippedSource } from './helpers.js';

const source = shippedSource();
const levers = defaultLevers(parseScenarioText(source.text, FILE), parse(source.text));

describe('the default levers of the shipped scenario', () => {
  it('name their paths and read today from the scenario', () => {
    expect(levers.map((l) => `${l.path} = ${l.today}`)).toEqual([
      'variant = normal',
      'teams.changeManagement.cab.days = [tue]',
      'teams.changeManagement.cab.cutoff = 20h',
      'classes.small.preApproved.share = 1',
      'classes.large.preApproved.share = 0',
      'teams.applicationSupport.people = 3',
      'teams.applicationSupport.outOfHoursWindows = [sat 22:00-04:00]',
      'teams.delivery.release = perFeature',
      'teams.delivery.count = 6',
    ]);
    for (const l of levers) expect(l.values).toContain(l.today);
  });

  it('give only the changed levers as --set changes, the design first', () => {
    expect(todayOverrides(levers)).toEqual(['variants=[normal]']);
    expect(overridesOf(levers, {})).toEqual(['variants=[normal]']);
    expect(overridesOf(levers, SETTINGS[1]!)).toEqual([
      'variants=[normal]',
      'teams.changeManagement.cab.days=[tue, thu]',
      'teams.applicationSupport.people=4',
      'teams.delivery.release={batch: 3}',
    ]);
    expect(overridesOf(levers, { 'teams.applicationSupport.people': '3', variant: 'preApproved' })).toEqual(['variants=[preApproved]']);
  });
});

describe("a scenario's levers: section", () => {
  it('gives the levers, with words and today from the default lever of the same path', () => {
    const section = leversFromSection({ 'teams.applicationSupport.people': [2, 4, 6], variant: ['normal', 'preApproved'], 'classes.large.preApproved.share': { from: 0.25, to: 0.75, step: 0.25 } }, levers);
    expect(section.map((l) => [l.path, l.control, l.values.join(' '), l.today])).toEqual([
      ['teams.applicationSupport.people', 'slider', '2 3 4 6', '3'],
      ['variant', 'select', 'normal preApproved', 'normal'],
      ['classes.large.preApproved.share', 'slider', '0 0.25 0.5 0.75', '0'],
    ]);
    expect(section[1]!.names).toEqual(['normal changes (CAB)', 'pre-approved (standard) changes']);
  });
});

describe('the runner', () => {
  it('steps 10, 20, 40… to the cap', () => {
    expect(replicationSteps(80)).toEqual([10, 20, 40, 80]);
    expect(replicationSteps(30)).toEqual([10, 20, 30]);
    expect(replicationSteps(5)).toEqual([5]);
  });

  it.each(SETTINGS.map((s, i) => [i + 1, s] as const))('setting %i: today and the what-if are exactly summary.json of orisim run with the same --set, seed and replications', async (_i, setting) => {
    const whatIf = overridesOf(levers, setting);
    const r = await runNode(source, todayOverrides(levers), whatIf, 42, 10);
    expect(r.replications).toBe(10);
    expect(toJson(r.whatIf.summary)).toBe(toJson(await cliSummary(FILE, whatIf, 10, 42)));
    if (setting === SETTINGS[0]) expect(toJson(r.today.summary)).toBe(toJson(await cliSummary(FILE, ['variants=[normal]'], 10, 42)));
  }, 120_000);

  it('an overloaded team is a warning of the design', async () => {
    const r = await runNode(source, todayOverrides(levers), overridesOf(levers, { 'teams.applicationSupport.people': '1' }), 42, 2);
    const w = designWarnings(r.comparison.designs[1]!, 'what-if');
    expect(w).toContain('what-if: the out-of-hours deployment windows are overloaded: utilisation 124% (offered work exceeds capacity; the queue grows without bound)');
    expect(designWarnings(r.comparison.designs[0]!, 'today').some((x) => x.includes('overloaded'))).toBe(false);
  }, 60_000);
});
