// A digest's memory layout (digest.ts): every array on one ArrayBuffer, only the non-zero stage
// waits kept. The summaries must be exactly those of the plain layout (every wait of every change).
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { STAGES } from '../../src/model/records.js';
import { runReplication } from '../../src/model/replication.js';
import { digestReplication, stageWaitsOf, type ReplicationDigest } from '../../src/run/digest.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import { baseScenario } from '../model/helpers.js';

/** The same digest with every stage wait (0s included) at [s * n + i], as before the sparse layout. */
function dense(d: ReplicationDigest, waits: readonly (readonly number[])[]): ReplicationDigest {
  const { stageWaitEnds: _ends, ...rest } = d;
  return { ...rest, stageWaitDays: Float32Array.from(waits.flat()) };
}

describe('replication digest layout', () => {
  const scenario = baseScenario({ replications: 2, variants: ['normal', 'preApproved'] });
  for (const variant of ['normal', 'preApproved'] as const) {
    it(`${variant}: one buffer, the non-zero stage waits in change order, and the same summary as every wait kept`, () => {
      const outs = [1, 2].map((r) => runReplication(scenario, variant, r));
      const digests = outs.map((o) => digestReplication(scenario, o));
      const denseDigests = digests.map((d, r) => {
        const done = outs[r]!.changes.filter((c) => !c.warmup && Number.isFinite(c.liveAt));
        expect(done.length).toBe(d.leadTimeDays.length);
        const waits = STAGES.map((s) => done.map((c) => Math.fround(c.wait[s] / 1440)));
        STAGES.forEach((_s, k) => expect(Array.from(stageWaitsOf(d, k))).toEqual(waits[k]!.filter((w) => w !== 0)));
        // Fewer waits kept than changes × stages (a change skips some stages), all on one buffer.
        expect(d.stageWaitDays.length).toBeLessThan(done.length * STAGES.length);
        const buffers = new Set(Object.values(d).filter((v) => ArrayBuffer.isView(v)).map((v) => (v as Uint8Array).buffer));
        expect(buffers.size).toBe(1);
        return dense(d, waits);
      });
      expect(digests[0]!.leadTimeDays.length).toBeGreaterThan(0);
      // The dense digests read back the same waits, and summarise to the same summary, byte for byte.
      STAGES.forEach((_s, k) => expect(Array.from(stageWaitsOf(denseDigests[0]!, k)).filter((w) => w !== 0)).toEqual(Array.from(stageWaitsOf(digests[0]!, k))));
      const a = summariseVariant(scenario, digests);
      const b = summariseVariant(scenario, denseDigests);
      expect(isDeepStrictEqual(a, b)).toBe(true);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    });
  }
});
