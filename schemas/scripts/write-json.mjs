// Writes the JSON Schema files consultants point `$schema` at (schemas/json/<kind>.schema.json, one per kind
// of the table in src/kinds/index.ts, plus the filter) from the compiled sources, so the files and the
// validators can never disagree.
import { writeFileSync, mkdirSync } from 'node:fs';
import { definitionKinds, filterSchema } from '../dist/index.js';

const dir = new URL('../json/', import.meta.url);
mkdirSync(dir, { recursive: true });
const schemas = Object.fromEntries(definitionKinds().map((spec) => [spec.kind, spec.schema]));
for (const [kind, schema] of Object.entries({ ...schemas, filter: filterSchema })) {
  writeFileSync(new URL(`${kind}.schema.json`, dir), JSON.stringify(schema, null, 2) + '\n');
}
