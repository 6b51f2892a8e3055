// The parallel executor with stand-in workers (plain .mjs, so no build is needed): outputs are
// delivered in task order whatever order workers answer in, work in flight stays bounded, and a
// worker's error or crash rejects the run with the worker's message.
import { describe, expect, it } from 'vitest';
import { autoWorkers, parallelExecutor } from '../../src/node/parallel.js';
import type { ProductPlan, ReplicationTask } from '../../src/run/replications.js';
import type { Scenario } from '../../src/scenario/types.js';

const fixture = (name: string): URL => new URL(`./fixtures/${name}`, import.meta.url);
const scenario = { name: 'stand-in' } as unknown as Scenario;
const plan: ProductPlan = { rows: true, keep: 1 };
const tasks: ReplicationTask[] = [
  ...Array.from({ length: 40 }, (_x, i) => ({ variant: 'normal' as const, replication: i + 1 })),
  ...Array.from({ length: 40 }, (_x, i) => ({ variant: 'preApproved' as const, replication: i + 1 })),
];

describe('parallelExecutor', () => {
  it('delivers in task order and keeps a bounded number of tasks in each worker', async () => {
    const seen: string[] = [];
    let maxHeld = 0;
    const threads = new Set<number>();
    await parallelExecutor(3, { workerUrl: fixture('shuffle-worker.mjs') })(scenario, tasks, plan, (task, product) => {
      const r = product.digest.record as unknown as { replication: number; variant: string; held: number; threadId: number };
      expect(r.replication).toBe(task.replication);
      expect(r.variant).toBe(task.variant);
      maxHeld = Math.max(maxHeld, r.held);
      threads.add(r.threadId);
      seen.push(`${task.variant}-${task.replication}`);
    });
    expect(seen).toEqual(tasks.map((t) => `${t.variant}-${t.replication}`));
    expect(maxHeld).toBeLessThanOrEqual(2);
    expect(threads.size).toBe(3);
  });

  it("rejects with the worker's message when a replication fails", async () => {
    const delivered: number[] = [];
    await expect(
      parallelExecutor(2, { workerUrl: fixture('error-worker.mjs') })(scenario, tasks, plan, (t) => delivered.push(t.replication)),
    ).rejects.toThrow('replication 2 of variant normal failed in a worker: boom in the model');
    expect(delivered).not.toContain(2);
  });

  it('rejects when a worker crashes', async () => {
    await expect(parallelExecutor(2, { workerUrl: fixture('crash-worker.mjs') })(scenario, tasks, plan, () => {})).rejects.toThrow(
      'worker failed: uncaught crash',
    );
  });

  it('rejects when deliver throws, and says where the worker script is missing', async () => {
    await expect(
      parallelExecutor(2, { workerUrl: fixture('shuffle-worker.mjs') })(scenario, tasks, plan, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    await expect(parallelExecutor(2, { workerUrl: fixture('nope.mjs') })(scenario, tasks, plan, () => {})).rejects.toThrow(
      /worker script not found: .*nope\.mjs \(worker threads need the built code: npm run build\)/,
    );
  });
});

describe('the default number of workers', () => {
  // workers-break-even (the bundled bin, 2 cores, the default scenario's two variants): 2 workers
  // were slower than this thread at 800 replications × variants (0.92×), even at 1,200 (1.01×),
  // faster at 1,600 (1.06×, 1.09×) and 2,400 (1.14×).
  it('is this thread below 1,600 replications × variants, every core from 1,600', () => {
    expect([1, 200, 800, 1599].map((n) => autoWorkers(n, 2))).toEqual([1, 1, 1, 1]);
    expect([1600, 2400, 100_000].map((n) => autoWorkers(n, 2))).toEqual([2, 2, 2]);
    expect(autoWorkers(1600, 1)).toBe(1);
  });
});
