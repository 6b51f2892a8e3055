// Common random numbers: the same features, with the same efforts, whatever the variant or the
// number of other teams.
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { buildClassModels, generateFeatures, type Feature } from '../../src/model/features.js';
import { buildOrganisation } from '../../src/model/organisation.js';
import { runReplication } from '../../src/model/replication.js';
import { Simulation } from '../../src/engine/simulation.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import type { Scenario } from '../../src/scenario/types.js';

function features(s: Scenario, replication = 1): Feature[] {
  const org = buildOrganisation(new Simulation(), s);
  return generateFeatures(s, buildClassModels(s), new RandomStreams(s.seed, replication), org.deliveryCalendar);
}

const strip = (fs: Feature[], team: number) =>
  fs.filter((f) => f.team === team).map((f) => ({ readyAt: f.readyAt, cls: f.cls.spec.name, efforts: f.efforts, u: [f.uReject, f.uFail, f.standard, f.downtime] }));

describe('common random numbers', () => {
  const six = loadScenario('scenarios/ops-run-it.yaml');
  const seven: Scenario = { ...six, teams: { ...six.teams, delivery: { ...six.teams.delivery, count: 7 } } };

  it('adding a team leaves every other team’s features exactly as they were', () => {
    const a = features(six);
    const b = features(seven);
    expect(b.length).toBeGreaterThan(a.length);
    for (let team = 0; team < 6; team++) {
      expect(strip(b, team)).toEqual(strip(a, team));
      expect(strip(a, team).length).toBeGreaterThan(30);
    }
  });

  it('changing an effort distribution moves no class, outcome or arrival', () => {
    const changed: Scenario = {
      ...six,
      classes: six.classes.map((c) => ({ ...c, efforts: { ...c.efforts, handover: { kind: 'gamma', mean: 300, sd: 200 } } })),
    };
    const a = features(six);
    const b = features(changed);
    expect(b.map((f) => [f.readyAt, f.cls.spec.name, f.uFail, f.uReject])).toEqual(a.map((f) => [f.readyAt, f.cls.spec.name, f.uFail, f.uReject]));
  });

  it('both variants see the same features in the same order', () => {
    const s = { ...six, horizon: 20 * 10080, warmup: 0 };
    const n = runReplication(s, 'normal', 2).changes;
    const p = runReplication(s, 'preApproved', 2).changes;
    expect(p.map((c) => [c.id, c.team, c.changeClass, c.readyAt])).toEqual(n.map((c) => [c.id, c.team, c.changeClass, c.readyAt]));
    // and the large changes (never pre-approved) take the normal path in both
    expect(p.filter((c) => c.changeClass === 'large').every((c) => c.path === 'normal')).toBe(true);
  });

  it('replications differ', () => {
    expect(features(six, 1).map((f) => f.readyAt)).not.toEqual(features(six, 2).map((f) => f.readyAt));
  });
});
