// The commands of the command line, declared: each one's arguments, options, help and examples, and
// how its parsed arguments become the options of the command's function, whose module is loaded
// only when the command runs (so that `--help` or `validate` do not load the simulation).
import { availableParallelism } from 'node:os';
import { BREAKDOWN_KEYS } from '../stats/breakdowns.js';
import type { CommonRunArgs } from './commands.js';
import { byOption, integerOption } from './options.js';
import { optimiseSpec } from './optimise-options.js';
import { flag, text, texts, type CommandSpec, type OptionSpec, type ParsedArgs } from './parse.js';
import { shardOption } from './shard-option.js';

/**
 * `--workers`' default as node/parallel.ts chooses it (defaultWorkers: the cores; worker threads for
 * runs of AUTO_PARALLEL_MIN_TASKS or more tasks), for the help text only: importing parallel.ts
 * here would load the simulation at start-up. test/cli/startup.test.ts checks the two agree.
 */
export const WORKERS_HELP = { cores: availableParallelism, minTasks: 1600 } as const;

/** `--out`'s default, as each command computes it. */
const OUT_DEFAULT = {
  run: 'output/<scenario name>/',
  compare: 'output/compare-<A name>-vs-<B name>…/',
  sweep: 'output/sweep-<scenario name>-<param>/',
} as const;

export const SET_OPTION: OptionSpec = { name: 'set', type: 'string', multiple: true, arg: 'PATH=VALUE', describe: 'override a scenario value: --set teams.delivery.count=25' };
export const QUIET_OPTION: OptionSpec = { name: 'quiet', short: 'q', type: 'boolean', describe: 'no progress on stderr' };
export const CHARTS_OPTION: OptionSpec = { name: 'charts', type: 'boolean', default: true, describe: 'write charts/ and report.html (--no-charts to skip)' };
export const SEED_OPTION: OptionSpec = { name: 'seed', short: 's', type: 'string', arg: 'S', describe: 'random seed (overrides the scenario)' };
const REPLICATIONS_OPTION: OptionSpec = { name: 'replications', short: 'r', type: 'string', arg: 'N', describe: 'replications (overrides the scenario)' };
const MAP_OPTION: OptionSpec = { name: 'map', type: 'string', multiple: true, arg: 'FIELD=COLUMN', describe: 'read a field from another column: --map opened_at=Created' };

export const outOption = (describe: string): OptionSpec => ({ name: 'out', short: 'o', type: 'string', arg: 'DIR', describe });

function runOptions(command: keyof typeof OUT_DEFAULT): OptionSpec[] {
  return [
    REPLICATIONS_OPTION,
    SEED_OPTION,
    outOption(`output folder (default: ${OUT_DEFAULT[command]})`),
    SET_OPTION,
    CHARTS_OPTION,
    QUIET_OPTION,
    { name: 'force', type: 'boolean', describe: 'run even when the run estimate is over a hard limit (see docs/limits-and-safety.md)' },
    { name: 'shard', type: 'string', arg: 'I/N', describe: 'run only shard I of N of the replications into a shard folder, for orisim merge (e.g. --shard 2/4; docs/big-runs.md, "Running on many machines")' },
    {
      name: 'workers',
      short: 'w',
      type: 'string',
      arg: 'N',
      describe: `worker threads for replications (1 = this thread; default: ${WORKERS_HELP.cores()}, the cores, for runs of ${WORKERS_HELP.minTasks} or more replications × variants, else 1)`,
    },
  ];
}

/** The options run, compare and sweep share, from parsed arguments. */
function commonArgs(args: ParsedArgs): CommonRunArgs {
  return {
    replications: integerOption('--replications', text(args, 'replications'), 1),
    seed: integerOption('--seed', text(args, 'seed'), undefined),
    out: text(args, 'out'),
    set: texts(args, 'set'),
    charts: flag(args, 'charts'),
    quiet: flag(args, 'quiet'),
    workers: integerOption('--workers', text(args, 'workers'), 1),
    force: flag(args, 'force'),
    shard: shardOption(text(args, 'shard')),
  };
}

