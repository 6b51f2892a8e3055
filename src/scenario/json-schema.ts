// The JSON Schema (draft 2020-12) of scenario files, for editors and `orisim schema`, generated
// from the zod file schema so that it lists exactly the keys the loader knows.
import * as z from './zod.js';
import { ScenarioFileSchema } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioFileSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://orisim.dev/schema/scenario.json',
    title: 'orisim scenario',
    description: 'A scenario file for orisim, the Ops Run It deployment simulator. See scenarios/README.md.',
  };
}
