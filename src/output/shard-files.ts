// Reading a shard folder's files as hostile input (`orisim merge`): a shard folder holds exactly the
// files its plan says (shard-folder.ts), each a regular file. A file is opened without following a
// symbolic link (O_NOFOLLOW) and without waiting for a writer (O_NONBLOCK: a FIFO would block),
// then checked through its descriptor (fstat) to be a regular file of at most a given size, and
// read only up to the size fstat gave, so a link to /dev/zero, a FIFO or a file that grows while
// merge reads it can neither hang merge nor make it allocate without bound.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { MARKER_FILE, SHARD_MANIFEST } from './output-marker.js';

/** A shard folder cannot be merged (exit 2); the message names the folder. */
export class ShardError extends Error {
  override name = 'ShardError';
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
export const CHUNK = 1 << 20;
/** Entries a shard folder may hold beyond the files its plan names. */
const ALWAYS = [SHARD_MANIFEST, MARKER_FILE];

/** What a file system entry is, for a message ("a symbolic link", "a FIFO", …). */
function kindOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const notRegular = (dir: string, file: string, kind: string): ShardError =>
  new ShardError(`merge: ${dir}: ${file} is ${kind}; a shard folder holds only regular files`);

const reason = (err: unknown): string => (err instanceof Error ? err.message.replace(/^[A-Z]+: /, '').replace(/, open '.*'$/, '') : String(err));

/** A shard file opened for reading: its descriptor and its size when opened. */
export interface ShardFile {
  readonly fd: number;
  readonly size: number;
}

/**
 * Opens `file` of the shard folder `dir`: a regular file (not a link, FIFO, device or folder) of at
 * most `max` bytes; `what` names what it should hold in the message about its size. The caller closes it.
 */
export function openShardFile(dir: string, file: string, max: number, what = file): ShardFile {
  let fd: number;
  try {
    fd = openSync(join(dir, file), OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ShardError(`merge: ${dir}: ${file} is missing`);
    if (code === 'ELOOP') throw notRegular(dir, file, 'a symbolic link');
    throw new ShardError(`merge: ${dir}: cannot read ${file} (${reason(err)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(dir, file, kindOf(st));
    if (st.size > max) throw new ShardError(`merge: ${dir}: ${file} is ${st.size} bytes, more than ${what} can be (${max} bytes)`);
    return { fd, size: st.size };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** Reads exactly `length` bytes at `position` of `fd` (fewer only where the file ends). */
export function readAt(fd: number, length: number, position: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let got = 0;
  let n: number;
  while (got < length && (n = readSync(fd, bytes, got, length - got, position + got)) > 0) got += n;
  return got === length ? bytes : bytes.subarray(0, got);
}

/** The whole of a shard file (at most `max` bytes), read through a checked descriptor. */
export function readShardFile(dir: string, file: string, max: number, what = file): Buffer {
  const f = openShardFile(dir, file, max, what);
  try {
    const bytes = readAt(f.fd, f.size, 0);
    if (bytes.length < f.size) throw new ShardError(`merge: ${dir}: ${file} shrank while it was read`);
    return bytes;
  } finally {
    closeSync(f.fd);
  }
}

/** SHA-256 of the first `size` bytes of an open file, a chunk at a time. */
export function sha256Of(f: ShardFile): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let position = 0;
  while (position < f.size) {
    const n = readSync(f.fd, buffer, 0, Math.min(CHUNK, f.size - position), position);
    if (n === 0) break;
    hash.update(buffer.subarray(0, n));
    position += n;
  }
  return hash.digest('hex');
}

/**
 * Throws unless the shard folder `dir` holds exactly `files` (and its shard.json and marker), each
 * a regular file: anything else in it (another file, a folder, a link, a FIFO) was not written by
 * orisim, and merge reads nothing of a folder it cannot account for.
 */
export function checkShardListing(dir: string, files: readonly string[]): void {
  const expected = new Set([...files, ...ALWAYS]);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    throw new ShardError(`merge: ${dir}: cannot list the folder (${reason(err)})`);
  }
  for (const e of entries.sort()) {
    if (!expected.has(e)) {
      throw new ShardError(`merge: ${dir} holds ${JSON.stringify(e)}, which no shard folder of this plan holds (only ${[...expected].sort().join(', ')})`);
    }
    const st = lstatSync(join(dir, e), { throwIfNoEntry: false });
    if (st !== undefined && !st.isFile()) throw notRegular(dir, e, kindOf(st));
  }
  for (const f of files) if (!entries.includes(f)) throw new ShardError(`merge: ${dir}: ${f} is missing`);
}
