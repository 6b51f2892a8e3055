// The command line starts without the simulation: --help's text about --workers, written in
// cli/main.ts without importing node/parallel.ts, says what parallel.ts does.
import { describe, expect, it, vi } from 'vitest';
import { main, WORKERS_HELP } from '../../src/cli/main.js';
import { AUTO_PARALLEL_MIN_TASKS, defaultWorkers } from '../../src/node/parallel.js';

describe('start-up', () => {
  it("run --help states --workers' default as node/parallel.ts chooses it", async () => {
    expect(WORKERS_HELP.minTasks).toBe(AUTO_PARALLEL_MIN_TASKS);
    expect(WORKERS_HELP.cores()).toBe(defaultWorkers());
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      expect(await main(['run', '--help'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(out.join('').replace(/\s+/g, ' ')).toContain(`default: ${defaultWorkers()}, the cores, for runs of ${AUTO_PARALLEL_MIN_TASKS} or more replications × variants, else 1`);
  });
});
