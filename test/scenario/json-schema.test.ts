// The JSON Schema of scenario files accepts every example scenario and rejects broken ones.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/index.js';

const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `scenarios/${f}`);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(scenarioJsonSchema());

describe('scenario JSON Schema', () => {
  it('is draft 2020-12 and describes every top-level field', () => {
    const schema = scenarioJsonSchema() as { $schema: string; properties: Record<string, { description?: string }> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const [key, field] of Object.entries(schema.properties)) expect(field.description, key).toBeTruthy();
  });

  it('every "at most N" in a description is the field\'s maximum, and scenarios/README.md says the same', () => {
    const readme = readFileSync('scenarios/README.md', 'utf8');
    const found: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as { description?: string; maximum?: number };
      const description = n.description ?? '';
      const said = /\(at most ([\d,]+)\)/.exec(description);
      if (said !== null && typeof n.maximum === 'number') {
        found.push(path);
        expect(Number(said[1]!.replace(/,/g, '')), `${path}: ${description}`).toBe(n.maximum);
        // The README's field tables quote the schema's words: wherever they do, with the same limit.
        const quoted = `${description.split(' (at most')[0]!} (at most `;
        for (let at = readme.indexOf(quoted); at >= 0; at = readme.indexOf(quoted, at + 1)) {
          expect(readme.slice(at + quoted.length).split(')')[0], `scenarios/README.md on ${path}`).toBe(said[1]);
        }
      }
      for (const [k, v] of Object.entries(node)) visit(v, `${path}/${k}`);
    };
    visit(scenarioJsonSchema(), '');
    expect(found).toContain('/properties/replications');
  });

  it.each(files)('accepts %s', (file) => {
    const ok = validate(parseYaml(readFileSync(file, 'utf8')));
    expect(validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a broken scenario', () => {
    const broken = parseYaml(readFileSync('scenarios/ops-run-it.yaml', 'utf8')) as { teams: { delivery: Record<string, unknown> } };
    broken.teams.delivery.cout = 25;
    expect(validate(broken)).toBe(false);
    expect(validate({ name: 'x', horizon: 52 })).toBe(false);
    expect(validate({ name: 'x', teams: { delivery: { count: -2 } } })).toBe(false);
    expect(validate({ horizon: '52w' })).toBe(false);
  });
});
