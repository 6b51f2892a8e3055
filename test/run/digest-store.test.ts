// The digest store (digest-store.ts, column.ts): digests folded into columns, full chunks spilled
// to a temporary file. Over random digests: each digest comes back as it went in, whatever the
// chunk size (1 value, 3, the default), and the summary read from the columns is the one computed
// straight from the list of digests (pooled percentiles and means summed in the same order), to
// the bit.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RUN_COST_ITEMS, STAGES } from '../../src/model/records.js';
import { runReplication } from '../../src/model/replication.js';
import { Column } from '../../src/run/column.js';
import { spillColumnsInto } from '../../src/node/spill-file.js';
import { digestReplication, stageWaitsOf, type ReplicationDigest } from '../../src/run/digest.js';
import { DigestStore } from '../../src/run/digest-store.js';
import { positiveMeanCi95, quantileSorted } from '../../src/stats/estimates.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import { baseScenario } from '../model/helpers.js';

// Full chunks spill to a temporary file, as in a run (node/spill-file.ts).
spillColumnsInto(undefined);

const scenario = baseScenario({ replications: 1, variants: ['normal'] });
const record = digestReplication(scenario, runReplication(scenario, 'normal', 1)).record;

const lead = fc.double({ min: 0, max: 400, noNaN: true, noDefaultInfinity: true });
const wait = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 90, noNaN: true, noDefaultInfinity: true }).map(Math.fround));
const change = fc.record({
  lead,
  validated: fc.oneof(fc.constant(NaN), lead),
  cls: fc.integer({ min: 0, max: 2 }),
  path: fc.integer({ min: 0, max: 3 }),
  waits: fc.array(wait, { minLength: STAGES.length, maxLength: STAGES.length }),
});
const replication = fc.record({
  changes: fc.array(change, { maxLength: 12 }),
  restores: fc.array(fc.record({ hours: fc.double({ min: 0, max: 50, noNaN: true, noDefaultInfinity: true }), path: fc.integer({ min: 0, max: 3 }) }), { maxLength: 4 }),
  meetings: fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5 })), { maxLength: 4 }),
  weeks: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }),
  active: fc.array(fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true }), { minLength: STAGES.length, maxLength: STAGES.length }),
  costs: fc.array(fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true }), { minLength: RUN_COST_ITEMS.length, maxLength: RUN_COST_ITEMS.length }),
  leadMinutes: fc.double({ min: 1, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  activeBeforeLive: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
});

type Replication = typeof replication extends fc.Arbitrary<infer T> ? T : never;

/** A digest in digestReplication's layout (the non-zero stage waits, stage by stage). */
function digestOf(r: Replication, i: number): ReplicationDigest {
  const waits: number[] = [];
  const ends: number[] = [];
  STAGES.forEach((_s, k) => {
    for (const c of r.changes) if (c.waits[k] !== 0) waits.push(c.waits[k]!);
    ends.push(waits.length);
  });
  return {
    record: { ...record, replication: i + 1 },
    leadTimeDays: Float64Array.from(r.changes, (c) => c.lead),
    validatedLeadTimeDays: Float64Array.from(r.changes, (c) => c.validated),
    classIndex: Uint8Array.from(r.changes, (c) => c.cls),
    pathIndex: Uint8Array.from(r.changes, (c) => c.path),
    groupIndex: new Uint8Array(r.changes.length),
    stageWaitDays: Float32Array.from(waits),
    stageWaitEnds: Uint32Array.from(ends),
    stageActiveHours: Float64Array.from(r.active),
    activeBeforeLive: r.activeBeforeLive,
    leadMinutes: r.leadMinutes,
    restoreHours: Float64Array.from(r.restores, (x) => x.hours),
    restorePathIndex: Uint8Array.from(r.restores, (x) => x.path),
    runItems: Float64Array.from(r.costs),
    cabDecided: Uint16Array.from(r.meetings, (m) => m[0]),
    cabSpillOver: Uint16Array.from(r.meetings, (m) => m[1]),
    deploymentsByWeek: Int32Array.from(r.weeks),
    warnings: i % 3 === 0 ? [] : [`warning ${i}`],
  };
}

/** Every array and figure of a digest as plain lists (stage waits as stageWaitsOf reads them). */
function plain(d: ReplicationDigest): unknown {
  const { stageWaitDays: _w, stageWaitEnds: _e, ...rest } = d;
  return {
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, ArrayBuffer.isView(v) ? [v.constructor.name, ...Array.from(v as Float64Array)] : v])),
    waits: STAGES.map((_s, k) => Array.from(stageWaitsOf(d, k))),
  };
}

