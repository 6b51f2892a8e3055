// Every part of issue 11 in one scenario: emergency changes, a service introduction team with
// launches, short-notice rescheduling, and all three designs. In youBuildItYouRunIt no change
// meets the emergency CAB, the service introduction team or a bump, so its summary has none of
// those sections, while the other two variants have all three (and the same features: CRN).
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { runReplications } from '../../src/run/replications.js';
import { buildSummary } from '../../src/stats/run-summary.js';

const TEXT = `name: all-parts
horizon: 16w
warmup: 4w
replications: 2
variants: [normal, preApproved, youBuildItYouRunIt]
classes:
  small: { share: 0.7, emergencyShare: 0.1 }
  large: { share: 0.3, emergencyShare: 0.1, launchShare: 0.5 }
teams:
  serviceIntroduction: {}
  applicationSupport:
    rescheduling: { probability: 0.2 }
`;

describe('all of issue 11 at once', () => {
  it('the emergency, service introduction and rescheduling sections belong to the designs that have those steps', async () => {
    const scenario = parseScenarioText(TEXT, 'all-parts.yaml');
    const result = await runReplications(scenario, { keep: 2 });
    const summary = buildSummary(result, { file: 'all-parts.yaml', sha256: '', version: 'test' });
    const sections = (v: 'normal' | 'preApproved' | 'youBuildItYouRunIt'): string[] =>
      ['emergency', 'serviceIntroduction', 'rescheduling', 'onCall'].filter((k) => k in summary.variants[v]!);
    expect(sections('normal')).toEqual(['emergency', 'serviceIntroduction', 'rescheduling']);
    expect(sections('preApproved')).toEqual(['emergency', 'serviceIntroduction', 'rescheduling']);
    expect(sections('youBuildItYouRunIt')).toEqual(['onCall']);
    expect(summary.variants.normal!.emergency!.changesPerReplication).toBeGreaterThan(0);
    expect(summary.variants.normal!.serviceIntroduction!.launches).toBeGreaterThan(0);
    expect(summary.variants.normal!.rescheduling!.bumps).toBeGreaterThan(0);
    // The same features in every design; in youBuildItYouRunIt every one takes the team's pipeline.
    const features = (v: 'normal' | 'preApproved' | 'youBuildItYouRunIt'): string[] =>
      result.kept[v]!.flatMap((o) => o.changes.map((c) => `${c.replication}/${c.id}/${c.team}/${c.changeClass}/${c.readyAt}/${c.launch === true}`));
    expect(features('preApproved')).toEqual(features('normal'));
    expect(features('youBuildItYouRunIt')).toEqual(features('normal'));
    const paths = (v: 'normal' | 'preApproved' | 'youBuildItYouRunIt'): Set<string> => new Set(result.kept[v]!.flatMap((o) => o.changes.map((c) => c.path)));
    expect(paths('normal')).toEqual(new Set(['normal', 'emergency']));
    expect(paths('preApproved')).toEqual(new Set(['normal', 'preApproved', 'emergency']));
    expect(paths('youBuildItYouRunIt')).toEqual(new Set(['youBuildItYouRunIt']));
  });
});
