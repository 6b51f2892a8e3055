// The digest columns' spill in Node (run/column.ts spills full chunks through it): one file per
// process, made on the first spill in the folder set by spillColumnsInto (the output folder being
// written, so that nothing is written outside it and the spill lands on the disk the user chose
// for the output), else the system's temporary folder; removed as soon as it is open where the
// system allows (it then disappears with the process, however the process ends), else at exit.
// Where no file can be made or written (no space, no permission), chunks stay in memory.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spillChunksTo, type ChunkSpill } from '../run/column.js';

let file: { fd: number; end: number } | null | undefined;
let folder: string | undefined;

function spillFile(): { fd: number; end: number } | null {
  if (file === undefined) {
    try {
      const dir = mkdtempSync(join(folder ?? tmpdir(), '.orisim-spill-'));
      const path = join(dir, 'columns.bin');
      const fd = openSync(path, 'w+');
      try {
        unlinkSync(path);
        rmSync(dir, { recursive: true, force: true });
      } catch {
        process.once('exit', () => {
          closeSync(fd);
          rmSync(dir, { recursive: true, force: true });
        });
      }
      file = { fd, end: 0 };
    } catch {
      file = null;
    }
  }
  return file;
}

const fileSpill: ChunkSpill = {
  write(bytes) {
    const f = spillFile();
    if (f === null) return undefined;
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(f.fd, bytes, written, bytes.length - written, f.end + written);
    } catch {
      return undefined; // kept in memory; a later chunk may be written at the same place
    }
    const at = f.end;
    f.end += bytes.length;
    return at;
  },
  read(at, into) {
    let read = 0;
    while (read < into.length) {
      const got = readSync(spillFile()!.fd, into, read, into.length - read, at + read);
      if (got === 0) throw new Error('orisim: the temporary file of replication digests ended early');
      read += got;
    }
  },
};

/**
 * Digest columns spill into a file from now on, made (if no chunk has spilled yet) in `into`
 * (undefined: the system's temporary folder). A spill file already made stays where it is.
 */
export function spillColumnsInto(into: string | undefined): void {
  folder = into;
  spillChunksTo(fileSpill);
}
