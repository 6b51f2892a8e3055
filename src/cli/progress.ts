// Progress on stderr: a bar with replications done, rate and time left when stderr is a terminal;
// nothing otherwise (or with --quiet), so piped output stays clean.
import { printable } from './printable.js';

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function createProgress(label: string, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
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
      stream.write(`\r${shown} [${bar}] ${done}/${total} replications, ${rate.toFixed(1)}/s ${eta}  `);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
