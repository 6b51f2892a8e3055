// Ctrl-C during a run: end the worker threads, remove the half-written output folder, say so on
// stderr and exit with 130 (128 + SIGINT), so no folder is ever left looking complete.
import { removePartial } from '../report/output-folder.js';
import { terminateAllWorkers } from '../stats/parallel.js';

/** Runs `fn` with a SIGINT handler that cleans up the partial folder of `out`. */
export async function interruptible<T>(out: string, fn: () => Promise<T>): Promise<T> {
  const onInterrupt = (): void => {
    void terminateAllWorkers().finally(() => {
      removePartial(out);
      process.stderr.write('\norisim: interrupted; no output written\n');
      process.exit(130);
    });
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await fn();
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
