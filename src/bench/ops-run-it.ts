// Benchmark: the default scenario (one year, both variants) through the whole model, on one
// thread, without writing files: replications per second, median of several runs.
import { join } from 'node:path';
import { loadScenario } from '../node/scenario-files.js';
import { runReplications } from '../run/replications.js';
import { PACKAGE_ROOT } from '../output/version.js';

export async function benchOpsRunIt(): Promise<object> {
  const scenario = loadScenario(join(PACKAGE_ROOT, 'scenarios/ops-run-it.yaml'));
  const replications = 20;
  const s = { ...scenario, replications };
  await runReplications({ ...s, replications: 2 }); // warm-up: let the JIT settle
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await runReplications(s);
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const seconds = times[Math.floor(times.length / 2)]!;
  const runs = replications * s.variants.length;
  return {
    replications,
    variants: s.variants.length,
    seconds: Number(seconds.toFixed(4)),
    replicationsPerSecond: Number((replications / seconds).toFixed(2)),
    variantReplicationsPerSecond: Number((runs / seconds).toFixed(2)),
  };
}
