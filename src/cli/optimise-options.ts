// The command line of `orisim optimise`: its options and help, listed in command-table.ts; the
// command itself (optimise.ts) is loaded only when it runs.
import { availableParallelism } from 'node:os';
import { integerOption } from './options.js';
import { flag, text, texts, type CommandSpec } from './parse.js';

export const optimiseSpec: CommandSpec = {
  name: 'optimise',
  describe: "search the scenario file's levers for the design that best meets its objective and constraints",
  positionals: [{ name: 'scenario', describe: 'scenario or study file with levers, objective and constraints (default scenarios/ops-run-it.yaml)' }],
  options: [
    { name: 'budget', type: 'string', arg: 'N', describe: 'most replications to spend (default 2000)' },
    { name: 'delta', type: 'string', arg: 'D', describe: "differences that do not matter, in the objective's unit (e.g. 50000 or 0.5d; default 2% of today's)" },
    { name: 'seed', short: 's', type: 'string', arg: 'S', describe: 'random seed (overrides the scenario)' },
    { name: 'out', short: 'o', type: 'string', arg: 'DIR', describe: 'output folder (default: output/optimise-<scenario name>/)' },
    { name: 'workers', short: 'w', type: 'string', arg: 'N', describe: `worker threads (1 = this thread; default ${availableParallelism()}, the cores)` },
    { name: 'set', type: 'string', multiple: true, arg: 'PATH=VALUE', describe: 'override a scenario value: --set teams.delivery.count=25' },
    { name: 'charts', type: 'boolean', default: true, describe: 'write charts/ and report.html (--no-charts to skip)' },
    { name: 'quiet', short: 'q', type: 'boolean', describe: 'no progress on stderr' },
  ],
  examples: [['orisim optimise study.yaml --budget 3000 --delta 20000', 'the cheapest design that meets the constraints of study.yaml (docs/optimise.md)']],
  run: async (args) => {
    const { optimiseCommand } = await import('./optimise.js');
    return optimiseCommand({
      scenario: text(args, 'scenario'),
      budget: integerOption('--budget', text(args, 'budget'), 1),
      delta: text(args, 'delta'),
      seed: integerOption('--seed', text(args, 'seed'), undefined),
      out: text(args, 'out'),
      workers: integerOption('--workers', text(args, 'workers'), 1),
      set: [...texts(args, 'set')],
      charts: flag(args, 'charts'),
      quiet: flag(args, 'quiet'),
    });
  },
};
