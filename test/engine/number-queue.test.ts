// NumberQueue: first in, first out across the ring's wrap-around and its growth; and
// Resource.acquireFor: one waiter queued many times is granted in the order of its requests,
// first come first served with the processes in the same queue.
import { describe, expect, it } from 'vitest';
import { test as fcTest, fc } from '@fast-check/vitest';
import { NumberQueue } from '../../src/engine/number-queue.js';
import { Resource } from '../../src/engine/resource.js';
import type { Waiter } from '../../src/engine/wait-queue.js';
import { Simulation, type ProcessBody } from '../../src/engine/simulation.js';

describe('NumberQueue', () => {
  it('gives numbers back in the order they were pushed, through wrap-around and growth', () => {
    const q = new NumberQueue();
    const expected: number[] = [];
    let next = 0;
    // Interleave pushes and shifts so the head walks round the 16-slot ring before it grows.
    for (let round = 0; round < 40; round++) {
      for (let k = 0; k < (round % 7) + 1; k++) {
        q.push(next + 0.5);
        expected.push(next + 0.5);
        next++;
      }
      for (let k = 0; k < (round % 5); k++) {
        if (expected.length === 0) break;
        expect(q.shift()).toBe(expected.shift());
      }
      expect(q.size).toBe(expected.length);
    }
    const rest: number[] = [];
    while (q.size > 0) rest.push(q.shift());
    expect(rest).toEqual(expected);
  });

  it('keeps -0, NaN and infinities as they are', () => {
    const q = new NumberQueue();
    for (const x of [-0, NaN, Infinity, -Infinity, 1e-300]) q.push(x);
    expect(Object.is(q.shift(), -0)).toBe(true);
    expect(q.shift()).toBeNaN();
    expect([q.shift(), q.shift(), q.shift()]).toEqual([Infinity, -Infinity, 1e-300]);
  });

  it('refuses a shift when empty', () => {
    const q = new NumberQueue();
    q.push(1);
    q.shift();
    expect(() => q.shift()).toThrow('NumberQueue.shift: the queue is empty');
  });

  fcTest.prop([fc.array(fc.oneof(fc.double(), fc.constant('shift' as const)), { maxLength: 300 })], { numRuns: 200, seed: 14 })(
    'behaves as an array with push and shift',
    (ops) => {
      const q = new NumberQueue();
      const model: number[] = [];
      for (const op of ops) {
        if (op === 'shift') {
          if (model.length === 0) continue;
          expect(Object.is(q.shift(), model.shift())).toBe(true);
        } else {
          q.push(op);
          model.push(op);
        }
        expect(q.size).toBe(model.length);
      }
    },
  );
});

describe('Resource.acquireFor', () => {
  it('grants one waiter queued several times once per request, in order, among the processes', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { name: 'desk', capacity: 1 });
    const log: string[] = [];
    const jobs = new NumberQueue();
    const waiter: Waiter = {
      name: 'jobs',
      resume: () => {
        const effort = jobs.shift();
        log.push(`${sim.now} job ${effort} starts`);
        sim.schedule(effort, () => res.release());
      },
    };
    function* customer(name: string, service: number): ProcessBody {
      yield res.request();
      log.push(`${sim.now} ${name} starts`);
      yield service;
      res.release();
    }
    sim.process(customer('p1', 5));
    sim.at(1, () => {
      jobs.push(2);
      res.acquireFor(waiter);
    });
    sim.at(2, () => sim.process(customer('p2', 1)));
    sim.at(3, () => {
      jobs.push(4);
      res.acquireFor(waiter);
    });
    sim.run();
    expect(log).toEqual(['0 p1 starts', '5 job 2 starts', '7 p2 starts', '8 job 4 starts']);
    expect(res.served).toBe(4);
    expect(res.busy).toBe(0);
  });

  it('runs at once when a unit is free', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { name: 'desk', capacity: 2 });
    const at: number[] = [];
    const waiter: Waiter = { name: 'w', resume: () => at.push(sim.now) };
    sim.at(7, () => {
      res.acquireFor(waiter);
      res.acquireFor(waiter);
    });
    sim.run();
    expect(at).toEqual([7, 7]);
    expect(res.busy).toBe(2);
  });
});
