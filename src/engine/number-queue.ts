// A first-in, first-out queue of numbers in a ring buffer over a Float64Array: push and shift
// allocate nothing (except when the buffer doubles), and numbers are stored unboxed.

const INITIAL_CAPACITY = 16;

export class NumberQueue {
  #items = new Float64Array(INITIAL_CAPACITY);
  #head = 0;
  #count = 0;

  get size(): number {
    return this.#count;
  }

  push(x: number): void {
    if (this.#count === this.#items.length) this.#grow();
    // The capacity is a power of two, so a mask wraps the index.
    this.#items[(this.#head + this.#count) & (this.#items.length - 1)] = x;
    this.#count++;
  }

  /** Removes and returns the oldest number; a RangeError when the queue is empty. */
  shift(): number {
    if (this.#count === 0) throw new RangeError('NumberQueue.shift: the queue is empty');
    const x = this.#items[this.#head]!;
    this.#head = (this.#head + 1) & (this.#items.length - 1);
    this.#count--;
    return x;
  }

  #grow(): void {
    const old = this.#items;
    const items = new Float64Array(old.length * 2);
    for (let k = 0; k < this.#count; k++) items[k] = old[(this.#head + k) & (old.length - 1)]!;
    this.#items = items;
    this.#head = 0;
  }
}
