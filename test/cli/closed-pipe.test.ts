// A reader that stops early (`orisim schema | head -c 100`) closes stdout's pipe: orisim ends
// quietly, exit 0 and nothing on stderr, instead of an unhandled EPIPE stack trace. Run as a child
// process of the built CLI whose stdout pipe the test closes after the first bytes.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI, ROOT } from './built-cli.js';

beforeAll(() => buildCli(), 120_000);

/** Runs the CLI, reads `bytes` of its stdout, then closes the pipe; resolves with its exit code and stderr. */
function readThenClose(args: string[], bytes: number): Promise<{ code: number | null; stderr: string; read: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let read = 0;
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read >= bytes) child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
}

describe('stdout closed by the reader', () => {
  it.each([
    ['schema', ['schema']],
    ['--help', ['--help']],
  ])('orisim %s | head -c 100: exit 0, nothing on stderr', async (_name, args) => {
    const r = await readThenClose(args, 100);
    expect(r.read).toBeGreaterThanOrEqual(100);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
});