const run: CommandSpec = {
  name: 'run',
  describe: 'run a scenario (default scenarios/ops-run-it.yaml) and write its results',
  positionals: [{ name: 'scenario', describe: 'scenario file (YAML or JSON; default scenarios/ops-run-it.yaml)' }],
  options: [
    ...runOptions('run'),
    { name: 'slides', type: 'boolean', describe: 'also write each chart as a 16:9 PNG at 1920×1080 (charts/slides/)' },
    { name: 'by', type: 'string', multiple: true, arg: 'KEY', describe: `also print lead time per ${BREAKDOWN_KEYS.join(' or per ')}, or per delivery group (${[...BREAKDOWN_KEYS, 'group'].join(', ')}; several: --by class,path)` },
    { name: 'export', type: 'string', arg: 'KIND', describe: 'also write the simulated changes as an export: servicenow (change_request.csv, replication 1)' },
    { name: 'changes', type: 'string', arg: 'FORMAT', describe: 'the per-change file: csv (changes.csv, the default), parquet (changes.parquet: typed, compressed, for big runs) or none' },
  ],
  examples: [
    ['orisim run scenarios/ops-run-it-25-teams.yaml -r 100 --seed 7', '100 replications of the 25-team organisation into output/ops-run-it-25-teams/'],
    ['orisim run --set teams.delivery.count=12 --out output/twelve', 'the default scenario with 12 delivery teams'],
    ['orisim run --by class --by path', 'also print lead time per change class and per path (standard or normal change)'],
    ['orisim run -r 10000 --changes parquet --no-charts', 'a big run: the per-change rows as changes.parquet (docs/big-runs.md)'],
  ],
  run: async (args) => {
    const { runCommand } = await import('./commands.js');
    return runCommand({ scenario: text(args, 'scenario'), slides: flag(args, 'slides'), by: byOption(texts(args, 'by')), export: text(args, 'export'), changes: text(args, 'changes'), ...commonArgs(args) });
  },
};

const compare: CommandSpec = {
  name: 'compare',
  describe: 'run scenarios with common random numbers and compare every design (scenario × variant) with a baseline design (paired differences, 95% CI)',
  positionals: [{ name: 'scenarios', required: true, variadic: true, describe: 'two or more scenario files' }],
  options: [...runOptions('compare'), { name: 'baseline', short: 'b', type: 'string', arg: 'FILE[:VARIANT]', describe: "the design the others are paired with: FILE or FILE:VARIANT (default: the first file's first variant)" }],
  examples: [
    ['orisim compare scenarios/ops-run-it.yaml scenarios/twice-weekly-cab.yaml -r 50', 'a weekly CAB against a twice-weekly one, with paired differences'],
    ['orisim compare current.yaml target.yaml --baseline target.yaml:preApproved', 'every design paired with the pre-approved design of target.yaml'],
  ],
  run: async (args) => {
    const { compareCommand } = await import('./compare.js');
    return compareCommand({ scenarios: texts(args, 'scenarios'), baseline: text(args, 'baseline'), ...commonArgs(args) });
  },
};

const sweep: CommandSpec = {
  name: 'sweep',
  describe: 'run a scenario for each value of one parameter and chart lead time and cost against it',
  positionals: [{ name: 'scenario', describe: 'scenario file (default scenarios/ops-run-it.yaml)' }],
  options: [
    ...runOptions('sweep'),
    { name: 'param', short: 'p', type: 'string', required: true, arg: 'PATH', describe: 'scenario path to vary, e.g. teams.delivery.count' },
    { name: 'values', type: 'string', required: true, arg: 'LIST', describe: 'a list (1,2,5 or 1w,2w) or a range FROM..TO[:STEP] (2..30:4)' },
  ],
  examples: [['orisim sweep --param teams.delivery.count --values 2..30:4', 'lead time and cost for 2, 6, 10, … 30 delivery teams']],
  run: async (args) => {
    const { sweepCommand } = await import('./sweep.js');
    return sweepCommand({ scenario: text(args, 'scenario'), param: text(args, 'param')!, values: text(args, 'values')!, ...commonArgs(args) });
  },
};

