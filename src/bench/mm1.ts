// Benchmark: an M/M/1 queue (λ=1, μ=1.1) of 10^6 customers through the engine's Resource and process API.
import { Resource } from '../engine/resource.js';
import { Simulation, type ProcessBody } from '../engine/simulation.js';
import { createStream, type Rng } from '../engine/random.js';

const CUSTOMERS = 1_000_000;
const ARRIVAL_RATE = 1;
const SERVICE_RATE = 1.1;
const RUNS = 5;

export interface Mm1Result {
  name: 'mm1';
  customers: number;
  seconds: number;
  customersPerSecond: number;
  eventsPerSecond: number;
  /** CPU time of the median run: steadier than wall-clock time on a shared machine. */
  cpuSeconds: number;
  meanWait: number;
}

function exponential(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate;
}

/** One run: returns wall-clock seconds, events processed and the mean wait (a sanity check). */
export function runMm1(customers: number, seed: number): { seconds: number; cpuSeconds: number; events: number; meanWait: number } {
  const sim = new Simulation();
  const server = new Resource(sim, { name: 'server', capacity: 1 });
  const arrivals = createStream(seed, 0, 'arrivals');
  const services = createStream(seed, 0, 'services');

  function* customer(): ProcessBody {
    yield server.request();
    yield exponential(services, SERVICE_RATE);
    server.release();
  }
  function* source(): ProcessBody {
    for (let i = 0; i < customers; i++) {
      yield exponential(arrivals, ARRIVAL_RATE);
      sim.process(customer());
    }
  }

  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  sim.process(source(), 'source');
  sim.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (server.served !== customers) throw new Error(`mm1: served ${server.served} of ${customers} customers`);
  return { seconds, cpuSeconds, events: sim.eventsProcessed, meanWait: server.meanWait() };
}

/** Median of RUNS timed runs after one warm-up run. */
export function benchMm1(): Mm1Result {
  runMm1(CUSTOMERS, 0);
  const runs = [];
  for (let r = 1; r <= RUNS; r++) runs.push(runMm1(CUSTOMERS, r));
  runs.sort((a, b) => a.seconds - b.seconds);
  const median = runs[Math.floor(RUNS / 2)]!;
  return {
    name: 'mm1',
    customers: CUSTOMERS,
    seconds: median.seconds,
    customersPerSecond: Math.round(CUSTOMERS / median.seconds),
    eventsPerSecond: Math.round(median.events / median.seconds),
    cpuSeconds: median.cpuSeconds,
    meanWait: median.meanWait,
  };
}
