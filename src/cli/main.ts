#!/usr/bin/env node
// The orisim command line: a thin wrapper over the library (read → simulate → write). Data goes
// to stdout, messages to stderr. Exit codes: 0 success, 2 bad input (including an --out orisim may
// not use), 1 internal error or a write that failed during the run; 128 + N after signal N.
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CommonRunArgs } from './commands.js';
import { single, UsageError } from '../api/options.js';
import { shardOption } from './shard-option.js';
import { availableParallelism } from 'node:os';
import { ScenarioError } from '../scenario/errors.js';
import { printableLines, printableScenarioError } from './printable.js';
import { VERSION } from '../output/version.js';
import { BREAKDOWN_KEYS } from '../stats/breakdowns.js';
import { byOption, COMMANDS, explainUnknown, FLAGS, integerOption, joinDashValues } from './options.js';
import { quietWhenReaderCloses } from './closed-pipe.js';

/**
 * `--workers`' default as node/parallel.ts chooses it (defaultWorkers: the cores; worker threads for
 * runs of AUTO_PARALLEL_MIN_TASKS or more tasks), for the help text only: importing parallel.ts
 * here would load the simulation at start-up. test/cli/startup.test.ts checks the two agree.
 */
export const WORKERS_HELP = { cores: availableParallelism, minTasks: 800 } as const;
import { optimiseCommandModule } from './optimise-options.js';

/** `--out`'s default, as each command computes it. */
const OUT_DEFAULT = {
  run: 'output/<scenario name>/',
  compare: 'output/compare-<A name>-vs-<B name>…/',
  sweep: 'output/sweep-<scenario name>-<param>/',
} as const;

function withRunOptions<T>(y: Argv<T>, command: keyof typeof OUT_DEFAULT) {
  return y
    .option('replications', { alias: 'r', type: 'string', describe: 'replications (overrides the scenario)' })
    .option('seed', { alias: 's', type: 'string', describe: 'random seed (overrides the scenario)' })
    .option('out', { alias: 'o', type: 'string', describe: `output folder (default: ${OUT_DEFAULT[command]})` })
    .option('set', { type: 'string', array: true, describe: 'override a scenario value: --set teams.delivery.count=25' })
    .option('charts', { type: 'boolean', default: true, describe: 'write charts/ and report.html (--no-charts to skip)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' })
    .option('force', { type: 'boolean', default: false, describe: 'run even when the run estimate is over a hard limit (see docs/limits-and-safety.md)' })
    .option('shard', { type: 'string', describe: 'run only shard I of N of the replications into a shard folder, for orisim merge (e.g. --shard 2/4; docs/big-runs.md, "Running on many machines")' })
    .option('workers', {
      alias: 'w',
      type: 'string',
      describe: `worker threads for replications (1 = this thread; default: ${WORKERS_HELP.cores()}, the cores, for runs of ${WORKERS_HELP.minTasks} or more replications × variants, else 1)`,
    });
}

/** The options run, compare and sweep share, from parsed arguments. */
function commonArgs(args: {
  replications?: unknown;
  seed?: unknown;
  out?: unknown;
  set?: string[] | undefined;
  charts: boolean;
  quiet: boolean;
  workers?: unknown;
  force?: boolean | undefined;
  shard?: unknown;
}): CommonRunArgs {
  return {
    replications: integerOption('--replications', args.replications, 1),
    seed: integerOption('--seed', args.seed, undefined),
    out: args.out === undefined ? undefined : single('--out', args.out),
    set: args.set ?? [],
    charts: args.charts,
    quiet: args.quiet,
    workers: integerOption('--workers', args.workers, 1),
    force: args.force,
    shard: shardOption(args.shard),
  };
}

/**
 * yargs renders a command's whole help text just before it runs the command's handler, to have it
 * at hand should the command fail; orisim's fail handler never shows it (it says what is wrong and
 * points to --help), so that rendering — as long as loading all the code a run needs — is skipped.
 * It reaches into yargs' internals: if they change, nothing is skipped and nothing else differs.
 */
