// The workshop's URL state and YAML export: the state round-trips through the fragment (versioned,
// compressed); a newer version and a damaged link are refused with a message; a state missing fields
// is completed; a link that decompresses without end is refused; the exported what-if runs with `orisim run` (no --set, no -r, no --seed) to exactly
// the runner's numbers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/output/write-run.js';
import { defaultLevers, overridesOf, todayOverrides } from '../../src/report/workshop/levers.js';
import { decodeState, encodeState, MAX_CAP, MAX_STATE_BYTES, migrate, whatIfYaml, type WorkshopState } from '../../src/report/workshop/state.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { cliSummary, FILE, runNode, SETTINGS, shippedSource } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'orisim-workshop-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STATE: WorkshopState = {
  v: 1,
  scenario: { file: 'mine.yaml', text: 'name: mine\n# ünïcödé\n' },
  seed: 7,
  cap: 40,
  levers: { 'teams.applicationSupport.people': '4', variant: 'preApproved' },
  facilitator: { locked: ['variant'], presets: [{ name: 'two CABs', levers: { 'teams.changeManagement.cab.days': '[tue, thu]' } }] },
};

describe('the state in the URL', () => {
  it('round-trips, as v1 and base64url', async () => {
    const fragment = await encodeState(STATE);
    expect(fragment).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(await decodeState(`#${fragment}`)).toEqual(STATE);
  });

  it('refuses a newer version and a damaged link with a message', async () => {
    const fragment = await encodeState(STATE);
    await expect(decodeState(fragment.replace(/^v1\./, 'v2.'))).rejects.toThrow(
      'this link is from a newer workshop page (state version 2; this page reads up to 1): open it with a newer orisim workshop',
    );
    await expect(decodeState(fragment.slice(0, 12))).rejects.toThrow('this link is damaged: its state cannot be read (was it cut short?)');
    await expect(decodeState('#something-else')).rejects.toThrow('this link holds no workshop state (expected #v1.…)');
  });

  it('refuses a link that decompresses past MAX_STATE_BYTES, without reading it all', async () => {
    const bomb = new Uint8Array(await new Response(new Blob([new Uint8Array(MAX_STATE_BYTES + 1).fill(32)]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    const fragment = `v1.${Buffer.from(bomb).toString('base64url')}`;
    expect(fragment.length).toBeLessThan(10_000);
    await expect(decodeState(fragment)).rejects.toThrow(`this link holds more than ${MAX_STATE_BYTES} bytes of state: it is not one a workshop page made`);
  });

  it('completes a state that lacks fields, and drops values of the wrong kind', () => {
    expect(migrate(1, { cap: MAX_CAP }).cap).toBe(320);
    expect(migrate(1, { cap: MAX_CAP + 1 }).cap).toBe(80);
    expect(migrate(1, { levers: { a: '1', b: 2 }, seed: 'x', cap: 5000 })).toEqual({ v: 1, scenario: 0, seed: 42, cap: 80, levers: { a: '1' } });
  });
});

describe('the what-if as scenario YAML', () => {
  it('keeps the file as written (its comments, but the comment of a value it changes) and sets the changes, seed and replications', () => {
    const text = whatIfYaml('# mine\nname: x\nteams:\n  applicationSupport:\n    people: 3 # today\n', ['variants=[preApproved]', 'teams.applicationSupport.people=4', 'teams.delivery.release={batch: 3}'], 9, 20);
    expect(text).toBe('# mine\nname: x\nteams:\n  applicationSupport:\n    people: 4\n  delivery:\n    release: { batch: 3 }\nvariants: [ preApproved ]\nseed: 9\nreplications: 20\n');
  });

  it('runs with orisim run to exactly the numbers of the what-if', async () => {
    const source = shippedSource();
    const levers = defaultLevers(parseScenarioText(source.text, FILE), parse(source.text));
    const whatIf = overridesOf(levers, SETTINGS[0]!);
    const r = await runNode(source, todayOverrides(levers), whatIf, 11, 5);
    const file = join(dir, 'what-if.yaml');
    writeFileSync(file, whatIfYaml(source.text, whatIf, 11, 5));
    const ran = (await cliSummary(file, [])) as { variants: unknown; run: unknown };
    expect(toJson(ran.variants)).toBe(toJson(r.whatIf.summary.variants));
    expect(toJson(ran.run)).toBe(toJson(r.whatIf.summary.run));
  }, 120_000);
});
