// The youBuildItYouRunIt section of a scenario file: read with its documented defaults, in
// minutes; bad values and unknown keys refused with the path, what was expected and what was found.
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenarioText } from '../../src/node/scenario-files.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { backtestVariant } from '../../src/api/backtest.js';
import { captureCli } from '../cli/capture.js';
import { DEFAULT_TEXT, errorsOf } from './helpers.js';

const H = 60;
const withSection = (section: string, variants = '[normal, preApproved, youBuildItYouRunIt]'): string =>
  `${DEFAULT_TEXT.replace('variants: [normal, preApproved]', `variants: ${variants}`)}\n${section}\n`;

describe('youBuildItYouRunIt in a scenario file', () => {
  it('takes the documented defaults when the file gives none (the default scenario)', () => {
    expect(loadScenario('scenarios/ops-run-it.yaml').youBuildItYouRunIt).toEqual({
      setup: { pipeline: 160 * H, telemetry: 80 * H, onCallReadiness: 40 * H },
      onCall: { standbyPayPerWeek: 200, responseTime: 30, callOutEffort: 2 * H, callOutPremium: 1.5 },
      downtimeSlot: [],
    });
  });

  it('reads the design file with all three variants', () => {
    const s = loadScenario('scenarios/designs/you-build-it.yaml');
    expect(s.variants).toEqual(['normal', 'preApproved', 'youBuildItYouRunIt']);
    expect(s.youBuildItYouRunIt?.onCall.standbyPayPerWeek).toBe(200);
  });

  it('reads given values in the file’s units, and a downtime slot as weekly hours', () => {
    const s = parseScenarioText(
      withSection('youBuildItYouRunIt:\n  setup: { pipeline: 2w, telemetry: 1d }\n  onCall: { standbyPayPerWeek: 350, responseTime: 1h, callOutEffort: 3h, callOutPremium: 2 }\n  downtimeSlot: [tue 07:00-08:00]'),
      'x.yaml',
    );
    expect(s.youBuildItYouRunIt).toEqual({
      setup: { pipeline: 80 * H, telemetry: 8 * H, onCallReadiness: 40 * H },
      onCall: { standbyPayPerWeek: 350, responseTime: 60, callOutEffort: 3 * H, callOutPremium: 2 },
      downtimeSlot: ['tue 07:00-08:00'],
    });
  });

  it('a variant list of youBuildItYouRunIt alone is a scenario', () => {
    expect(parseScenarioText(withSection('', '[youBuildItYouRunIt]'), 'x.yaml').variants).toEqual(['youBuildItYouRunIt']);
  });

  it('refuses bad values and unknown keys, naming the path', () => {
    expect(errorsOf(withSection('youBuildItYouRunIt:\n  onCall: { callOutPremium: 0.5 }'))).toMatch(/youBuildItYouRunIt\.onCall\.callOutPremium: expected .*1.*got 0\.5/);
    expect(errorsOf(withSection('youBuildItYouRunIt:\n  downtimeSlot: [tue 25:00-26:00]'))).toMatch(/youBuildItYouRunIt\.downtimeSlot\[0\]/);
    expect(errorsOf(withSection('youBuildItYouRunIt:\n  onCall: { standbyPay: 100 }'))).toMatch(/youBuildItYouRunIt\.onCall\.standbyPay.*did you mean "standbyPayPerWeek"/);
    expect(errorsOf(withSection('youBuildItYouRunIt:\n  setup: { pipeline: -3h }'))).toMatch(/youBuildItYouRunIt\.setup\.pipeline/);
  });

  it('refuses no-deploy periods that cover the whole downtime slot', () => {
    const text = withSection('youBuildItYouRunIt:\n  downtimeSlot: [tue 07:00-08:00]\nnoDeploy: [tue 06:00-tue 09:00]');
    expect(errorsOf(text)).toMatch(/noDeploy: expected no-deploy periods that leave the teams' downtime slot open/);
  });
});

describe('orisim backtest with only youBuildItYouRunIt', () => {
  const captured: { out: string[]; err: string[]; dir: string } = { out: [], err: [], dir: '' };
  captureCli('orisim-ybr-backtest-', (c) => Object.assign(captured, c));

  it('is refused with exit 2: that design raises no change requests to hold against an export', async () => {
    const folder = join(captured.dir, 'bt');
    const code = await main(['backtest', 'scenarios/ops-run-it.yaml', 'scenarios/samples/change_request.csv', '-r', '2', '-q', '--set', 'variants=[youBuildItYouRunIt]', '--out', folder]);
    expect(code).toBe(2);
    expect(captured.err.join('')).toBe(
      'orisim: scenarios/ops-run-it.yaml: variants: expected normal or preApproved to hold against a change_request export, got [youBuildItYouRunIt]: youBuildItYouRunIt raises no change requests\n',
    );
    expect(existsSync(folder)).toBe(false);
  });

  it('with other variants beside it, holds the export against the first that raises tickets', () => {
    const s = loadScenario('scenarios/designs/you-build-it.yaml');
    expect(backtestVariant({ ...s, variants: ['youBuildItYouRunIt', 'normal'] }, false)).toBe('normal');
    expect(backtestVariant(s, true)).toBe('preApproved');
  });
});
