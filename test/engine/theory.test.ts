// Theory checks: the engine's queues against M/M/1, M/M/c (Erlang C), M/D/1 (Pollaczek–Khinchine), Little's law and a periodic meeting.
import { describe, it, expect } from 'vitest';
import { Simulation, type ProcessBody } from '../../src/engine/simulation.js';
import { Resource } from '../../src/engine/resource.js';
import { Meeting } from '../../src/engine/meeting.js';
import { createStream, type Rng } from '../../src/engine/random.js';

const exponential = (rng: Rng, mean: number): number => -Math.log(1 - rng.next()) * mean;

interface QueueRun {
  meanWait: number;
  meanQueueLength: number;
  /** Grants per minute after the warm-up (the observed arrival rate, in steady state). */
  throughput: number;
}

/**
 * A G/G/c queue on a Resource: Poisson arrivals at `rate`, service times from `service`, run for
 * `customers` arrivals; statistics are reset after the first `warmup` minutes.
 */
function runQueue(seed: number, rate: number, servers: number, service: (rng: Rng) => number, customers: number, warmup: number): QueueRun {
  const sim = new Simulation();
  const team = new Resource(sim, { name: 'servers', capacity: servers });
  const arrivals = createStream(seed, 0, 'arrivals');
  const services = createStream(seed, 0, 'services');
  function* customer(): ProcessBody {
    yield team.request();
    yield service(services);
    team.release();
  }
  let lastArrival = 0;
  sim.process((function* (): ProcessBody {
    for (let i = 0; i < customers; i++) {
      yield exponential(arrivals, 1 / rate);
      sim.process(customer());
    }
    lastArrival = sim.now;
  })());
  sim.at(warmup, () => team.resetStats());
  // Run until the queue drains, so every customer's wait is counted.
  sim.run();
  expect(lastArrival).toBeGreaterThan(warmup);
  return { meanWait: team.meanWait(), meanQueueLength: team.meanQueueLength(), throughput: team.served / (sim.now - warmup) };
}

/** Mean of the runs over several seeds. */
function averaged(seeds: number[], run: (seed: number) => QueueRun): QueueRun {
  const runs = seeds.map(run);
  const mean = (f: (r: QueueRun) => number): number => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  return { meanWait: mean((r) => r.meanWait), meanQueueLength: mean((r) => r.meanQueueLength), throughput: mean((r) => r.throughput) };
}

/** Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
function erlangC(servers: number, load: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < servers; k++) {
    sum += term;
    term *= load / (k + 1);
  }
  const top = term * (servers / (servers - load));
  return top / (sum + top);
}

describe('theory', () => {
  it('M/M/1 (λ=0.9, μ=1): mean wait in queue Wq = ρ/(μ-λ) = 9, within 5%', () => {
    // Tolerance 5%: at ρ=0.9 the waits are strongly correlated; 4 seeds × 600k customers keep the
    // standard error near 1.5%.
    const result = averaged([1, 2, 3, 4], (seed) => runQueue(seed, 0.9, 1, (rng) => exponential(rng, 1), 600_000, 5_000));
    expect(Math.abs(result.meanWait - 9) / 9).toBeLessThan(0.05);
  });

  it('M/M/3 (λ=2.4, μ=1): mean wait in queue matches Erlang C within 5%', () => {
    // Tolerance 5%; ρ = 0.8. Wq = C(3, 2.4) / (3μ - λ) ≈ 0.3237 / 0.6 ≈ 1.079 minutes.
    const expected = erlangC(3, 2.4) / (3 - 2.4);
    expect(expected).toBeCloseTo(1.0787, 3);
    const result = averaged([11, 12], (seed) => runQueue(seed, 2.4, 3, (rng) => exponential(rng, 1), 500_000, 1_000));
    expect(Math.abs(result.meanWait - expected) / expected).toBeLessThan(0.05);
  });

  it('M/D/1 (λ=0.8, D=1): mean wait in queue matches Pollaczek–Khinchine within 5%', () => {
    // Tolerance 5%. Wq = λ·E[S²] / (2(1-ρ)) = 0.8 · 1 / (2 · 0.2) = 2 minutes.
    const expected = (0.8 * 1) / (2 * (1 - 0.8));
    const result = averaged([21, 22], (seed) => runQueue(seed, 0.8, 1, () => 1, 500_000, 1_000));
    expect(Math.abs(result.meanWait - expected) / expected).toBeLessThan(0.05);
  });

  it("Little's law on a resource: mean queue length = throughput × mean wait, within 2%", () => {
    // Tolerance 2%: Little's law holds on every sample path; the only gap is the customers already
    // waiting at the warm-up reset, small over 200k customers.
    const result = runQueue(31, 2.4, 3, (rng) => exponential(rng, 1), 200_000, 1_000);
    const little = result.throughput * result.meanWait;
    expect(Math.abs(result.meanQueueLength - little) / little).toBeLessThan(0.02);
  });

  it('a weekly meeting with spare capacity: mean wait = half the period + the cutoff (3.5 days + cutoff), within 2%', () => {
    // Tolerance 2%: the wait is uniform on [cutoff, cutoff + period], so over ~100k items the
    // standard error is about 0.2%.
    const week = 10080;
    const cutoff = 1440;
    const sim = new Simulation();
    // Meetings on day 3 of each week, 14:00.
    const offset = 3 * 1440 + 14 * 60;
    const cab = new Meeting(sim, {
      name: 'cab',
      nextTime: (after) => Math.floor((after - offset) / week + 1) * week + offset,
      cutoff,
      capacity: Infinity,
    });
    cab.start();
    const arrivals = createStream(41, 0, 'arrivals');
    let waited = 0;
    let decided = 0;
    function* item(): ProcessBody {
      const attended = sim.now;
      yield cab.attend();
      waited += sim.now - attended;
      decided++;
    }
    const weeks = 100;
    sim.process((function* (): ProcessBody {
      for (;;) {
        yield exponential(arrivals, 10); // one item every 10 minutes on average
        if (sim.now > weeks * week) return;
        sim.process(item());
      }
    })());
    sim.run({ until: (weeks + 2) * week });
    expect(decided).toBeGreaterThan(95_000);
    expect(cab.waiting).toBe(0);
    const expected = week / 2 + cutoff; // 3.5 days + 1 day
    expect(Math.abs(waited / decided - expected) / expected).toBeLessThan(0.02);
    expect(cab.records.reduce((sum, r) => sum + r.decided, 0)).toBe(decided);
  });
});
