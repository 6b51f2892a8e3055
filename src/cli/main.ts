#!/usr/bin/env node
// The orisim command line: a thin wrapper over the library (read → simulate → write). Data goes
// to stdout, messages to stderr. Exit codes: 0 success, 2 bad input, 1 internal error.
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runCommand, validateCommand, schemaCommand, UsageError, type CommonRunArgs } from './commands.js';
import { compareCommand } from './compare.js';
import { sweepCommand } from './sweep.js';
import { AUTO_PARALLEL_MIN_TASKS, defaultWorkers } from '../stats/parallel.js';
import { ScenarioError, formatScenarioError } from '../scenario/index.js';
import { VERSION } from '../version.js';
import { OutputFolderError } from '../report/output-folder.js';

function withRunOptions<T>(y: Argv<T>) {
  return y
    .option('replications', { alias: 'r', type: 'number', describe: 'replications (overrides the scenario)' })
    .option('seed', { alias: 's', type: 'number', describe: 'random seed (overrides the scenario)' })
    .option('out', { alias: 'o', type: 'string', describe: 'output folder (default: output/<scenario name>/)' })
    .option('set', { type: 'string', array: true, describe: 'override a scenario value: --set teams.delivery.count=25' })
    .option('charts', { type: 'boolean', default: true, describe: 'write charts/ and report.html (--no-charts to skip)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' })
    .option('force', { type: 'boolean', default: false, describe: 'run even when the run estimate is over a hard limit (see README, "Limits")' })
    .option('workers', {
      alias: 'w',
      type: 'number',
      describe: `worker threads for replications (1 = this thread; default: ${defaultWorkers()}, the cores, for runs of ${AUTO_PARALLEL_MIN_TASKS} or more replications × variants, else 1)`,
    })
    .check((a) => {
      if (a.workers !== undefined && (!Number.isInteger(a.workers) || a.workers < 1)) {
        throw new UsageError(`--workers: expected a positive integer, got ${a.workers}`);
      }
      return true;
    });
}

/** The options run, compare and sweep share, from parsed arguments. */
function commonArgs(args: {
  replications?: number | undefined;
  seed?: number | undefined;
  out?: string | undefined;
  set?: string[] | undefined;
  charts: boolean;
  quiet: boolean;
  workers?: number | undefined;
  force?: boolean | undefined;
}): CommonRunArgs {
  return {
    replications: args.replications,
    seed: args.seed,
    out: args.out,
    set: args.set ?? [],
    charts: args.charts,
    quiet: args.quiet,
    workers: args.workers,
    force: args.force,
  };
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const parser = yargs(argv)
    .scriptName('orisim')
    .usage('$0 <command> [options]\n\nSimulates the Ops Run It deployment process (CAB, application support, pre-approved changes).')
    .command(
      'run [scenario]',
      'run a scenario (default scenarios/ops-run-it.yaml) and write its results',
      (y) => withRunOptions(y.positional('scenario', { type: 'string', describe: 'scenario file (YAML or JSON)' })),
      async (args) => {
        code = await runCommand({
          scenario: args.scenario,
          ...commonArgs(args),
        });
      },
    )
    .command(
      'compare <scenarios..>',
      'run scenarios with common random numbers and compare each with the first (paired differences, 95% CI)',
      (y) => withRunOptions(y.positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'two or more scenario files' })),
      async (args) => {
        code = await compareCommand({
          scenarios: (args.scenarios ?? []) as string[],
          ...commonArgs(args),
        });
      },
    )
    .command(
      'sweep [scenario]',
      'run a scenario for each value of one parameter and chart lead time and cost against it',
      (y) =>
        withRunOptions(y.positional('scenario', { type: 'string', describe: 'scenario file (default scenarios/ops-run-it.yaml)' }))
          .option('param', { alias: 'p', type: 'string', demandOption: true, describe: 'scenario path to vary, e.g. teams.delivery.count' })
          .option('values', { type: 'string', demandOption: true, describe: 'a list (1,2,5 or 1w,2w) or a range FROM..TO[:STEP] (2..30:4)' }),
      async (args) => {
        code = await sweepCommand({
          scenario: args.scenario,
          param: args.param,
          values: args.values,
          ...commonArgs(args),
        });
      },
    )
    .command(
      'validate <scenarios..>',
      'check scenario files and report every problem with its line and column',
      (y) => y.positional('scenarios', { type: 'string', array: true, demandOption: true }),
      (args) => {
        code = validateCommand((args.scenarios ?? []) as string[]);
      },
    )
    .command('schema', 'print the JSON Schema of scenario files (for editors)', (y) => y, () => {
      code = schemaCommand();
    })
    .demandCommand(1, 'name a command: run, compare, sweep, validate or schema')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  try {
    if (argv.length === 0) {
      parser.showHelp((text) => process.stdout.write(text + '\n'));
      return 0;
    }
    await parser.parseAsync(argv);
  } catch (err) {
    if (err instanceof OutputFolderError) {
      process.stderr.write(`orisim: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`orisim: ${err.message}\nRun "orisim --help" for usage.\n`);
      return 2;
    }
    if (err instanceof ScenarioError) {
      process.stderr.write(formatScenarioError(err) + '\n');
      return 2;
    }
    process.stderr.write(`orisim: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
  return code;
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
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`orisim: internal error: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
