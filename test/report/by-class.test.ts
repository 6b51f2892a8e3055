// Per class and per path in the report (issue 9): the chart draws summary.json's byClass and
// byPath, the section's tables show the same numbers, and every name is escaped.
import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture.js';
import { breakdownBars, leadTimeByClassPath, BY_CLASS_CHART } from '../../src/report/charts/by-class.js';
import { buildCharts } from '../../src/report/charts/index.js';
import { reportHtml } from '../../src/report/html.js';
import { PATH_LABEL } from '../../src/stats/breakdowns.js';
import { breakdownRows } from '../../src/output/tables.js';
import { compactDuration, compactMeanCi } from '../../src/report/words.js';
import { VARIANT_LABEL } from '../../src/report/charts/palette.js';
import type { Variant } from '../../src/scenario/types.js';

/** The fixture's variants (the run's, not every variant orisim knows). */
const VARIANTS: readonly Variant[] = ['normal', 'preApproved'];
import type { ReportInput } from '../../src/report/report-input.js';

const input = makeFixture();
const S = input.summary.variants;

describe('compact durations', () => {
  it('minutes under an hour, hours under a day, else days; the interval in the mean\'s unit', () => {
    expect(compactDuration(0)).toBe('0 min');
    expect(compactDuration(29 / 1440)).toBe('29 min');
    expect(compactDuration(59.4 / 1440)).toBe('59 min');
    expect(compactDuration(59.5 / 1440)).toBe('1.0 h');
    expect(compactDuration(16 / 24)).toBe('16.0 h');
    expect(compactDuration(0.9999)).toBe('24.0 h');
    expect(compactDuration(1)).toBe('1.0 d');
    expect(compactDuration(117.66)).toBe('117.7 d');
    expect(compactDuration(NaN)).toBe('–');
    expect(compactMeanCi({ mean: 0.7, ci95: [0.65, 0.82] })).toBe('16.8 h (15.6–19.7)');
    expect(compactMeanCi({ mean: 8.05, ci95: [7.9, 1.2] })).toBe('8.1 d (7.9–1.2)');
    expect(compactMeanCi({ mean: 0.02, ci95: [0.01, 0.03] })).toBe('29 min (14–43)');
  });
});

describe('lead-time-by-class-path chart', () => {
  it('draws one bar pair per variant × class and per variant × path, with summary.json\'s numbers', () => {
    const bars = breakdownBars(input);
    let expected = 0;
    for (const v of VARIANTS) {
      for (const [field, key] of [['byClass', 'class'], ['byPath', 'path']] as const) {
        for (const [name, g] of Object.entries(S[v]![field])) {
          expected++;
          const label = key === 'path' ? PATH_LABEL[name] : name;
          const bar = bars.find((b) => b.breakdown === key && b.group === label && b.variant === VARIANT_LABEL[v]);
          expect(bar, `${v} ${key} ${name}`).toEqual({
            breakdown: key, group: label, variant: VARIANT_LABEL[v], completed: g.completed,
            p50: g.p50, p85: g.p85, p95: g.p95, mean: g.mean, ciLow: g.ci95[0], ciHigh: g.ci95[1],
            label: `${compactDuration(g.p50)} / ${compactDuration(g.p85)}`,
          });
        }
      }
    }
    // the fixture has both classes in both variants, the normal path in both, the pre-approved path in one
    expect(expected).toBe(7);
    expect(bars.length).toBe(expected);
  });

  it('inlines exactly those bars, one panel per breakdown, with the axis past the longest 85th percentile', () => {
    const spec = leadTimeByClassPath(input).spec as unknown as {
      vconcat: { data: { values: unknown[] }; layer: { encoding: { x: { scale: { domain: number[] } } } }[] }[];
    };
    const bars = breakdownBars(input);
    expect(spec.vconcat.map((p) => p.data.values)).toEqual([bars.filter((b) => b.breakdown === 'class'), bars.filter((b) => b.breakdown === 'path')]);
    const xMax = spec.vconcat[0]!.layer[0]!.encoding.x.scale.domain[1]!;
    expect(xMax).toBeGreaterThanOrEqual(1.45 * Math.max(...bars.map((b) => b.p85)));
    expect(buildCharts(input).map((c) => c.name)).toContain(BY_CLASS_CHART);
  });
});

describe('report.html "By class and path"', () => {
  const charts = buildCharts(input);
  const html = reportHtml(input, charts);
  const section = html.slice(html.indexOf('<section id="by-class-path">'), html.indexOf('</section>', html.indexOf('<section id="by-class-path">')));

  it('has a table per breakdown with every variant × group and its figures, and the chart', () => {
    expect(html).toContain('<a href="#by-class-path">By class and path</a>');
    expect(section).toContain('<h2>By class and path</h2>');
    expect(section).toContain('Lead time by class (by-class.csv)');
    expect(section).toContain('Lead time by path (by-path.csv)');
    for (const key of ['class', 'path'] as const) {
      for (const r of breakdownRows(input.summary, key)) {
        const v = r.variant as 'normal' | 'preApproved';
        const name = String(r[key]);
        const g = key === 'class' ? S[v]!.byClass[name]! : S[v]!.byPath[name]!;
        const group = key === 'path' ? PATH_LABEL[name]! : name;
        expect(section, `${v} ${name}`).toContain(
          `<tr><td>${VARIANT_LABEL[v]}</td><td>${group}</td><td class="n">${g.completed}</td>` +
            `<td class="n" title="${g.p50.toFixed(3)} days">${compactDuration(g.p50)}</td>` +
            `<td class="n" title="${g.p85.toFixed(3)} days">${compactDuration(g.p85)}</td>` +
            `<td class="n" title="${g.p95.toFixed(3)} days">${compactDuration(g.p95)}</td>` +
            `<td class="n">${compactMeanCi(g)}</td></tr>`,
        );
      }
    }
    // the chart is drawn here, once, and not again under Charts
    expect(section).toContain(`<div id="chart-${BY_CLASS_CHART}"`);
    expect(html.split(`id="chart-${BY_CLASS_CHART}"`).length).toBe(2);
  });

  it('escapes class names', () => {
    const hostile: ReportInput = { ...input, summary: structuredClone(input.summary) };
    for (const v of VARIANTS) {
      const s = hostile.summary.variants[v]!;
      s.byClass = { '<b>&"x"</b>': s.byClass['small']! };
    }
    const page = reportHtml(hostile, buildCharts(hostile));
    expect(page).toContain('<td>&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;</td>');
    expect(page).not.toContain('<b>&"x"</b>');
  });
});
