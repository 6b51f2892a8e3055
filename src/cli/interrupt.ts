// Ctrl-C (SIGINT), SIGTERM and SIGHUP during a run: end the worker threads, remove the half-written
// output folder, say so on stderr and exit with 128 + the signal's number (130, 143, 129), so no
// folder is ever left looking complete. A second signal while the workers end exits at once (it
// still removes the partial folder).
import { constants } from 'node:os';
import { removePartial, stopWrites } from '../output/output-folder.js';
import { terminateAllWorkers } from '../node/parallel.js';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

const SAID: Record<StopSignal, string> = {
  SIGINT: 'interrupted',
  SIGTERM: 'terminated (SIGTERM)',
  SIGHUP: 'hung up (SIGHUP)',
};

/** Runs `fn` with signal handlers that clean up the partial folder of `out` and exit. */
export async function interruptible<T>(out: string, fn: () => Promise<T>): Promise<T> {
  let stopping: Promise<never> | undefined;
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = (): void => {
      const code = 128 + constants.signals[signal];
      if (stopping) {
        removePartial(out);
        process.exit(code);
      }
      stopWrites();
      stopping = terminateAllWorkers()
        .catch(() => undefined)
        .then(() => {
          removePartial(out);
          process.stderr.on('error', () => undefined); // after SIGHUP the terminal may be gone
          process.stderr.write(`\norisim: ${SAID[signal]}; no output written\n`);
          process.exit(code);
        });
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await fn();
  } catch (err) {
    // Work cut short by the signal fails here; the handler is about to exit: wait for it.
    if (stopping) await stopping;
    throw err;
  } finally {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  }
}
