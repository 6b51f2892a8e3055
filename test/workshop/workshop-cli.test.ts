// `orisim workshop`: the folder is written as run's are (only into a folder orisim may replace;
// nothing written for a scenario with a problem, which exits 2 with the CLI's message); a scenario
// that extends a base carries the base into the page, whose loader then simulates it to exactly
// `orisim run`'s numbers; without the built page scripts it says how to build them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { embedScenario, workshopCommand } from '../../src/cli/workshop.js';
import { toJson } from '../../src/output/write-run.js';
import { embeddedFiles } from '../../src/report/workshop/embedded.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { OutputFolderError } from '../../src/output/output-folder.js';
import { VERSION } from '../../src/output/version.js';
import { cliSummary, FILE, runNode } from './helpers.js';

let dir: string;
let assets: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-workshop-cli-'));
  // Stand-ins for the built scripts: this file tests the folder, not the page (test/browser/workshop.test.ts does).
  assets = join(dir, 'assets');
  mkdirSync(assets);
  writeFileSync(join(assets, 'page.js'), '/* page */');
  writeFileSync(join(assets, 'worker.js'), '/* worker */');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** stderr of `fn`, and its result. */
async function capture<T>(fn: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { value: await fn(), stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('orisim workshop', () => {
  it('writes index.html with the scenario and a marker, and replaces its own folder again', async () => {
    const out = join(dir, 'ws');
    for (let i = 0; i < 2; i++) {
      const { value, stderr } = await capture(() => workshopCommand({ scenarios: [FILE], out, quiet: false, assets }));
      expect(value).toBe(0);
      expect(stderr).toBe(`wrote ${join(out, 'index.html')}: open it in a browser (works offline, from the file)\n`);
    }
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<script>/* page */</script>');
    expect(html).toContain('<script type="text/js-worker" id="orisim-worker-source">/* worker */</script>');
    expect(html).toContain('"file":"scenarios/ops-run-it.yaml"');
    expect(JSON.parse(readFileSync(join(out, '.orisim-output'), 'utf8'))).toMatchObject({ command: 'workshop', seed: 42, replications: 20 });
  });

  it('refuses a folder that is not its own, and writes nothing for a scenario with a problem', async () => {
    const mine = join(dir, 'notes');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'mine');
    await expect(workshopCommand({ scenarios: [FILE], out: mine, quiet: true, assets })).rejects.toThrow(OutputFolderError);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('mine');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nteams:\n  applicationSupport:\n    people: -1\n');
    await expect(workshopCommand({ scenarios: [bad], out: join(dir, 'never'), quiet: true, assets })).rejects.toThrow(ScenarioError);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    const { value, stderr } = await capture(() => main(['workshop', bad, '--out', join(dir, 'never')]));
    expect(value).toBe(2);
    expect(stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:13 teams\\.applicationSupport\\.people: `));
  });

  it('says how to build the page scripts when they are missing', async () => {
    const { value, stderr } = await capture(() => workshopCommand({ scenarios: [FILE], out: join(dir, 'none'), quiet: true, assets: join(dir, 'missing') }));
    expect(value).toBe(1);
    expect(stderr).toBe(`orisim: the workshop page's script ${join(dir, 'missing', 'page.js')} is missing: build orisim with npm run build\n`);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('carries the base a scenario extends, so that the page simulates it to exactly orisim run', async () => {
    const file = 'scenarios/designs/fortnightly-cab.yaml';
    const { data } = embedScenario(file);
    expect(Object.keys(data.texts)).toEqual(['scenarios/ops-run-it.yaml']);
    const source = { text: data.text, file, files: embeddedFiles(data), sha256: data.sha256, version: VERSION };
    const r = await runNode(source, ['variants=[normal]'], ['variants=[preApproved]'], 42, 3);
    expect(toJson(r.whatIf.summary)).toBe(toJson(await cliSummary(file, ['variants=[preApproved]'], 3, 42)));
    expect(() => embeddedFiles(undefined).read('base.yaml')).toThrow('cannot read base.yaml: an imported scenario cannot extend another file (give it with its bases merged)');
  }, 120_000);
});
