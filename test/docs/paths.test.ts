// Every file path the documentation names (src/…, test/…, scenarios/…, deploy/…, as text, in code or
// in a link, written from the repository's root) exists, so a moved or renamed file shows here as
// the mentions to update. Relative links and anchors are checked by `npm run lint:docs`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The documentation: README.md, every page under docs/, and the scenario reference. */
function docFiles(): string[] {
  const pages = readdirSync('docs', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  return ['README.md', ...pages.sort(), 'scenarios/README.md'];
}

/**
 * Illustrations, not files: names in an example that the reader is to supply. Each is listed with
 * where it appears, so that a real path cannot hide here.
 */
const ILLUSTRATIONS: ReadonlySet<string> = new Set([
  'scenarios/acme.yaml', // docs/commands.md: an example error message
  'src/main.c', // docs/limits-and-safety.md: a user's file in a folder that --out refuses to replace
]);

/**
 * The repository paths named in a text: a run of path characters starting with src/, test/,
 * scenarios/ or deploy/, not preceded by a path character (so `../scenarios/…` in a relative link,
 * `dist/cli/…` and `/work/…` are not taken), cut at a `#` anchor, a `:line:column`, a placeholder
 * (`<file>`, `I`) or trailing punctuation.
 */
function mentionedPaths(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w./-])(?:src|test|scenarios|deploy)\/[\w./-]*/g)) {
    const path = m[0].replace(/[.]+$/, '');
    found.add(path);
  }
  return [...found];
}

describe('mentionedPaths', () => {
  it('takes paths from text, code and links, and leaves other folders and relative links alone', () => {
    const text =
      'See `src/model/change-process.ts`, [ref](scenarios/README.md#costs) and src/engine/. ' +
      'Not ../scenarios/README.md, dist/cli/main.js or /work/wt/tools/per-task.mjs; scenarios/acme.yaml:4:12 and `scenarios/<file>`.';
    expect(mentionedPaths(text)).toEqual(['src/model/change-process.ts', 'scenarios/README.md', 'src/engine/', 'scenarios/acme.yaml', 'scenarios/']);
  });
});

describe('the paths the documentation names', () => {
  it.each(docFiles())('%s names only files and folders that exist', (file) => {
    const missing = mentionedPaths(readFileSync(file, 'utf8')).filter((p) => !ILLUSTRATIONS.has(p) && !existsSync(p));
    expect(missing).toEqual([]);
  });

  it('the illustrations are still there and still not files', () => {
    const all = docFiles().map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const p of ILLUSTRATIONS) {
      expect(all).toContain(p);
      expect(existsSync(p)).toBe(false);
    }
  });
});
