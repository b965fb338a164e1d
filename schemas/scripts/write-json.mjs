// Writes the JSON Schema files consultants point `$schema` at (schemas/json/*.schema.json) from the
// compiled TypeScript sources, so the files and the validators can never disagree.
import { writeFileSync, mkdirSync } from 'node:fs';
import { DEFINITION_SCHEMAS, filterSchema } from '../dist/index.js';

const dir = new URL('../json/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [kind, schema] of Object.entries({ ...DEFINITION_SCHEMAS, filter: filterSchema })) {
  writeFileSync(new URL(`${kind}.schema.json`, dir), JSON.stringify(schema, null, 2) + '\n');
}
