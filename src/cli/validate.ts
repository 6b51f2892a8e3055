// `orisim validate FILE…` and `orisim schema`: check scenario files (every problem with its line and
// column) and print the JSON Schema of scenario files. Apart from the run commands so that they
// start without loading the simulation.
import { calendarWarnings } from '../scenario/calendar-warnings.js';
import { ScenarioError } from '../scenario/errors.js';
import { scenarioJsonSchema } from '../scenario/json-schema.js';
import { loadScenario } from '../node/scenario-files.js';
import { printable, printableScenarioError } from './printable.js';

export function validateCommand(files: readonly string[]): number {
  let bad = 0;
  for (const f of files) {
    try {
      const s = loadScenario(f);
      process.stdout.write(`${printable(f)}: ok (${printable(s.name)}: ${s.teams.delivery.count} delivery teams, variants ${s.variants.join(', ')})\n`);
      for (const w of calendarWarnings(s)) process.stderr.write(`${printable(f)}: warning: ${printable(w)}\n`);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      bad++;
      process.stderr.write(printableScenarioError(err) + '\n');
    }
  }
  return bad > 0 ? 2 : 0;
}

export function schemaCommand(): number {
  process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  return 0;
}
