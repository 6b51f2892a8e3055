// The future event list: a binary min-heap ordered by (time, sequence), FIFO among equal times.

/** Initial number of slots; the heap doubles when full and never shrinks (except on clear). */
const INITIAL_CAPACITY = 64;

/**
 * A priority queue of items keyed by a float time. Items pushed with the same time come out in
 * the order they were pushed (the sequence number breaks ties), which is what makes a
 * simulation deterministic.
 *
 * Keys live in typed arrays and payloads in a plain array, so a push or pop allocates nothing
 * except when the heap doubles. This is the hottest code of the engine: keep it monomorphic.
 */
export class EventQueue<T> {
  private times: Float64Array;
  // A float64 holds exact integers up to 2^53, so the sequence never wraps in practice.
  private seqs: Float64Array;
  private items: (T | undefined)[];
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity: number = INITIAL_CAPACITY) {
    if (!Number.isInteger(initialCapacity) || initialCapacity < 1) {
      throw new RangeError(`initial capacity must be a positive integer, got ${initialCapacity}`);
    }
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.items = new Array<T | undefined>(initialCapacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  /** The time of the earliest item, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[0]!;
  }

  /** The earliest item without removing it, or undefined when the queue is empty. */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[0];
  }

  push(time: number, item: T): void {
    if (Number.isNaN(time)) throw new RangeError(`event time is NaN for item ${String(item)}`);
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const seq = this.nextSeq++;
    // Sift up with a hole: move parents down until the new key's place is found, then write once.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Removes and returns the earliest item, or undefined when the queue is empty. */
  pop(): T | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    const items = this.items;
    const top = items[0];
    const last = n - 1;
    this.count = last;
    if (last === 0) {
      items[0] = undefined;
      return top;
    }
    const times = this.times;
    const seqs = this.seqs;
    // Take the last entry out and sift it down from the root with a hole.
    const time = times[last]!;
    const seq = seqs[last]!;
    const item = items[last];
    items[last] = undefined; // drop the reference so finished payloads can be collected
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      let ct = times[child]!;
      const right = child + 1;
      if (right < last) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < seqs[child]!)) {
          child = right;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && seq < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      items[i] = items[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
    return top;
  }

  /** Removes every item; the sequence keeps counting so FIFO order holds across a clear. */
  clear(): void {
    this.items.fill(undefined, 0, this.count);
    this.count = 0;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    for (let i = this.items.length; i < capacity; i++) this.items.push(undefined);
  }
}
