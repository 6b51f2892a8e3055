// Tests of Meeting: cutoff, capacity and spill-over, records of empty meetings, and errors.
import { describe, it, expect } from 'vitest';
import { Simulation, type ProcessBody } from '../../src/engine/simulation.js';
import { Meeting, type MeetingRecord } from '../../src/engine/meeting.js';

/** Meetings every 100 minutes (100, 200, 300) and none after 300. */
const everyHundredUntil300 = (after: number): number => {
  const next = (Math.floor(after / 100) + 1) * 100;
  return next <= 300 ? next : Infinity;
};

describe('Meeting', () => {
  it('decides items that made the cutoff, FIFO up to capacity; the rest wait for a later meeting', () => {
    const sim = new Simulation();
    const cab = new Meeting(sim, { name: 'cab', nextTime: everyHundredUntil300, cutoff: 10, capacity: 2 });
    cab.start();
    const log: string[] = [];
    // d attends at 95, after the first meeting's cutoff (90); c makes it but spills over for capacity.
    for (const [name, at] of [['a', 50], ['b', 60], ['c', 80], ['d', 95]] as const) {
      sim.at(at, () => {
        sim.process((function* (): ProcessBody {
          const record = (yield cab.attend()) as MeetingRecord;
          log.push(`${sim.now} ${name} decided at meeting ${record.index}`);
        })(), name);
      });
    }
    sim.run();
    expect(log).toEqual([
      '100 a decided at meeting 0',
      '100 b decided at meeting 0',
      '200 c decided at meeting 1',
      '200 d decided at meeting 1',
    ]);
    expect(cab.records).toEqual([
      // c made the cutoff and was left (spill-over); d missed it (waiting, not spill-over).
      { index: 0, time: 100, decided: 2, waitingAfter: 2, spillOver: 1 },
      { index: 1, time: 200, decided: 2, waitingAfter: 0, spillOver: 0 },
      { index: 2, time: 300, decided: 0, waitingAfter: 0, spillOver: 0 },
    ]);
    expect(cab.waiting).toBe(0);
    expect(sim.now).toBe(300);
  });

  it('an item attending exactly at the cutoff is decided at that meeting', () => {
    const sim = new Simulation();
    const cab = new Meeting(sim, { name: 'cab', nextTime: everyHundredUntil300, cutoff: 10, capacity: Infinity });
    cab.start();
    const decidedAt: number[] = [];
    sim.at(90, () => {
      sim.process((function* (): ProcessBody {
        yield cab.attend();
        decidedAt.push(sim.now);
      })());
    });
    sim.run();
    expect(decidedAt).toEqual([100]);
  });

  it('calls onMeeting and traces each meeting', () => {
    const trace: string[] = [];
    const sim = new Simulation({ trace: (t, m) => trace.push(`${t} ${m}`) });
    const seen: number[] = [];
    const cab = new Meeting(sim, {
      name: 'cab', nextTime: everyHundredUntil300, cutoff: 0, capacity: 1, onMeeting: (r) => seen.push(r.time),
    });
    cab.start();
    sim.run();
    expect(seen).toEqual([100, 200, 300]);
    expect(trace).toEqual([
      '100 cab: meeting 0 decided 0, 0 still waiting',
      '200 cab: meeting 1 decided 0, 0 still waiting',
      '300 cab: meeting 2 decided 0, 0 still waiting',
    ]);
  });

  it('fails loudly on bad options and on a nextTime that does not move forward', () => {
    const sim = new Simulation();
    const opts = { name: 'cab', nextTime: everyHundredUntil300, cutoff: 10, capacity: 2 };
    expect(() => new Meeting(sim, { ...opts, cutoff: -1 })).toThrow('meeting "cab": cutoff must be a finite number >= 0, got -1');
    expect(() => new Meeting(sim, { ...opts, capacity: 0 })).toThrow('meeting "cab": capacity must be a positive integer or Infinity, got 0');
    const stuck = new Meeting(sim, { ...opts, nextTime: (after) => after });
    expect(() => stuck.start()).toThrow('meeting "cab": nextTime(0) returned 0, expected a time strictly after 0');
    const twice = new Meeting(sim, opts);
    twice.start();
    expect(() => twice.start()).toThrow('meeting "cab" already started');
  });
});
