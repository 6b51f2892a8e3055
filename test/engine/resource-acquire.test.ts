// Resource.acquire: a callback takes a unit like a process does, in the same FIFO queue.
import { describe, expect, it } from 'vitest';
import { Resource } from '../../src/engine/resource.js';
import { Simulation, type ProcessBody } from '../../src/engine/simulation.js';

describe('Resource.acquire', () => {
  it('queues callbacks and processes together, first come first served', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { name: 'desk', capacity: 1 });
    const log: string[] = [];
    function* customer(name: string, service: number): ProcessBody {
      yield res.request();
      log.push(`${sim.now} ${name} starts`);
      yield service;
      res.release();
    }
    sim.process(customer('p1', 5));
    sim.at(1, () => res.acquire('cb', () => {
      log.push(`${sim.now} cb starts`);
      sim.schedule(3, () => res.release());
    }));
    sim.at(2, () => sim.process(customer('p2', 1)));
    sim.run();
    expect(log).toEqual(['0 p1 starts', '5 cb starts', '8 p2 starts']);
    expect(res.served).toBe(3);
    expect(res.meanWait()).toBeCloseTo((0 + 4 + 6) / 3, 12);
  });

  it('runs at once when a unit is free', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { name: 'desk', capacity: 2 });
    let at = -1;
    sim.at(7, () => res.acquire('cb', () => (at = sim.now)));
    sim.run();
    expect(at).toBe(7);
    expect(res.busy).toBe(1);
  });
});
