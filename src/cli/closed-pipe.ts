// A reader that stops early (`orisim schema | head -c 100`) closes the pipe orisim writes to, and
// the next write fails with EPIPE. That is the reader's choice, not orisim's failure: the write is
// dropped and the command carries on to its end (files are still written, the exit code is its
// own), with no stack trace. Any other error of the stream is left to Node as before.
import type { Writable } from 'node:stream';

/** Errors of a stream whose reader has gone: the pipe was closed, or a write came after that. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/** Makes `stream` (stdout, stderr) drop its writes quietly once its reader has closed the pipe. */
export function quietWhenReaderCloses(stream: Writable): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (READER_GONE.has(err.code ?? '')) return;
    // Not a closed pipe: as without this listener, an unhandled stream error.
    stream.removeAllListeners('error');
    stream.emit('error', err);
  });
}
