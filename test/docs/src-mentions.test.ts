// What the code tells users and readers to look up stays findable: every docs page named in src/
// (`docs/big-runs.md`, or `docs/big-runs.md, "Running on many machines"`) exists and has that
// heading, and src/ sends nobody to a section of README.md, which after the split into docs/ holds
// only the introduction (scenarios/README.md, the scenario reference, is another file).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under src/, with its text. */
function sources(): { file: string; text: string }[] {
  return readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => ({ file: join('src', f), text: readFileSync(join('src', f), 'utf8') }));
}

/** The docs pages a text names, each with the section quoted after it (`docs/P.md, "S"`), if any. */
function docsMentions(text: string): { page: string; section?: string }[] {
  return [...text.matchAll(/(?<![\w./-])docs\/([\w-]+\.md)(?:, "([^"]+)")?/g)].map((m) =>
    m[2] === undefined ? { page: m[1]! } : { page: m[1]!, section: m[2] },
  );
}

/** The headings of a docs page, without `#`s and backticks. */
function headings(page: string): string[] {
  return readFileSync(join('docs', page), 'utf8')
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => l.replace(/^#+ /, '').replaceAll('`', ''));
}

describe('docsMentions', () => {
  it('takes pages with and without a section, and leaves other paths alone', () => {
    expect(docsMentions('(docs/big-runs.md) (see docs/big-runs.md, "Big runs: memory"); mydocs/x.md, docs/screenshots/run.png')).toEqual([
      { page: 'big-runs.md' },
      { page: 'big-runs.md', section: 'Big runs: memory' },
    ]);
  });
});

describe('what src/ points readers to', () => {
  it('names only docs pages and headings that exist (a section is the start of a heading)', () => {
    const missing: string[] = [];
    for (const { file, text } of sources()) {
      for (const { page, section } of docsMentions(text)) {
        const found = readdirSync('docs').includes(page) && (section === undefined || headings(page).some((h) => h.startsWith(section)));
        if (!found) missing.push(`${file}: docs/${page}${section === undefined ? '' : `, "${section}"`}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('sends nobody to README.md (only scenarios/README.md, the scenario reference)', () => {
    const readme = sources()
      .flatMap(({ file, text }) => text.split('\n').map((line, i) => ({ where: `${file}:${i + 1}`, line })))
      .filter(({ line }) => /\bREADME\b/.test(line.replaceAll('scenarios/README.md', '')))
      // The screenshots tool describes what the README shows at its top, which it still does.
      .filter(({ where }) => !where.startsWith(join('src', 'bench', 'screenshots.ts')))
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(readme).toEqual([]);
  });
});
