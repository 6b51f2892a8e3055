// Writes a run's folder all at once: files go into a hidden sibling folder first, which is renamed
// into place only when complete, so a run that stops half-way never leaves a folder that looks done.
import { mkdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Runs `fill(tmpDir)` then moves tmpDir to `dir`, replacing a previous run's folder.
 * On any error the temporary folder is removed and the previous folder is left as it was.
 */
export async function writeFolderAtomically(dir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
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
