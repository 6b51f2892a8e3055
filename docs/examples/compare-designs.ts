// Worked example of docs/api.md (test/api/example.test.ts runs it): the default scenario's normal
// path with its weekly CAB against the same organisation meeting twice a week, with common random
// numbers, and the paired difference of the 85th percentile of lead time.
import { compare, loadScenario } from 'orisim';

export async function compareCabDays(replications = 5, seed = 42) {
  // One design: the shipped scenario, normal path only. The other: the same with a second CAB day.
  const weekly = loadScenario('scenarios/ops-run-it.yaml', { set: ['variants=[normal]'] });
  const twiceWeekly = loadScenario('scenarios/ops-run-it.yaml', {
    set: ['variants=[normal]', 'teams.changeManagement.cab.days=[tue, thu]'],
  });

  // Both run with the same seed and replications; the first design is the baseline.
  const { comparison } = await compare([weekly, twiceWeekly], { replications, seed });

  // designs[0] is the baseline; every other design carries its paired difference from it.
  const p85 = comparison.designs[1]!.difference!.leadTimeP85Days;
  console.log(
    `p85 lead time, twice-weekly CAB − weekly CAB: ${p85.mean.toFixed(2)} days ` +
      `(95% CI ${p85.ci95[0].toFixed(2)} to ${p85.ci95[1].toFixed(2)})`,
  );
  return p85;
}
