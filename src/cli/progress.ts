// Progress on stderr: a bar with replications done, rate and time left when stderr is a terminal;
// nothing otherwise (or with --quiet), so piped output stays clean. Replications are counted as
// the user asked for them (`-r 20` is 20 replications, whatever the number of variants); compare
// and sweep, which run one scenario (or value) after another, also say which one is running:
// `scenarios 2/3, replications 12/20` and `values 3/8, replications 12/20`.
import { printable } from './printable.js';

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

/** Draws the progress line at most every 100 ms (and always at the end). */
function drawer(label: string, enabled: boolean, stream: NodeJS.WriteStream): { draw(fraction: number, left: number, text: string, final: boolean): void; done(): void } | undefined {
  if (!enabled || !stream.isTTY) return undefined;
  const shown = printable(label);
  let last = 0;
  let drawn = false;
  return {
    draw(fraction, left, text, final) {
      const now = performance.now();
      if (!final && now - last < 100) return;
      last = now;
      const width = 24;
      const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      const eta = Number.isFinite(left) ? `${left.toFixed(0)}s left` : '';
      stream.write(`\r${shown} [${bar}] ${text} ${eta}  `);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}

/**
 * `tasksPerReplication`: how many tasks (a replication of one variant) make one replication as the
 * user asked for it (`-r 20` of a scenario with two variants is 20 replications, 40 tasks).
 */
export function createProgress(label: string, enabled: boolean, tasksPerReplication = 1, stream: NodeJS.WriteStream = process.stderr): Progress {
  const d = drawer(label, enabled, stream);
  if (d === undefined) return { update() {}, done() {} };
  const started = performance.now();
  return {
    update(done, total) {
      const rate = done / Math.max((performance.now() - started) / 1000, 1e-9);
      const left = rate > 0 ? (total - done) / rate : Infinity;
      const per = tasksPerReplication;
      d.draw(done / total, left, `${Math.floor(done / per)}/${Math.ceil(total / per)} replications, ${(rate / per).toFixed(1)}/s`, done >= total);
    },
    done: () => d.done(),
  };
}

/** Progress of one scenario (or value) after another. */
export interface StagedProgress {
  /** `done` tasks of stage `stage` (0-based) are finished. */
  update(stage: number, done: number): void;
  done(): void;
}

/**
 * Progress over stages run one after another (compare: the scenarios; sweep: the values), each of
 * `replications` replications of `tasks[i] ÷ replications` variants: the bar and the time left are
 * over all tasks; the text says which stage runs and how many of its replications are done, e.g.
 * `values 3/8, replications 12/20, 4.2/s` (replications a second of the stage running).
 */
export function createStagedProgress(
  label: string,
  enabled: boolean,
  stages: { noun: string; tasks: readonly number[]; replications: number },
  stream: NodeJS.WriteStream = process.stderr,
): StagedProgress {
  const d = drawer(label, enabled, stream);
  if (d === undefined) return { update() {}, done() {} };
  const total = stages.tasks.reduce((a, b) => a + b, 0);
  const before = stages.tasks.map((_t, i) => stages.tasks.slice(0, i).reduce((a, b) => a + b, 0));
  const started = performance.now();
  return {
    update(stage, done) {
      const all = before[stage]! + done;
      const rate = all / Math.max((performance.now() - started) / 1000, 1e-9);
      const left = rate > 0 ? (total - all) / rate : Infinity;
      const per = Math.max(1, stages.tasks[stage]! / stages.replications);
      const text = `${stages.noun} ${stage + 1}/${stages.tasks.length}, replications ${Math.floor(done / per)}/${stages.replications}, ${(rate / per).toFixed(1)}/s`;
      d.draw(all / total, left, text, all >= total);
    },
    done: () => d.done(),
  };
}

/** Progress of a search (orisim optimise): candidates left, replications spent, and the time left at the current rate. */
export interface SearchProgress {
  update(candidatesLeft: number, spent: number, left: number): void;
  done(): void;
}

export function createSearchProgress(label: string, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): SearchProgress {
  const d = drawer(label, enabled, stream);
  if (d === undefined) return { update() {}, done() {} };
  const started = performance.now();
  let finished = false;
  return {
    update(candidatesLeft, spent, left) {
      const rate = spent / Math.max((performance.now() - started) / 1000, 1e-9);
      d.draw(spent / Math.max(1, spent + left), rate > 0 ? left / rate : Infinity, `${candidatesLeft} candidates left, ${spent} replications, ${rate.toFixed(1)}/s`, left === 0);
    },
    done() {
      if (!finished) d.done();
      finished = true;
    },
  };
}
