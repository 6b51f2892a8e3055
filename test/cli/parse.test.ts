// The command line's grammar (cli/parse.ts) on tiny declarations: what each kind of argv becomes,
// and each mistake's words, pinned.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, type CommandSpec, type Parsed } from '../../src/cli/parse.js';
import { commandHelp, overviewHelp } from '../../src/cli/help.js';
import { COMMAND_SPECS } from '../../src/cli/command-table.js';

const go: CommandSpec = {
  name: 'go',
  describe: 'go somewhere',
  positionals: [{ name: 'where', describe: 'the place' }],
  options: [
    { name: 'out', short: 'o', type: 'string', arg: 'DIR', describe: 'output folder' },
    { name: 'set', type: 'string', multiple: true, arg: 'PATH=VALUE', describe: 'a value' },
    { name: 'charts', type: 'boolean', default: true, describe: 'draw (--no-charts to skip)' },
    { name: 'quiet', short: 'q', type: 'boolean', describe: 'say nothing' },
  ],
  examples: [['orisim go home', 'go home']],
  run: async () => 0,
};
const both: CommandSpec = {
  name: 'both',
  describe: 'needs two things',
  positionals: [
    { name: 'a', required: true, describe: 'the first file' },
    { name: 'rest', required: true, variadic: true, describe: 'the others' },
  ],
  options: [{ name: 'param', short: 'p', type: 'string', required: true, arg: 'PATH', describe: 'what to vary' }],
  examples: [],
  run: async () => 0,
};
const SPECS = [go, both];

const args = (p: Parsed) => (p.kind === 'command' ? p.args : p.kind);
const refusal = (argv: string[]): string => {
  try {
    parseCommandLine(argv, SPECS);
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
};

describe('parseCommandLine', () => {
  it('reads positionals, long and short options, --name=value, repeats of a repeatable option and booleans', () => {
    expect(args(parseCommandLine(['go', 'home', '-o', 'x', '--set', 'a=1', '--set=b=2', '-q'], SPECS))).toEqual({
      where: 'home', out: 'x', set: ['a=1', 'b=2'], charts: true, quiet: true,
    });
    expect(args(parseCommandLine(['go', '--no-charts', '--quiet=false'], SPECS))).toEqual({ charts: false, quiet: false });
    expect(args(parseCommandLine(['go', '--charts=false', '--charts'], SPECS))).toMatchObject({ charts: true });
    expect(args(parseCommandLine(['both', 'a', 'b', 'c', '-p', 'x.y'], SPECS))).toEqual({ a: 'a', rest: ['b', 'c'], param: 'x.y' });
    // A repeatable option takes one value a time: the word after it is an argument (yargs read it as a second --set).
    expect(args(parseCommandLine(['go', '--set', 'a=1', 'home'], SPECS))).toEqual({ where: 'home', set: ['a=1'], charts: true, quiet: false });
  });

  it('takes a value that starts with a dash and a digit (--out -1), and everything after -- as arguments', () => {
    expect(args(parseCommandLine(['go', '--out', '-1'], SPECS))).toMatchObject({ out: '-1' });
    expect(args(parseCommandLine(['go', '--out=--odd'], SPECS))).toMatchObject({ out: '--odd' });
    expect(args(parseCommandLine(['go', '--', '-q'], SPECS))).toMatchObject({ where: '-q', quiet: false });
  });

  it('help and version, before or after the command', () => {
    expect(parseCommandLine([], SPECS)).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--help'], SPECS)).toEqual({ kind: 'help' });
    expect(parseCommandLine(['go', '-h'], SPECS)).toEqual({ kind: 'help', spec: go });
    expect(parseCommandLine(['go', '--bogus', '--help'], SPECS)).toEqual({ kind: 'help', spec: go });
    expect(parseCommandLine(['--version'], SPECS)).toEqual({ kind: 'version' });
    expect(args(parseCommandLine(['go', '--', '--help'], SPECS))).toMatchObject({ where: '--help' });
  });

  it('tells each mistake in words', () => {
    expect(refusal(['gp'])).toBe("unknown command 'gp'; did you mean 'go'?");
    expect(refusal(['fly'])).toBe("unknown command 'fly'; the commands are go, both");
    expect(refusal(['-q'])).toBe('name a command: go, both');
    expect(refusal(['go', '--qiet'])).toBe("unknown option '--qiet'; did you mean '--quiet'?");
    expect(refusal(['go', '-x', '--zzzzzzzz', '3'])).toBe("unknown option '-x'\nunknown option '--zzzzzzzz'");
    expect(refusal(['go', '--param', 'x'])).toBe("option '--param' does not go with go");
    expect(refusal(['go', 'a', 'b'])).toBe("unexpected argument 'b' for go");
    expect(refusal(['go', '--out'])).toBe("option '--out' needs a value (DIR)");
    expect(refusal(['go', '--out', '--no-charts'])).toBe("option '--out' needs a value (DIR)");
    expect(refusal(['go', '-o', 'a', '--out', 'b'])).toBe('--out is given 2 times: give it once');
    expect(refusal(['go', '--quiet=maybe'])).toBe("option '--quiet' takes no value (got 'maybe')");
    expect(refusal(['both', '-p', 'x'])).toBe('orisim both <a> <rest..>: missing <a>, the first file');
    expect(refusal(['both', 'a', '-p', 'x'])).toBe('orisim both <a> <rest..>: missing <rest>, the others');
    expect(refusal(['both', 'a', 'b'])).toBe('both needs --param: what to vary');
  });
});

describe('help', () => {
  it("lists a command's arguments, options with their value and notes, and examples", () => {
    expect(commandHelp(go, 60)).toBe(
      [
        'orisim go [where]',
        '',
        'go somewhere',
        '',
        'Arguments:',
        '  where  the place',
        '',
        'Options:',
        '  -o, --out DIR         output folder',
        '      --set PATH=VALUE  a value (repeatable)',
        '      --charts          draw (--no-charts to skip)',
        '  -q, --quiet           say nothing',
        '  -h, --help            show this help',
        '',
        'Examples:',
        '  orisim go home',
        '    go home',
      ].join('\n'),
    );
  });

  it('wraps descriptions beside their terms, within the width', () => {
    const text = overviewHelp(COMMAND_SPECS, 80);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toContain('  orisim run [scenario]');
    for (const spec of COMMAND_SPECS) expect(commandHelp(spec, 100).split('\n').every((l) => l.length <= 100)).toBe(true);
  });
});
