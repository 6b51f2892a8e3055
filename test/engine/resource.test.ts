// Tests of Resource: exact traces of grants and waits, priority order, statistics, calendars and errors.
import { describe, it, expect } from 'vitest';
import { Simulation, type ProcessBody } from '../../src/engine/simulation.js';
import { Resource, type WorkCalendar } from '../../src/engine/resource.js';
import { Calendar } from '../../src/engine/calendar.js';
import { TimeBase } from '../../src/engine/time.js';

/** Customers that arrive at given times, take one unit for `service` minutes, and log what happened. */
function customers(sim: Simulation, team: Resource, arrivals: [name: string, at: number, priority?: number][], service: number, log: string[]): void {
  for (const [name, at, priority] of arrivals) {
    sim.at(at, () => {
      sim.process((function* (): ProcessBody {
        log.push(`${sim.now} ${name} arrives`);
        yield team.request(priority);
        log.push(`${sim.now} ${name} served`);
        yield service;
        team.release();
        log.push(`${sim.now} ${name} leaves`);
      })(), name);
    });
  }
}

describe('Resource: traces', () => {
  it('three customers on a capacity-1 resource wait their turn, FIFO', () => {
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'desk', capacity: 1 });
    const log: string[] = [];
    customers(sim, team, [['a', 0], ['b', 1], ['c', 2]], 3, log);
    sim.run();
    expect(log).toEqual([
      '0 a arrives', '0 a served',
      '1 b arrives',
      '2 c arrives',
      '3 a leaves', '3 b served',
      '6 b leaves', '6 c served',
      '9 c leaves',
    ]);
    expect(team.served).toBe(3);
    expect(team.meanWait()).toBe(2); // waits 0, 2, 4
    expect(team.meanBusy()).toBe(1);
    expect(team.meanQueueLength()).toBeCloseTo(6 / 9, 12); // 1 in [1,2], 2 in [2,3], 1 in [3,6]
    expect(team.busy).toBe(0);
    expect(team.queueLength).toBe(0);
  });

  it('simultaneous arrivals are served in the order they requested', () => {
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'desk', capacity: 2 });
    const log: string[] = [];
    customers(sim, team, [['a', 0], ['b', 0], ['c', 0], ['d', 0]], 5, log);
    sim.run();
    expect(log.filter((l) => l.includes('served'))).toEqual(['0 a served', '0 b served', '5 c served', '5 d served']);
  });

  it('serves lower priority numbers first, FIFO among equal priorities', () => {
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'desk', capacity: 1 });
    const log: string[] = [];
    customers(sim, team, [['holder', 0], ['p5', 1, 5], ['p1a', 2, 1], ['p1b', 3, 1], ['d0', 4], ['n1', 5, -1]], 10, log);
    sim.run();
    expect(log.filter((l) => l.includes('served'))).toEqual([
      '0 holder served', '10 n1 served', '20 d0 served', '30 p1a served', '40 p1b served', '50 p5 served',
    ]);
  });

  it('traces grants, queueing and releases', () => {
    const trace: string[] = [];
    const sim = new Simulation({ trace: (t, m) => trace.push(`${t} ${m}`) });
    const team = new Resource(sim, { name: 'desk', capacity: 1 });
    customers(sim, team, [['a', 0], ['b', 1]], 2, []);
    sim.run();
    expect(trace).toEqual([
      '0 desk: granted to a (busy 1/1)',
      '1 desk: b queued (queue 1)',
      '2 desk: released, granted to b (queue 0)',
      '2 a finished',
      '4 desk: released (busy 0/1)',
      '4 b finished',
    ]);
  });
});

