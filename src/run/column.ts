// An append-only column of numbers (one typed-array type) for the digest store: held in chunks
// that grow from CHUNK_MIN to `chunk` values and are never copied, so a column holds at most one
// part-filled chunk beyond its values; each full chunk of the largest size is handed to the spill
// (spillChunksTo: in Node a temporary file, node/spill-file.ts) and dropped from memory, so a
// run's memory does not grow with its replications. Reading a range back gives the same bits (a
// typed array's bytes). Without a spill, or where the spill cannot take a chunk (no space, no
// permission), chunks stay in memory.

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

/** Where full chunks go to leave memory, and are read back from by position. */
export interface ChunkSpill {
  /** Stores the bytes and returns where they start; undefined if they cannot be stored (the chunk then stays in memory). */
  write(bytes: Uint8Array): number | undefined;
  /** Fills `into` with the bytes stored from `at` on. */
  read(at: number, into: Uint8Array): void;
}

/** The spill of chunks filled from now on (none: they stay in memory). */
let spill: ChunkSpill | undefined;

/** Sets where full chunks go from now on (undefined: nowhere, they stay in memory); chunks already spilled stay where they are. */
export function spillChunksTo(to: ChunkSpill | undefined): void {
  spill = to;
}

/** A chunk in memory, or spilled: its values at byte `at` of its spill. */
type Chunk<T> = T | { readonly at: number; readonly length: number; readonly spill: ChunkSpill };

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
    const to = spill;
    if (to === undefined) return;
    const at = to.write(new Uint8Array(last.buffer, last.byteOffset, last.byteLength));
    if (at === undefined) return; // kept in memory
    this.#chunks[this.#chunks.length - 1] = { at, length: last.length, spill: to };
  }

  /** Values [from, to) written into `target` from `at` on (converted to its type). */
  copyTo(target: Numbers, at = 0, from = 0, to = this.#length): void {
    let start = 0;
    for (const chunk of this.#chunks) {
      const end = start + chunk.length;
      if (end > from && start < to) {
        const a = Math.max(from, start);
        const b = Math.min(to, end);
        target.set(ArrayBuffer.isView(chunk) ? chunk.subarray(a - start, b - start) : this.#read(chunk, a - start, b - a), at + a - from);
      }
      if (end >= to) break;
      start = end;
    }
  }

  /** `n` values of a spilled chunk from its value `i` on. */
  #read(chunk: { readonly at: number; readonly spill: ChunkSpill }, i: number, n: number): T {
    const out = new this.type(n);
    chunk.spill.read(chunk.at + i * this.type.BYTES_PER_ELEMENT, new Uint8Array(out.buffer));
    return out;
  }

  /** Values [from, to) as a new array of this column's type. */
  slice(from = 0, to = this.#length): T {
    const out = new this.type(to - from);
    this.copyTo(out, 0, from, to);
    return out;
  }
}