/** Pooled percentiles and mean over the digests' values, straight from the list (the summaries' definition). */
function pooled(values: readonly number[], means: readonly number[]): unknown {
  const sorted = Float64Array.from(values.filter(Number.isFinite)).sort();
  let sum = 0;
  for (const x of sorted) sum += x;
  const list = sorted as unknown as number[];
  return {
    mean: sorted.length > 0 ? sum / sorted.length : NaN,
    ci95: positiveMeanCi95(means).ci95,
    p50: quantileSorted(list, 0.5),
    p85: quantileSorted(list, 0.85),
    p95: quantileSorted(list, 0.95),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : NaN,
  };
}

describe('digest store', () => {
  fcTest.prop([fc.array(replication, { minLength: 1, maxLength: 8 })], { numRuns: 60, seed: 14 })(
    'gives back every digest, and the summary of the list, whatever the chunk size (spilled or not)',
    (reps) => {
      const digests = reps.map(digestOf);
      const stores = [1, 3, 1 << 16].map((chunk) => DigestStore.of(digests, chunk));
      for (const store of stores) {
        expect(store.length).toBe(digests.length);
        digests.forEach((d, i) => expect(plain(store.digest(i))).toEqual(plain(d)));
      }
      const [a, b, c] = stores.map((s) => JSON.stringify(summariseVariant(scenario, s)));
      expect(a).toBe(c);
      expect(b).toBe(c);
      // The figures that pool every change, computed from the list of digests.
      const s = summariseVariant(scenario, digests);
      expect(JSON.stringify(s)).toBe(c);
      const all = (f: (d: ReplicationDigest) => ArrayLike<number>): number[] => digests.flatMap((d) => Array.from(f(d)));
      expect(s.leadTimeDays).toEqual(pooled(all((d) => d.leadTimeDays), digests.map((d) => d.record.leadTimeMeanDays)));
      expect(s.validatedLeadTimeDays).toEqual(pooled(all((d) => d.validatedLeadTimeDays), digests.map((d) => d.record.validatedLeadTimeMeanDays)));
      STAGES.forEach((stage, k) => {
        const waits = Float64Array.from(all((d) => stageWaitsOf(d, k)));
        const every = new Float64Array(all((d) => d.leadTimeDays).length);
        every.set(waits);
        every.sort();
        let sum = 0;
        for (const x of every) sum += x;
        expect(s.stages[stage].meanWaitDays).toBe(every.length > 0 ? sum / every.length : NaN);
        expect(s.stages[stage].p85WaitDays).toBe(quantileSorted(every as unknown as number[], 0.85));
      });
      for (const [name, g] of [['normal', 0], ['preApproved', 1], ['emergency', 2], ['youBuildItYouRunIt', 3]] as const) {
        const values = digests.flatMap((d) => Array.from(d.leadTimeDays).filter((_x, i) => d.pathIndex[i] === g));
        const means = digests.flatMap((d) => {
          const own = Array.from(d.leadTimeDays).filter((_x, i) => d.pathIndex[i] === g);
          return own.length > 0 ? [own.reduce((x, y) => x + y, 0) / own.length] : [];
        });
        if (values.length === 0) expect(s.byPath[name]).toBeUndefined();
        else expect(s.byPath[name]).toEqual({ ...(pooled(values, means) as object), completed: values.length });
      }
      const hours = all((d) => d.restoreHours);
      expect(s.timeToRestoreHours.count).toBe(hours.length);
      const decided = all((d) => d.cabDecided);
      expect(s.changesPerCabMeeting).toBe(decided.length > 0 ? decided.reduce((x, y) => x + y, 0) / decided.length : NaN);
    },
  );

  it('a column reads back any range, across chunks held in memory and spilled', () => {
    const values = Float64Array.from({ length: 50 }, (_x, i) => i * 1.5 - 7 + (i === 9 ? NaN : 0));
    for (const chunk of [1, 4, 7, 64]) {
      const column = new Column(Float64Array, chunk);
      column.push(values.subarray(0, 13));
      column.push(values.subarray(13, 13));
      column.push(values.subarray(13));
      expect(column.length).toBe(50);
      expect(Array.from(column.slice())).toEqual(Array.from(values));
      for (const [from, to] of [[0, 0], [3, 9], [6, 29], [49, 50], [0, 50]] as const) {
        expect(Array.from(column.slice(from, to))).toEqual(Array.from(values.subarray(from, to)));
      }
      // Widened into a float64 target from a float32 column, as the stage waits are read.
      const narrow = new Column(Float32Array, chunk);
      narrow.push(values);
      const wide = new Float64Array(52);
      narrow.copyTo(wide, 2);
      expect(Array.from(wide.subarray(2))).toEqual(Array.from(values, Math.fround));
    }
  });
});
