// An append-only column of numbers (one typed-array type) for the digest store: held in chunks
// that grow from CHUNK_MIN to `chunk` values and are never copied, so a column holds at most one
// part-filled chunk beyond its values; each full chunk of the largest size is written to a
// temporary file (the spill file) and dropped from memory, so a run's memory does not grow with
// its replications. Reading a range back gives the same bits (a typed array's bytes). Where no
// temporary file can be made or written (no space, no permission), chunks stay in memory.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Numbers = Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array;
export interface NumbersType<T extends Numbers> {
  new (length: number): T;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** The first chunk's length; each next chunk is as long as the column so far, up to the column's chunk size. */
const CHUNK_MIN = 1024;
/** Values in a full chunk (512 KB of float64): only chunks this full are spilled. */
export const CHUNK_MAX = 1 << 16;

/**
 * The process's spill file: in the folder set by spillColumnsInto (the output folder being written,
 * so that nothing is written outside it and the spill lands on the disk the user chose for the
 * output), else the system's temporary folder; removed as soon as it is open where the system
 * allows (it then disappears with the process, however the process ends), else at exit.
 */
let spill: { fd: number; end: number } | null | undefined;
let spillFolder: string | undefined;

/**
 * Where the spill file is made if a column spills from now on (undefined: the system's temporary
 * folder). A spill file already made stays where it is.
 */
export function spillColumnsInto(folder: string | undefined): void {
  spillFolder = folder;
}

function spillFile(): { fd: number; end: number } | null {
  if (spill === undefined) {
    try {
      const dir = mkdtempSync(join(spillFolder ?? tmpdir(), '.orisim-spill-'));
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
      spill = { fd, end: 0 };
    } catch {
      spill = null;
    }
  }
  return spill;
}

/** A chunk in memory, or spilled: its values at byte `at` of the spill file. */
type Chunk<T> = T | { readonly at: number; readonly length: number };

export class Column<T extends Numbers> {
  readonly type: NumbersType<T>;
  readonly #chunk: number;
  readonly #chunks: Chunk<T>[] = [];
  #length = 0;
  /** Values in the last chunk (always in memory). */
  #used = 0;

  /** `chunk`: the largest chunk (values), the size at which chunks are spilled. */
  constructor(type: NumbersType<T>, chunk = CHUNK_MAX) {
    this.type = type;
    this.#chunk = Math.max(1, Math.floor(chunk));
  }

  get length(): number {
    return this.#length;
  }

  /** Appends the values (converted to this column's type as a typed array's set converts them). */
  push(values: Numbers): void {
    let from = 0;
    while (from < values.length) {
      let last = this.#chunks[this.#chunks.length - 1];
      if (last === undefined || !ArrayBuffer.isView(last) || this.#used === last.length) {
        last = new this.type(Math.min(this.#chunk, Math.max(Math.min(CHUNK_MIN, this.#chunk), this.#length)));
        this.#chunks.push(last);
        this.#used = 0;
      }
      const take = Math.min(values.length - from, last.length - this.#used);
      last.set(values.subarray(from, from + take), this.#used);
      this.#used += take;
      this.#length += take;
      from += take;
      if (this.#used === this.#chunk) this.#spillLast();
    }
  }

  #spillLast(): void {
    const last = this.#chunks[this.#chunks.length - 1] as T;
    const file = spillFile();
    if (file === null) return;
    const bytes = new Uint8Array(last.buffer, last.byteOffset, last.byteLength);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(file.fd, bytes, written, bytes.length - written, file.end + written);
    } catch {
      return; // kept in memory; a later chunk may be written at the same place
    }
    this.#chunks[this.#chunks.length - 1] = { at: file.end, length: last.length };
    file.end += bytes.length;
  }

  /** Values [from, to) written into `target` from `at` on (converted to its type). */
  copyTo(target: Numbers, at = 0, from = 0, to = this.#length): void {
    let start = 0;
    for (const chunk of this.#chunks) {
      const end = start + chunk.length;
      if (end > from && start < to) {
        const a = Math.max(from, start);
        const b = Math.min(to, end);
        target.set(ArrayBuffer.isView(chunk) ? chunk.subarray(a - start, b - start) : this.#read(chunk.at, a - start, b - a), at + a - from);
      }
      if (end >= to) break;
      start = end;
    }
  }

  /** `n` values of a spilled chunk from its value `i` on. */
  #read(chunkAt: number, i: number, n: number): T {
    const out = new this.type(n);
    const bytes = new Uint8Array(out.buffer);
    const position = chunkAt + i * this.type.BYTES_PER_ELEMENT;
    let read = 0;
    while (read < bytes.length) {
      const got = readSync(spillFile()!.fd, bytes, read, bytes.length - read, position + read);
      if (got === 0) throw new Error('orisim: the temporary file of replication digests ended early');
      read += got;
    }
    return out;
  }

  /** Values [from, to) as a new array of this column's type. */
  slice(from = 0, to = this.#length): T {
    const out = new this.type(to - from);
    this.copyTo(out, 0, from, to);
    return out;
  }
}
