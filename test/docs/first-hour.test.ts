// The README's "A consultant's first hour" runs as written: each `orisim …` line of its shell
// blocks is run in order (acme.yaml and output/… inside a temporary folder), each succeeds, and a
// block of output right after a command is byte for byte what that command prints on stdout.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureCli } from '../cli/capture.js';
import { codeBlocks, readmeSection, shellWords } from './readme-blocks.js';

let dir: string;
let out: string[];

captureCli('orisim-first-hour-', (c) => ({ dir, out } = c));

/** The README's paths moved into the test's folder; a command that writes to its default folder gets one there. */
function inFolder(args: string[]): string[] {
  const moved = args.map((a) => (a === 'acme.yaml' || a.startsWith('output/') ? join(dir, a) : a));
  return moved.includes('--out') ? moved : [...moved, '--out', join(dir, 'output', args[0]!)];
}

describe("the README's first hour", () => {
  const blocks = codeBlocks(readmeSection("A consultant's first hour"));

  it('names orisim as the built command line, as package.json does', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
    expect(blocks[0]).toEqual({ lang: 'sh', text: "alias orisim='node dist/bin/orisim.js'\n" });
    expect(pkg.bin['orisim']).toBe('dist/bin/orisim.js');
  });

  it('runs as written and prints what it shows', async () => {
    let commands = 0;
    let outputs = 0;
    for (const [i, block] of blocks.entries()) {
      if (block.lang !== 'sh') continue;
      for (const line of block.text.split('\n').filter((l) => l.startsWith('orisim '))) {
        out.length = 0;
        const args = shellWords(line).slice(1);
        // Charts do not change stdout; without them the test is quicker.
        const code = await main([...inFolder(args), ...(args[0] === 'run' ? ['--no-charts'] : [])]);
        expect(code, line).toBe(0);
        commands++;
        const next = blocks[i + 1];
        if (next !== undefined && next.lang === '') {
          expect(out.join(''), line).toBe(next.text);
          outputs++;
        }
      }
    }
    expect({ commands, outputs }).toEqual({ commands: 3, outputs: 2 });
    // What the text then tells the reader to open.
    expect(existsSync(join(dir, 'output/acme-calibration/calibration.md'))).toBe(true);
    expect(existsSync(join(dir, 'output/acme-designs/summary.json'))).toBe(true);
  });
});