const uncertainty: CommandSpec = {
  name: 'uncertainty',
  describe: "run designs over the plausible values of a scenario's uncertain inputs: how sure the answer is, and which input to measure first",
  positionals: [{ name: 'scenarios', variadic: true, describe: 'scenario files with an uncertain: section (default scenarios/ops-run-it.yaml)' }],
  options: [
    { name: 'samples', short: 'n', type: 'string', arg: 'N', describe: 'samples of the inputs (input sets: samples × (inputs + 2); default 64)' },
    { name: 'replications', short: 'r', type: 'string', arg: 'R', describe: 'replications of every design at each input set (default 2)' },
    { name: 'seed', type: 'string', arg: 'S', describe: "seed of the design and the simulations (default: the first file's seed)" },
    outOption('output folder (default output/uncertainty-<scenario name>/)'),
    SET_OPTION,
    { name: 'workers', short: 'w', type: 'string', arg: 'N', describe: `worker threads (1 = this thread; default: the cores for ${WORKERS_HELP.minTasks} simulations or more)` },
    { name: 'shard', type: 'string', arg: 'I/N', describe: 'run only shard I of N of the input sets into a shard folder, for orisim merge (e.g. --shard 2/4; docs/uncertainty.md)' },
    { ...QUIET_OPTION, describe: 'no progress bar or notes' },
  ],
  examples: [['orisim uncertainty scenarios/ops-run-it-uncertain.yaml --workers 2', 'how sure the answer is, and what to measure first (docs/uncertainty.md)']],
  run: async (args) => {
    const { uncertaintyCommand } = await import('./uncertainty.js');
    return uncertaintyCommand({
      scenarios: texts(args, 'scenarios'),
      samples: integerOption('--samples', text(args, 'samples'), undefined),
      replications: integerOption('--replications', text(args, 'replications'), undefined),
      seed: integerOption('--seed', text(args, 'seed'), undefined),
      out: text(args, 'out'),
      workers: integerOption('--workers', text(args, 'workers'), undefined),
      set: texts(args, 'set'),
      quiet: flag(args, 'quiet'),
      shard: text(args, 'shard'),
    });
  },
};

const validate: CommandSpec = {
  name: 'validate',
  describe: 'check scenario files and report every problem with its line and column',
  positionals: [{ name: 'scenarios', required: true, variadic: true, describe: 'one or more scenario files (YAML or JSON) to check' }],
  options: [],
  examples: [['orisim validate scenarios/*.yaml', 'check every shipped scenario; exit 2 if any has a problem']],
  run: async (args) => {
    const { validateCommand } = await import('./validate.js');
    return validateCommand(texts(args, 'scenarios'));
  },
};

const calibrate: CommandSpec = {
  name: 'calibrate',
  describe: "fit a scenario to a client's change export (ServiceNow change_request CSV) and say what each value was fitted from",
  positionals: [{ name: 'export', required: true, describe: 'the export: CSV, header by field name (opened_at) or label (Opened)' }],
  options: [
    MAP_OPTION,
    { name: 'date-format', type: 'string', arg: 'FORMAT', describe: 'force the date format, e.g. "dd/MM/yyyy HH:mm:ss" (default: detected)' },
    { name: 'out', short: 'o', type: 'string', arg: 'FILE', describe: 'write the scenario to this file (default: stdout)' },
    { name: 'report', type: 'string', arg: 'DIR', describe: 'write calibration.json and calibration.md into this folder' },
  ],
  examples: [['orisim calibrate change_request.csv --out acme.yaml --report output/acme-calibration', 'a scenario fitted to the export, and the evidence']],
  run: async (args) => {
    const { calibrateCommand } = await import('./calibrate.js');
    return calibrateCommand({ export: text(args, 'export')!, map: texts(args, 'map'), dateFormat: text(args, 'date-format'), out: text(args, 'out'), report: text(args, 'report') });
  },
};