describe('Resource: statistics', () => {
  it('resetStats() restarts the time-weighted means, counts and work done', () => {
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'desk', capacity: 2 });
    sim.process((function* (): ProcessBody {
      yield team.request();
      yield team.workTime(10);
      team.release();
    })());
    sim.run({ until: 20 });
    expect(team.meanBusy()).toBe(0.5);
    expect(team.utilisationOfHeld()).toBe(0.25);
    expect(team.utilisation()).toBe(0.25);
    expect(team.workDone).toBe(10);
    team.resetStats();
    sim.run({ until: 30 });
    expect([team.meanBusy(), team.workDone, team.served, team.meanWait()]).toEqual([0, 0, 0, 0]);
  });

  it('uses the calendar for work time and for utilisation', () => {
    // Open [0, 100) of every 200 minutes.
    const halfTime: WorkCalendar = {
      nextOpen(t) {
        return t % 200 < 100 ? t : Math.floor(t / 200) * 200 + 200;
      },
      addWorkingTime(t, effort) {
        let time = t;
        let left = effort;
        for (;;) {
          const start = Math.floor(time / 200) * 200;
          const open = Math.max(0, start + 100 - time);
          if (left <= open) return time + left;
          left -= open;
          time = start + 200;
        }
      },
      workingTimeBetween(a, b) {
        const f = (x: number): number => Math.floor(x / 200) * 100 + Math.min(100, x % 200);
        return f(b) - f(a);
      },
    };
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'ops', capacity: 1, calendar: halfTime });
    const log: number[] = [];
    sim.process((function* (): ProcessBody {
      yield 50;
      yield team.request();
      yield team.workTime(80); // 50 minutes today, 30 after the 100-minute closure
      log.push(sim.now);
      team.release();
    })());
    sim.run({ until: 400 });
    expect(log).toEqual([230]);
    expect(team.workDone).toBe(80);
    expect(team.utilisation()).toBe(80 / 200);
    expect(team.utilisationOfHeld()).toBe(180 / 400);
  });
});

describe('Resource: errors', () => {
  it('release without a unit held throws with the name and time', () => {
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'desk', capacity: 1 });
    expect(() => team.release()).toThrow('resource "desk": release at t=0 with no unit held');
  });

  it('rejects a bad capacity and a bad effort', () => {
    const sim = new Simulation();
    expect(() => new Resource(sim, { name: 'x', capacity: 0 })).toThrow('resource "x": capacity must be a positive integer or Infinity, got 0');
    expect(() => new Resource(sim, { name: 'x', capacity: 1.5 })).toThrow('got 1.5');
    const team = new Resource(sim, { name: 'desk', capacity: 1 });
    expect(() => team.workTime(-3)).toThrow('resource "desk": invalid effort -3: expected a finite number >= 0');
  });
});

describe('utilisation counts only the work done in the measured period (issue 13: "utilisation 318%")', () => {
  // Open one minute a week, Monday 09:00-09:01, from Monday 2027-01-04 00:00.
  const oneMinute = new Calendar(new TimeBase('2027-01-04'), { open: ['mon 09:00-09:01'] });
  const week = 7 * 1440;

  function jobAt(sim: Simulation, team: Resource, at: number, effort: number): void {
    sim.at(at, () => {
      sim.process((function* (): ProcessBody {
        yield team.request();
        yield team.workTime(effort);
        team.release();
      })());
    });
  }

  it('a 4-hour job on a one-minute-a-week calendar: 8 of its minutes in 8 weeks, utilisation 1 (was 240/8 = 30)', () => {
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'as', capacity: 1, calendar: oneMinute });
    jobAt(sim, team, 0, 240);
    sim.run({ until: 8 * week });
    expect(team.workDone).toBe(240);
    expect(team.utilisation()).toBe(1);
  });

  it('two people, one job: half; and the part of a job under way at a reset counts after it', () => {
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'as', capacity: 2, calendar: oneMinute });
    jobAt(sim, team, 0, 10);
    sim.at(3 * week, () => team.resetStats()); // 3 of the 10 minutes done before the reset
    sim.run({ until: 5 * week });
    expect(team.utilisation()).toBe(2 / 4); // weeks 4 and 5: one person busy, two available
    sim.run({ until: 20 * week });
    expect(team.utilisation()).toBe(7 / 34); // the 7 minutes left, over 17 weeks × 2 people
  });

  it('never exceeds 1 with jobs queueing far beyond the horizon', () => {
    const sim = new Simulation();
    const team = new Resource(sim, { name: 'as', capacity: 3, calendar: oneMinute });
    for (let i = 0; i < 50; i++) jobAt(sim, team, i * 100, 240);
    sim.run({ until: 8 * week });
    expect(team.utilisation()).toBe(1);
  });
});
