// The end-to-end benchmark's reading of Node's --trace-gc lines (the figures it reports).
import { describe, expect, it } from 'vitest';
import { tallyGc } from '../../src/bench/end-to-end.js';

describe('tallyGc', () => {
  it('counts scavenges and mark-compacts from every thread and sums their pauses; other lines are ignored', () => {
    const text = [
      'ops-run-it: 1000 replications, seed 42',
      '[21804:0x1cd00d00]     1870 ms: Mark-Compact 16.9 (47.1) -> 12.1 (47.1) MB, 22.20 / 0.04 ms  (+ 13.7 ms in 26 steps since start of marking) finalize incremental marking via stack guard; GC in old space requested',
      '[21804:0x1cd00d00]     4674 ms: Scavenge 29.4 (47.4) -> 14.5 (47.4) MB, 1.54 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ',
      '[21804:0x7f0a2c000]     4721 ms: Scavenge 29.4 (47.4) -> 14.4 (47.4) MB, 6.56 / 0.00 ms  (average mu = 1.000, current mu = 1.000) task; ',
      'variant      lead p50 d  p85 d  p95 d',
      'normal              8.0   16.6   25.3 Scavenge',
    ].join('\n');
    const t = tallyGc(text);
    expect(t.scavenges).toBe(2);
    expect(t.markCompacts).toBe(1);
    expect(t.milliseconds).toBeCloseTo(22.2 + 1.54 + 6.56, 10);
  });

  it('is all zeros for output without collections', () => {
    expect(tallyGc('')).toEqual({ scavenges: 0, markCompacts: 0, milliseconds: 0 });
  });
});
