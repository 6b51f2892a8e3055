// The named per-stage and per-cost-item helpers agree with plain keyed access over STAGES and
// RUN_COST_ITEMS, index by index and in the same order of additions.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { RUN_COST_ITEMS, STAGES } from '../../src/model/records.js';
import {
  addRunCosts, addToCost, addToStage, readStages, stageIndex, writeStages, zeroCosts, zeroStages,
} from '../../src/model/stage-times.js';

const values = fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 11, maxLength: 11 });

describe('stage-times helpers', () => {
  test('stageIndex is the index in STAGES', () => {
    STAGES.forEach((s, i) => expect(stageIndex(s)).toBe(i));
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 })), { maxLength: 40 })])(
    'addToStage and addToCost add to the same field as keyed access, in the same order',
    (adds) => {
      const named = zeroStages();
      const keyed = zeroStages();
      const namedCost = zeroCosts();
      const keyedCost = zeroCosts();
      for (const [i, x] of adds) {
        addToStage(named, i, x);
        keyed[STAGES[i]!] += x;
        addToCost(namedCost, RUN_COST_ITEMS[i]!, x);
        keyedCost[RUN_COST_ITEMS[i]!] += x;
      }
      for (const s of STAGES) expect(Object.is(named[s], keyed[s])).toBe(true);
      for (const item of RUN_COST_ITEMS) expect(Object.is(namedCost[item], keyedCost[item])).toBe(true);
    },
  );

  test.prop([values])('readStages and writeStages copy index by index', (xs) => {
    const t = zeroStages();
    writeStages(t, Float64Array.from(xs));
    STAGES.forEach((s, i) => expect(Object.is(t[s], xs[i])).toBe(true));
    const out = new Float64Array(11);
    readStages(t, out);
    expect([...out]).toEqual(xs);
  });

  test.prop([values, fc.double({ noNaN: true, min: -1e9, max: 1e9 })])('addRunCosts adds the items one at a time in RUN_COST_ITEMS order', (xs, start) => {
    const c = zeroCosts();
    RUN_COST_ITEMS.forEach((item, i) => (c[item] = xs[i]!));
    let expected = start;
    for (const item of RUN_COST_ITEMS) expected += c[item];
    expect(Object.is(addRunCosts(start, c), expected)).toBe(true);
  });

  test('addToStage refuses an index outside STAGES', () => {
    expect(() => addToStage(zeroStages(), 11, 1)).toThrow('no stage 11');
  });
});
