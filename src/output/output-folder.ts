// Writes an output folder all at once: files go into a hidden sibling folder first, which is renamed
// into place only when complete, so a run that stops half-way never leaves a folder that looks done.
// A folder is replaced only if orisim wrote it (see output-marker.ts); problems with the file
// system become one plain line (OutputFolderError), never a stack trace.
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { replaceRefusal, shardFolderMark, writeMarker, type OutputIdentity } from './output-marker.js';
import { spillColumnsInto } from '../node/spill-file.js';

export { type OutputIdentity } from './output-marker.js';

/** The longest output folder name in UTF-8 bytes: the hidden `.NAME.partial-PID` beside it must fit in 255. */
export const MAX_FOLDER_NAME_BYTES = 200;

/**
 * The output folder cannot be used or written. exitCode 2: refused before anything was simulated
 * (a bad --out: not orisim's, not creatable); 1: writing failed during the run (e.g. disk full).
 */
export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

/** Thrown instead of renaming a finished folder into place after stopWrites() (a signal). */
export class WritesStoppedError extends Error {
  override name = 'WritesStoppedError';
}

let stopped = false;

/** After this, no folder is renamed into place (the signal handler calls it first). */
export function stopWrites(): void {
  stopped = true;
}

/** An error from a system call (it has an errno code such as ENOSPC). */
function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

/** "no space left on device" from "ENOSPC: no space left on device, write". */
export function plainReason(err: NodeJS.ErrnoException): string {
  return /^[A-Z0-9_]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message;
}

function cannotWrite(dir: string, err: unknown, exitCode: 1 | 2): unknown {
  return isSystemError(err) ? new OutputFolderError(`cannot write ${dir}: ${plainReason(err)}`, exitCode) : err;
}

function refuse(dir: string, why: string): OutputFolderError {
  return new OutputFolderError(`output folder "${dir}" ${why}; choose another --out`);
}

/**
 * Throws unless `dir` is absent, an empty folder, or an earlier orisim output folder holding
 * nothing else: a run replaces its folder whole, so it must never delete anything orisim did not write.
 * A shard folder is replaced only when `shard` (the folder to write is a shard folder too: a
 * shard run again); a folder holding another output folder never (replaceRefusal).
 */
export function checkOutputFolder(dir: string, shard = false): void {
  if (dir.trim() === '') throw new OutputFolderError('--out is empty: name an output folder');
  if (dir.includes('\0')) throw new OutputFolderError(`--out ${JSON.stringify(dir)} contains a NUL character`);
  const target = resolve(dir);
  const bytes = Buffer.byteLength(basename(target));
  if (bytes > MAX_FOLDER_NAME_BYTES) {
    throw new OutputFolderError(`output folder name is ${bytes} bytes long, at most ${MAX_FOLDER_NAME_BYTES}: choose a shorter --out`);
  }
  let st;
  try {
    st = lstatSync(target, { throwIfNoEntry: false });
  } catch (err) {
    throw cannotWrite(dir, err, 2);
  }
  if (st === undefined) return;
  if (st.isSymbolicLink()) throw refuse(dir, 'is a symbolic link; orisim writes only real folders');
  if (!st.isDirectory()) throw refuse(dir, 'exists and is not a folder');
  let why;
  let shardOf;
  try {
    shardOf = shardFolderMark(target);
    why = replaceRefusal(target);
  } catch (err) {
    throw cannotWrite(dir, err, 2);
  }
  if (shardOf !== undefined && !shard) throw refuse(dir, `is a shard folder (shard ${shardOf}), which only another --shard run replaces`);
  if (why !== undefined) throw refuse(dir, `is not empty and orisim replaces only its own output folders: ${why}`);
}

/** Creates `folder` and any missing parents one at a time, so an error names its real cause. */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  let f = folder;
  while (lstatSync(f, { throwIfNoEntry: false }) === undefined && dirname(f) !== f) {
    missing.unshift(f);
    f = dirname(f);
  }
  for (const m of missing) mkdirSync(m);
}

/** True while a process with this id exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the hidden folders that runs killed outright (kill -9, power loss) left beside `target`:
 * `.NAME.partial-PID` of a process that no longer runs, and `.NAME.old-PID` once the new folder is
 * in place. Only real folders with exactly these names are touched.
 */
export function removeStaleFolders(target: string): void {
  const name = basename(target);
  const parent = dirname(target);
  const targetExists = lstatSync(target, { throwIfNoEntry: false }) !== undefined;
  for (const e of readdirSync(parent)) {
    if (!e.startsWith(`.${name}.`)) continue;
    const m = /^\.(partial|old)-(\d{1,10})$/.exec(e.slice(name.length + 1));
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || alive(pid) || (m[1] === 'old' && !targetExists)) continue;
    const path = join(parent, e);
    if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) rmSync(path, { recursive: true, force: true });
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Nothing more can be done; the next run beside it removes it (removeStaleFolders).
  }
}

const partialOf = (target: string): string => join(dirname(target), `.${basename(target)}.partial-${process.pid}`);

/**
 * Runs `fill(tmpDir)`, writes the marker, then moves tmpDir to `dir`, replacing an earlier orisim
 * folder. On any error the temporary folder is removed and the earlier folder is left as it was.
 */
export async function writeFolderAtomically(dir: string, identity: OutputIdentity, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  const shard = identity.shard !== undefined;
  checkOutputFolder(dir, shard);
  const target = resolve(dir);
  const tmp = partialOf(target);
  try {
    makeFolders(dirname(target));
    removeStaleFolders(target);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
  } catch (err) {
    removeQuietly(tmp);
    throw cannotWrite(dir, err, 2);
  }
  try {
    // A big run's digest columns spill into the folder being written, not the system's temporary folder.
    spillColumnsInto(tmp);
    await fill(tmp);
    writeMarker(tmp, identity);
    if (stopped) throw new WritesStoppedError('stopped before the output folder was moved into place');
    checkOutputFolder(dir, shard); // again: something may have appeared there while the run went on
    moveIntoPlace(tmp, target);
  } catch (err) {
    removeQuietly(tmp);
    throw cannotWrite(dir, err, 1);
  } finally {
    spillColumnsInto(undefined);
  }
}

/** Renames tmp to target; an earlier folder is moved aside first and put back if that fails. */
function moveIntoPlace(tmp: string, target: string): void {
  if (lstatSync(target, { throwIfNoEntry: false }) === undefined) {
    renameSync(tmp, target);
    return;
  }
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  renameSync(target, old);
  try {
    renameSync(tmp, target);
  } catch (err) {
    renameSync(old, target);
    throw err;
  }
  removeQuietly(old);
}

/** Removes the partial folder this process is writing for `dir` (on a signal). */
export function removePartial(dir: string): void {
  removeQuietly(partialOf(resolve(dir)));
}
