// A change export from disk: the Node side of calibrate/read-export.ts. The file is read only if it
// is a regular file of at most MAX_EXPORT_BYTES (a FIFO or a device is refused, never opened for a
// blocking read), hashed (SHA-256, for the calibration report's marker), then typed by parseExport.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ExportError, MAX_EXPORT_BYTES, parseExport, type ExportData, type ReadOptions } from '../calibrate/read-export.js';

/** Reads a regular file of at most MAX_EXPORT_BYTES (a FIFO or device is refused, never opened for a blocking read). */
function readExportBytes(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExportError(`${file}:0:0 cannot read the export: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'unknown error')}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new ExportError(`${file}:0:0 cannot read the export: it is a folder`);
    if (!st.isFile()) throw new ExportError(`${file}:0:0 cannot read the export: it is not a regular file`);
    if (st.size > MAX_EXPORT_BYTES) throw new ExportError(`${file}:0:0 cannot read the export: it is ${st.size} bytes, at most ${MAX_EXPORT_BYTES}`);
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } catch (err) {
    if (err instanceof ExportError) throw err;
    throw new ExportError(`${file}:0:0 cannot read the export: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    closeSync(fd);
  }
}

/** Reads and types an export; throws ExportError when the file as a whole cannot be used. */
export function readExport(file: string, options: ReadOptions = {}): ExportData {
  const bytes = readExportBytes(file);
  return parseExport(file, bytes, createHash('sha256').update(bytes).digest('hex'), options);
}
