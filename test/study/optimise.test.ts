// The search of orisim optimise (study/optimise.ts) on a scenario with a planted optimum
// (test/fixtures/optimise/planted.yaml: more CAB meetings cost more and cut the p85 lead time; more
// attendees only cost more): the cheapest setting that meets "p85 ≤ 12 days" is found for at least
// 19 of 20 seeds; with a target no setting meets, there is no winner.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diskFiles, loadScenarioSource } from '../../src/node/scenario-files.js';
import { parseWithBases } from '../../src/scenario/load.js';
import { leverArg } from '../../src/scenario/levers.js';
import { serialExecutor } from '../../src/run/replications.js';
import { leverSetting } from '../../src/study/candidates.js';
import { readGoals, type Goals } from '../../src/study/goals.js';
import { optimise } from '../../src/study/optimise.js';
import { optimiseReport } from '../../src/study/optimise-result.js';

const FILE = 'test/fixtures/optimise/planted.yaml';
const text = readFileSync(FILE, 'utf8');
const source = loadScenarioSource(FILE);
const levers = source.study.levers;
const todayLevers = { 'teams.changeManagement.cab.days': ['tue'], 'teams.changeManagement.cab.attendees': 8 };

function run(seed: number, goals: Goals = readGoals(source.study)) {
  const load = (args: string[]) => parseWithBases(text, FILE, [`seed=${seed}`, 'variants=["normal"]', ...args], diskFiles).scenario;
  return optimise({
    levers,
    goals,
    scenarioOf: (i) => load(Object.entries(leverSetting(levers, i)).map(([p, v]) => leverArg(p, v))),
    today: load([]),
    todayIndex: 1, // [tue] with 8 attendees: the file as written
    executor: serialExecutor,
    budget: 400,
  });
}

describe('optimise: the planted optimum', () => {
  it('finds CAB on mon and thu with 4 attendees for at least 19 of 20 seeds', async () => {
    const found: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const outcome = await run(seed);
      found.push(outcome.winner === undefined ? 'none' : JSON.stringify(leverSetting(levers, outcome.winner)));
    }
    const right = JSON.stringify({ 'teams.changeManagement.cab.days': ['mon', 'thu'], 'teams.changeManagement.cab.attendees': 4 });
    expect(found.filter((f) => f === right).length, found.join('\n')).toBeGreaterThanOrEqual(19);
  }, 120_000);
});

describe('optimise: what it reports', () => {
  it('the recommendation: what changes from today, paired differences, the same for the same seed', async () => {
    const goals = readGoals(source.study);
    const a = optimiseReport(await run(1), levers, todayLevers, goals);
    const b = optimiseReport(await run(1), levers, todayLevers, goals);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.recommended?.changes).toEqual([
      { path: 'teams.changeManagement.cab.days', today: ['tue'], recommended: ['mon', 'thu'] },
      { path: 'teams.changeManagement.cab.attendees', today: 8, recommended: 4 },
    ]);
    // Two CAB meetings of 4 people cost about what one of 8 does; the p85 falls by about 3 days.
    expect(a.recommended!.differenceFromToday.leadTimeP85Days.ci95[1]).toBeLessThan(0);
    expect(a.recommended!.probabilityFeasible).toBeGreaterThanOrEqual(0.9);
    expect(a.recommended!.probabilityCorrectSelection).toBe(0.9);
    expect(a.infeasible).toBeNull();
    // The frontier holds the recommendation and nothing it beats on both cost and p85.
    expect(a.frontier.some((f) => f.recommended)).toBe(true);
    expect(a.replications.spent).toBeLessThan(a.replications.everyCandidateAtFinalCount + a.today.replications);
  }, 60_000);

  it('infeasible everywhere: no recommendation; the closest candidate and what it misses by', async () => {
    const goals = readGoals(source.study);
    const strict = { ...goals, constraints: [{ ...goals.constraints[0]!, bound: 5, text: 'leadTimeP85Days <= 5d' }] };
    const report = optimiseReport(await run(2, strict), levers, todayLevers, strict);
    expect(report.recommended).toBeNull();
    expect(report.infeasible?.closest?.levers['teams.changeManagement.cab.days']).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    const miss = report.infeasible!.closest!.misses[0]!;
    expect(miss.constraint).toBe('leadTimeP85Days <= 5d');
    expect(miss.by).toBeCloseTo(miss.mean - 5, 12);
    expect(miss.by).toBeGreaterThan(3);
  }, 60_000);
});

describe('optimise: a larger space', () => {
  it('above the screen-all size: successive halving, then KN++ on fresh replications finds the planted optimum at the lowest CAB rate', async () => {
    // The CAB's hourly rate only costs: 3 rates × 8 = 24 candidates, halved (as if the screen-all
    // size were 12) to 6; the cheapest feasible is the planted optimum at £40 an hour.
    const rates = { path: 'teams.changeManagement.cab.hourlyRate', values: [40, 80, 120] };
    const all = [...levers, rates];
    const load = (args: string[]) => parseWithBases(text, FILE, ['seed=1', 'variants=["normal"]', ...args], diskFiles).scenario;
    const outcome = await optimise({
      levers: all, goals: readGoals(source.study), scenarioOf: (i) => load(Object.entries(leverSetting(all, i)).map(([p, v]) => leverArg(p, v))),
      today: load([]), todayIndex: 4, executor: serialExecutor, budget: 1000, screenAll: 12, finalPool: 6,
    });
    expect(outcome.method).toBe('halving-then-select');
    expect(outcome.pool).toHaveLength(6);
    expect(outcome.halvedOut.size).toBe(18);
    expect(outcome.offset).toBe(4); // rounds of 2 and 4 replications: the selection starts at replication 5
    expect(leverSetting(all, outcome.winner!)).toEqual({
      'teams.changeManagement.cab.days': ['mon', 'thu'], 'teams.changeManagement.cab.attendees': 4, 'teams.changeManagement.cab.hourlyRate': 40,
    });
  }, 60_000);
});
