// Bundles the workshop page's script and its replication worker for the browser with esbuild, at
// build time (`npm run build` runs it after tsc): dist/workshop/page.js and dist/workshop/worker.js,
// which `orisim workshop` inlines into index.html; skipped when they are newer than every file they
// were bundled from (upToDate). Bundling here keeps esbuild a devDependency: an
// installed orisim ships the two scripts and never runs a bundler.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleUpToDate, writeBundleInputs } from './bundle-inputs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The sources, relative to the repository: the page's script and the worker. */
export const WORKSHOP_ENTRIES = { page: 'src/report/workshop/page.ts', worker: 'src/report/workshop/worker.ts' } as const;

/** Writes page.js and worker.js into `outDir` (minified IIFEs for platform browser); returns their sizes in bytes. */
export async function bundleWorkshop(outDir: string, root = ROOT): Promise<{ page: number; worker: number }> {
  const sizes = { page: 0, worker: 0 };
  const inputs = new Set<string>();
  for (const name of ['page', 'worker'] as const) {
    const outfile = join(outDir, `${name}.js`);
    const result = await build({
      metafile: true,
      absWorkingDir: root,
      entryPoints: [join(root, WORKSHOP_ENTRIES[name])],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      minify: true,
      outfile,
      logLevel: 'warning',
    });
    sizes[name] = readFileSync(outfile).length;
    for (const f of Object.keys(result.metafile.inputs)) inputs.add(f);
  }
  writeBundleInputs(outDir, inputs);
  return sizes;
}

/**
 * True when both bundles in `outDir` are newer than every file the last bundle read (and this
 * script): `npm run build` then skips bundling, as tsc -b skips compiling, so that `npm start`
 * stays quick when nothing changed.
 */
export function upToDate(outDir: string, root = ROOT): boolean {
  return bundleUpToDate(outDir, ['page.js', 'worker.js'], root, fileURLToPath(import.meta.url));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(ROOT, 'dist', 'workshop');
  if (upToDate(out)) {
    process.stdout.write(`the workshop page in ${out} is up to date\n`);
  } else {
    bundleWorkshop(out).then(
      (s) => process.stdout.write(`bundled the workshop page into ${out} (page ${Math.round(s.page / 1024)} kB, worker ${Math.round(s.worker / 1024)} kB)\n`),
      (err: unknown) => {
        process.stderr.write(`bundle-workshop: ${String(err)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
