// What the README tests share: a section of README.md by its heading, the fenced code blocks in
// it (language and text, in order), and a command line split into arguments as a shell would.
import { readFileSync } from 'node:fs';

export interface CodeBlock {
  /** The info string after the opening fence: `sh`, or '' for a block of output. */
  lang: string;
  /** The lines between the fences, each ending in a newline. */
  text: string;
}

/** The README's section under `## TITLE`, up to the next `## ` heading. */
export function readmeSection(title: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${title}"`);
  const next = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, next < 0 ? undefined : next);
}

/** The fenced code blocks of a text, in order. */
export function codeBlocks(text: string): CodeBlock[] {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));
}

/** A command line's arguments: split at spaces, single-quoted parts kept whole (the README quotes no other way). */
export function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}
