// Writes a run's folder all at once: files go into a hidden sibling folder first, which is renamed
// into place only when complete, so a run that stops half-way never leaves a folder that looks done.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Files only orisim's own output folders hold: a folder with one of them may be replaced. */
const OUTPUT_MARKERS = ['summary.json', 'comparison.json', 'sweep.json'];

/** The output folder cannot be used (exists as a file, or holds something other than an orisim run). */
export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
}

/**
 * Throws unless `dir` is absent, empty, or an earlier orisim output folder: a run replaces its
 * folder whole, so pointing --out at a folder of other files must never delete them.
 */
export function checkOutputFolder(dir: string): void {
  const target = resolve(dir);
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) {
    throw new OutputFolderError(`output folder "${dir}" exists and is not a folder; choose another --out`);
  }
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.some((e) => OUTPUT_MARKERS.includes(e))) {
    throw new OutputFolderError(
      `output folder "${dir}" is not empty and does not hold an earlier orisim run (no ${OUTPUT_MARKERS.join(', ')}); ` +
        'orisim replaces only its own output folders: choose another --out',
    );
  }
}

/**
 * Runs `fill(tmpDir)` then moves tmpDir to `dir`, replacing a previous run's folder.
 * On any error the temporary folder is removed and the previous folder is left as it was.
 */
export async function writeFolderAtomically(dir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  checkOutputFolder(dir);
  const target = resolve(dir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.partial-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  try {
    checkOutputFolder(dir); // again: something may have appeared there while the run went on
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(target)) {
    const old = join(parent, `.${basename(target)}.old-${process.pid}`);
    renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, target);
  }
}

/** Removes a partial folder left by this process (on Ctrl-C). */
export function removePartial(dir: string): void {
  const target = resolve(dir);
  rmSync(join(dirname(target), `.${basename(target)}.partial-${process.pid}`), { recursive: true, force: true });
}
