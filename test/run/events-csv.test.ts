// events.csv rows as bytes (issue 14): the byte writer makes exactly what csv-stringify makes of
// the same rows (csvRows(eventRows(…)), the formatter it replaced), encoded as UTF-8 — for a real
// event log and for any events, hostile text (formulas, quotes, commas, line breaks, emoji, lone
// surrogates) and unreached or far-off times included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import type { EventRecord } from '../../src/model/records.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { EVENT_COLUMNS, eventRows, eventsCsvBytes } from '../../src/run/rows.js';
import { csvRows } from '../../src/run/csv-rows.js';

function reference(events: readonly EventRecord[], tb: TimeBase): Buffer {
  return Buffer.from(csvRows(eventRows(events, tb), EVENT_COLUMNS), 'utf8');
}

function same(events: readonly EventRecord[], tb: TimeBase): void {
  const bytes = eventsCsvBytes(events, tb);
  expect(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(reference(events, tb))).toBe(true);
  expect(bytes.byteLength).toBe(bytes.buffer.byteLength); // a buffer of its own, safe to transfer
}

describe('events.csv bytes', () => {
  it("replication 1's event log, both variants: the bytes of csv-stringify", () => {
    const s = { ...loadScenario('scenarios/ops-run-it.yaml'), horizon: 12 * 10080, warmup: 10080 };
    const tb = new TimeBase(s.start);
    for (const v of s.variants) {
      const events = runReplication(s, v, 1, { logEvents: true }).events;
      expect(events.length).toBeGreaterThan(300);
      same(events, tb);
    }
    expect(eventsCsvBytes([], tb)).toEqual(new Uint8Array(0));
  });

  it('any events, hostile text and any times included', () => {
    const tb = new TimeBase('2027-01-04T09:30');
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('=1+1', '-2.5', '@SUM(A1)', '\t=x', 'a,"b"\r\nc', '🚀 "launch"', 'ünïcödé', '', '\ud800'),
    );
    const time = fc.oneof(fc.double({ min: -1e7, max: 1e8 }), fc.constantFrom(NaN, Infinity, 0, -0.5, 1e13));
    const event = fc.record({
      replication: fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.double()),
      variant: text,
      caseId: text,
      activity: text,
      start: time,
      end: time,
      resource: text,
    }) as fc.Arbitrary<EventRecord>;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => same(events, tb)),
      { seed: 1414, numRuns: 1000 },
    );
  });
});
