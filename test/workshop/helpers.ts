// Shared by the workshop tests: the shipped scenario as the page has it, the three lever settings of
// the golden tests, the runner on this thread (serial RunTask), and `orisim run` in-process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { diskFiles, loadScenarioSource } from '../../src/node/scenario-files.js';
import { buildClassModels } from '../../src/model/features.js';
import { produceReplication } from '../../src/run/replications.js';
import { VERSION } from '../../src/output/version.js';
import { ProductCache, runProgressive, type RunTask, type WorkshopResult, type WorkshopSource } from '../../src/report/workshop/runner.js';

export const FILE = 'scenarios/ops-run-it.yaml';

export function shippedSource(file = FILE): WorkshopSource {
  const s = loadScenarioSource(file);
  return { text: s.text, file, files: diskFiles, sha256: s.sha256, version: VERSION };
}

/** The three what-ifs of the golden tests, as lever path → value (as the page's controls set them). */
export const SETTINGS: readonly Readonly<Record<string, string>>[] = [
  { variant: 'preApproved', 'classes.large.preApproved.share': '0.5' },
  { 'teams.changeManagement.cab.days': '[tue, thu]', 'teams.applicationSupport.people': '4', 'teams.delivery.release': '{batch: 3}' },
  { variant: 'youBuildItYouRunIt', 'teams.delivery.count': '8' },
];

/** Runs every replication on this thread, as the page's workers would. */
export const serialTask: RunTask = (_key, scenario, task) =>
  Promise.resolve(produceReplication(scenario, task, buildClassModels(scenario), { rows: false, changes: 'none', keep: 0 }));

/** The runner's final result for these --set changes at exactly `replications`. */
export async function runNode(source: WorkshopSource, today: readonly string[], whatIf: readonly string[], seed: number, replications: number): Promise<WorkshopResult> {
  let last: WorkshopResult | undefined;
  await runProgressive({ source, today, whatIf, seed, cap: replications, run: serialTask, cache: new ProductCache(), onResult: (r) => (last = r), cancelled: () => false, toCap: true });
  return last!;
}

/** summary.json of `orisim run FILE --set … -r N --seed S` (in-process, output muted), parsed. */
export async function cliSummary(file: string, sets: readonly string[], replications?: number, seed?: number): Promise<unknown> {
  const out = mkdtempSync(join(tmpdir(), 'orisim-workshop-run-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const args = ['run', file, ...sets.flatMap((s) => ['--set', s]), ...(replications === undefined ? [] : ['-r', String(replications)]), ...(seed === undefined ? [] : ['--seed', String(seed)])];
    const code = await main([...args, '--workers', '1', '--no-charts', '--changes', 'none', '-q', '--out', join(out, 'run')]);
    if (code !== 0) throw new Error(`orisim ${args.join(' ')} exited ${code}`);
    return JSON.parse(readFileSync(join(out, 'run', 'summary.json'), 'utf8')) as unknown;
  } finally {
    vi.restoreAllMocks();
    rmSync(out, { recursive: true, force: true });
  }
}
