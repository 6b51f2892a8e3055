// docs/api.md's worked example: the code block in the page is docs/examples/compare-designs.ts byte
// for byte, and running it gives a real paired difference — the same numbers `orisim compare`
// writes into comparison.json for the same designs, seed and replications.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { compareCabDays } from '../../docs/examples/compare-designs.js';
import { main } from '../../src/cli/main.js';
import { captureCli, type Captured } from '../cli/capture.js';

let c: Captured;
captureCli('orisim-api-example-', (x) => (c = x));

describe('docs/api.md worked example', () => {
  it('shows docs/examples/compare-designs.ts verbatim', () => {
    const page = readFileSync('docs/api.md', 'utf8');
    const file = readFileSync('docs/examples/compare-designs.ts', 'utf8');
    const block = /```ts\n\/\/ Worked example of docs\/api\.md[\s\S]*?```/.exec(page);
    expect(block).not.toBeNull();
    expect(block![0]).toBe('```ts\n' + file + '```');
  });

  it('prints the paired difference of p85 lead time, the same as orisim compare writes', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const p85 = await compareCabDays(5, 42);
    // A second CAB meeting a week shortens the wait for approval: p85 lead time falls.
    expect(p85.mean).toBeLessThan(0);
    expect(p85.ci95[0]).toBeLessThanOrEqual(p85.mean);
    expect(p85.ci95[1]).toBeGreaterThanOrEqual(p85.mean);
    expect(log).toHaveBeenCalledWith(
      `p85 lead time, twice-weekly CAB − weekly CAB: ${p85.mean.toFixed(2)} days (95% CI ${p85.ci95[0].toFixed(2)} to ${p85.ci95[1].toFixed(2)})`,
    );
    // The command line on the same two designs (the second as a file with the CAB on Tuesday and Thursday).
    const text = readFileSync('scenarios/ops-run-it.yaml', 'utf8');
    expect(text).toContain('      days: [tue]\n');
    const twice = join(c.dir, 'twice.yaml');
    writeFileSync(twice, text.replace('      days: [tue]\n', '      days: [tue, thu]\n'));
    const out = join(c.dir, 'cmp');
    const code = await main(['compare', 'scenarios/ops-run-it.yaml', twice, '--set', 'variants=[normal]', '-r', '5', '-s', '42', '--no-charts', '-q', '--workers', '1', '--out', out]);
    expect(c.err.join('')).toContain('wrote ');
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as { designs: { difference?: { leadTimeP85Days: unknown } }[] };
    expect(json.designs[1]!.difference!.leadTimeP85Days).toEqual(JSON.parse(JSON.stringify(p85)));
  });
});