const backtest: CommandSpec = {
  name: 'backtest',
  describe: 'simulate a scenario and hold it against a change export: lead time, waits, deployments a week, out of hours, failures, with a verdict',
  positionals: [
    { name: 'scenario', required: true, describe: 'scenario file (e.g. one orisim calibrate wrote)' },
    { name: 'export', required: true, describe: 'the export (CSV, as orisim calibrate reads it)' },
  ],
  options: [
    outOption('output folder (default: output/backtest-<scenario name>/)'),
    REPLICATIONS_OPTION,
    SEED_OPTION,
    SET_OPTION,
    MAP_OPTION,
    { name: 'date-format', type: 'string', arg: 'FORMAT', describe: "force the export's date format (default: detected)" },
    CHARTS_OPTION,
    QUIET_OPTION,
    { name: 'force', type: 'boolean', describe: 'run even when the run estimate is over a hard limit' },
  ],
  examples: [['orisim backtest acme.yaml change_request.csv --out output/acme-backtest', 'does the calibrated scenario reproduce the export?']],
  run: async (args) => {
    const { backtestCommand } = await import('./backtest.js');
    // The options backtest shares with run (it has no --workers or --shard: those read as absent).
    const { out, replications, seed, set, charts, quiet, force } = commonArgs(args);
    return backtestCommand({
      scenario: text(args, 'scenario')!,
      export: text(args, 'export')!,
      map: texts(args, 'map'),
      dateFormat: text(args, 'date-format'),
      out, replications, seed, set, charts, quiet, force,
    });
  },
};

const merge: CommandSpec = {
  name: 'merge',
  describe: 'combine the shard folders of a run, compare, sweep or uncertainty made with --shard I/N into the output folder one machine would write',
  positionals: [
    { name: 'out', required: true, describe: 'the output folder to write' },
    { name: 'shards', required: true, variadic: true, describe: 'the shard folders, 1/N … N/N, in any order' },
  ],
  options: [QUIET_OPTION],
  examples: [['orisim merge output/big output/big-shard-*', 'combine shards 1/N … N/N into output/big/']],
  run: async (args) => {
    const { mergeCommand } = await import('./merge.js');
    return mergeCommand({ out: text(args, 'out')!, shards: texts(args, 'shards'), quiet: flag(args, 'quiet') });
  },
};

const workshop: CommandSpec = {
  name: 'workshop',
  describe: 'write the workshop page: what-if levers on the real engine, in a browser, offline (index.html opens from the file)',
  positionals: [{ name: 'scenarios', variadic: true, describe: 'scenario files (default scenarios/ops-run-it.yaml)' }],
  options: [outOption('output folder (default: output/workshop-<scenario name>/)'), { ...QUIET_OPTION, describe: 'no message on stderr' }],
  examples: [['orisim workshop --out output/workshop', 'then open output/workshop/index.html (docs/workshop.md)']],
  run: async (args) => {
    const { workshopCommand } = await import('./workshop.js');
    return workshopCommand({ scenarios: texts(args, 'scenarios'), out: text(args, 'out'), quiet: flag(args, 'quiet') });
  },
};

const schema: CommandSpec = {
  name: 'schema',
  describe: 'print the JSON Schema of scenario files (for editors)',
  positionals: [],
  options: [],
  examples: [['orisim schema > orisim.schema.json', 'save the schema for a YAML plugin']],
  run: async () => {
    const { schemaCommand } = await import('./validate.js');
    return schemaCommand();
  },
};

/** The commands, in the order the help lists them. */
export const COMMAND_SPECS: readonly CommandSpec[] = [run, compare, sweep, validate, schema, calibrate, backtest, merge, uncertainty, optimiseSpec, workshop];
