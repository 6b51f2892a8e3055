// Tests of the event queue: (time, sequence) order, FIFO among equal times, growth and clearing.
import { describe, it, expect } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.js';
import { createStream } from '../../src/engine/random.js';

describe('EventQueue', () => {
  it('is empty at first: size 0, peekTime Infinity, pop undefined', () => {
    const q = new EventQueue<string>();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBeUndefined();
  });

  it('pops in time order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'e');
    q.push(1, 'a');
    q.push(3, 'c');
    q.push(2, 'b');
    q.push(4, 'd');
    expect(q.peekTime()).toBe(1);
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop()!);
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps FIFO order among equal times, interleaved with other times', () => {
    const q = new EventQueue<string>(2);
    for (const [t, x] of [[1, 'a1'], [0, 'z'], [1, 'a2'], [2, 'b1'], [1, 'a3'], [2, 'b2'], [1, 'a4']] as const) {
      q.push(t, x);
    }
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop()!);
    expect(out).toEqual(['z', 'a1', 'a2', 'a3', 'a4', 'b1', 'b2']);
  });

  it('matches a stable sort on 20,000 random keys with many ties, while growing from capacity 1', () => {
    const rng = createStream(7, 0, 'event-queue');
    const q = new EventQueue<number>(1);
    const keys: { time: number; id: number }[] = [];
    for (let id = 0; id < 20_000; id++) {
      const time = Math.floor(rng.next() * 500);
      keys.push({ time, id });
      q.push(time, id);
    }
    keys.sort((a, b) => a.time - b.time || a.id - b.id);
    const out: number[] = [];
    while (q.size > 0) out.push(q.pop()!);
    expect(out).toEqual(keys.map((k) => k.id));
  });

  it('stays ordered when pushes and pops interleave', () => {
    const rng = createStream(8, 0, 'event-queue');
    const q = new EventQueue<number>();
    let now = 0;
    let popped = 0;
    for (let i = 0; i < 10_000; i++) {
      q.push(now + rng.next() * 10, i);
      if (rng.next() < 0.5) {
        const t = q.peekTime();
        expect(t).toBeGreaterThanOrEqual(now);
        now = t;
        q.pop();
        popped++;
      }
    }
    expect(q.size).toBe(10_000 - popped);
  });

  it('clear() empties it and keeps FIFO order for later pushes', () => {
    const q = new EventQueue<string>();
    q.push(1, 'x');
    q.push(2, 'y');
    q.clear();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    q.push(1, 'p');
    q.push(1, 'q');
    expect([q.pop(), q.pop()]).toEqual(['p', 'q']);
  });

  it('rejects a NaN time', () => {
    expect(() => new EventQueue<string>().push(NaN, 'x')).toThrow('event time is NaN');
  });
});
