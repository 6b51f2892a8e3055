// The README's quick start stays true: its two commands, and the output it shows is byte for byte
// what `npm start` prints on stdout (the default scenario, 20 replications, seed 42).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureCli } from '../cli/capture.js';
import { codeBlocks, readmeSection } from './readme-blocks.js';

let dir: string;
let out: string[];

captureCli('orisim-quick-start-', (c) => ({ dir, out } = c));

describe("the README's quick start", () => {
  const blocks = codeBlocks(readmeSection('Quick start'));

  it('gives the two commands', () => {
    expect(blocks[0]).toEqual({ lang: 'sh', text: 'npm install && npm start\nnpm test\n' });
  });

  it('shows what npm start prints, byte for byte', async () => {
    // npm start is `orisim run` with no arguments: the default scenario into output/ops-run-it/.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toBe('npm run build --silent && node dist/bin/orisim.js run');
    // Charts and the folder do not change stdout; without charts the test is quicker, and it writes into its own folder.
    expect(await main(['run', '--no-charts', '--out', join(dir, 'ops-run-it')])).toBe(0);
    expect(blocks[1]!.lang).toBe('');
    expect(out.join('')).toBe(blocks[1]!.text);
  });
});
