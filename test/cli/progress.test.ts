// The progress line counts replications as the user asked for them: `-r 4` of a scenario with two
// variants shows 4 replications, not 8 tasks.
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

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
