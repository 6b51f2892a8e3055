// changes.csv and events.csv are streamed: each replication's rows reach the file (in the hidden
// partial folder) as soon as the replication is delivered, in replication order, and the finished
// file is byte for byte the rows of each replication made on their own, one after the other.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TimeBase } from '../../src/engine/time.js';
import { buildClassModels } from '../../src/model/features.js';
import { runToFolder } from '../../src/output/run-to-folder.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import type { Scenario } from '../../src/scenario/types.js';
import { produceReplication, serialExecutor, tasksOf } from '../../src/run/replications.js';
import { CHANGE_COLUMNS, EVENT_COLUMNS } from '../../src/run/rows.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-stream-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The changes.csv being written: in a hidden folder next to the target while the run goes on. */
function partialChanges(parent: string, target: string): string {
  const hidden = readdirSync(parent).filter((e) => e.startsWith('.') && existsSync(join(parent, e, 'changes.csv')));
  expect(hidden, 'one hidden partial folder').toHaveLength(1);
  expect(existsSync(target), 'the target appears only when complete').toBe(false);
  return readFileSync(join(parent, hidden[0]!, 'changes.csv'), 'utf8');
}

describe('streamed per-replication rows', () => {
  it('changes.csv grows a replication at a time, in task order, and ends as the rows made one replication at a time', async () => {
    const s: Scenario = { ...loadScenario('scenarios/ops-run-it.yaml'), horizon: 10 * 10080, warmup: 10080, replications: 3 };
    const tasks = tasksOf(s);
    const models = buildClassModels(s);
    const tb = new TimeBase(s.start);
    const products = tasks.map((t) => produceReplication(s, t, models, { rows: true, keep: 0 }, tb));
    const header = CHANGE_COLUMNS.join(',') + '\n';
    const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
    const expectedAfter = (k: number): string => header + products.slice(0, k).map((p) => text(p.changesCsv)).join('');
    expect(products.every((p) => p.changesCsv.length > 0)).toBe(true);

    const target = join(dir, 'out');
    const seen: number[] = [];
    await runToFolder(s, {
      file: 'x.yaml',
      text: '',
      out: target,
      executor: serialExecutor,
      onProgress: (done) => {
        seen.push(done);
        expect(partialChanges(dir, target), `after ${done} replications`).toBe(expectedAfter(done));
      },
    });
    expect(seen).toEqual(tasks.map((_t, i) => i + 1));
    expect(readFileSync(join(target, 'changes.csv'), 'utf8')).toBe(expectedAfter(tasks.length));
    const events = readFileSync(join(target, 'events.csv'), 'utf8');
    expect(events).toBe(EVENT_COLUMNS.join(',') + '\n' + products.map((p) => text(p.eventsCsv)).join(''));
    expect(products.filter((p) => p.eventsCsv.length > 0)).toHaveLength(s.variants.length); // replication 1 of each variant logs events
  });
});
