// The command line of `orisim optimise`: its options and help, registered in main.ts in a few
// lines; the command itself (optimise.ts) is loaded only when it runs.
import type { Argv, CommandModule } from 'yargs';
import { availableParallelism } from 'node:os';
import { integerOption } from './options.js';
import { single } from '../api/options.js';

function builder(y: Argv) {
  return y
    .positional('scenario', { type: 'string', describe: 'scenario or study file with levers, objective and constraints (default scenarios/ops-run-it.yaml)' })
    .option('budget', { type: 'string', describe: 'most replications to spend (default 2000)' })
    .option('delta', { type: 'string', describe: "differences that do not matter, in the objective's unit (e.g. 50000 or 0.5d; default 2% of today's)" })
    .option('seed', { alias: 's', type: 'string', describe: 'random seed (overrides the scenario)' })
    .option('out', { alias: 'o', type: 'string', describe: 'output folder (default: output/optimise-<scenario name>/)' })
    .option('workers', { alias: 'w', type: 'string', describe: `worker threads (1 = this thread; default ${availableParallelism()}, the cores)` })
    .option('set', { type: 'string', array: true, describe: 'override a scenario value: --set teams.delivery.count=25' })
    .option('charts', { type: 'boolean', default: true, describe: 'write charts/ and report.html (--no-charts to skip)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' })
    .example('$0 optimise study.yaml --budget 3000 --delta 20000', 'the cheapest design that meets the constraints of study.yaml (docs/optimise.md)');
}

/** `orisim optimise`; `done` receives the exit code. */
export function optimiseCommandModule(done: (code: number) => void): CommandModule<object, ReturnType<typeof builder> extends Argv<infer T> ? T : never> {
  return {
    command: 'optimise [scenario]',
    describe: "search the scenario file's levers for the design that best meets its objective and constraints",
    builder: builder as never,
    handler: async (args) => {
      const { optimiseCommand } = await import('./optimise.js');
      done(
        await optimiseCommand({
          scenario: args.scenario,
          budget: integerOption('--budget', args.budget, 1),
          delta: args.delta === undefined ? undefined : single('--delta', args.delta),
          seed: integerOption('--seed', args.seed, undefined),
          out: args.out === undefined ? undefined : single('--out', args.out),
          workers: integerOption('--workers', args.workers, 1),
          set: args.set ?? [],
          charts: args.charts,
          quiet: args.quiet,
        }),
      );
    },
  };
}
