// `orisim workshop [SCENARIO…] [--out DIR]`: writes a folder whose index.html is the workshop page —
// what-if levers on the real engine, in the browser, opened by a double-click from file:// (no
// server, no network). Each scenario is read and checked as `orisim run` reads it (its bases read
// too and carried in the page), and the folder is written as run's are: atomically, replacing only
// an earlier orisim folder (output/output-folder.ts). The page's scripts are bundled at build time
// into dist/workshop/ (src/bench/bundle-workshop.ts); this command only inlines them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diskFiles, loadScenarioSource, readScenarioText } from '../node/scenario-files.js';
import type { ScenarioFiles } from '../scenario/load.js';
import { parseWithBases } from '../scenario/load.js';
import { writeFolderAtomically } from '../output/output-folder.js';
import { VERSION } from '../output/version.js';
import { workshopHtml } from '../report/workshop-html.js';
import type { EmbeddedScenario } from '../report/workshop/embedded.js';
import { defaultScenarioPath } from './commands.js';
import { printable } from './printable.js';

export interface WorkshopArgs {
  scenarios: readonly string[];
  out?: string | undefined;
  quiet: boolean;
  /** Where page.js and worker.js are (default: dist/workshop/, next to the built CLI). */
  assets?: string | undefined;
}

const DEFAULT_ASSETS = fileURLToPath(new URL('../workshop/', import.meta.url));

/** A scenario with its bases as the loader read them, for the page's in-memory files. */
export function embedScenario(file: string): { data: EmbeddedScenario; name: string; seed: number; replications: number } {
  const source = loadScenarioSource(file);
  const bases: { from: string; target: string; path: string }[] = [];
  const texts: Record<string, string> = {};
  const recording: ScenarioFiles = {
    read: (f) => (texts[f] = readScenarioText(f)),
    base: (from, target) => {
      const path = diskFiles.base(from, target);
      bases.push({ from, target, path });
      return path;
    },
    key: diskFiles.key,
  };
  parseWithBases(source.text, file, [], recording);
  const { name, seed, replications } = source.scenario;
  // summary.json of `orisim run` hashes the file's own text (run-to-folder.ts), bases left out: the page's summaries do the same.
  const sha256 = createHash('sha256').update(source.text).digest('hex');
  return { data: { file, text: source.text, sha256, bases, texts }, name, seed, replications };
}

/** Writes the workshop folder; returns the exit code (errors are thrown: ScenarioError, OutputFolderError). */
export async function workshopCommand(args: WorkshopArgs): Promise<number> {
  const files = args.scenarios.length > 0 ? args.scenarios : [defaultScenarioPath()];
  const scenarios = files.map(embedScenario);
  const assets = args.assets ?? DEFAULT_ASSETS;
  const scripts = ['page.js', 'worker.js'].map((f) => join(assets, f));
  const missing = scripts.find((f) => !existsSync(f));
  if (missing !== undefined) {
    // An install without its built scripts (orisim run from its sources): not the user's input.
    process.stderr.write(`orisim: the workshop page's script ${printable(missing)} is missing: build orisim with npm run build\n`);
    return 1;
  }
  const [pageJs, workerJs] = scripts.map((f) => readFileSync(f, 'utf8')) as [string, string];
  const first = scenarios[0]!;
  const out = args.out ?? join('output', `workshop-${first.name}`);
  const identity = { command: 'workshop' as const, scenarios: scenarios.map((s) => ({ name: s.name, sha256: s.data.sha256 })), seed: first.seed, replications: first.replications };
  await writeFolderAtomically(out, identity, (tmp) => {
    writeFileSync(join(tmp, 'index.html'), workshopHtml(pageJs, workerJs, { version: VERSION, scenarios: scenarios.map((s) => s.data) }));
    return Promise.resolve();
  });
  if (!args.quiet) process.stderr.write(`wrote ${printable(join(out, 'index.html'))}: open it in a browser (works offline, from the file)\n`);
  return 0;
}
