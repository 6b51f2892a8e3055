// Tests of the kernel: clock, callbacks, processes, run/until/stop, errors and determinism.
import { describe, it, expect } from 'vitest';
import { Simulation, type ProcessBody, type Process, type Waitable } from '../../src/engine/simulation.js';
import { Resource } from '../../src/engine/resource.js';
import { createStream } from '../../src/engine/random.js';

describe('Simulation: callbacks and the clock', () => {
  it('runs callbacks in time order, FIFO among equal times', () => {
    const sim = new Simulation();
    const log: [number, string][] = [];
    sim.schedule(2, () => log.push([sim.now, 'b']));
    sim.schedule(1, () => log.push([sim.now, 'a']));
    sim.at(2, () => log.push([sim.now, 'c']));
    sim.schedule(0, () => log.push([sim.now, 'z']));
    sim.run();
    expect(log).toEqual([[0, 'z'], [1, 'a'], [2, 'b'], [2, 'c']]);
    expect(sim.eventsProcessed).toBe(4);
  });

  it('run({until}) processes events at or before until, then sets now = until; a later run continues', () => {
    const sim = new Simulation();
    const log: number[] = [];
    for (const t of [1, 5, 10, 11]) sim.at(t, () => log.push(sim.now));
    sim.run({ until: 10 });
    expect(log).toEqual([1, 5, 10]);
    expect(sim.now).toBe(10);
    sim.run({ until: 20 });
    expect(log).toEqual([1, 5, 10, 11]);
    expect(sim.now).toBe(20);
  });

  it('stop() makes run() return after the current event', () => {
    const sim = new Simulation();
    const log: number[] = [];
    sim.at(1, () => log.push(1));
    sim.at(2, () => {
      log.push(2);
      sim.stop();
    });
    sim.at(3, () => log.push(3));
    sim.run({ until: 100 });
    expect(log).toEqual([1, 2]);
    expect(sim.now).toBe(2);
    sim.run();
    expect(log).toEqual([1, 2, 3]);
  });

  it('rejects negative, NaN and infinite delays, and times in the past', () => {
    const sim = new Simulation();
    expect(() => sim.schedule(-1, () => undefined)).toThrow(new RangeError('invalid delay -1: expected a finite number >= 0'));
    expect(() => sim.schedule(NaN, () => undefined)).toThrow('invalid delay NaN');
    expect(() => sim.schedule(Infinity, () => undefined)).toThrow('invalid delay Infinity');
    sim.run({ until: 5 });
    expect(() => sim.at(4, () => undefined)).toThrow(new RangeError('invalid time 4: expected a finite time >= now (5)'));
    expect(() => sim.run({ until: 3 })).toThrow('invalid until 3');
  });

  it('a throwing callback stops run() with the time in the message', () => {
    const sim = new Simulation();
    sim.at(7, () => {
      throw new Error('boom');
    });
    expect(() => sim.run()).toThrow('event at t=7 failed: boom');
  });
});

describe('Simulation: processes', () => {
  it('holds for numbers, starts at the current time (as an event), and interleaves FIFO', () => {
    const sim = new Simulation();
    const log: string[] = [];
    function* walker(name: string, steps: number[]): ProcessBody {
      log.push(`${sim.now} ${name} start`);
      for (const d of steps) {
        yield d;
        log.push(`${sim.now} ${name}`);
      }
    }
    const a = sim.process(walker('a', [1, 1]), 'a');
    sim.process(walker('b', [2, 0]), 'b');
    log.push('created');
    expect(a.name).toBe('a');
    sim.run();
    // At t=2, b's hold (scheduled at t=0) comes before a's (scheduled at t=1); b's 0 hold goes last.
    expect(log).toEqual(['created', '0 a start', '0 b start', '1 a', '2 b', '2 a', '2 b']);
    expect(a.finished).toBe(true);
  });

  it('passes the resume value as the result of yield', () => {
    const sim = new Simulation();
    let parked: Process | undefined;
    const gate: Waitable = { wait: (p) => { parked = p; } };
    const got: unknown[] = [];
    sim.process((function* (): ProcessBody {
      got.push(yield gate);
      got.push(sim.now);
    })());
    sim.at(3, () => parked!.resume('opened'));
    sim.run();
    expect(got).toEqual(['opened', 3]);
  });

  it('a waitable that resumes from inside wait() continues the process in the same event', () => {
    const sim = new Simulation();
    const ready: Waitable = { wait: (p) => p.resume(42) };
    const got: unknown[] = [];
    sim.process((function* (): ProcessBody {
      got.push(yield ready);
      got.push(yield ready);
    })());
    sim.run();
    expect(got).toEqual([42, 42]);
    expect(sim.eventsProcessed).toBe(1);
  });

  it('yielding a process waits for it to finish', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const child = sim.process((function* (): ProcessBody {
      yield 5;
    })(), 'child');
    sim.process((function* (): ProcessBody {
      yield child;
      log.push(`joined at ${sim.now}`);
      yield child; // already finished: continues at once
      log.push(`again at ${sim.now}`);
    })());
    sim.run();
    expect(log).toEqual(['joined at 5', 'again at 5']);
  });

  it('names unnamed processes by id', () => {
    const sim = new Simulation();
    const p = sim.process((function* (): ProcessBody {})());
    expect(p.name).toMatch(/^process \d+$/);
  });

  it('a throwing process body makes run() throw with its name, the time and the message', () => {
    const sim = new Simulation();
    sim.process((function* (): ProcessBody {
      yield 2.5;
      throw new Error('bad effort');
    })(), 'change 17');
    expect(() => sim.run()).toThrow('change 17 failed at t=2.5: bad effort');
  });

  it('an invalid hold fails the process loudly', () => {
    const sim = new Simulation();
    sim.process((function* (): ProcessBody {
      yield -1;
    })(), 'p');
    expect(() => sim.run()).toThrow('p failed at t=0: invalid hold -1: expected a finite number >= 0');
  });

  it('resuming a process that is not waiting throws', () => {
    const sim = new Simulation();
    const p = sim.process((function* (): ProcessBody {
      yield 1;
    })(), 'p');
    expect(() => p.resume()).toThrow('cannot resume p at t=0: it is scheduled, not waiting');
  });

  it('traces with the time when a trace sink is given', () => {
    const trace: string[] = [];
    const sim = new Simulation({ trace: (t, m) => trace.push(`${t} ${m}`) });
    sim.process((function* (): ProcessBody {
      yield 1;
    })(), 'p');
    sim.run();
    expect(trace).toEqual(['1 p finished']);
  });
});

describe('Simulation: determinism', () => {
  function traceOf(seed: number): string[] {
    const trace: string[] = [];
    const sim = new Simulation({ trace: (t, m) => trace.push(`${t.toFixed(6)} ${m}`) });
    const team = new Resource(sim, { name: 'team', capacity: 2 });
    const rng = createStream(seed, 0, 'determinism');
    const exp = (mean: number): number => -Math.log(1 - rng.next()) * mean;
    sim.process((function* (): ProcessBody {
      for (let i = 0; i < 50; i++) {
        yield exp(1);
        sim.process((function* (): ProcessBody {
          yield team.request();
          yield exp(1.5);
          team.release();
        })(), `c${i}`);
      }
    })(), 'source');
    sim.run();
    return trace;
  }

  it('the same seed gives an identical trace; another seed a different one', () => {
    const a = traceOf(1);
    expect(a.length).toBeGreaterThan(150);
    expect(traceOf(1)).toEqual(a);
    expect(traceOf(2)).not.toEqual(a);
  });
});