function skipHelpCache(parser: unknown): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (parser as Internals).getInternalMethods?.().getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/**
 * The command line. Each command other than run, validate and schema loads its module when it
 * runs (compare, sweep, calibrate, backtest, merge), so that a plain run does not spend its
 * start-up loading and compiling code it never calls.
 */
export async function main(typed: string[]): Promise<number> {
  const argv = joinDashValues(typed);
  let code = 0;
  const parser = yargs(argv)
    .scriptName('orisim')
    .usage('$0 <command> [options]\n\nSimulates the Ops Run It deployment process (CAB, application support, pre-approved changes).')
    .command(
      'run [scenario]',
      'run a scenario (default scenarios/ops-run-it.yaml) and write its results',
      (y) =>
        withRunOptions(y.positional('scenario', { type: 'string', describe: 'scenario file (YAML or JSON; default scenarios/ops-run-it.yaml)' }), 'run')
          .option('slides', { type: 'boolean', default: false, describe: 'also write each chart as a 16:9 PNG at 1920×1080 (charts/slides/)' })
          .option('by', { type: 'string', describe: `also print lead time per ${BREAKDOWN_KEYS.join(' or per ')}, or per delivery group (${[...BREAKDOWN_KEYS, 'group'].join(', ')}; several: --by class,path)` })
          .option('export', { type: 'string', describe: 'also write the simulated changes as an export: servicenow (change_request.csv, replication 1)' })
          .option('changes', {
            type: 'string',
            describe: 'the per-change file: csv (changes.csv, the default), parquet (changes.parquet: typed, compressed, for big runs) or none',
          })
          .example('$0 run scenarios/ops-run-it-25-teams.yaml -r 100 --seed 7', '100 replications of the 25-team organisation into output/ops-run-it-25-teams/')
          .example('$0 run --set teams.delivery.count=12 --out output/twelve', 'the default scenario with 12 delivery teams')
          .example('$0 run --by class --by path', 'also print lead time per change class and per path (standard or normal change)')
          .example('$0 run -r 10000 --changes parquet --no-charts', 'a big run: the per-change rows as changes.parquet (docs/big-runs.md)'),
      async (args) => {
        const { runCommand } = await import('./commands.js');
        code = await runCommand({
          scenario: args.scenario,
          slides: args.slides,
          by: byOption(args.by),
          export: args.export === undefined ? undefined : single('--export', args.export),
          changes: args.changes === undefined ? undefined : single('--changes', args.changes),
          ...commonArgs(args),
        });
      },
    )
    .command(
      'compare <scenarios..>',
      'run scenarios with common random numbers and compare every design (scenario × variant) with a baseline design (paired differences, 95% CI)',
      (y) =>
        withRunOptions(y.positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'two or more scenario files' }), 'compare')
          .option('baseline', {
            alias: 'b',
            type: 'string',
            describe: "the design the others are paired with: FILE or FILE:VARIANT (default: the first file's first variant)",
          })
          .example('$0 compare scenarios/ops-run-it.yaml scenarios/twice-weekly-cab.yaml -r 50', 'a weekly CAB against a twice-weekly one, with paired differences')
          .example('$0 compare current.yaml target.yaml --baseline target.yaml:preApproved', 'every design paired with the pre-approved design of target.yaml'),
      async (args) => {
        const { compareCommand } = await import('./compare.js');
        code = await compareCommand({
          scenarios: (args.scenarios ?? []) as string[],
          baseline: args.baseline,
          ...commonArgs(args),
        });
      },
    )
    .command(
      'sweep [scenario]',
      'run a scenario for each value of one parameter and chart lead time and cost against it',
      (y) =>
        withRunOptions(y.positional('scenario', { type: 'string', describe: 'scenario file (default scenarios/ops-run-it.yaml)' }), 'sweep')
          .example('$0 sweep --param teams.delivery.count --values 2..30:4', 'lead time and cost for 2, 6, 10, … 30 delivery teams')
          .option('param', { alias: 'p', type: 'string', demandOption: true, describe: 'scenario path to vary, e.g. teams.delivery.count' })
          .option('values', { type: 'string', demandOption: true, describe: 'a list (1,2,5 or 1w,2w) or a range FROM..TO[:STEP] (2..30:4)' }),
      async (args) => {
        const { sweepCommand } = await import('./sweep.js');
        code = await sweepCommand({
          scenario: args.scenario,
          param: args.param,
          values: args.values,
          ...commonArgs(args),
        });
      },
    )
    .command(
      'uncertainty [scenarios..]',
      "run designs over the plausible values of a scenario's uncertain inputs: how sure the answer is, and which input to measure first",
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, describe: 'scenario files with an uncertain: section (default scenarios/ops-run-it.yaml)' })
          .option('samples', { alias: 'n', type: 'number', describe: 'samples of the inputs (input sets: samples × (inputs + 2); default 64)' })
          .option('replications', { alias: 'r', type: 'number', describe: 'replications of every design at each input set (default 2)' })
          .option('seed', { type: 'number', describe: "seed of the design and the simulations (default: the first file's seed)" })
          .option('out', { alias: 'o', type: 'string', describe: 'output folder (default output/uncertainty-<scenario name>/)' })
          .option('set', { type: 'string', array: true, describe: 'override a scenario field (path=value), repeatable' })
          .option('workers', { alias: 'w', type: 'number', describe: 'worker threads (1 = this thread; default: the cores for 800 simulations or more)' })
          .option('shard', { type: 'string', describe: 'run only shard I of N of the input sets into a shard folder, for orisim merge (e.g. --shard 2/4; docs/uncertainty.md)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar or notes' }),
      async (args) => {
        const { uncertaintyCommand } = await import('./uncertainty.js');
        code = await uncertaintyCommand({
          scenarios: (args.scenarios ?? []) as string[], samples: args.samples, replications: args.replications, seed: args.seed,
          out: args.out === undefined ? undefined : single('--out', args.out), workers: args.workers, set: args.set ?? [], quiet: args.quiet, shard: args.shard,
        });
      },
    )
    .command(
      'validate <scenarios..>',
      'check scenario files and report every problem with its line and column',
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'one or more scenario files (YAML or JSON) to check' })
          .example('$0 validate scenarios/*.yaml', 'check every shipped scenario; exit 2 if any has a problem'),
      async (args) => {
        const { validateCommand } = await import('./validate.js');
        code = validateCommand((args.scenarios ?? []) as string[]);
      },
    )
    .command(
      'calibrate <export>',
      "fit a scenario to a client's change export (ServiceNow change_request CSV) and say what each value was fitted from",
      (y) =>
        y
          .positional('export', { type: 'string', demandOption: true, describe: 'the export: CSV, header by field name (opened_at) or label (Opened)' })
          .option('map', { type: 'string', array: true, describe: 'read a field from another column: --map opened_at=Created' })
          .option('date-format', { type: 'string', describe: 'force the date format, e.g. "dd/MM/yyyy HH:mm:ss" (default: detected)' })
          .option('out', { alias: 'o', type: 'string', describe: 'write the scenario to this file (default: stdout)' })
          .option('report', { type: 'string', describe: 'write calibration.json and calibration.md into this folder' })
          .example('$0 calibrate change_request.csv --out acme.yaml --report output/acme-calibration', 'a scenario fitted to the export, and the evidence'),
      async (args) => {
        const { calibrateCommand } = await import('./calibrate.js');
        code = await calibrateCommand({ export: args.export!, map: (args.map ?? []) as string[], dateFormat: args.dateFormat, out: args.out, report: args.report });
      },
    )
    .command(
      'backtest <scenario> <export>',
      'simulate a scenario and hold it against a change export: lead time, waits, deployments a week, out of hours, failures, with a verdict',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (e.g. one orisim calibrate wrote)' })
          .positional('export', { type: 'string', demandOption: true, describe: 'the export (CSV, as orisim calibrate reads it)' })
          .option('out', { alias: 'o', type: 'string', describe: 'output folder (default: output/backtest-<scenario name>/)' })
          .option('replications', { alias: 'r', type: 'string', describe: 'replications (overrides the scenario)' })
          .option('seed', { alias: 's', type: 'string', describe: 'random seed (overrides the scenario)' })
          .option('set', { type: 'string', array: true, describe: 'override a scenario value: --set teams.delivery.count=25' })
          .option('map', { type: 'string', array: true, describe: 'read a field from another column: --map opened_at=Created' })
          .option('date-format', { type: 'string', describe: 'force the export\'s date format (default: detected)' })
          .option('charts', { type: 'boolean', default: true, describe: 'write charts/ and report.html (--no-charts to skip)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' })
          .option('force', { type: 'boolean', default: false, describe: 'run even when the run estimate is over a hard limit' })
          .example('$0 backtest acme.yaml change_request.csv --out output/acme-backtest', 'does the calibrated scenario reproduce the export?'),
      async (args) => {
        const { backtestCommand } = await import('./backtest.js');
        code = await backtestCommand({
          scenario: args.scenario!,
          export: args.export!,
          out: args.out === undefined ? undefined : single('--out', args.out),
          replications: integerOption('--replications', args.replications, 1),
          seed: integerOption('--seed', args.seed, undefined),
          set: args.set ?? [],
          map: (args.map ?? []) as string[],
          dateFormat: args.dateFormat,
          charts: args.charts,
          quiet: args.quiet,
          force: args.force,
        });
      },
    )
    .command(
      'merge <out> <shards..>',
      'combine the shard folders of a run, compare, sweep or uncertainty made with --shard I/N into the output folder one machine would write',
      (y) =>
        y
          .positional('out', { type: 'string', demandOption: true, describe: 'the output folder to write' })
          .positional('shards', { type: 'string', array: true, demandOption: true, describe: 'the shard folders, 1/N … N/N, in any order' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' })
          .example('$0 merge output/big output/big-shard-*', 'combine shards 1/N … N/N into output/big/'),
      async (args) => {
        const { mergeCommand } = await import('./merge.js');
        code = await mergeCommand({ out: single('OUT', args.out), shards: ((args.shards ?? []) as unknown[]).map(String), quiet: args.quiet });
      },
    )
    .command(optimiseCommandModule((c) => {
      code = c;
    }))
    .command(
      'workshop [scenarios..]',
      'write the workshop page: what-if levers on the real engine, in a browser, offline (index.html opens from the file)',
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, describe: 'scenario files (default scenarios/ops-run-it.yaml)' })
          .option('out', { alias: 'o', type: 'string', describe: 'output folder (default: output/workshop-<scenario name>/)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no message on stderr' })
          .example('$0 workshop --out output/workshop', 'then open output/workshop/index.html (docs/workshop.md)'),
      async (args) => {
        const { workshopCommand } = await import('./workshop.js');
        code = await workshopCommand({ scenarios: ((args.scenarios ?? []) as unknown[]).map(String), out: args.out === undefined ? undefined : single('--out', args.out), quiet: args.quiet });
      },
    )
    .command('schema', 'print the JSON Schema of scenario files (for editors)', (y) => y.example('$0 schema > orisim.schema.json', 'save the schema for a YAML plugin'), async () => {
      const { schemaCommand } = await import('./validate.js');
      code = schemaCommand();
    })
    .demandCommand(1, 'name a command: run, compare, sweep, validate, schema, calibrate, backtest, merge, uncertainty, optimise or workshop')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      // A mistyped option explains most failures ("Missing required argument: values" after --valeus).
      const typos = argv.filter((a) => /^--?[a-z]/i.test(a) && !FLAGS.includes(a.replace(/^-+/, '').replace(/=.*$/, '')) && !/^-[a-z]$/i.test(a));
      if (typos.length > 0 && argv.some((a) => COMMANDS.includes(a))) {
        throw new UsageError(explainUnknown(`Unknown arguments: ${typos.map((t) => t.replace(/^-+/, '').replace(/=.*$/, '')).join(', ')}`, argv));
      }
      throw new UsageError(explainUnknown(msg, argv));
    });
  skipHelpCache(parser);
  try {
    if (argv.length === 0) {
      parser.showHelp((text) => process.stdout.write(text + '\n'));
      return 0;
    }
    await parser.parseAsync(argv);
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
  quietWhenReaderCloses(process.stdout);
  quietWhenReaderCloses(process.stderr);
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`orisim: internal error: ${printableLines(String(err))}\n`);
      process.exitCode = 1;
    },
  );
}
