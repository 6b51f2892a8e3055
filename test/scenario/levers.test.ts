// The study sections of a scenario file (levers, objective, constraints): read with ranges
// expanded, and every lever path, lever value, metric name and constraint value refused with a
// located, pinned message. The study file extends the shipped default scenario.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskFiles, loadScenarioSource } from '../../src/node/scenario-files.js';
import { formatIssues, ScenarioError } from '../../src/scenario/errors.js';
import { candidateCount, readLevers } from '../../src/scenario/levers.js';
import { leverValueIssues } from '../../src/scenario/study-load.js';
import { readGoals } from '../../src/study/goals.js';

const dir = mkdtempSync(join(tmpdir(), 'orisim-levers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = resolve('scenarios/ops-run-it.yaml');
let n = 0;

/** Writes a study file extending the default scenario with these lines; returns its path. */
function study(lines: string): string {
  const file = join(dir, `study-${++n}.yaml`);
  writeFileSync(file, `extends: ${base}\nname: study\n${lines}`);
  return file;
}

function problems(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return formatIssues(err.issues).replaceAll(dir, 'DIR');
    throw err;
  }
  return 'no problem';
}

describe('levers, objective and constraints', () => {
  it('reads lists and ranges (numbers, and amounts of one unit) into candidate values', () => {
    const file = study(
      [
        'levers:',
        '  teams.applicationSupport.people: [2, 3, 4]',
        '  teams.changeManagement.cab.cutoff: { from: 4h, to: 12h, step: 4h }',
        '  classes.large.preApproved.share: { from: 0, to: 1, step: 0.25 }',
        '  variant: [normal, preApproved]',
        'objective: { minimise: cashCostPerYear }',
        'constraints: ["leadTimeP85Days <= 5d", "unfinishedShare <= 2%"]',
        '',
      ].join('\n'),
    );
    const source = loadScenarioSource(file);
    expect(readLevers(source.study)).toEqual([
      { path: 'teams.applicationSupport.people', values: [2, 3, 4] },
      { path: 'teams.changeManagement.cab.cutoff', values: ['4h', '8h', '12h'] },
      { path: 'classes.large.preApproved.share', values: [0, 0.25, 0.5, 0.75, 1] },
      { path: 'variant', values: ['normal', 'preApproved'] },
    ]);
    expect(candidateCount(source.study.levers)).toBe(90);
    expect(readGoals(source.study)).toEqual({
      objective: { metric: 'cashCostPerYear', sense: 'minimise' },
      constraints: [
        { metric: 'leadTimeP85Days', op: '<=', bound: 5, text: 'leadTimeP85Days <= 5d' },
        { metric: 'unfinishedShare', op: '<=', bound: 0.02, text: 'unfinishedShare <= 2%' },
      ],
    });
    expect(leverValueIssues(source.text, file, [], diskFiles, source.study)).toEqual([]);
  });

  it('a lever path that does not exist: exit-2 message at the key, with a suggestion', () => {
    const file = study('levers:\n  teams.aplicationSupport.people: [2, 3]\nobjective: { minimise: cashCostPerYear }\n');
    expect(problems(() => loadScenarioSource(file))).toBe(
      `DIR/study-${n}.yaml:4:3 levers.teams.aplicationSupport.people: expected a scenario path (as --set takes it) or variant, got "teams.aplicationSupport.people": teams.aplicationSupport: unknown key; did you mean "applicationSupport"?`,
    );
  });

  it('refuses levers on what identifies the run, bad ranges, duplicates and unknown variants', () => {
    const file = study(
      [
        'levers:',
        '  seed: [1, 2]',
        '  teams.changeManagement.cab.cutoff: { from: 4h, to: 1d, step: 4h }',
        '  teams.delivery.count: [4, 6, 4]',
        '  variant: [normal, preaproved]',
        'objective: { minimise: cashCostPerYear }',
        '',
      ].join('\n'),
    );
    expect(problems(() => loadScenarioSource(file))).toBe(
      [
        `DIR/study-${n}.yaml:4:3 levers.seed: expected a field a design may change, got "seed": seed is not a lever`,
        `DIR/study-${n}.yaml:5:38 levers.teams.changeManagement.cab.cutoff: expected from, to and step as numbers, or as amounts of one unit such as 1w, got "4h", "1d", "4h"`,
        `DIR/study-${n}.yaml:6:32 levers.teams.delivery.count[2]: expected each value once, got 4 twice`,
        `DIR/study-${n}.yaml:7:21 levers.variant[1]: expected one of normal, preApproved, youBuildItYouRunIt, got "preaproved"; did you mean "preApproved"?`,
      ].join('\n'),
    );
  });

  it('a lever value its field refuses is told at the value, with the loader\'s message', () => {
    const file = study('levers:\n  teams.applicationSupport.people: [0, 3]\n  teams.changeManagement.cab.cutoff: [8h, soon]\nobjective: { minimise: cashCostPerYear }\n');
    const source = loadScenarioSource(file);
    expect(formatIssues(leverValueIssues(source.text, file, [], diskFiles, source.study)).replaceAll(dir, 'DIR')).toBe(
      [
        `DIR/study-${n}.yaml:4:37 levers.teams.applicationSupport.people[0]: expected a positive integer, got 0`,
        `DIR/study-${n}.yaml:5:43 levers.teams.changeManagement.cab.cutoff[1]: expected a duration with a unit such as 30m, 4h, 2d or 1w, got "soon"`,
      ].join('\n'),
    );
  });

  it('metric names and constraint values are checked against the study metrics', () => {
    const file = study('levers:\n  teams.applicationSupport.people: [2, 3]\nobjective: { minimise: cashPerYear }\nconstraints: ["leadTime.p85 <= 5d", "leadTimeP85Days <= soon", "unfinishedShare <= 1.5"]\n');
    const source = loadScenarioSource(file);
    expect(problems(() => readGoals(source.study))).toBe(
      [
        `DIR/study-${n}.yaml:5:24 objective.minimise: expected a study metric, got "cashPerYear"; did you mean "cashCostPerYear"?`,
        `DIR/study-${n}.yaml:6:15 constraints[0]: expected a study metric, got "leadTime.p85"; did you mean "leadTimeP85Days"?`,
        `DIR/study-${n}.yaml:6:37 constraints[1]: leadTimeP85Days: expected a number of days, or a duration such as 5d or 36h, got "soon"`,
        `DIR/study-${n}.yaml:6:64 constraints[2]: unfinishedShare: expected a share from 0 to 1, or a percentage such as 2%, got "1.5"`,
      ].join('\n'),
    );
  });

  it('optimise needs levers and an objective: told at the top of the file', () => {
    expect(problems(() => readGoals(loadScenarioSource(study('')).study))).toBe(
      [
        `DIR/study-${n}.yaml:1:1 levers: missing required key "levers": orisim optimise needs at least one lever, such as levers: { teams.applicationSupport.people: [2, 3, 4] }`,
        `DIR/study-${n}.yaml:1:1 objective: missing required key "objective": orisim optimise needs one, such as objective: { minimise: cashCostPerYear }`,
      ].join('\n'),
    );
  });

  it('too many lever values or combinations: refused before anything is loaded per value', () => {
    const many = study(`levers:\n  teams.delivery.count: { from: 1, to: 1000, step: 1 }\n  teams.delivery.people: { from: 1, to: 1000, step: 1 }\n  teams.applicationSupport.people: [1, 2]\n`);
    expect(problems(() => loadScenarioSource(many))).toBe(`DIR/study-${n}.yaml:3:1 levers: expected at most 2,000 lever values in all, got 2,002`);
    const product = study(`levers:\n  teams.delivery.count: { from: 1, to: 500, step: 1 }\n  teams.delivery.people: { from: 1, to: 500, step: 1 }\n`);
    expect(problems(() => loadScenarioSource(product))).toBe(`DIR/study-${n}.yaml:3:1 levers: expected at most 100,000 combinations of lever values, got 250,000`);
  });
});
