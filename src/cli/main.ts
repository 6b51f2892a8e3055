#!/usr/bin/env node
// The orisim command line: a thin wrapper over the library (read → simulate → write). Data goes
// to stdout, messages to stderr. Exit codes: 0 success, 2 bad input (including an --out orisim may
// not use), 1 internal error or a write that failed during the run; 128 + N after signal N.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../api/options.js';
import { ScenarioError } from '../scenario/errors.js';
import { printableLines, printableScenarioError } from './printable.js';
import { VERSION } from '../output/version.js';
import { quietWhenReaderCloses } from './closed-pipe.js';
import { COMMAND_SPECS } from './command-table.js';
import { commandHelp, overviewHelp } from './help.js';
import { parseCommandLine } from './parse.js';

export { WORKERS_HELP } from './command-table.js';

/**
 * The command line: argv read against the commands' declarations (command-table.ts), then the
 * command run. Each command loads its module when it runs, so that help, validate or a plain run
 * do not spend their start-up loading and compiling code they never call.
 */
export async function main(argv: string[]): Promise<number> {
  try {
    const parsed = parseCommandLine(argv, COMMAND_SPECS);
    const width = Math.min(100, process.stdout.columns || 100);
    switch (parsed.kind) {
      case 'help':
        process.stdout.write(`${parsed.spec === undefined ? overviewHelp(COMMAND_SPECS, width) : commandHelp(parsed.spec, width)}\n`);
        return 0;
      case 'version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case 'command':
        return await parsed.spec.run(parsed.args);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`orisim: ${printableLines(err.message)}\nRun "orisim --help" for usage.\n`);
      return 2;
    }
    if (err instanceof ScenarioError) {
      process.stderr.write(printableScenarioError(err) + '\n');
      return 2;
    }
    // Loaded only when needed: the modules of shard and output folders are not part of start-up.
    const [{ ShardError }, { OutputFolderError }] = await Promise.all([import('../output/shard-folder.js'), import('../output/output-folder.js')]);
    if (err instanceof ShardError) {
      process.stderr.write(`orisim: ${printableLines(err.message)}\n`);
      return 2;
    }
    if (err instanceof OutputFolderError) {
      process.stderr.write(`orisim: ${printableLines(err.message)}\n`);
      return err.exitCode;
    }
    process.stderr.write(`orisim: internal error: ${printableLines(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
    return 1;
  }
}

/** True when this file is the program being run (not imported by tests); bin links are resolved. */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  quietWhenReaderCloses(process.stdout);
  quietWhenReaderCloses(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`orisim: internal error: ${printableLines(String(err))}\n`);
      process.exitCode = 1;
    },
  );
}
