// The progress line counts replications as the user asked for them: `-r 4` of a scenario with two
// variants shows 4 replications, not 8 tasks.
import { describe, expect, it } from 'vitest';
import { createProgress, createStagedProgress } from '../../src/cli/progress.js';

function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = { isTTY: true, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('progress', () => {
  it('shows replications, not replication × variant tasks', () => {
    const t = fakeTerminal();
    const p = createProgress('acme', true, 2, t.stream);
    p.update(8, 8);
    p.done();
    expect(t.text()).toMatch(/^\racme \[#{24}\] 4\/4 replications, /);
    expect(t.text().endsWith('\n')).toBe(true);
  });

  it('writes nothing when stderr is not a terminal or when quiet', () => {
    const t = fakeTerminal();
    createProgress('acme', false, 1, t.stream).update(1, 2);
    const pipe = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
    createProgress('acme', true, 1, pipe).update(1, 2);
    expect(t.text()).toBe('');
  });
});

describe('staged progress (compare: scenarios; sweep: values)', () => {
  it('says which value runs and counts its replications, not replication × variant tasks', () => {
    const t = fakeTerminal();
    // 3 values, 4 replications each, two variants: 8 tasks a value
    const p = createStagedProgress('sweep teams.delivery.count', true, { noun: 'value', tasks: [8, 8, 8], replications: 4 }, t.stream);
    p.update(1, 6);
    expect(t.text()).toMatch(/^\rsweep teams\.delivery\.count \[#{14}-{10}\] value 2\/3, replications 3\/4, /);
    p.update(2, 8);
    p.done();
    expect(t.text()).toMatch(/\[#{24}\] value 3\/3, replications 4\/4, [\d.]+\/s 0s left {2}\n$/);
  });

  it('scenarios with different numbers of variants: each counts its own replications', () => {
    const t = fakeTerminal();
    // compare: a two-variant scenario then a one-variant scenario, 5 replications each
    const p = createStagedProgress('compare 2 scenarios', true, { noun: 'scenario', tasks: [10, 5], replications: 5 }, t.stream);
    p.update(1, 5);
    expect(t.text()).toMatch(/\[#{24}\] scenario 2\/2, replications 5\/5, /);
  });
});
