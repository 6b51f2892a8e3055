// What the build's bundles (bundle-workshop.ts, bundle-cli.ts) keep to skip bundling when nothing
// changed, as tsc -b skips compiling: the list of the files a bundle read, written beside it, and
// the check that every output is newer than every one of them (and than the script that bundles).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The list of the files the last bundle read (beside the bundle). */
const INPUTS_FILE = 'inputs.json';

/** Writes the files the bundle read (paths relative to the repository), sorted, beside it. */
export function writeBundleInputs(outDir: string, inputs: Iterable<string>): void {
  writeFileSync(join(outDir, INPUTS_FILE), JSON.stringify([...inputs].sort()));
}

/** True when every output in `outDir` is newer than every file the last bundle read and than `script`. */
export function bundleUpToDate(outDir: string, outputs: readonly string[], root: string, script: string): boolean {
  const files = [...outputs, INPUTS_FILE].map((f) => join(outDir, f));
  if (!files.every((f) => existsSync(f))) return false;
  const built = Math.min(...files.map((f) => statSync(f).mtimeMs));
  const inputs = [...(JSON.parse(readFileSync(join(outDir, INPUTS_FILE), 'utf8')) as string[]).map((f) => join(root, f)), script];
  return inputs.every((f) => existsSync(f) && statSync(f).mtimeMs < built);
}
