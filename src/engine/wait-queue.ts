// The queue of a resource: processes (or callbacks) waiting for a unit, served by (priority,
// arrival). Default-priority waiters sit in a FIFO ring buffer, the others in a binary heap over
// typed arrays, so that in the common all-default case a push or a pop is O(1) and allocates
// nothing (but when the ring grows).

/** Something waiting for a unit: a process, or a callback (see Resource.acquire). */
export interface Waiter {
  readonly name: string;
  resume(): void;
}

/**
 * Waiters with a non-default priority, ordered by (priority, arrival): a binary heap over typed
 * arrays that also remembers when each one started waiting.
 */
class PriorityHeap {
  private priorities = new Float64Array(16);
  private seqs = new Float64Array(16);
  private since = new Float64Array(16);
  private processes: (Waiter | undefined)[] = new Array<Waiter | undefined>(16).fill(undefined);
  private count = 0;
  private nextSeq = 0;
  /** When the process returned by the last pop() started waiting. */
  poppedSince = 0;

  /** The lowest priority waiting; only meaningful when size > 0. */
  get topPriority(): number {
    return this.priorities[0]!;
  }

  get size(): number {
    return this.count;
  }

  push(priority: number, since: number, process: Waiter): void {
    if (this.count === this.priorities.length) this.grow();
    const { priorities, seqs, processes } = this;
    const seq = this.nextSeq++;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pp = priorities[parent]!;
      if (pp < priority || (pp === priority && seqs[parent]! < seq)) break;
      priorities[i] = pp;
      seqs[i] = seqs[parent]!;
      this.since[i] = this.since[parent]!;
      processes[i] = processes[parent];
      i = parent;
    }
    priorities[i] = priority;
    seqs[i] = seq;
    this.since[i] = since;
    processes[i] = process;
  }

  pop(): Waiter {
    const { priorities, seqs, since, processes } = this;
    const top = processes[0]!;
    this.poppedSince = since[0]!;
    const last = --this.count;
    const priority = priorities[last]!;
    const seq = seqs[last]!;
    const s = since[last]!;
    const process = processes[last];
    processes[last] = undefined;
    if (last === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (priorities[right]! < priorities[child]! ||
        (priorities[right] === priorities[child] && seqs[right]! < seqs[child]!))) {
        child = right;
      }
      const cp = priorities[child]!;
      if (priority < cp || (priority === cp && seq < seqs[child]!)) break;
      priorities[i] = cp;
      seqs[i] = seqs[child]!;
      since[i] = since[child]!;
      processes[i] = processes[child];
      i = child;
    }
    priorities[i] = priority;
    seqs[i] = seq;
    since[i] = s;
    processes[i] = process;
    return top;
  }

  private grow(): void {
    const capacity = this.priorities.length * 2;
    const widen = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.priorities = widen(this.priorities);
    this.seqs = widen(this.seqs);
    this.since = widen(this.since);
    for (let i = this.processes.length; i < capacity; i++) this.processes.push(undefined);
  }
}

/** Default-priority waiters in arrival order: a ring buffer, so FIFO queueing is O(1). */
class FifoRing {
  private since = new Float64Array(16);
  private processes: (Waiter | undefined)[] = new Array<Waiter | undefined>(16).fill(undefined);
  private head = 0;
  private count = 0;
  poppedSince = 0;

  get size(): number {
    return this.count;
  }

  push(since: number, process: Waiter): void {
    let capacity = this.since.length;
    if (this.count === capacity) {
      this.grow();
      capacity = this.since.length;
    }
    // Capacity is a power of two, so a mask wraps the index.
    const i = (this.head + this.count) & (capacity - 1);
    this.since[i] = since;
    this.processes[i] = process;
    this.count++;
  }

  pop(): Waiter {
    const i = this.head;
    const process = this.processes[i]!;
    this.processes[i] = undefined;
    this.poppedSince = this.since[i]!;
    this.head = (i + 1) & (this.since.length - 1);
    this.count--;
    return process;
  }

  private grow(): void {
    const capacity = this.since.length;
    const since = new Float64Array(capacity * 2);
    const processes = new Array<Waiter | undefined>(capacity * 2).fill(undefined);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & (capacity - 1);
      since[k] = this.since[i]!;
      processes[k] = this.processes[i];
    }
    this.since = since;
    this.processes = processes;
    this.head = 0;
  }
}

/**
 * Processes waiting for a unit, ordered by (priority, arrival). Default-priority (0) waiters sit in
 * a FIFO ring and the others in a heap; no priority is in both, so comparing the heap's top with 0
 * keeps the combined order exact, and the common all-default case never touches the heap.
 */
export class WaitQueue {
  private readonly fifo = new FifoRing();
  private readonly heap = new PriorityHeap();
  /** When the process returned by the last pop() started waiting. */
  poppedSince = 0;

  get size(): number {
    return this.fifo.size + this.heap.size;
  }

  push(priority: number, since: number, process: Waiter): void {
    if (priority === 0) this.fifo.push(since, process);
    else this.heap.push(priority, since, process);
  }

  /** Removes the next waiter; only call when size > 0. */
  pop(): Waiter {
    const heap = this.heap;
    if (heap.size > 0 && (this.fifo.size === 0 || heap.topPriority < 0)) {
      const process = heap.pop();
      this.poppedSince = heap.poppedSince;
      return process;
    }
    const process = this.fifo.pop();
    this.poppedSince = this.fifo.poppedSince;
    return process;
  }
}

/** A request with a non-default priority; the default-priority request is one shared object. */
