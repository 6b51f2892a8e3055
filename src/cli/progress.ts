// Progress on stderr: a bar with replications done, rate and time left when stderr is a terminal;
// nothing otherwise (or with --quiet), so piped output stays clean.
import { printable } from './printable.js';

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

/**
 * `tasksPerReplication`: how many tasks (a replication of one variant) make one replication as the
 * user asked for it (`-r 20` of a scenario with two variants is 20 replications, 40 tasks).
 */
export function createProgress(label: string, enabled: boolean, tasksPerReplication = 1, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return { update() {}, done() {} };
  const shown = printable(label);
  const started = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = performance.now();
      if (done < total && now - last < 100) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = done / Math.max(seconds, 1e-9);
      const left = rate > 0 ? (total - done) / rate : Infinity;
      const width = 24;
      const filled = Math.round((done / total) * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      const eta = Number.isFinite(left) ? `${left.toFixed(0)}s left` : '';
      const per = tasksPerReplication;
      stream.write(`\r${shown} [${bar}] ${Math.floor(done / per)}/${Math.ceil(total / per)} replications, ${(rate / per).toFixed(1)}/s ${eta}  `);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
