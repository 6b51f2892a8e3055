// The help text of the command line, rendered from the commands' declarations (parse.ts): the
// overview (`orisim --help`: every command and what it does) and each command's own
// (`orisim run --help`: its arguments, options with their defaults, and examples), wrapped to the
// terminal's width (at most 100 columns).
import { usageOf, type CommandSpec, type OptionSpec } from './parse.js';

const INDENT = '  ';
/** The widest left column; a longer term puts its description on the next line. */
const MAX_TERM = 30;

/** Words of `text` in lines of at most `width` characters (a word longer than that has its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length === 0 ? word : `${line} ${word}`;
  }
  if (line.length > 0) lines.push(line);
  return lines.length === 0 ? [''] : lines;
}

/** Rows of term and description: the terms in a column, the descriptions wrapped beside them. */
function table(rows: readonly (readonly [string, string])[], width: number): string[] {
  const termWidth = Math.min(MAX_TERM, Math.max(...rows.map(([t]) => t.length)));
  const left = INDENT.length + termWidth + 2;
  const textWidth = Math.max(30, width - left);
  return rows.flatMap(([term, text]) => {
    const body = wrap(text, textWidth);
    if (term.length > termWidth) return [INDENT + term, ...body.map((l) => ' '.repeat(left) + l)];
    return body.map((l, i) => (i === 0 ? INDENT + term.padEnd(termWidth + 2) : ' '.repeat(left)) + l);
  });
}

function optionTerm(o: OptionSpec): string {
  const short = o.short === undefined ? '    ' : `-${o.short}, `;
  const value = o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : '';
  return `${short}--${o.name}${value}`;
}

function optionText(o: OptionSpec): string {
  const notes = [o.required === true ? '(required)' : '', o.multiple === true ? '(repeatable)' : '', o.type === 'boolean' && o.default === true && !o.describe.includes(`--no-${o.name}`) ? '(on by default)' : ''];
  return [o.describe, ...notes].filter((x) => x.length > 0).join(' ');
}

const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', type: 'boolean', describe: 'show this help' };

/** `orisim --help`: what orisim does and every command. */
export function overviewHelp(specs: readonly CommandSpec[], width: number): string {
  return [
    'orisim <command> [options]',
    '',
    ...wrap('Simulates the Ops Run It deployment process (CAB, application support, pre-approved changes).', width),
    '',
    'Commands:',
    ...table(specs.map((s) => [`orisim ${usageOf(s)}`, s.describe]), width),
    '',
    'Options:',
    ...table([[optionTerm(HELP_OPTION), 'show help (orisim COMMAND --help: the options of a command)'], ['    --version', 'show the version number']], width),
  ].join('\n');
}

/** `orisim COMMAND --help`: the command's arguments, options and examples. */
export function commandHelp(spec: CommandSpec, width: number): string {
  const parts = [`orisim ${usageOf(spec)}`, '', ...wrap(spec.describe, width)];
  if (spec.positionals.length > 0) parts.push('', 'Arguments:', ...table(spec.positionals.map((p) => [p.name, p.describe]), width));
  parts.push('', 'Options:', ...table([...spec.options, HELP_OPTION].map((o) => [optionTerm(o), optionText(o)]), width));
  if (spec.examples.length > 0) {
    parts.push('', 'Examples:');
    for (const [command, meaning] of spec.examples) parts.push(...wrap(command, width - INDENT.length).map((l) => INDENT + l), ...wrap(meaning, width - 2 * INDENT.length).map((l) => INDENT + INDENT + l));
  }
  return parts.join('\n');
}
