// Bundles the command line and its replication worker with esbuild, at build time (`npm run build`
// runs it after tsc): dist/bin/orisim.js (the `orisim` bin) and dist/bin/worker.js, with the code
// they share in chunks beside them, each command's code in its own chunk loaded when the command
// runs. Node then reads a few files instead of some 400 modules (zod and yaml alone are 150), which
// is most of a command's start: `npm run bench -- startup` measures it. The library (dist/index.js)
// and dist/cli/main.js stay as tsc writes them. Skipped when the bundle is newer than every file it
// was bundled from, as tsc -b skips compiling.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleUpToDate, writeBundleInputs } from './bundle-inputs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Packages left to Node: a native module (resvg), the chart libraries (large, loaded only to draw,
 * and read as files by report/html.ts), and the browser driver the screenshots use.
 */
const EXTERNAL = ['@resvg/resvg-js', 'vega', 'vega-lite', 'playwright-core'];

/** Writes the bundle into `outDir` (replacing what was there); returns the entry's size in bytes. */
export async function bundleCli(outDir: string, root = ROOT): Promise<number> {
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    metafile: true,
    absWorkingDir: root,
    entryPoints: { orisim: join(root, 'dist/cli/main.js'), worker: join(root, 'dist/node/worker.js') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Whitespace and syntax only: names stay, so that an internal error's stack still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    external: EXTERNAL,
    // The CommonJS packages bundled (seedrandom) call require for Node's own modules.
    banner: { js: "import { createRequire as __orisimRequire } from 'node:module'; const require = __orisimRequire(import.meta.url);" },
    outdir: outDir,
    logLevel: 'warning',
  });
  writeBundleInputs(outDir, Object.keys(result.metafile.inputs));
  return readFileSync(join(outDir, 'orisim.js')).length;
}

/** True when the bundle in `outDir` is newer than every file the last bundle read (and this script). */
function cliUpToDate(outDir: string, root = ROOT): boolean {
  return bundleUpToDate(outDir, ['orisim.js', 'worker.js'], root, fileURLToPath(import.meta.url));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(ROOT, 'dist', 'bin');
  if (cliUpToDate(out)) {
    process.stdout.write(`the command line in ${out} is up to date\n`);
  } else {
    bundleCli(out).then(
      (bytes) => process.stdout.write(`bundled the command line into ${out} (orisim.js ${Math.round(bytes / 1024)} kB)\n`),
      (err: unknown) => {
        process.stderr.write(`bundle-cli: ${String(err)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
